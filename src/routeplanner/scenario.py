"""Reading trip requests (scenario YAML files) safely, with clear errors."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ._yaml import load_yaml
from .exceptions import Issue, Msg, Plural, RequestWarning, ScenarioError, clip, pydantic_issues
from .model import TripRequest

if TYPE_CHECKING:
    from .catalog import Catalog

__all__ = ["check_request", "load_scenario", "request_from_dict"]


def request_from_dict(data: Any, *, source: str = "scenario") -> TripRequest:
    """Validate a mapping as a :class:`TripRequest`.

    Raises
    ------
    ScenarioError
        Every invalid key, named by its path (e.g. ``lunch.duration_min``).
    """
    if not isinstance(data, dict):
        raise ScenarioError([Issue(source, None, None, Msg("err.scenario_not_mapping"))])
    body = data.get("trip", data) if isinstance(data.get("trip"), dict) else data
    try:
        request = TripRequest.model_validate(body)
    except ValidationError as err:
        issues = pydantic_issues(err.errors(), source)
        title = Msg(
            "err.scenario_title", {"file": clip(source), "n": Plural(len(issues), "problem")}
        )
        raise ScenarioError(issues, title=title) from err
    except RecursionError as err:
        raise ScenarioError([Issue(source, None, None, Msg("err.pyd.recursion_loop"))]) from err
    except (TypeError, ValueError, OverflowError) as err:  # a validator that could not compare
        message = Msg("err.invalid_values", {"detail": clip(err)})
        raise ScenarioError([Issue(source, None, None, message)]) from err
    return request


def load_scenario(path: Path | str) -> TripRequest:
    """Read a scenario YAML file into a :class:`TripRequest`.

    Parameters
    ----------
    path : path
        The YAML file: the request's keys at the top level (or under ``trip:``).

    Raises
    ------
    ScenarioError
        The file or a key is invalid; the message names the file and the key.
    """
    return request_from_dict(load_yaml(path), source=str(path))


def _unknown(key: str, pid: str, what: str, catalog: Catalog) -> Issue:
    hint = catalog.suggest(pid)
    closest = Msg("err.closest", {"ids": ", ".join(hint)}) if hint else ""
    message = Msg(f"err.not_{what}", {"key": key, "id": clip(pid, 80), "closest": closest})
    return Issue("", None, None, message, True)


def check_request(req: TripRequest, catalog: Catalog) -> None:
    """Check that every id of the request names a place of the catalog; warn about the parts
    of the request that can have no effect.

    Parameters
    ----------
    req : TripRequest
    catalog : Catalog

    Raises
    ------
    ScenarioError
        Every id that names nothing (start, end, lodging, must-visit, excluded and candidate
        sites, visit lengths, nights), with the closest known ids; such an error exits with 4
        on the command line. Also an extra place whose id is already a catalog id, and a base
        stay without a lodging.

    Warns
    -----
    RequestWarning
        A lunch window that lies outside the day (the plan then has no lunch break); a town
        in ``lodging_towns`` without any lodging (it is ignored).
    """
    problems: list[Issue] = []
    site_ids = set(catalog.sites) | {e.id for e in req.extra_places}
    if req.events is not None:  # events are sites when the request takes them in
        site_ids |= set(catalog.events)
    for key in ("start", "end", "lodging"):
        pid = getattr(req, key)
        if pid is not None and pid not in catalog.lodgings and pid not in catalog.hubs:
            problems.append(_unknown(key, pid, "lodging_or_hub", catalog))
    for key in ("must_visit", "exclude"):
        problems += [
            _unknown(key, sid, "site", catalog) for sid in getattr(req, key) if sid not in site_ids
        ]
    for key, ids in (("candidates", req.candidates or ()), ("visit_minutes", req.visit_minutes)):
        problems += [_unknown(key, sid, "site", catalog) for sid in ids if sid not in site_ids]
    problems += [
        _unknown(f"nights[{k}]", night, "lodging", catalog)
        for k, night in enumerate(req.nights or ())
        if night not in catalog.lodgings
    ]
    problems += [
        Issue("", None, None, Msg("err.extra_place_taken", {"id": e.id}))
        for e in req.extra_places
        if e.id in catalog.sites or e.id in catalog.lodgings or e.id in catalog.hubs
    ]
    base = req.lodging or req.start
    if req.overnight == "base" and req.days > 1 and base not in catalog.lodgings:
        problems.append(Issue("", None, None, Msg("err.base_needs_lodging")))
    if problems:
        raise ScenarioError(problems, title=Msg("err.unknown_places_title"))
    _warn_without_effect(req, catalog)


def _warn_without_effect(req: TripRequest, catalog: Catalog) -> None:
    lunch = req.lunch
    if lunch is not None and lunch.duration_min > 0:
        day = dt.date(2000, 1, 1)
        end = dt.datetime.combine(day, req.day_end) - dt.timedelta(minutes=lunch.duration_min)
        if lunch.latest < req.day_start or dt.datetime.combine(day, lunch.earliest) > end:
            params = {
                "lo": f"{lunch.earliest:%H:%M}",
                "hi": f"{lunch.latest:%H:%M}",
                "minutes": lunch.duration_min,
                "start": f"{req.day_start:%H:%M}",
                "end": f"{req.day_end:%H:%M}",
            }
            warnings.warn(RequestWarning(Msg("err.lunch_outside", params)), stacklevel=3)
    if req.lodging_towns is not None:
        towns = sorted({lodge.town for lodge in catalog.lodgings.values()})
        for town in req.lodging_towns:
            if town not in towns:
                params = {"town": clip(town, 80), "towns": ", ".join(towns)}
                warnings.warn(RequestWarning(Msg("err.no_lodging_town", params)), stacklevel=3)

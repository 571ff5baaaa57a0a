"""An independent checker for a season folder: re-reads the files and recounts capacity.

:func:`check_season` shares no code with the season planner's bookkeeping. It reads
``season.json`` and every departure's ``departures/<id>/itinerary.json``, counts the groups
each site receives per day, ISO week and tour time, and compares them with the catalog's
``capacity.csv``. It also checks that ``season.csv`` and ``site_load.csv`` say what the plans
say, and (unless told not to) re-checks every plan with :func:`routeplanner.check.check_itinerary`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from .catalog import Catalog
from .exceptions import Issue, ItineraryError, Msg, Plural, RouteplannerError, describe
from .result import Itinerary
from .spreadsheet import FORMULA_START

__all__ = ["check_season"]


def _undefuse(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 1 and v[0] == "'" and v[1] in FORMULA_START:
        return v[1:]
    return v


#: A violation: a message in either language, or a checker's violation (``text(lang)``).
_Problem = Msg | Any


def _read_csv(path: Path, problems: list[_Problem]) -> pd.DataFrame | None:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as err:
        problems.append(Msg("err.sc.unreadable", {"file": path.name, "detail": err}))
        return None
    return frame.map(_undefuse)


def _read_manifest(out: Path) -> dict[str, Any]:
    path = out / "season.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        message = Msg("err.cannot_read", {"why": err})
        raise ItineraryError([Issue(str(path), None, None, message)]) from err
    if not isinstance(data, dict) or not isinstance(data.get("departures"), list):
        raise ItineraryError([Issue(str(path), None, "departures", Msg("err.json.list"))])
    return data


def check_season(
    out: Path | str,
    catalog: Catalog,
    network: Any = None,
    *,
    plans: bool = True,
    lang: str = "en",
) -> list[str]:
    """Check a season folder written by ``routeplanner season``.

    Parameters
    ----------
    out : path
        The season folder.
    catalog : Catalog
        The catalog whose ``capacity`` the season must respect.
    network : Network, optional
        With ``plans``, every departure's plan is re-checked against it too.
    plans : bool
        Re-check every plan with :func:`routeplanner.check.check_itinerary`.
    lang : {"en", "ru"}
        The language of the violations.

    Returns
    -------
    list of str
        Every violation found (empty when the season is clean), in ``lang``.

    Raises
    ------
    ItineraryError
        ``season.json`` or a plan cannot be read.
    """
    from .check import check_itinerary

    out = Path(out)
    manifest = _read_manifest(out)
    problems: list[_Problem] = []
    visits: list[tuple[str, int, str, dt.datetime]] = []  # departure, heads, site, start
    stop_rows: set[tuple[str, str, str]] = set()
    for dep in manifest["departures"]:
        dep_id = str(dep.get("id"))
        path = out / str(dep.get("folder", f"departures/{dep_id}")) / "itinerary.json"
        if not dep.get("feasible"):
            continue
        if not path.resolve().is_relative_to(out.resolve()):
            problems.append(Msg("err.sc.outside", {"id": dep_id}))
            continue
        try:
            it = Itinerary.read(path)
        except RouteplannerError as err:
            problems.append(Msg("err.sc.dep", {"id": dep_id, "what": _Described(err)}))
            continue
        if not it.feasible:
            problems.append(Msg("err.sc.feasible", {"id": dep_id}))
            continue
        req = it.scenario
        if req.start_date.isoformat() != dep.get("start_date"):
            params = {"id": dep_id, "plan": req.start_date, "listed": dep.get("start_date")}
            problems.append(Msg("err.sc.start", params))
        if req.group_size != dep.get("group_size"):
            params = {"id": dep_id, "plan": req.group_size, "listed": dep.get("group_size")}
            problems.append(Msg("err.sc.group", params))
        if plans and network is not None:
            for v in check_itinerary(it, catalog, network):
                problems.append(Msg("err.sc.dep", {"id": dep_id, "what": _Described(v)}))
        for s in it.stops:
            visits.append((dep_id, req.group_size, s.site_id, s.start))
            stop_rows.add((dep_id, s.site_id, s.start.strftime("%Y-%m-%dT%H:%M")))
    problems += _capacity(visits, catalog)
    problems += _season_csv(out, stop_rows)
    problems += _site_load(out, visits, catalog)
    return [p.render(lang) for p in problems]


class _Described:
    """An error or a checker's violation as a message parameter, in the message's language."""

    def __init__(self, what: Any) -> None:
        self.what = what

    def render(self, lang: str) -> str:
        if isinstance(self.what, BaseException):
            return describe(self.what, lang)
        return str(self.what.text(lang))


def _capacity(visits: list[tuple[str, int, str, dt.datetime]], catalog: Catalog) -> list[Msg]:
    day: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    week: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    slot: dict[tuple[str, dt.date, dt.time], list[str]] = defaultdict(list)
    for dep, _heads, sid, start in visits:
        site = catalog.sites.get(sid)
        day[sid, start.date()].append(dep)
        y, w, _ = start.date().isocalendar()
        week[sid, y, w].append(dep)
        if site is not None and site.slots:
            slot[sid, start.date(), start.time()].append(dep)
    out = []

    def over(key: str, sid: str, when: str, deps: list[str], cap: int) -> Msg:
        n = Plural(len(deps), "group")
        return Msg(key, {"id": sid, "when": when, "n": n, "deps": ", ".join(deps), "cap": cap})

    for (sid, d), deps in sorted(day.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_day is not None and len(deps) > cap.groups_per_day:
            out.append(over("err.sc.day", sid, d.isoformat(), deps, cap.groups_per_day))
    for (sid, y, w), deps in sorted(week.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_week is not None and len(deps) > cap.groups_per_week:
            out.append(over("err.sc.week", sid, f"{y}-W{w:02d}", deps, cap.groups_per_week))
    for (sid, d, tm), deps in sorted(slot.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_slot is not None and len(deps) > cap.groups_per_slot:
            when = f"{d.isoformat()} {tm:%H:%M}"
            out.append(over("err.sc.slot", sid, when, deps, cap.groups_per_slot))
    return out


def _season_csv(out: Path, stop_rows: set[tuple[str, str, str]]) -> list[_Problem]:
    problems: list[_Problem] = []
    frame = _read_csv(out / "season.csv", problems)
    if frame is None:
        return problems
    need = {"departure", "site_id", "start"}
    if not need <= set(frame.columns):
        missing = ", ".join(sorted(need - set(frame.columns)))
        return [Msg("err.sc.columns", {"file": "season.csv", "columns": missing})]
    listed = set(zip(frame["departure"], frame["site_id"], frame["start"], strict=True))
    for dep, sid, start in sorted(listed - stop_rows):
        problems.append(Msg("err.sc.extra", {"id": sid, "start": start, "dep": dep}))
    for dep, sid, start in sorted(stop_rows - listed):
        problems.append(Msg("err.sc.misses", {"id": sid, "start": start, "dep": dep}))
    return problems


def _site_load(
    out: Path, visits: list[tuple[str, int, str, dt.datetime]], catalog: Catalog
) -> list[_Problem]:
    problems: list[_Problem] = []
    frame = _read_csv(out / "site_load.csv", problems)
    if frame is None:
        return problems
    need = {"site_id", "date", "slot", "groups", "headcount"}
    if not need <= set(frame.columns):
        missing = ", ".join(sorted(need - set(frame.columns)))
        return [Msg("err.sc.columns", {"file": "site_load.csv", "columns": missing})]
    counted: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _dep, heads, sid, start in visits:
        site = catalog.sites.get(sid)
        key = (
            sid,
            start.date().isoformat(),
            start.strftime("%H:%M") if site and site.slots else "",
        )
        counted[key][0] += 1
        counted[key][1] += heads
    listed = {
        (r.site_id, r.date, r.slot): [int(r.groups), int(r.headcount)]
        for r in frame.itertuples(index=False)
    }
    for key in sorted(set(listed) | set(counted)):
        if listed.get(key) != counted.get(key):
            params = {
                "id": key[0],
                "when": f"{key[1]} {key[2]}".strip(),
                "listed": listed.get(key, [0, 0]),
                "counted": counted.get(key, [0, 0]),
            }
            problems.append(Msg("err.sc.load", params))
    return problems

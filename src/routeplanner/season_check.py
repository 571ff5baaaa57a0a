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
from .exceptions import Issue, ItineraryError, RouteplannerError
from .result import Itinerary
from .spreadsheet import FORMULA_START

__all__ = ["check_season"]


def _undefuse(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 1 and v[0] == "'" and v[1] in FORMULA_START:
        return v[1:]
    return v


def _read_csv(path: Path, problems: list[str]) -> pd.DataFrame | None:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as err:
        problems.append(f"{path.name}: cannot be read ({err})")
        return None
    return frame.map(_undefuse)


def _read_manifest(out: Path) -> dict[str, Any]:
    path = out / "season.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ItineraryError([Issue(str(path), None, None, f"cannot be read: {err}")]) from err
    if not isinstance(data, dict) or not isinstance(data.get("departures"), list):
        raise ItineraryError([Issue(str(path), None, "departures", "a list is required")])
    return data


def check_season(
    out: Path | str,
    catalog: Catalog,
    network: Any = None,
    *,
    plans: bool = True,
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

    Returns
    -------
    list of str
        Every violation found (empty when the season is clean).

    Raises
    ------
    ItineraryError
        ``season.json`` or a plan cannot be read.
    """
    from .check import check_itinerary

    out = Path(out)
    manifest = _read_manifest(out)
    problems: list[str] = []
    visits: list[tuple[str, int, str, dt.datetime]] = []  # departure, heads, site, start
    stop_rows: set[tuple[str, str, str]] = set()
    for dep in manifest["departures"]:
        dep_id = str(dep.get("id"))
        path = out / str(dep.get("folder", f"departures/{dep_id}")) / "itinerary.json"
        if not dep.get("feasible"):
            continue
        if not path.resolve().is_relative_to(out.resolve()):
            problems.append(f"{dep_id}: its folder lies outside the season folder")
            continue
        try:
            it = Itinerary.read(path)
        except RouteplannerError as err:
            problems.append(f"{dep_id}: {err}")
            continue
        if not it.feasible:
            problems.append(f"{dep_id}: season.json says feasible, its itinerary.json does not")
            continue
        req = it.scenario
        if req.start_date.isoformat() != dep.get("start_date"):
            problems.append(
                f"{dep_id}: the plan starts on {req.start_date}, season.json says "
                f"{dep.get('start_date')}"
            )
        if req.group_size != dep.get("group_size"):
            problems.append(
                f"{dep_id}: the plan is for {req.group_size} people, season.json says "
                f"{dep.get('group_size')}"
            )
        if plans and network is not None:
            for v in check_itinerary(it, catalog, network):
                problems.append(f"{dep_id}: {v}")
        for s in it.stops:
            visits.append((dep_id, req.group_size, s.site_id, s.start))
            stop_rows.add((dep_id, s.site_id, s.start.strftime("%Y-%m-%dT%H:%M")))
    problems += _capacity(visits, catalog)
    problems += _season_csv(out, stop_rows)
    problems += _site_load(out, visits, catalog)
    return problems


def _capacity(visits: list[tuple[str, int, str, dt.datetime]], catalog: Catalog) -> list[str]:
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
    for (sid, d), deps in sorted(day.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_day is not None and len(deps) > cap.groups_per_day:
            out.append(
                f"{sid} on {d}: {len(deps)} groups ({', '.join(deps)}), capacity "
                f"{cap.groups_per_day} a day"
            )
    for (sid, y, w), deps in sorted(week.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_week is not None and len(deps) > cap.groups_per_week:
            out.append(
                f"{sid} in week {y}-W{w:02d}: {len(deps)} groups ({', '.join(deps)}), capacity "
                f"{cap.groups_per_week} a week"
            )
    for (sid, d, tm), deps in sorted(slot.items()):
        cap = catalog.capacity.get(sid)
        if cap is not None and cap.groups_per_slot is not None and len(deps) > cap.groups_per_slot:
            out.append(
                f"{sid} on {d} at {tm:%H:%M}: {len(deps)} groups ({', '.join(deps)}), capacity "
                f"{cap.groups_per_slot} per tour time"
            )
    return out


def _season_csv(out: Path, stop_rows: set[tuple[str, str, str]]) -> list[str]:
    problems: list[str] = []
    frame = _read_csv(out / "season.csv", problems)
    if frame is None:
        return problems
    need = {"departure", "site_id", "start"}
    if not need <= set(frame.columns):
        return [f"season.csv: columns {', '.join(sorted(need - set(frame.columns)))} missing"]
    listed = set(zip(frame["departure"], frame["site_id"], frame["start"], strict=True))
    for dep, sid, start in sorted(listed - stop_rows):
        problems.append(f"season.csv lists {sid} at {start} for {dep}: no plan has it")
    for dep, sid, start in sorted(stop_rows - listed):
        problems.append(f"season.csv misses {sid} at {start} of {dep}")
    return problems


def _site_load(
    out: Path, visits: list[tuple[str, int, str, dt.datetime]], catalog: Catalog
) -> list[str]:
    problems: list[str] = []
    frame = _read_csv(out / "site_load.csv", problems)
    if frame is None:
        return problems
    need = {"site_id", "date", "slot", "groups", "headcount"}
    if not need <= set(frame.columns):
        return [f"site_load.csv: columns {', '.join(sorted(need - set(frame.columns)))} missing"]
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
            problems.append(
                f"site_load.csv: {key[0]} on {key[1]} {key[2]}: says groups/headcount "
                f"{listed.get(key, [0, 0])}, the plans give {counted.get(key, [0, 0])}"
            )
    return problems

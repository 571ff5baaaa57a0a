"""Site capacity: how many groups a site receives per day, per week and per excursion slot.

The catalog's ``capacity.csv`` holds one row per site whose intake is limited (the enterprises:
guides, safety briefings and shop staff are fixed). A site without a row has no known limit
and is not limited by the season planner. Every value is either sourced (``source_url``) or
listed in the row's ``defaults`` column as a planning default, like every fact of the catalog.

Capacity is counted in groups (departures): a departure visits a site at most once, so one
visit is one group. Weeks are ISO weeks (Monday to Sunday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ._csv import Column, bounded_int, parse_slug, read_table
from .exceptions import Issue, Msg

__all__ = [
    "CAPACITY_FIELDS",
    "SiteCapacity",
    "iso_week",
    "load_capacity",
]

#: The capacity columns, in the order of the file.
CAPACITY_FIELDS = ("groups_per_day", "groups_per_week", "groups_per_slot")


def iso_week(day: dt.date) -> tuple[int, int]:
    """``(ISO year, ISO week)`` of ``day``: the key of weekly capacity."""
    year, week, _ = day.isocalendar()
    return year, week


@dataclass(frozen=True, slots=True)
class SiteCapacity:
    """How many groups a site receives.

    Attributes
    ----------
    site_id : str
    groups_per_day, groups_per_week, groups_per_slot : int or None
        Largest number of groups (departures) per calendar day, per ISO week and per
        excursion slot (start time); ``None`` for no limit. ``groups_per_slot`` only applies
        to sites with fixed excursion ``slots``.
    defaults : frozenset of str
        The fields that are planning defaults rather than sourced facts.
    source_url : str
        Where the sourced values come from ('' when every value is a default).
    notes : str
        The basis of the defaults, or what the source says.
    """

    site_id: str
    groups_per_day: int | None = None
    groups_per_week: int | None = None
    groups_per_slot: int | None = None
    defaults: frozenset[str] = field(default_factory=frozenset)
    source_url: str = ""
    notes: str = ""

    def limit(self, kind: str) -> int | None:
        """The limit for ``kind`` (``"day"``, ``"week"`` or ``"slot"``)."""
        return {
            "day": self.groups_per_day,
            "week": self.groups_per_week,
            "slot": self.groups_per_slot,
        }[kind]

    def is_default(self, kind: str) -> bool:
        """True when the ``kind`` limit is a planning default."""
        return f"groups_per_{kind}" in self.defaults

    def never_open(self, has_slots: bool) -> bool:
        """True when a limit of 0 closes the site to every group."""
        return (
            self.groups_per_day == 0
            or self.groups_per_week == 0
            or (has_slots and self.groups_per_slot == 0)
        )


def _defaults(text: str) -> frozenset[str]:
    return frozenset(t.strip() for t in text.split(";") if t.strip())


_COUNT = bounded_int(0, 1000, Msg("err.what.groups"))
_COLUMNS = [
    Column("site_id", parse_slug),
    Column("groups_per_day", _COUNT, required=False),
    Column("groups_per_week", _COUNT, required=False),
    Column("groups_per_slot", _COUNT, required=False),
    Column("defaults", _defaults, required=False, default=frozenset()),
    Column("source_url", required=False, default=""),
    Column("notes", required=False, default=""),
]


def load_capacity(
    path: Path,
    site_slots: Mapping[str, int],
    issues: list[Issue],
    *,
    missing_ok: bool = True,
    known_missing: Iterable[str] = (),
    unknown_ok: bool = False,
) -> dict[str, SiteCapacity]:
    """Read ``capacity.csv``; append every problem to ``issues``.

    Parameters
    ----------
    path : pathlib.Path
        The capacity file.
    site_slots : mapping
        Site id -> number of excursion slots of every site of the catalog (0 for none).
    issues : list of Issue
        Problems are appended here (each names the file, row and field).
    missing_ok : bool
        A missing file means no capacity limits (a data folder from before capacities).
    known_missing : iterable of str
        Site ids already reported elsewhere (no follow-on error for their rows).
    unknown_ok : bool
        Skip rows naming sites the catalog does not have (a replacement site file).

    Returns
    -------
    dict
        Site id -> :class:`SiteCapacity`.
    """
    if missing_ok and not path.exists():
        return {}
    table = read_table(path, _COLUMNS, issues)
    skip = set(known_missing)
    out: dict[str, SiteCapacity] = {}
    for line, row in table.rows:
        sid = row["site_id"]
        problems: list[tuple[str, Msg]] = []
        if sid not in site_slots:
            if sid in skip or unknown_ok:
                continue
            problems.append(("site_id", Msg("err.cat.no_site", {"id": sid})))
        elif sid in out:
            problems.append(("site_id", Msg("err.cap.twice", {"id": sid})))
        given = [f for f in CAPACITY_FIELDS if row[f] is not None]
        if not given:
            problems.append(
                ("groups_per_day", Msg("err.cap.give_one", {"fields": ", ".join(CAPACITY_FIELDS)}))
            )
        for f in row["defaults"]:
            if f not in CAPACITY_FIELDS:
                problems.append(("defaults", Msg("err.cap.not_column", {"name": f})))
        unsourced = [f for f in given if f not in row["defaults"]]
        if unsourced and not row["source_url"]:
            problems.append(
                (
                    "source_url",
                    Msg("err.cap.unsourced", {"fields": ", ".join(unsourced)}),
                )
            )
        if row["groups_per_slot"] is not None and site_slots.get(sid, 1) == 0:
            problems.append(("groups_per_slot", Msg("err.cap.no_slots")))
        day, week = row["groups_per_day"], row["groups_per_week"]
        if day is not None and week is not None and week < day:
            problems.append(("groups_per_week", Msg("err.cap.week", {"week": week, "day": day})))
        if problems:
            issues.extend(Issue(table.path, line, f, msg) for f, msg in problems)
            continue
        out[sid] = SiteCapacity(**row)
    return out

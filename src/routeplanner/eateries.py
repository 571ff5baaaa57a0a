"""Where a group can have lunch: the optional ``data/eateries.csv``.

The planner schedules lunch at a place, never inside a drive (:mod:`routeplanner._schedule`):
on arrival at a stop, or at the place being left. Whether food is served there is a fact that
needs a source, so it lives in its own small table, one row per eatery:

* ``id``, ``name_ru``, ``name_en`` — the eatery;
* ``town`` — its town, as spelled in the catalog's ``town`` column;
* ``at_place`` — optional: the catalog site, lodging or hub it belongs to (a hotel's restaurant,
  a museum's café); lunch taken at that place is taken there;
* ``source_url``, ``checked_on`` (YYYY-MM-DD) — where the fact comes from and when it was seen.

:func:`lunch_venue` picks, for the place of a lunch, the eatery at that place, else one in the
same town (a free-standing one first), else none: the programme then says «сухой паёк» (a packed
lunch) at that place. The table ships empty until sourced rows are added; no eatery is ever
assumed. The distance within a town to its café is not timed (a planning simplification).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ._csv import Column, parse_slug, read_table
from .exceptions import Invalid, Issue, Msg, clip

__all__ = ["Eatery", "lunch_venue", "read_eateries"]


@dataclass(frozen=True)
class Eatery:
    """A place that serves lunch, with its source."""

    id: str
    name_ru: str
    name_en: str
    town: str
    at_place: str
    source_url: str
    checked_on: dt.date

    def name(self, lang: str = "ru") -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ru


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise Invalid("err.date", value=clip(text, 80)) from err


def _url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise Invalid("err.url", value=clip(text, 80))
    return text


_COLUMNS = [
    Column("id", parse_slug),
    Column("name_ru"),
    Column("name_en"),
    Column("town"),
    Column("at_place", required=False, default=""),
    Column("source_url", _url),
    Column("checked_on", _date),
]


def read_eateries(
    path: Path, known_places: Iterable[str], issues: list[Issue]
) -> dict[str, Eatery]:
    """Read ``eateries.csv``; every problem (bad date or address, unknown ``at_place``, a
    duplicated id) goes to ``issues`` naming the file, row and field."""
    known = set(known_places)
    table = read_table(path, _COLUMNS, issues)
    out: dict[str, Eatery] = {}
    for line, r in table.rows:
        if r["at_place"] and r["at_place"] not in known:
            message = Msg("err.ea.no_place", {"id": r["at_place"]})
            issues.append(Issue(table.path, line, "at_place", message))
            continue
        if r["id"] in out:
            issues.append(Issue(table.path, line, "id", Msg("err.cat.dupe", {"id": r["id"]})))
            continue
        out[r["id"]] = Eatery(**{c.name: r[c.name] for c in _COLUMNS})
    return out


def lunch_venue(place_id: str, town: str, eateries: Mapping[str, Eatery]) -> Eatery | None:
    """The eatery for a lunch at ``place_id`` (in ``town``): the one at that place, else one in
    the same town (a free-standing one first, as one inside a site may need its ticket; then
    by id), else ``None`` (a packed lunch)."""
    at = sorted((e for e in eateries.values() if e.at_place == place_id), key=lambda e: e.id)
    if at:
        return at[0]
    near = sorted(
        (e for e in eateries.values() if town and e.town == town),
        key=lambda e: (e.at_place != "", e.id),
    )
    return near[0] if near else None

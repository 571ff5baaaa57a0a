"""Reading and validating the catalog in ``data/``: sites, checklists, scoring, lodgings, hubs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from ._csv import (
    Column,
    bounded_float,
    bounded_int,
    choice,
    parse_bool,
    parse_hhmm,
    parse_slug,
    read_table,
)
from ._yaml import load_yaml
from .assessments import Assessment, read_assessments
from .calendar import hours_error, parse_hours
from .capacity import SiteCapacity, load_capacity
from .eateries import Eatery, read_eateries
from .events import Event, event_sites, read_events
from .exceptions import (
    CatalogError,
    Invalid,
    Issue,
    Msg,
    Plural,
    ScenarioError,
    UnknownPlaceError,
    clip,
)
from .model import (
    CHECKLIST_CATEGORIES,
    OUTDOOR_CATEGORIES,
    Category,
    CoordPrecision,
    HolidayPolicy,
    Hub,
    Lodging,
    Site,
    TripRequest,
)
from .settings import default_data_dir
from .stories import Story, read_stories

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LAT_RANGE",
    "LON_RANGE",
    "Catalog",
    "ChecklistItem",
    "Scoring",
    "load_catalog",
    "load_scoring",
]

#: Bounding box of Irkutsk oblast and its neighbours (degrees); coordinates outside are errors.
LAT_RANGE = (50.0, 62.5)
LON_RANGE = (95.0, 120.0)

_HUB_KINDS = ("airport", "rail", "pier", "bus")
_CRITERIA_DEFAULT = (
    "safety",
    "content",
    "route",
    "visual",
    "interactivity",
    "availability",
    "audience",
    "infrastructure",
    "guide",
)


def _enum(kind: type) -> Any:
    values = [e.value for e in kind]  # type: ignore[attr-defined]

    def parse(text: str) -> Any:
        try:
            return kind(text.strip().lower())
        except ValueError:
            raise Invalid("err.csv.choice", value=clip(text, 80), known=", ".join(values)) from None

    return parse


_REGION = Msg("err.cat.region")
_lat = bounded_float(*LAT_RANGE, Msg("err.what.lat"), _REGION)
_lon = bounded_float(*LON_RANGE, Msg("err.what.lon"), _REGION)


def _hours(text: str) -> str:
    err = hours_error(text)
    if err:
        raise Invalid(err)
    return text


def _slots(text: str) -> tuple[dt.time, ...]:
    times = tuple(sorted(parse_hhmm(t) for t in text.split(";") if t.strip()))
    if len(set(times)) != len(times):
        raise Invalid("err.cat.slot_twice")
    return times


def _source_date(text: str) -> str:
    """A source's date as precise as the source says: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    text = text.strip()
    parts = text.split("-")
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(text)
        elif len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            dt.date(int(parts[0]), int(parts[1]), 1)
        elif not (len(text) == 4 and text.isdigit()):
            raise ValueError
    except ValueError:
        raise Invalid("err.cat.source_date", value=clip(text, 80)) from None
    if not 1900 <= int(parts[0]) <= dt.date.today().year + 1:
        raise Invalid("err.cat.source_year", value=clip(text, 80))
    return text


def _defaults(text: str) -> frozenset[str]:
    return frozenset(t.strip() for t in text.split(";") if t.strip())


_PLACE_COLUMNS = [
    Column("id", parse_slug),
    Column("name_ru"),
    Column("name_en"),
    Column("town"),
    Column("lat", _lat),
    Column("lon", _lon),
    Column("coord_precision", _enum(CoordPrecision)),
    Column("network_node", parse_slug, required=False),
    Column("source_url"),
    Column("notes", required=False, default=""),
]

_SITE_COLUMNS = [
    *_PLACE_COLUMNS,
    Column("category", _enum(Category)),
    Column("visit_min", bounded_int(1, 24 * 60, Msg("err.what.visit_min"))),
    Column("opening_hours", _hours),
    Column("public_holidays", _enum(HolidayPolicy)),
    Column("booking_days", bounded_int(0, 365, Msg("err.what.booking_days"))),
    Column("max_group", bounded_int(1, 10_000, Msg("err.what.max_group")), required=False),
    Column("min_age", bounded_int(0, 100, Msg("err.what.min_age")), required=False, default=0),
    Column("id_required", parse_bool, required=False, default=False),
    Column("slots", _slots, required=False, default=()),
    Column(
        "price_rub", bounded_int(0, 1_000_000, Msg("err.what.price")), required=False, default=0
    ),
    Column("base_score", bounded_float(0, 10, Msg("err.what.score"))),
    Column("defaults", _defaults, required=False, default=frozenset()),
    Column("description_ru", required=False, default=""),
    Column("description_en", required=False, default=""),
    Column("source_date", _source_date, required=False, default="", in_header=False),
]

_LODGING_COLUMNS = [
    *_PLACE_COLUMNS,
    Column("price_rub", bounded_int(0, 1_000_000, Msg("err.what.price_night"))),
    Column("check_in", parse_hhmm, required=False, default=dt.time(14, 0)),
    Column("check_out", parse_hhmm, required=False, default=dt.time(12, 0)),
    Column("defaults", _defaults, required=False, default=frozenset()),
    Column(
        "price_year",
        bounded_int(1990, 2100, Msg("err.what.price_year")),
        required=False,
        in_header=False,
    ),
]

_HUB_COLUMNS = [*_PLACE_COLUMNS, Column("kind", choice(_HUB_KINDS))]


@dataclass(frozen=True)
class ChecklistItem:
    """One criterion of an expert checklist for a site (``score`` 0..5 or ``None``)."""

    site_id: str
    criterion: str
    score: int | None
    evidence: str
    source_url: str
    note: str


@dataclass(frozen=True)
class Scoring:
    """How checklists become attractiveness scores (``data/scoring.yaml``).

    ``checklist_score = 10 * sum(w_i * s_i / 5) / sum(w_i)``, an unknown ``s_i`` taking
    ``unknown_prior``; ``coverage = sum(w_i, known) / sum(w_i)``.
    """

    weights: Mapping[str, float]
    labels_ru: Mapping[str, str]
    labels_en: Mapping[str, str]
    unknown_prior: float | None = 2.5
    category_weights: Mapping[str, float] = field(default_factory=dict)
    #: readiness (``readiness:`` in the file): a criterion is met at this score or above ...
    met_at: int = 3
    #: ... and an enterprise is ready to receive groups when all of these are met
    essential: tuple[str, ...] = ()
    #: what the ``met_at`` level asks of each criterion (the checklist's middle anchor)
    targets_ru: Mapping[str, str] = field(default_factory=dict)
    targets_en: Mapping[str, str] = field(default_factory=dict)

    def score(self, items: Iterable[ChecklistItem], base_score: float) -> tuple[float, float]:
        """Return ``(score_0_10, coverage_0_1)`` of a site's checklist.

        An unknown criterion takes ``unknown_prior`` (0..5), or ``base_score / 2`` when the
        prior is ``None`` (``unknown_prior: base_score`` in the file).
        """
        prior = base_score / 2 if self.unknown_prior is None else self.unknown_prior
        by = {i.criterion: i.score for i in items}
        total = sum(self.weights.values())
        got = 0.0
        known = 0.0
        for crit, w in self.weights.items():
            s = by.get(crit)
            if s is None:
                got += w * prior / 5
            else:
                got += w * s / 5
                known += w
        return round(10 * got / total, 3), round(known / total, 3)


def load_scoring(path: Path) -> Scoring:
    """Read ``scoring.yaml``.

    Raises
    ------
    CatalogError
        The file is missing, not YAML, or a weight is not a non-negative number.
    """
    name = str(path)
    try:
        raw = load_yaml(path)
    except ScenarioError as err:
        raise CatalogError(err.issues) from err
    issues: list[Issue] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("criteria"), dict):
        raise CatalogError([Issue(name, None, "criteria", Msg("err.cat.criteria"))])
    weights: dict[str, float] = {}
    labels_ru: dict[str, str] = {}
    labels_en: dict[str, str] = {}
    targets_ru: dict[str, str] = {}
    targets_en: dict[str, str] = {}
    for crit, spec in raw["criteria"].items():
        w = spec.get("weight") if isinstance(spec, dict) else spec
        if isinstance(w, bool) or not isinstance(w, int | float) or not 0 <= w < 1e6:
            issues.append(Issue(name, None, f"criteria.{crit}.weight", Msg("err.cat.weight")))
            continue
        weights[str(crit)] = float(w)
        if isinstance(spec, dict):
            labels_ru[str(crit)] = str(spec.get("label_ru", crit))
            labels_en[str(crit)] = str(spec.get("label_en", crit))
            targets_ru[str(crit)] = str(spec.get("target_ru", ""))
            targets_en[str(crit)] = str(spec.get("target_en", ""))
    if weights and sum(weights.values()) <= 0:
        issues.append(Issue(name, None, "criteria", Msg("err.cat.weights_zero")))
    prior = raw.get("unknown_prior", 2.5)
    if prior == "base_score":
        prior = None
    elif isinstance(prior, bool) or not isinstance(prior, int | float) or not 0 <= prior <= 5:
        issues.append(Issue(name, None, "unknown_prior", Msg("err.cat.prior")))
        prior = 2.5
    cats = raw.get("category_weights", {}) or {}
    cat_weights: dict[str, float] = {}
    for k, v in cats.items() if isinstance(cats, dict) else []:
        if k not in Category.__members__.values() and k not in [c.value for c in Category]:
            issues.append(Issue(name, None, f"category_weights.{k}", Msg("err.cat.category")))
        elif isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 100:
            issues.append(Issue(name, None, f"category_weights.{k}", Msg("err.cat.weight_100")))
        else:
            cat_weights[str(k)] = float(v)
    ready = raw.get("readiness") or {}
    met_at = ready.get("met_at", 3) if isinstance(ready, dict) else 3
    if isinstance(met_at, bool) or not isinstance(met_at, int) or not 0 <= met_at <= 5:
        issues.append(Issue(name, None, "readiness.met_at", Msg("err.cat.met_at")))
        met_at = 3
    essential = ready.get("essential", []) if isinstance(ready, dict) else []
    if not isinstance(essential, list) or any(c not in weights for c in essential):
        issues.append(Issue(name, None, "readiness.essential", Msg("err.cat.essential")))
        essential = []
    if issues:
        raise CatalogError(issues)
    return Scoring(
        met_at=met_at,
        essential=tuple(essential),
        targets_ru=MappingProxyType(targets_ru),
        targets_en=MappingProxyType(targets_en),
        weights=MappingProxyType(weights),
        labels_ru=MappingProxyType(labels_ru),
        labels_en=MappingProxyType(labels_en),
        unknown_prior=None if prior is None else float(prior),
        category_weights=MappingProxyType(cat_weights),
    )


@dataclass(frozen=True)
class Catalog:
    """The places users plan with: sites, lodgings and transport hubs.

    Build it with :func:`load_catalog`. Look a place up with :meth:`place`.
    ``outdoor_sources`` maps a site listed in ``outdoor.csv`` to the source of its
    indoor/outdoor flag (other sites take it from their category); ``contacts`` maps a site to
    how to book it (a website or phone, from ``contacts.csv``), where known.
    """

    sites: Mapping[str, Site]
    lodgings: Mapping[str, Lodging]
    hubs: Mapping[str, Hub]
    checklists: Mapping[str, tuple[ChecklistItem, ...]]
    scoring: Scoring
    source: str = ""
    #: Site id -> groups per day/week/slot (``capacity.csv``); sites not in it have no limit.
    capacity: Mapping[str, SiteCapacity] = field(default_factory=lambda: MappingProxyType({}))
    #: dated events (``events.csv``); a request that asks for events sees those on its dates
    events: Mapping[str, Event] = field(default_factory=dict)
    #: where lunch is served (``eateries.csv``, optional; see :mod:`routeplanner.eateries`)
    eateries: Mapping[str, Eatery] = field(default_factory=dict)
    #: story material per site or event id (``stories.csv``)
    stories: Mapping[str, tuple[Story, ...]] = field(default_factory=dict)
    #: readiness assessments per enterprise, oldest first (``assessments.csv``)
    assessments: Mapping[str, tuple[Assessment, ...]] = field(default_factory=dict)

    outdoor_sources: Mapping[str, str] = field(default_factory=dict)
    contacts: Mapping[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Site | Lodging | Hub]:
        yield from self.sites.values()
        yield from self.lodgings.values()
        yield from self.hubs.values()

    def __len__(self) -> int:
        return len(self.sites) + len(self.lodgings) + len(self.hubs)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.sites or place_id in self.lodgings or place_id in self.hubs

    @property
    def ids(self) -> list[str]:
        """Every place id."""
        return [*self.sites, *self.lodgings, *self.hubs]

    def place(self, place_id: str) -> Site | Lodging | Hub:
        """Return the place with ``place_id``.

        Raises
        ------
        UnknownPlaceError
            No such id; the error lists the closest ids.
        """
        for table in (self.sites, self.lodgings, self.hubs):
            if place_id in table:
                return table[place_id]
        raise UnknownPlaceError(place_id, self.suggest(place_id))

    def site_or_error(self, site_id: str) -> Site:
        """Return the site with ``site_id``.

        Raises
        ------
        UnknownPlaceError
            No such site; the error lists the closest ids.
        """
        if site_id in self.sites:
            return self.sites[site_id]
        raise UnknownPlaceError(site_id, self.suggest(site_id))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Return the ids whose id or name best match ``text`` (fuzzy)."""
        choices = {p.id: f"{p.id} {p.name_ru} {p.name_en}" for p in self}
        hits = process.extract(text, choices, scorer=fuzz.WRatio, limit=limit)
        return [key for _label, _score, key in hits]

    def with_sites(self, sites: Iterable[Site]) -> Catalog:
        """Return a copy with ``sites`` replacing (by id) or extending the site table."""
        merged = dict(self.sites)
        merged.update({s.id: s for s in sites})
        return dataclasses.replace(self, sites=MappingProxyType(merged))

    def for_request(self, request: TripRequest) -> Catalog:
        """The catalog as a request sees it: its extra places added, the events on its dates
        added as sites (when it asks for events), its visit lengths applied.

        Returns ``self`` when the request changes nothing. Unknown ids in
        ``visit_minutes`` are left for the planner to report.
        """
        on_trip = event_sites(self.events, request.dates) if request.events is not None else {}
        if not request.extra_places and not request.visit_minutes and not on_trip:
            return self
        sites = dict(self.sites)
        sites.update(on_trip)
        for extra in request.extra_places:
            sites[extra.id] = extra.site()
        for sid, minutes in request.visit_minutes.items():
            if sid in sites:
                sites[sid] = dataclasses.replace(sites[sid], visit_min=minutes)
        return dataclasses.replace(self, sites=MappingProxyType(sites))

    def to_frame(self, *, lang: str = "ru") -> pd.DataFrame:
        """Return the sites as a table, one row per site.

        Columns: ``id``, ``name``, ``category``, ``town``, ``lat``, ``lon``, ``score``,
        ``assessed_on`` (the latest readiness assessment, empty if none), ``visit_min``,
        ``opening_hours``, ``booking_days``, ``max_group``, ``min_age``, ``price_rub``,
        ``slots``, ``defaults``, ``source_date``, ``stories`` (how many story links).
        """
        rows = [
            {
                "id": s.id,
                "name": s.name(lang),
                "category": s.category.value,
                "town": s.town,
                "lat": s.lat,
                "lon": s.lon,
                "score": s.score,
                "assessed_on": s.assessed_on.isoformat() if s.assessed_on else "",
                "visit_min": s.visit_min,
                "opening_hours": s.opening_hours,
                "booking_days": s.booking_days,
                "max_group": s.max_group,
                "min_age": s.min_age,
                "price_rub": s.price_rub,
                "slots": ";".join(t.strftime("%H:%M") for t in s.slots),
                "defaults": ";".join(sorted(s.defaults)),
                "source_date": s.source_date,
                "stories": len(self.stories.get(s.id, ())),
            }
            for s in self.sites.values()
        ]
        import pandas as pd  # only tables need it: importing it costs a third of a second

        return pd.DataFrame(rows)


def _places(table_rows: list[tuple[int, dict[str, Any]]], kind: type) -> list[tuple[int, Any]]:
    names = {f.name for f in dataclasses.fields(kind)}
    return [
        (line, kind(**{k: v for k, v in vals.items() if k in names})) for line, vals in table_rows
    ]


def _read_checklist(
    path: Path, criteria: Iterable[str], issues: list[Issue]
) -> list[tuple[int, ChecklistItem]]:
    cols = [
        Column("site_id", parse_slug),
        Column("criterion", choice(tuple(criteria))),
        Column("score", bounded_int(0, 5, Msg("err.what.checklist_score")), required=False),
        Column("evidence", choice(("sourced", "assumed", "visited"))),
        Column("source_url", required=False, default=""),
        Column("note", required=False, default=""),
    ]
    table = read_table(path, cols, issues)
    return [(line, ChecklistItem(**v)) for line, v in table.rows]


_OUTDOOR_COLUMNS = [
    Column("site_id", parse_slug),
    Column("outdoor", parse_bool),
    Column("source_url"),
    Column("note", required=False, default=""),
]


_CONTACT_COLUMNS = [
    Column("site_id", parse_slug),
    Column("contact"),
    Column("source_url"),
    Column("note", required=False, default=""),
]


def _read_optional(
    path: Path, columns: list[Column], issues: list[Issue]
) -> list[tuple[int, dict[str, Any]]]:
    """An optional per-site table (``outdoor.csv``, ``contacts.csv``): no file, no rows."""
    if not path.is_file():
        return []
    return read_table(path, columns, issues).rows


def _per_site(
    path: Path,
    columns: list[Column],
    sites: Mapping[str, Any],
    skip: set[str] | None,
    issues: list[Issue],
) -> dict[str, dict[str, Any]]:
    """Rows of an optional per-site table by site id, each site once and known.

    Unknown ids are errors, except those in ``skip`` (rows already reported) or any when
    ``skip`` is ``None`` (a replacement site file may leave out built-in sites).
    """
    out: dict[str, dict[str, Any]] = {}
    for line, row in _read_optional(path, columns, issues):
        sid = row["site_id"]
        if sid not in sites:
            if skip is not None and sid not in skip:
                issues.append(
                    Issue(str(path), line, "site_id", Msg("err.cat.no_site", {"id": sid}))
                )
        elif sid in out:
            issues.append(Issue(str(path), line, "site_id", Msg("err.cat.twice", {"id": sid})))
        else:
            out[sid] = row
    return out


def load_catalog(
    data_dir: Path | str | None = None,
    *,
    extra_sites: Iterable[Path | str] = (),
    sites_file: Path | str | None = None,
) -> Catalog:
    """Load and validate the catalog.

    Parameters
    ----------
    data_dir : path, optional
        Folder with ``sites.csv``, ``checklist.csv``, ``scoring.yaml``, ``lodgings.csv``,
        ``hubs.csv`` and optionally ``events.csv``, ``eateries.csv``, ``stories.csv`` and
        ``assessments.csv`` (default: the built-in ``data/``).
    extra_sites : paths
        Further site files in the same format; their rows replace built-in sites with the
        same id or add new ones.
    sites_file : path, optional
        A site file that replaces the built-in ``sites.csv`` altogether.

    Returns
    -------
    Catalog

    Raises
    ------
    CatalogError
        Every problem found in every file, each naming the file, row and field.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    issues: list[Issue] = []
    try:
        scoring = load_scoring(root / "scoring.yaml")
    except CatalogError as err:
        issues.extend(err.issues)
        scoring = Scoring(weights=dict.fromkeys(_CRITERIA_DEFAULT, 1.0), labels_ru={}, labels_en={})

    site_paths = [Path(sites_file) if sites_file else root / "sites.csv"]
    site_paths += [Path(p) for p in extra_sites]
    sites: dict[str, tuple[str, int, Site]] = {}
    rejected_ids: set[str] = set()  # rows already reported: no follow-on errors for them
    sites_unread = False  # a site file could not be read to its end
    for path in site_paths:
        table = read_table(path, _SITE_COLUMNS, issues)
        rejected_ids |= {(r.get("id") or "").strip() for r in table.rejected}
        sites_unread |= table.broken
        seen: set[str] = set()
        for line, site in _places(table.rows, Site):
            if site.id in seen:
                issues.append(Issue(table.path, line, "id", Msg("err.cat.dupe", {"id": site.id})))
                continue
            seen.add(site.id)
            # a later (extra) file replaces a built-in row with the same id
            sites[site.id] = (table.path, line, site)

    lodgings_t = read_table(root / "lodgings.csv", _LODGING_COLUMNS, issues)
    hubs_t = read_table(root / "hubs.csv", _HUB_COLUMNS, issues)
    lodgings = _places(lodgings_t.rows, Lodging)
    hubs = _places(hubs_t.rows, Hub)

    # ids are unique across the three tables: plans refer to places by id alone.
    owner: dict[str, str] = {sid: path for sid, (path, _l, _s) in sites.items()}
    for path, rows in ((lodgings_t.path, lodgings), (hubs_t.path, hubs)):
        for line, place in rows:
            if place.id in owner:
                issues.append(
                    Issue(
                        path,
                        line,
                        "id",
                        Msg("err.cat.dupe_in", {"id": place.id, "other": owner[place.id]}),
                    )
                )
            owner[place.id] = path

    events: dict[str, Event] = {}
    if (root / "events.csv").is_file():
        sites_only = {sid: site for sid, (_p, _l, site) in sites.items()}
        events = read_events(
            root / "events.csv",
            sites_only,
            owner,
            issues,
            skip_missing_sites=sites_file is not None or sites_unread,
            skip_sites=rejected_ids,  # rows already reported: no follow-on errors
        )

    stories: dict[str, tuple[Story, ...]] = {}
    if (root / "stories.csv").is_file():
        story_issues: list[Issue] = []
        stories = read_stories(root / "stories.csv", [*sites, *events, *rejected_ids], story_issues)
        stories = {k: v for k, v in stories.items() if k not in rejected_ids}
        # a replacement site file may leave out sites whose stories then do not apply
        skip = sites_file is not None or sites_unread  # sites missing on purpose, or unread
        issues += [i for i in story_issues if not (skip and i.field == "id")]

    eateries: dict[str, Eatery] = {}
    if (root / "eateries.csv").is_file():
        places = [*sites, *(p.id for _l, p in lodgings), *(p.id for _l, p in hubs)]
        eateries = read_eateries(root / "eateries.csv", places, issues)

    checklist_rows = _read_checklist(root / "checklist.csv", scoring.weights.keys(), issues)
    checklists: dict[str, list[ChecklistItem]] = {}
    check_path = str(root / "checklist.csv")
    for line, item in checklist_rows:
        if item.site_id not in sites:
            # rows already reported need no follow-on error; a replacement site file may
            # leave out built-in sites whose checklists then simply do not apply
            if item.site_id in rejected_ids or sites_file is not None or sites_unread:
                continue
            message = Msg("err.cat.no_site", {"id": item.site_id})
            issues.append(Issue(check_path, line, "site_id", message))
            continue
        items = checklists.setdefault(item.site_id, [])
        if any(x.criterion == item.criterion for x in items):
            issues.append(
                Issue(
                    check_path,
                    line,
                    "criterion",
                    Msg("err.cat.criterion_twice", {"criterion": item.criterion}),
                )
            )
            continue
        items.append(item)

    # a replacement site file may leave out built-in sites (their rows simply do not apply),
    # and a site file read only in part leaves its unread sites unknown
    skip = rejected_ids if sites_file is None and not sites_unread else None
    outdoor_rows = _per_site(root / "outdoor.csv", _OUTDOOR_COLUMNS, sites, skip, issues)
    outdoor = {sid: r["outdoor"] for sid, r in outdoor_rows.items()}
    outdoor_src = {sid: r["source_url"] for sid, r in outdoor_rows.items()}
    contact_rows = _per_site(root / "contacts.csv", _CONTACT_COLUMNS, sites, skip, issues)
    assessments: dict[str, tuple[Assessment, ...]] = {}
    if (root / "assessments.csv").is_file():
        assessments = read_assessments(
            root / "assessments.csv",
            {sid: site for sid, (_p, _l, site) in sites.items()},
            scoring.weights.keys(),
            issues,
            skip_missing_sites=sites_file is not None or sites_unread,
            skip_sites=rejected_ids,
        )
    # the latest assessment's answers replace the estimates of the criteria it answers
    for sid, history in assessments.items():
        latest = history[-1]
        items = {i.criterion: i for i in checklists.get(sid, [])}
        for crit, value in latest.answers.items():
            items[crit] = ChecklistItem(
                sid,
                crit,
                value,
                "visited",
                "",
                f"assessment {latest.date.isoformat()} by {latest.assessor}"
                + (f": {latest.notes[crit]}" if crit in latest.notes else ""),
            )
        checklists[sid] = list(items.values())

    final_sites: dict[str, Site] = {}
    for sid, (path, line, site) in sites.items():
        for f in site.defaults:
            if f not in {x.name for x in _SITE_COLUMNS}:
                issues.append(Issue(path, line, "defaults", Msg("err.cat.not_column", {"name": f})))
        score, coverage = site.base_score, None
        if site.category in CHECKLIST_CATEGORIES and sid in checklists:
            score, coverage = scoring.score(checklists[sid], site.base_score)
        latest = assessments[sid][-1] if sid in assessments else None
        final_sites[sid] = dataclasses.replace(
            site,
            score=score,
            checklist_coverage=coverage,
            outdoor=outdoor.get(sid, site.category in OUTDOOR_CATEGORIES),
            assessed_on=latest.date if latest else None,
            assessed_by=latest.assessor if latest else "",
        )
        parse_hours(site.opening_hours)  # warm the cache; validity was checked per row

    capacity = load_capacity(
        root / "capacity.csv",
        {sid: len(s.slots) for sid, s in final_sites.items()},
        issues,
        known_missing=rejected_ids,
        # a replacement site file may leave sites out; an unread one names none of them
        unknown_ok=sites_file is not None or sites_unread,
    )
    if issues:
        title = Msg("err.cat.title", {"root": root, "n": Plural(len(issues), "problem")})
        raise CatalogError(issues, title=title)
    return Catalog(
        sites=MappingProxyType(final_sites),
        lodgings=MappingProxyType({p.id: p for _l, p in lodgings}),
        hubs=MappingProxyType({p.id: p for _l, p in hubs}),
        checklists=MappingProxyType({k: tuple(v) for k, v in checklists.items()}),
        scoring=scoring,
        source=str(root),
        outdoor_sources=MappingProxyType(outdoor_src),
        contacts=MappingProxyType({sid: r["contact"] for sid, r in contact_rows.items()}),
        capacity=MappingProxyType(capacity),
        events=MappingProxyType(events),
        eateries=MappingProxyType(eateries),
        stories=MappingProxyType(stories),
        assessments=MappingProxyType(assessments),
    )

"""The places of a plan as users see them: names, positions, excursion rules, colours, escaping.

Helpers that every presentation module needs and that draw nothing: :func:`resolve_places`
(name and position of every place an itinerary mentions), :func:`site_rules` (a site's
excursion rules as label/value pairs), the colours and icons of days and categories, and
:func:`esc` (escaping for HTML and JavaScript template literals). :mod:`routeplanner.maps`,
:mod:`routeplanner.programme` and :mod:`routeplanner.export` read them from here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass

from .catalog import Catalog
from .hours_text import hours_text
from .i18n import fmt_date, plural, t
from .model import HolidayPolicy, Hub, Lodging, Site
from .result import Itinerary

__all__ = [
    "CATEGORY_COLOURS",
    "CATEGORY_ICONS",
    "DAY_COLOURS",
    "FACTS",
    "PlaceInfo",
    "day_colour",
    "default_facts",
    "default_mark",
    "default_note",
    "esc",
    "lodging_price_note",
    "resolve_places",
    "site_rules",
    "source_date_text",
]

#: One colour per day of the trip (cycled after ten days).
DAY_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)

#: Font Awesome 6 (free, solid) icon per site category.
CATEGORY_ICONS = {
    "industrial": "industry",
    "energy": "bolt",
    "food": "utensils",
    "museum": "building-columns",
    "heritage": "monument",
    "nature": "tree",
    "city": "city",
    "event": "calendar-day",
}

#: Marker colour per site category on the catalog map.
CATEGORY_COLOURS = {
    "industrial": "#7b3294",
    "energy": "#d4a000",
    "food": "#d95f02",
    "museum": "#1b9e77",
    "heritage": "#a6761d",
    "nature": "#4d9221",
    "city": "#1f78b4",
    "event": "#e7298a",
}


def esc(text: object) -> str:
    """Escape ``text`` for HTML and for a JavaScript template literal.

    Folium places popup and tooltip HTML inside JavaScript template literals (backticks), so
    besides ``<>&"'`` this also neutralises the backtick, ``$`` (``${...}``) and the backslash.

    Parameters
    ----------
    text : object
        Anything; converted with ``str``.

    Returns
    -------
    str
        Text safe inside HTML and inside a JS template literal.
    """
    s = html.escape(str(text), quote=True)
    return s.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def day_colour(index: int) -> str:
    """Colour of day ``index`` (0-based)."""
    return DAY_COLOURS[index % len(DAY_COLOURS)]


@dataclass(frozen=True)
class PlaceInfo:
    """A place of the plan as shown to users.

    Attributes
    ----------
    id : str
    name : str
        In the requested language.
    lat, lon : float or None
        ``None`` when neither the catalog nor the plan's geometry knows where it is.
    kind : str
        ``"site"``, ``"lodging"``, ``"hub"`` or ``"place"`` (a network node or unknown).
    hub_kind : str
        For hubs: ``airport``, ``rail``, ``pier`` or ``bus``.
    town : str
    """

    id: str
    name: str
    lat: float | None
    lon: float | None
    kind: str = "place"
    hub_kind: str = ""
    town: str = ""


def resolve_places(
    itinerary: Itinerary,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
) -> dict[str, PlaceInfo]:
    """Name and position of every place the itinerary mentions.

    Sites take their name and coordinates from the stops; lodgings and hubs from the catalog
    when given, else from ``names`` and the ends of the legs' geometry.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog, optional
    lang : {"ru", "en"}
    names : mapping, optional
        Place id to display name (overrides the catalog's name).

    Returns
    -------
    dict
        Place id to :class:`PlaceInfo`.
    """
    names = names or {}
    ends: dict[str, tuple[float, float]] = {}
    for day in itinerary.days:
        for leg in day.legs:
            if leg.geometry:
                ends.setdefault(leg.origin, tuple(leg.geometry[0]))  # type: ignore[arg-type]
                ends.setdefault(leg.destination, tuple(leg.geometry[-1]))  # type: ignore[arg-type]
    ids: list[str] = []
    for day in itinerary.days:
        ids += [day.start_place, day.end_place]
        ids += [x for leg in day.legs for x in (leg.origin, leg.destination)]
        if day.lodging:
            ids.append(day.lodging)
    ids += [d.site_id for d in itinerary.dropped]
    ids.append(itinerary.scenario.start)
    out: dict[str, PlaceInfo] = {}
    for s in itinerary.stops:
        name = names.get(s.site_id) or (s.name_en if lang == "en" else s.name)
        out[s.site_id] = PlaceInfo(s.site_id, name, s.lat, s.lon, "site")
    for pid in dict.fromkeys(ids):
        if pid in out:
            continue
        place = catalog.place(pid) if catalog is not None and pid in catalog else None
        if place is not None:
            kind = (
                "site"
                if isinstance(place, Site)
                else "lodging"
                if isinstance(place, Lodging)
                else "hub"
            )
            out[pid] = PlaceInfo(
                pid,
                names.get(pid) or place.name(lang),
                place.lat,
                place.lon,
                kind,
                place.kind if isinstance(place, Hub) else "",
                place.town,
            )
        else:
            lat, lon = ends.get(pid, (None, None))
            kind = "lodging" if pid.startswith("lodging_") else "place"
            dropped_name = next(
                (
                    (d.name_en or d.name) if lang == "en" else d.name
                    for d in itinerary.dropped
                    if d.site_id == pid
                ),
                None,
            )
            out[pid] = PlaceInfo(pid, names.get(pid) or dropped_name or pid, lat, lon, kind)
    return out


def default_mark(lang: str = "ru") -> str:
    """The mark put after a fact that is a planning default («по умолчанию — уточнить …»)."""
    return t("default_mark", lang)


def lodging_price_note(lodging: Lodging, lang: str = "ru") -> str:
    """How current a lodging's price is: «цены 2017 г.», the default mark, or ''."""
    if "price_rub" in lodging.defaults:
        return default_mark(lang)
    if lodging.price_year is not None:
        return t("price_year", lang, year=lodging.price_year)
    return ""


def source_date_text(date: str, lang: str = "ru") -> str:
    """A source's date as precise as it is given: «23 января 2023», «10.2022», «2024»."""
    parts = date.split("-")
    if len(parts) == 3:
        return fmt_date(dt.date.fromisoformat(date), lang, weekday=False)
    if len(parts) == 2:
        return f"{parts[1]}.{parts[0]}"
    return date


#: A site's facts that may be planning defaults, in the order they are named.
FACTS = (
    "opening_hours",
    "public_holidays",
    "booking_days",
    "max_group",
    "min_age",
    "id_required",
    "slots",
    "price_rub",
    "visit_min",
)


def default_facts(site: Site, lang: str = "ru") -> list[str]:
    """The names (in ``lang``) of a site's facts that are planning defaults."""
    return [t(f"fact.{f}", lang) for f in FACTS if f in site.defaults]


def default_note(site: Site, lang: str = "ru") -> str:
    """«по умолчанию — уточнить у предприятия: часы работы, цена» ('' when all are sourced)."""
    facts = default_facts(site, lang)
    return f"{default_mark(lang)}: {', '.join(facts)}" if facts else ""


def site_rules(site: Site, lang: str = "ru", *, marks: bool = True) -> list[tuple[str, str]]:
    """The excursion rules of a site as (label, value) pairs in ``lang`` (not escaped).

    With ``marks``, each value that is a planning default (listed in the site's ``defaults``)
    carries :func:`default_mark` (without, say so once with :func:`default_note`); the opening
    hours are written in words (:mod:`routeplanner.hours_text`); a last row gives the date of
    the site's source when its rules are not all defaults.

    Parameters
    ----------
    site : Site
    lang : {"ru", "en"}
    marks : bool
        Mark each default value.

    Returns
    -------
    list of (str, str)
        Opening hours, booking lead, group limit, minimum age, ID requirement, fixed start
        times, the ticket price and the source's date, as far as they apply.
    """
    d = site.defaults if marks else frozenset()

    def _marked(value: str, field: str, defaults: frozenset[str], lang: str) -> str:
        return f"{value} ({default_mark(lang)})" if field in defaults else value

    hours = _marked(hours_text(site.opening_hours, lang), "opening_hours", d, lang)
    if site.public_holidays is not HolidayPolicy.OPEN:
        key = (
            "hours.ph_closed" if site.public_holidays is HolidayPolicy.CLOSED else "hours.ph_sunday"
        )
        hours += "; " + _marked(t(key, lang), "public_holidays", d, lang)
    rows = [(t("opening_hours", lang), hours)]
    rows.append(
        (
            t("booking", lang),
            _marked(
                t("booking_ahead", lang, days=plural(site.booking_days, "day", lang))
                if site.booking_days
                else t("booking_none", lang),
                "booking_days",
                d,
                lang,
            ),
        )
    )
    if site.max_group:
        group = f"{site.max_group} {t('persons', lang)}"
        rows.append((t("max_group", lang), _marked(group, "max_group", d, lang)))
    if site.min_age:
        age = plural(site.min_age, "year", lang)
        rows.append((t("min_age", lang), _marked(age, "min_age", d, lang)))
    if site.id_required:
        rows.append((t("id_required", lang), _marked(t("yes", lang), "id_required", d, lang)))
    rows.append(
        (
            t("slots", lang),
            _marked(
                ", ".join(x.strftime("%H:%M") for x in site.slots)
                if site.slots
                else t("any_time", lang),
                "slots",
                d,
                lang,
            ),
        )
    )
    price = f"{site.price_rub} {t('rub', lang)}" if site.price_rub else t("free", lang)
    rows.append((t("price", lang), _marked(price, "price_rub", d, lang)))
    if site.outdoor:
        rows.append((t("outdoor", lang), t("outdoor_daylight", lang)))
    rules = {"opening_hours", "booking_days", "max_group", "min_age", "id_required", "slots"}
    if site.source_date and not rules <= site.defaults:
        rows.append((t("source", lang), source_date_text(site.source_date, lang)))
    return rows

"""The places of a plan as users see them: names, positions, excursion rules, colours, escaping.

Helpers that every presentation module needs and that draw nothing: :func:`resolve_places`
(name and position of every place an itinerary mentions), :func:`site_rules` (a site's
excursion rules as label/value pairs), the colours and icons of days and categories, and
:func:`esc` (escaping for HTML and JavaScript template literals). :mod:`routeplanner.maps`,
:mod:`routeplanner.programme` and :mod:`routeplanner.export` read them from here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from .catalog import Catalog
from .i18n import plural, t
from .model import Hub, Lodging, Site
from .result import Itinerary

__all__ = [
    "CATEGORY_COLOURS",
    "CATEGORY_ICONS",
    "DAY_COLOURS",
    "PlaceInfo",
    "day_colour",
    "esc",
    "resolve_places",
    "site_rules",
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


def site_rules(site: Site, lang: str = "ru") -> list[tuple[str, str]]:
    """The excursion rules of a site as (label, value) pairs in ``lang`` (not escaped).

    Parameters
    ----------
    site : Site
    lang : {"ru", "en"}

    Returns
    -------
    list of (str, str)
        Opening hours, booking lead, group limit, minimum age, ID requirement, fixed start
        times and the ticket price, as far as they apply.
    """
    rows = [(t("opening_hours", lang), site.opening_hours)]
    rows.append(
        (
            t("booking", lang),
            f"{site.booking_days} {t('days_ahead', lang)}"
            if site.booking_days
            else t("booking_none", lang),
        )
    )
    if site.max_group:
        rows.append((t("max_group", lang), f"{site.max_group} {t('persons', lang)}"))
    if site.min_age:
        rows.append((t("min_age", lang), plural(site.min_age, "year", lang)))
    if site.id_required:
        rows.append((t("id_required", lang), t("yes", lang)))
    rows.append(
        (
            t("slots", lang),
            ", ".join(x.strftime("%H:%M") for x in site.slots)
            if site.slots
            else t("any_time", lang),
        )
    )
    rows.append(
        (
            t("price", lang),
            f"{site.price_rub} {t('rub', lang)}" if site.price_rub else t("free", lang),
        )
    )
    return rows

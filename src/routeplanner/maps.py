"""Interactive maps (folium): a planned trip day by day, the site catalog, the insertion
candidates of a tour, and several variants on one map.

The maps only *read* itineraries and a :class:`~routeplanner.catalog.Catalog`; names,
positions, rules and colours come from :mod:`routeplanner.places`. Text taken from data
(names, descriptions, opening hours) is escaped with :func:`~routeplanner.places.esc` before
it reaches a popup, tooltip or legend, so a site named ``<script>alert(1)</script>`` is shown
as text. Each page carries Leaflet and its icons (:mod:`routeplanner.offline`) and a basemap
drawn from the project's data (:mod:`routeplanner.basemap`); only the OpenStreetMap tiles come
from the internet.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .basemap import add_basemap
from .catalog import Catalog
from .i18n import fmt_date, t
from .model import LINK_MODES, Hub, Lodging, Site
from .offline import make_offline
from .places import (
    CATEGORY_COLOURS,
    CATEGORY_ICONS,
    PlaceInfo,
    day_colour,
    esc,
    lodging_price_note,
    resolve_places,
    site_rules,
)
from .result import Itinerary

if TYPE_CHECKING:
    import folium


def _import_folium() -> Any:
    """Import folium without the pandas it loads only to accept DataFrames as locations (never
    passed here): a third of a second of every plan's start. Only while this is the process's
    one thread and pandas is not loaded yet: ``sys.modules[...] = None`` makes that optional
    import fail, as folium allows, and is undone at once."""
    if "folium" in sys.modules or "pandas" in sys.modules or threading.active_count() > 1:
        import folium

        return folium
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        import folium
    finally:
        del sys.modules["pandas"]
    return folium


if not TYPE_CHECKING:
    folium = _import_folium()

__all__ = [
    "add_insertion_layer",
    "catalog_map",
    "comparison_map",
    "itinerary_map",
    "render_map",
]

_HUB_ICONS = {"airport": "plane", "rail": "train", "pier": "ship", "bus": "bus"}
_IRKUTSK = (52.2864, 104.2807)
_NON_ROAD = frozenset(LINK_MODES)

_CSS = """
<style>
.rp-pin{width:26px;height:26px;border-radius:50%;border:2px solid #fff;color:#fff;
  font:bold 13px/22px Arial,sans-serif;text-align:center;position:relative;
  box-shadow:0 1px 4px rgba(0,0,0,.55);box-sizing:border-box}
.rp-pin .rp-cat{position:absolute;right:-9px;top:-9px;width:16px;height:16px;
  border-radius:50%;background:#fff;font-size:9px;line-height:16px;text-align:center;
  box-shadow:0 1px 3px rgba(0,0,0,.5)}
.rp-base{width:26px;height:26px;border-radius:4px;background:#222;color:#fff;
  font-size:13px;line-height:26px;text-align:center;box-shadow:0 1px 4px rgba(0,0,0,.55)}
.rp-site{width:22px;height:22px;border-radius:50%;color:#fff;font-size:11px;line-height:22px;
  text-align:center;border:1px solid #fff;box-shadow:0 1px 3px rgba(0,0,0,.5)}
.rp-score{position:absolute;left:18px;top:-6px;background:#fff;color:#222;border-radius:6px;
  padding:0 3px;font:bold 10px/14px Arial,sans-serif;box-shadow:0 1px 2px rgba(0,0,0,.4)}
.rp-popup{font:13px/1.35 Arial,sans-serif;min-width:220px}
.rp-popup h4{margin:0 0 4px;font-size:14px;font-weight:bold}
.rp-popup .rp-sub{color:#555;margin-bottom:4px}
.rp-popup table{border-collapse:collapse;margin-top:2px}
.rp-popup th{text-align:left;font-weight:normal;color:#555;padding:1px 8px 1px 0;
  vertical-align:top}
.rp-popup td{padding:1px 0;vertical-align:top}
.rp-popup .rp-h{font-weight:bold;margin-top:6px}
.rp-legend{position:fixed;left:12px;bottom:60px;z-index:9999;background:rgba(255,255,255,.94);
  padding:8px 10px;border-radius:6px;box-shadow:0 1px 5px rgba(0,0,0,.4);
  font:12px/1.5 Arial,sans-serif;max-width:320px;max-height:70vh;overflow:auto}
.rp-legend .rp-title{font-weight:bold;font-size:13px;margin-bottom:4px}
.rp-legend .rp-sw{display:inline-block;width:22px;height:4px;vertical-align:middle;
  margin-right:6px}
.rp-legend i{width:18px;text-align:center;margin-right:4px}
</style>
"""


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in pairs)


def _hhmm(x: dt.datetime) -> str:
    return x.strftime("%H:%M")


def _base_map(points: list[tuple[float, float]], lang: str = "ru", zoom: int = 9) -> folium.Map:
    centre = (
        (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        if points
        else _IRKUTSK
    )
    m = folium.Map(location=centre, zoom_start=zoom, tiles=None, control_scale=True)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(m)
    make_offline(m)
    add_basemap(m, lang=lang)
    m.get_root().header.add_child(folium.Element(_CSS))
    return m


def _fit(m: folium.Map, points: list[tuple[float, float]]) -> None:
    if not points:
        return
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))


def _base_icon(info: PlaceInfo) -> folium.DivIcon:
    if info.kind == "lodging":
        icon = "bed"
    elif info.kind == "hub":
        icon = _HUB_ICONS.get(info.hub_kind, "location-dot")
    else:
        icon = "flag-checkered"
    return folium.DivIcon(
        html=f'<div class="rp-base"><i class="fa-solid fa-{icon}"></i></div>',
        icon_size=(26, 26),
        icon_anchor=(13, 13),
        class_name="rp-place",
    )


def itinerary_map(
    itinerary: Itinerary,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
) -> folium.Map:
    """Map of a planned trip: one layer per day, numbered stops, legs along network paths.

    Each day is a layer in its own colour holding its numbered stop markers (the number is the
    visit's order within the day; the small badge is the site category's icon) and its legs
    drawn along their network geometry (dashed for ferries, flights, trains, boats and ice
    roads). Start, end and overnight places form another layer; sites left out a further,
    hidden one. A legend, a layer control and the view fitted to the trip complete it.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog, optional
        Supplies the excursion rules shown in the popups and the positions of lodgings and
        hubs; without it, popups show times only and places are located from the legs.
    lang : {"ru", "en"}
        Language of names and labels.
    names : mapping, optional
        Place id to display name.

    Returns
    -------
    folium.Map
        Save it with ``Map.save(path)`` or render with ``Map.get_root().render()``.
    """
    places = resolve_places(itinerary, catalog, lang=lang, names=names)
    points: list[tuple[float, float]] = []
    for day in itinerary.days:
        points += [(s.lat, s.lon) for s in day.stops]
        points += [(float(p[0]), float(p[1])) for leg in day.legs for p in leg.geometry]
    m = _base_map(points, lang)

    # ---------------------------------------------------------------- days
    for di, day in enumerate(itinerary.days):
        colour = day_colour(di)
        layer = folium.FeatureGroup(
            name=f"{t('day', lang)} {di + 1} — {day.date:%d.%m.%Y} ({len(day.stops)})", show=True
        )
        for li, leg in enumerate(day.legs):
            line = [(float(p[0]), float(p[1])) for p in leg.geometry]
            if len(line) < 2:
                a, b = places.get(leg.origin), places.get(leg.destination)
                if a is None or b is None or a.lat is None or b.lat is None or a.id == b.id:
                    continue
                line = [(a.lat, a.lon), (b.lat, b.lon)]  # type: ignore[list-item]
            label = (
                f"{t('day', lang)} {di + 1}, {li + 1}: "
                f"{places[leg.origin].name} → {places[leg.destination].name} — "
                f"{t(leg.mode, lang)}, {_hhmm(leg.depart)}–{_hhmm(leg.arrive)}, "
                f"{leg.duration_min} {t('min', lang)}, {leg.distance_km:.0f} {t('km', lang)}"
            )
            folium.PolyLine(
                line,
                color=colour,
                weight=4,
                opacity=0.85,
                dash_array="8 8" if leg.mode in _NON_ROAD else None,
                tooltip=folium.Tooltip(esc(label)),
            ).add_to(layer)
        for k, s in enumerate(day.stops, 1):
            name = places[s.site_id].name
            visit_min = int((s.end - s.start).total_seconds() // 60)
            when = f"{_hhmm(s.start)}–{_hhmm(s.end)}"
            if s.wait_min > 0:
                when += f" ({t('arrival', lang).lower()} {_hhmm(s.arrive)})"
            pairs = [
                (t("day", lang), f"{di + 1} — {fmt_date(day.date, lang)}"),
                (t("time", lang), when),
                (t("visit_length", lang), f"{visit_min} {t('min', lang)}"),
            ]
            site = catalog.sites.get(s.site_id) if catalog is not None else None
            body = (
                f'<div class="rp-popup"><h4>{k}. {esc(name)}</h4>'
                f'<div class="rp-sub">{esc(t(s.category, lang))}'
                f"{' · ' + esc(site.town) if site is not None and site.town else ''}</div>"
                f"<table>{_rows(pairs)}</table>"
            )
            if site is not None:
                body += (
                    f'<div class="rp-h">{esc(t("rules", lang))}</div>'
                    f"<table>{_rows(site_rules(site, lang))}</table>"
                )
            body += "</div>"
            icon = CATEGORY_ICONS.get(s.category, "location-dot")
            folium.Marker(
                (s.lat, s.lon),
                icon=folium.DivIcon(
                    html=(
                        f'<div class="rp-pin" style="background:{colour}">{k}'
                        f'<i class="fa-solid fa-{icon} rp-cat" style="color:{colour}"></i></div>'
                    ),
                    icon_size=(26, 26),
                    icon_anchor=(13, 13),
                    class_name="rp-stop",
                ),
                popup=folium.Popup(body, max_width=360),
                tooltip=folium.Tooltip(esc(f"{t('day', lang)} {di + 1} · {k}. {name} · {when}")),
            ).add_to(layer)
        layer.add_to(m)

    # ---------------------------------------------------------------- lodging, start, end
    roles: dict[str, list[str]] = {}
    if itinerary.days:
        roles.setdefault(itinerary.days[0].start_place, []).append(t("trip_start", lang))
    for di, day in enumerate(itinerary.days):
        if day.lodging:
            roles.setdefault(day.lodging, []).append(
                f"{t('overnight', lang)}: {t('day', lang).lower()} {di + 1}, "
                f"{fmt_date(day.date, lang, weekday=False)}"
            )
    if itinerary.days:
        roles.setdefault(itinerary.days[-1].end_place, []).append(t("end_place", lang))
    if roles:
        base = folium.FeatureGroup(name=t("lodgings", lang), show=True)
        for pid, lines in roles.items():
            info = places.get(pid)
            if info is None or info.lat is None or info.lon is None:
                continue
            body = (
                f'<div class="rp-popup"><h4>{esc(info.name)}</h4>'
                + "".join(f"<div>{esc(x)}</div>" for x in lines)
                + "</div>"
            )
            folium.Marker(
                (info.lat, info.lon),
                icon=_base_icon(info),
                popup=folium.Popup(body, max_width=320),
                tooltip=folium.Tooltip(esc(f"{info.name} — {'; '.join(lines)}")),
                z_index_offset=-100,
            ).add_to(base)
            points.append((info.lat, info.lon))
        base.add_to(m)

    # ---------------------------------------------------------------- left out (hidden)
    if itinerary.dropped and catalog is not None:
        gone = folium.FeatureGroup(
            name=f"{t('dropped', lang)} ({len(itinerary.dropped)})", show=False
        )
        for d in itinerary.dropped:
            site = catalog.sites.get(d.site_id)
            if site is None:
                continue
            name = (names or {}).get(d.site_id) or site.name(lang)
            folium.CircleMarker(
                (site.lat, site.lon),
                radius=5,
                color="#666",
                fill=True,
                fill_opacity=0.5,
                weight=1,
                popup=folium.Popup(
                    f'<div class="rp-popup"><h4>{esc(name)}</h4>'
                    f'<div class="rp-sub">{esc(t(site.category.value, lang))}</div>'
                    f"<div>{esc(d.text(lang))}</div></div>",
                    max_width=320,
                ),
                tooltip=folium.Tooltip(esc(name)),
            ).add_to(gone)
        gone.add_to(m)

    # ---------------------------------------------------------------- legend, controls
    items = [
        f'<div class="rp-title">{esc(itinerary.scenario.title(lang))}</div>',
    ]
    if not itinerary.feasible:
        items.append(f"<div><b>{esc(t('infeasible', lang))}</b></div>")
        items += [f"<div>— {esc(p)}</div>" for p in itinerary.problem_texts(lang)]
    for di, day in enumerate(itinerary.days):
        items.append(
            f'<div><span class="rp-sw" style="background:{day_colour(di)}"></span>'
            f"{esc(t('day', lang))} {di + 1} — {esc(fmt_date(day.date, lang))}</div>"
        )
    used = sorted({s.category for s in itinerary.stops}, key=list(CATEGORY_ICONS).index)
    items += [
        f'<div><i class="fa-solid fa-{CATEGORY_ICONS[c]}"></i>{esc(t(c, lang))}</div>'
        for c in used
        if c in CATEGORY_ICONS
    ]
    if any(d.lodging for d in itinerary.days):
        items.append(f'<div><i class="fa-solid fa-bed"></i>{esc(t("overnight", lang))}</div>')
    if any(leg.mode in _NON_ROAD for d in itinerary.days for leg in d.legs):
        modes = sorted({leg.mode for d in itinerary.days for leg in d.legs} & _NON_ROAD)
        items.append(
            '<div><span class="rp-sw" style="background:repeating-linear-gradient(90deg,#444 0 '
            f'5px,transparent 5px 9px)"></span>{esc(", ".join(t(x, lang) for x in modes))}</div>'
        )
    m.get_root().html.add_child(
        folium.Element(
            f'<div class="rp-legend" id="rp-legend" title="{esc(t("legend", lang))}">'
            + "".join(items)
            + "</div>"
        )
    )
    folium.LayerControl(collapsed=False).add_to(m)
    _fit(m, points)
    return m


def catalog_map(catalog: Catalog, *, lang: str = "ru", include_places: bool = True) -> folium.Map:
    """Overview map of every catalog site, one layer per category, with its score.

    Parameters
    ----------
    catalog : Catalog
    lang : {"ru", "en"}
    include_places : bool
        Add lodgings and transport hubs as extra layers (hidden at first).

    Returns
    -------
    folium.Map
    """
    sites = list(catalog.sites.values())
    points = [(s.lat, s.lon) for s in sites]
    m = _base_map(points, lang)
    by_cat: dict[str, list[Site]] = {}
    for s in sites:
        by_cat.setdefault(s.category.value, []).append(s)
    order = [c for c in CATEGORY_ICONS if c in by_cat] + sorted(set(by_cat) - set(CATEGORY_ICONS))
    for cat in order:
        colour = CATEGORY_COLOURS.get(cat, "#444")
        icon = CATEGORY_ICONS.get(cat, "location-dot")
        layer = folium.FeatureGroup(name=f"{t(cat, lang)} ({len(by_cat[cat])})", show=True)
        for s in sorted(by_cat[cat], key=lambda x: -x.score):
            pairs = [
                (t("category", lang), t(cat, lang)),
                (t("town", lang), s.town),
                (t("score", lang), f"{s.score:.1f} / 10"),
                (t("visit_length", lang), f"{s.visit_min} {t('min', lang)}"),
            ]
            body = (
                f'<div class="rp-popup"><h4>{esc(s.name(lang))}</h4>'
                f"<table>{_rows(pairs)}</table>"
                f'<div class="rp-h">{esc(t("rules", lang))}</div>'
                f"<table>{_rows(site_rules(s, lang))}</table>"
            )
            if s.description(lang):
                body += f'<div class="rp-h">{esc(t("description", lang))}</div>'
                body += f"<div>{esc(s.description(lang))}</div>"
            body += "</div>"
            folium.Marker(
                (s.lat, s.lon),
                icon=folium.DivIcon(
                    html=(
                        f'<div class="rp-site" style="background:{colour}">'
                        f'<i class="fa-solid fa-{icon}"></i>'
                        f'<span class="rp-score">{s.score:.1f}</span></div>'
                    ),
                    icon_size=(22, 22),
                    icon_anchor=(11, 11),
                    class_name="rp-site-icon",
                ),
                popup=folium.Popup(body, max_width=380),
                tooltip=folium.Tooltip(esc(f"{s.name(lang)} — {s.score:.1f}")),
                z_index_offset=int(s.score * 100),
            ).add_to(layer)
        layer.add_to(m)
    if include_places:
        for title, table in (("all_lodgings", catalog.lodgings), ("hubs", catalog.hubs)):
            if not table:
                continue
            layer = folium.FeatureGroup(name=f"{t(title, lang)} ({len(table)})", show=False)
            for p in table.values():
                info = PlaceInfo(
                    p.id,
                    p.name(lang),
                    p.lat,
                    p.lon,
                    "lodging" if isinstance(p, Lodging) else "hub",
                    p.kind if isinstance(p, Hub) else "",
                )
                extra = (
                    f"{p.price_rub} {t('rub', lang)} {t('per_night', lang)}"
                    + (f" ({note})" if (note := lodging_price_note(p, lang)) else "")
                    if isinstance(p, Lodging)
                    else ""
                )
                folium.Marker(
                    (p.lat, p.lon),
                    icon=_base_icon(info),
                    popup=folium.Popup(
                        f'<div class="rp-popup"><h4>{esc(p.name(lang))}</h4>'
                        f'<div class="rp-sub">{esc(p.town)}</div><div>{esc(extra)}</div></div>',
                        max_width=320,
                    ),
                    tooltip=folium.Tooltip(esc(p.name(lang))),
                ).add_to(layer)
            layer.add_to(m)
    legend = [f'<div class="rp-title">{esc(t("catalog_map", lang))} ({len(sites)})</div>']
    legend += [
        f'<div><i class="fa-solid fa-{CATEGORY_ICONS.get(c, "location-dot")}" '
        f'style="color:{CATEGORY_COLOURS.get(c, "#444")}"></i>{esc(t(c, lang))} '
        f"({len(by_cat[c])})</div>"
        for c in order
    ]
    legend.append(f"<div>{esc(t('score', lang))}: 0–10</div>")
    m.get_root().html.add_child(
        folium.Element('<div class="rp-legend" id="rp-legend">' + "".join(legend) + "</div>")
    )
    folium.LayerControl(collapsed=False).add_to(m)
    _fit(m, points)
    return m


def add_insertion_layer(
    m: folium.Map, report: Any, catalog: Catalog, *, lang: str = "ru"
) -> folium.Map:
    """Add the ranked candidates of an insertion report to a map (green: fits, grey: not).

    Parameters
    ----------
    m : folium.Map
        Usually the map of the tour or of the new plan.
    report : pandas.DataFrame
        :func:`routeplanner.embed.insertion_report`.
    catalog : Catalog
    lang : {"ru", "en"}
    """
    fits = folium.FeatureGroup(name=t("candidates_fit", lang), show=True)
    nope = folium.FeatureGroup(name=t("candidates_no", lang), show=False)
    for r in report.itertuples():
        if r.site_id not in catalog.sites:
            continue
        site = catalog.sites[r.site_id]
        ok = bool(r.fits)
        if ok:
            pairs = [
                (t("day", lang), str(r.day)),
                (t("start", lang), str(r.start)),
                (t("added_travel", lang), f"{r.added_travel_min} {t('min', lang)}"),
                (t("added_day", lang), f"{r.added_day_min} {t('min', lang)}"),
                (t("added_cost", lang), f"{r.added_cost_rub} ₽"),
                (t("effect", lang), str(r.effect if lang == "en" else r.effect_ru)),
            ]
        else:
            pairs = [(t("reason", lang), str(r.reason if lang == "en" else r.reason_ru))]
        body = (
            f'<div class="rp-popup"><h4>#{r.rank} {esc(site.name(lang))}</h4>'
            f"<table>{_rows(pairs)}</table></div>"
        )
        folium.CircleMarker(
            (site.lat, site.lon),
            radius=9 if ok else 6,
            weight=2,
            color="#1a7f37" if ok else "#888",
            fill=True,
            fill_opacity=0.7,
            popup=folium.Popup(body, max_width=360),
            tooltip=folium.Tooltip(esc(f"#{r.rank} {site.name(lang)}")),
        ).add_to(fits if ok else nope)
    fits.add_to(m)
    nope.add_to(m)
    # the layer control must come after every layer, or Leaflet fails on the new ones
    for key, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            del m._children[key]
            folium.LayerControl(collapsed=False).add_to(m)
    return m


def comparison_map(
    itineraries: Mapping[str, Itinerary],
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    show: int = 3,
) -> folium.Map:
    """One map with a layer group per variant (its legs and numbered stops in its colour).

    Parameters
    ----------
    itineraries : mapping
        Variant name to its plan, in the order of the layers; plans that are not feasible
        are skipped.
    catalog : Catalog, optional
        Names in ``lang``.
    lang : {"ru", "en"}
    show : int
        How many layers are switched on at first (the others are listed, off).

    Returns
    -------
    folium.Map
    """
    ok = [(name, it) for name, it in itineraries.items() if it.feasible]
    points = [(s.lat, s.lon) for _name, it in ok for s in it.stops]
    m = _base_map(points, lang, zoom=8)
    for vi, (variant, it) in enumerate(ok):
        colour = day_colour(vi)
        group = folium.FeatureGroup(name=f"{esc(variant)} ({len(it.stops)})", show=vi < show)
        for di, day in enumerate(it.days, 1):
            for leg in day.legs:
                line = [(float(p[0]), float(p[1])) for p in leg.geometry]
                if len(line) >= 2:
                    folium.PolyLine(
                        line,
                        color=colour,
                        weight=4,
                        opacity=0.7,
                        dash_array="8 8" if leg.mode in _NON_ROAD else None,
                        tooltip=folium.Tooltip(esc(f"{variant} · {t('day', lang).lower()} {di}")),
                    ).add_to(group)
            for k, s in enumerate(day.stops, 1):
                name = s.name_en if lang == "en" else s.name
                if catalog is not None and s.site_id in catalog.sites:
                    name = catalog.sites[s.site_id].name(lang)
                icon = CATEGORY_ICONS.get(s.category, "location-dot")
                folium.Marker(
                    (s.lat, s.lon),
                    icon=folium.DivIcon(
                        html=(
                            f'<div class="rp-pin" style="background:{colour}">{k}'
                            f'<i class="fa-solid fa-{icon} rp-cat" style="color:{colour}"></i>'
                            "</div>"
                        ),
                        icon_size=(26, 26),
                        icon_anchor=(13, 13),
                        class_name="rp-stop",
                    ),
                    tooltip=folium.Tooltip(
                        esc(
                            f"{variant} · {t('day', lang).lower()} {di} · {k}. {name} · "
                            f"{s.start:%H:%M}–{s.end:%H:%M}"
                        )
                    ),
                ).add_to(group)
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if points:
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
    return m


def render_map(m: folium.Map) -> bytes:
    """The map as one self-contained HTML page (UTF-8 bytes).

    Parameters
    ----------
    m : folium.Map
        From :func:`itinerary_map`, :func:`catalog_map` or :func:`comparison_map`.

    Returns
    -------
    bytes
    """
    return m.get_root().render().encode("utf-8")

"""The printed programme: one self-contained HTML page (print it to PDF from a browser).

The page has no scripts and loads nothing: styles are inline and print-ready (A4). It holds
the trip's header, a summary, the day-by-day schedule (travel legs, visits with their rules,
lunch, the night's lodging), the costs per person and the sites left out with their reasons.
Every piece of text taken from data is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from html import escape

from . import __version__
from .catalog import Catalog
from .i18n import fmt_date, t
from .model import Lodging
from .places import CATEGORY_COLOURS, PlaceInfo, day_colour, resolve_places, site_rules
from .result import Day, Itinerary, Kpis

__all__ = ["programme_html"]

_CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  color: #1d1d1d; margin: 0 auto; max-width: 190mm; padding: 8mm 0; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 2px solid #333; padding-bottom: 1mm;
  break-after: avoid; }
.meta { color: #444; margin: 0 0 4mm; }
.meta span { margin-right: 6mm; display: inline-block; }
.kpis { display: flex; flex-wrap: wrap; gap: 2mm; margin: 2mm 0 4mm; }
.kpi { border: 1px solid #ccc; border-radius: 2mm; padding: 1.5mm 3mm; min-width: 30mm; }
.kpi b { display: block; font-size: 13pt; }
.kpi small { color: #555; }
section.day { break-inside: avoid; margin-top: 6mm; }
section.day h2 { border-bottom-width: 3px; }
.daysum { color: #444; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid #ddd; }
th { background: #f2f2f2; font-weight: bold; font-size: 9.5pt; }
tr { break-inside: avoid; }
td.time { white-space: nowrap; width: 22mm; font-variant-numeric: tabular-nums; }
tr.leg td { color: #555; font-size: 9.5pt; }
td.what { width: 62%; }
tr.stop td.what b { font-size: 11pt; }
tr.lunch td, tr.night td { background: #fafafa; }
.cat { display: inline-block; font-size: 8.5pt; color: #fff; border-radius: 1mm;
  padding: 0 1.5mm; margin-left: 1.5mm; vertical-align: 1px; }
.rules { font-size: 9pt; color: #444; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 2px solid #333; }
.cat.new { background: #1a7f37; }
.problems { border: 2px solid #b00; padding: 3mm; color: #800; }
footer { margin-top: 8mm; color: #777; font-size: 8.5pt; border-top: 1px solid #ccc;
  padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _hm(x: dt.datetime | None) -> str:
    return x.strftime("%H:%M") if x is not None else ""


def _money(rub: int | float, lang: str) -> str:
    n = f"{round(rub):,}".replace(",", "\u00a0")
    return f"{n}\u00a0{t('rub', lang)}"


def _duration(minutes: float, lang: str) -> str:
    minutes = round(minutes)
    h, m = divmod(minutes, 60)
    if h and m:
        return f"{h}\u00a0{t('h', lang)} {m:02d}\u00a0{t('min', lang)}"
    if h:
        return f"{h}\u00a0{t('h', lang)}"
    return f"{m}\u00a0{t('min', lang)}"


def _day_rows(
    day: Day,
    places: Mapping[str, PlaceInfo],
    catalog: Catalog | None,
    lang: str,
    *,
    last: bool,
) -> list[str]:
    """Table rows of one day in time order: legs, visits, lunch, night."""

    def name(pid: str) -> str:
        info = places.get(pid)
        return info.name if info is not None else pid

    events: list[tuple[int, str]] = []
    for k, leg in enumerate(day.legs):
        mode = t(leg.mode, lang)
        bits = [_duration(leg.duration_min, lang), f"{leg.distance_km:.0f}\u00a0{t('km', lang)}"]
        if leg.price_rub:
            bits.append(f"{t('fare', lang)} {_money(leg.price_rub, lang)}")
        verb = t("departure", lang) if k == 0 else mode.capitalize()
        what = f"{_e(verb)}: {_e(name(leg.origin))} → {_e(name(leg.destination))}"
        if k == 0:
            what += f" <span class='rules'>({_e(mode)})</span>"
        events.append(
            (
                2 * k,
                f"<tr class='leg'><td class='time'>{_hm(leg.depart)}–{_hm(leg.arrive)}</td>"
                f"<td class='what'>{what}</td><td>{_e(' · '.join(bits))}</td></tr>",
            )
        )
    for k, s in enumerate(day.stops):
        visit_min = int((s.end - s.start).total_seconds() // 60)
        colour = CATEGORY_COLOURS.get(s.category, "#555")
        details = [f"{t('visit_length', lang)}: {_duration(visit_min, lang)}"]
        if s.wait_min > 0:
            details.append(
                f"{t('arrival', lang)} {_hm(s.arrive)}, {t('wait', lang)} "
                f"{_duration(s.wait_min, lang)}"
            )
        details.append(
            f"{t('price', lang)}: "
            + (_money(s.price_rub, lang) if s.price_rub else t("free", lang))
        )
        rules = ""
        site = catalog.sites.get(s.site_id) if catalog is not None else None
        if site is not None:
            keep = {
                t("booking", lang),
                t("max_group", lang),
                t("min_age", lang),
                t("id_required", lang),
                t("opening_hours", lang),
            }
            rules = "; ".join(f"{k_}: {v}" for k_, v in site_rules(site, lang) if k_ in keep)
        events.append(
            (
                2 * k + 1,
                f"<tr class='stop'><td class='time'>{_hm(s.start)}–{_hm(s.end)}</td>"
                f"<td class='what'><b>{k + 1}. {_e(name(s.site_id))}</b>"
                f"<span class='cat' style='background:{colour}'>{_e(t(s.category, lang))}</span>"
                + (f"<span class='cat new'>{_e(t('added_stop', lang))}</span>" if s.added else "")
                + (f"<div class='rules'>{_e(rules)}</div>" if rules else "")
                + f"</td><td>{'<br>'.join(_e(x) for x in details)}</td></tr>",
            )
        )
    events.sort(key=lambda e: e[0])
    rows = [html for _, html in events]
    if day.lunch_start is not None:
        # after every leg or visit that starts no later than lunch
        starts = []
        for k, leg in enumerate(day.legs):
            starts.append(leg.depart)
            if k < len(day.stops):
                starts.append(day.stops[k].start)
        pos = sum(1 for x in starts if x <= day.lunch_start)
        rows.insert(
            pos,
            f"<tr class='lunch'><td class='time'>{_hm(day.lunch_start)}–{_hm(day.lunch_end)}"
            f"</td><td class='what'>{_e(t('lunch', lang))}</td><td></td></tr>",
        )
    if day.lodging:
        rows.append(
            f"<tr class='night'><td class='time'>{_hm(day.finish)}</td>"
            f"<td class='what'><b>{_e(t('overnight', lang))}: {_e(name(day.lodging))}</b></td>"
            f"<td></td></tr>"
        )
    else:
        rows.append(
            f"<tr class='night'><td class='time'>{_hm(day.finish)}</td>"
            f"<td class='what'><b>{_e(t('end_place', lang) if last else t('return', lang))}: "
            f"{_e(name(day.end_place))}</b></td><td></td></tr>"
        )
    return rows


def programme_html(
    itinerary: Itinerary,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
) -> str:
    """Render the printed programme of ``itinerary`` as one self-contained HTML page.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog, optional
        Adds each visit's excursion rules and the lodging prices per night.
    lang : {"ru", "en"}
    names : mapping, optional
        Place id to display name.

    Returns
    -------
    str
        A complete HTML document (UTF-8, no scripts, no external resources).
    """
    places = resolve_places(itinerary, catalog, lang=lang, names=names)
    req = itinerary.scenario
    k = itinerary.kpis or Kpis()
    out: list[str] = [
        "<!DOCTYPE html>",
        f"<html lang='{'en' if lang == 'en' else 'ru'}'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>{_e(t('programme', lang))} — {_e(req.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_e(req.name)}</h1>",
    ]
    last = req.start_date + dt.timedelta(days=req.days - 1)
    dates = fmt_date(req.start_date, lang, weekday=False)
    if last != req.start_date:
        dates += f" — {fmt_date(last, lang, weekday=False)}"
    start = places[req.start].name if req.start in places else req.start
    out.append(
        "<p class='meta'>"
        f"<span>{_e(t('dates', lang))}: {_e(dates)}</span>"
        f"<span>{_e(t('group', lang))}: {req.group_size} {_e(t('persons', lang))}"
        f" ({_e(t('youngest', lang))} {req.youngest_age} {_e(t('years', lang))})</span>"
        f"<span>{_e(t('profile', lang))}: {_e(t(req.profile, lang))}</span>"
        f"<span>{_e(t('start_place', lang))}: {_e(start)}</span></p>"
    )
    if not itinerary.feasible:
        out.append(f"<div class='problems'><b>{_e(t('infeasible', lang))}</b><ul>")
        out += [f"<li>{_e(p)}</li>" for p in itinerary.problem_texts(lang)]
        out.append("</ul></div>")
    if itinerary.days:
        kpis = [
            (str(k.get("sites", len(itinerary.stops))), t("sites_count", lang)),
            (f"{k.get('score', 0):.1f}", t("score", lang)),
            (f"{k.get('distance_km', 0):.0f}\u00a0{t('km', lang)}", t("distance_total", lang)),
            (_duration(k.get("travel_h", 0) * 60, lang), t("travel_time", lang)),
            (_money(k.get("cost_per_person_rub", 0), lang), t("cost", lang)),
        ]
        out.append(f"<h2>{_e(t('summary', lang))}</h2><div class='kpis'>")
        out += [f"<div class='kpi'><b>{_e(v)}</b><small>{_e(lab)}</small></div>" for v, lab in kpis]
        out.append("</div>")

    for di, day in enumerate(itinerary.days):
        colour = day_colour(di)
        cats = Counter(t(s.category, lang) for s in day.stops)
        travel = sum(leg.duration_min for leg in day.legs)
        dist = sum(leg.distance_km for leg in day.legs)
        out.append(
            f"<section class='day' id='day-{di + 1}'>"
            f"<h2 style='border-color:{colour}'>{_e(t('day', lang))} {di + 1} — "
            f"{_e(fmt_date(day.date, lang))}</h2>"
            f"<p class='daysum'>{_e(t('sites_count', lang))}: {len(day.stops)}"
            + (f" ({_e(', '.join(f'{c}: {n}' for c, n in cats.items()))})" if cats else "")
            + f" · {_e(t('travel', lang))} {_duration(travel, lang)}"
            f" · {dist:.0f}\u00a0{_e(t('km', lang))}"
            + (
                f" · {_hm(day.depart)}–{_hm(day.finish)}"
                if day.depart is not None and day.finish is not None
                else ""
            )
            + "</p>"
        )
        if not day.stops:
            out.append(f"<p>{_e(t('no_stops', lang))}</p>")
        out.append(
            f"<table><thead><tr><th>{_e(t('time', lang))}</th><th>{_e(t('activity', lang))}</th>"
            f"<th>{_e(t('details', lang))}</th></tr></thead><tbody>"
        )
        out += _day_rows(day, places, catalog, lang, last=di == len(itinerary.days) - 1)
        out.append("</tbody></table></section>")

    if itinerary.days:
        out.append(f"<h2>{_e(t('costs', lang))}</h2><table><thead><tr>")
        out.append(
            f"<th>{_e(t('item', lang))}</th><th class='num'>{_e(t('amount', lang))}</th></tr>"
            "</thead><tbody>"
        )
        for s in itinerary.stops:
            if s.price_rub:
                out.append(
                    f"<tr><td>{_e(t('tickets', lang))}: {_e(places[s.site_id].name)}</td>"
                    f"<td class='num'>{_money(s.price_rub, lang)}</td></tr>"
                )
        fares = k.get("fares_rub", sum(leg.price_rub for d in itinerary.days for leg in d.legs))
        if fares:
            out.append(
                f"<tr><td>{_e(t('fares', lang))}</td>"
                f"<td class='num'>{_money(fares, lang)}</td></tr>"
            )
        nights = Counter(d.lodging for d in itinerary.days if d.lodging)
        for lid, n in nights.items():
            place = catalog.lodgings.get(lid) if catalog is not None else None
            label = f"{t('lodging', lang)}: {places[lid].name if lid in places else lid}"
            label += f", {n} {t('nights', lang)}"
            amount = ""
            if isinstance(place, Lodging):
                label += f" × {_money(place.price_rub, lang)}"
                amount = _money(place.price_rub * n, lang)
            out.append(f"<tr><td>{_e(label)}</td><td class='num'>{amount}</td></tr>")
        if nights and catalog is None and k.get("lodging_rub"):
            out.append(
                f"<tr><td>{_e(t('lodging', lang))}</td>"
                f"<td class='num'>{_money(k['lodging_rub'], lang)}</td></tr>"
            )
        total = k.get(
            "cost_per_person_rub",
            sum(s.price_rub for s in itinerary.stops) + fares,
        )
        out.append(
            f"<tr class='total'><td>{_e(t('total', lang))}, {_e(t('per_person', lang))}</td>"
            f"<td class='num'>{_money(total, lang)}</td></tr>"
        )
        out.append(
            f"<tr><td>{_e(t('total', lang))}, {_e(t('group', lang).lower())} "
            f"({req.group_size} {_e(t('persons', lang))})</td>"
            f"<td class='num'>{_money(total * req.group_size, lang)}</td></tr>"
        )
        out.append("</tbody></table>")

    if itinerary.dropped:
        out.append(
            f"<h2>{_e(t('dropped', lang))} ({len(itinerary.dropped)})</h2><table><thead><tr>"
            f"<th>{_e(t('site', lang))}</th><th>{_e(t('reason', lang))}</th></tr></thead><tbody>"
        )
        for d in itinerary.dropped:
            nm = (names or {}).get(d.site_id) or ((d.name_en or d.name) if lang == "en" else d.name)
            out.append(f"<tr><td>{_e(nm)}</td><td class='rules'>{_e(d.text(lang))}</td></tr>")
        out.append("</tbody></table>")

    status = itinerary.solver.get("status", "")
    out.append(
        f"<footer>{_e(t('generated', lang))} {_e(__version__)}"
        + (f" · {_e(t('solver_status', lang))}: {_e(status)}" if status else "")
        + "</footer></body></html>"
    )
    return "\n".join(out) + "\n"

"""The client's programme: one self-contained HTML page to hand over (print it to PDF).

It holds what a client needs and nothing of the planner's internals: the trip's header and
summary with the price per person, the day-by-day schedule (legs, visits with their rules in
words, lunch, the night's lodging), the lodging with the year of each price, the price of the
tour for the group (and other group sizes), a summary of the bookings, and a short list of
what else could be added (at most :data:`MORE_MAX`). Every fact that is a planning default
carries the mark «по умолчанию — уточнить у предприятия». The solver's status, every left-out
site with its reason and the defaults used are in the agency's report
(:mod:`routeplanner.report`).

The page has no scripts and loads nothing: styles are inline and print-ready (A4). Every piece
of text taken from data is HTML-escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from . import __version__
from ._html import CSS, duration, e, hm, money
from .bookings import Booking
from .catalog import Catalog
from .costing import Costing
from .i18n import fmt_date, plural, t
from .model import CHECKLIST_CATEGORIES, Lodging
from .places import (
    CATEGORY_COLOURS,
    PlaceInfo,
    day_colour,
    default_mark,
    default_note,
    lodging_price_note,
    resolve_places,
    site_rules,
)
from .readiness import score_note
from .regulations import plan_requirements
from .result import Day, Itinerary, Kpis, lunch_where

__all__ = ["MORE_MAX", "more_to_add", "programme_html"]

#: Longest «что ещё можно добавить» list.
MORE_MAX = 10

#: The rules shown under a visit in the schedule.
_RULE_KEYS = ("opening_hours", "booking", "max_group", "min_age", "id_required", "outdoor")


def more_to_add(itinerary: Itinerary, catalog: Catalog | None, limit: int = MORE_MAX) -> list[str]:
    """Left-out sites worth offering the client, best score first (at most ``limit`` ids).

    Sites the group may not visit at all (group size, age) are not offered.
    """
    if catalog is None:
        return []
    req = itinerary.scenario
    out = []
    for d in itinerary.dropped:
        site = catalog.sites.get(d.site_id)
        if site is None or d.site_id in req.exclude:
            continue
        if site.max_group is not None and req.group_size > site.max_group:
            continue
        if req.youngest_age < site.min_age:
            continue
        out.append(site)
    out.sort(key=lambda s: (-s.score, s.id))
    return [s.id for s in out[:limit]]


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
        bits = [duration(leg.duration_min, lang), f"{leg.distance_km:.0f}\u00a0{t('km', lang)}"]
        if leg.price_rub:
            bits.append(f"{t('fare', lang)} {money(leg.price_rub, lang)}")
        if leg.break_min:
            bits.append(f"{t('driver_break', lang)} {duration(leg.break_min, lang)}")
        verb = t("departure", lang) if k == 0 else mode.capitalize()
        what = f"{e(verb)}: {e(name(leg.origin))} → {e(name(leg.destination))}"
        if k == 0:
            what += f" <span class='rules'>({e(mode)})</span>"
        events.append(
            (
                2 * k,
                f"<tr class='leg'><td class='time'>{hm(leg.depart)}–{hm(leg.arrive)}</td>"
                f"<td class='what'>{what}</td><td>{e(' · '.join(bits))}</td></tr>",
            )
        )
    for k, s in enumerate(day.stops):
        visit_min = int((s.end - s.start).total_seconds() // 60)
        colour = CATEGORY_COLOURS.get(s.category, "#555")
        site = catalog.sites.get(s.site_id) if catalog is not None else None
        details = [f"{t('visit_length', lang)}: {duration(visit_min, lang)}"]
        if s.wait_min > 0:
            details.append(
                f"{t('arrival', lang)} {hm(s.arrive)}, {t('wait', lang)} "
                f"{duration(s.wait_min, lang)}"
            )
        price = money(s.price_rub, lang) if s.price_rub else t("free", lang)
        details.append(f"{t('price', lang)}: {price}")
        scored = catalog.sites.get(s.site_id) if catalog is not None else None
        if scored is not None and scored.category in CHECKLIST_CATEGORIES:
            details.append(f"{t('score', lang)} {scored.score:.1f}: {score_note(scored, lang)}")
        stories = catalog.stories.get(s.site_id, ()) if catalog is not None else ()
        story_html = ""
        if stories:
            links = ", ".join(
                f"<a href='{e(x.url)}'>{e(x.title(lang))}</a> ({e(t(x.kind, lang))})"
                for x in stories
            )
            story_html = f"<div class='stories'>{e(t('stories', lang))}: {links}</div>"
        rules = note = ""
        if site is not None:
            keep = {t(key, lang) for key in _RULE_KEYS}
            pairs = site_rules(site, lang, marks=False)
            rules = "; ".join(f"{a}: {b}" for a, b in pairs if a in keep)
            note = default_note(site, lang)
        events.append(
            (
                2 * k + 1,
                f"<tr class='stop'><td class='time'>{hm(s.start)}–{hm(s.end)}</td>"
                f"<td class='what'><b>{k + 1}. {e(name(s.site_id))}</b>"
                f"<span class='cat' style='background:{colour}'>{e(t(s.category, lang))}</span>"
                + (f"<span class='cat new'>{e(t('added_stop', lang))}</span>" if s.added else "")
                + (f"<div class='rules'>{e(rules)}</div>" if rules else "")
                + (f"<div class='mark'>{e(note)}</div>" if note else "")
                + story_html
                + f"</td><td>{'<br>'.join(e(x) for x in details)}</td></tr>",
            )
        )
    events.sort(key=lambda x: x[0])
    rows = [html for _, html in events]
    if day.lunch_start is not None:
        # after every leg or visit that starts no later than lunch
        starts = []
        for k, leg in enumerate(day.legs):
            starts.append(leg.depart)
            if k < len(day.stops):
                starts.append(day.stops[k].start)
        pos = sum(1 for x in starts if x <= day.lunch_start)
        where = ""
        if day.lunch_place is not None:  # taken at a place, never inside a drive
            named = {day.lunch_place: name(day.lunch_place)}
            if day.lunch_venue is not None and catalog is not None:
                venue = catalog.eateries.get(day.lunch_venue)
                named[day.lunch_venue] = venue.name(lang) if venue else day.lunch_venue
            where = f": {e(lunch_where(day, named, lang))}"
        rows.insert(
            pos,
            f"<tr class='lunch'><td class='time'>{hm(day.lunch_start)}–{hm(day.lunch_end)}"
            f"</td><td class='what'>{e(t('lunch', lang))}{where}</td><td></td></tr>",
        )
    if day.lodging:
        rows.append(
            f"<tr class='night'><td class='time'>{hm(day.finish)}</td>"
            f"<td class='what'><b>{e(t('overnight', lang))}: {e(name(day.lodging))}</b></td>"
            f"<td></td></tr>"
        )
    else:
        rows.append(
            f"<tr class='night'><td class='time'>{hm(day.finish)}</td>"
            f"<td class='what'><b>{e(t('end_place', lang) if last else t('return', lang))}: "
            f"{e(name(day.end_place))}</b></td><td></td></tr>"
        )
    return rows


def _regulation_rows(itinerary: Itinerary, lang: str) -> list[str]:
    """The transport regulations the plan follows, each with what it did and its legal act."""
    if not itinerary.days:
        return []
    found = plan_requirements(itinerary)
    if not found:
        return []
    out = [f"<h2>{e(t('regulations', lang))}</h2><ul class='rules-list'>"]
    sunset = False
    for rule, note_ru, note_en in found:
        note = note_en if lang == "en" else note_ru
        out.append(
            f"<li><b>{e(rule.text(lang))}</b>"
            + (f" — {e(note)}" if note else "")
            + f"<br><span class='rules'>{e(t('regulation_basis', lang))}: "
            f"{e(rule.source(lang))}</span></li>"
        )
        end = rule.in_force[1]
        sunset |= end is not None and itinerary.scenario.start_date >= end
    out.append("</ul>")
    if sunset:
        out.append(f"<p class='rules'>{e(t('regulation_sunset', lang))}</p>")
    return out


def header_html(itinerary: Itinerary, places: Mapping[str, PlaceInfo], lang: str) -> list[str]:
    """The title line and the trip's dates, group, transport and start (both documents)."""
    req = itinerary.scenario
    dates = fmt_date(req.start_date, lang, weekday=False)
    if req.days > 1:
        last = itinerary.days[-1].date if itinerary.days else None
        if last is not None:
            dates += f" — {fmt_date(last, lang, weekday=False)}"
    start = places[req.start].name if req.start in places else req.start
    return [
        "<p class='meta'>"
        f"<span>{e(t('dates', lang))}: {e(dates)} ({e(plural(req.days, 'day', lang))})</span>"
        f"<span>{e(t('group', lang))}: {e(plural(req.group_size, 'person', lang))}"
        f" ({e(t('youngest', lang))} {e(plural(req.youngest_age, 'year', lang))})</span>"
        f"<span>{e(t('profile', lang))}: {e(t(req.profile, lang))}</span>"
        f"<span>{e(t('start_place', lang))}: {e(start)}</span></p>"
    ]


def _lodging_rows(
    itinerary: Itinerary, places: Mapping[str, PlaceInfo], catalog: Catalog | None, lang: str
) -> list[str]:
    nights = Counter(d.lodging for d in itinerary.days if d.lodging)
    if not nights:
        return []
    out = [
        f"<h2>{e(t('lodging', lang))}</h2><table><thead><tr>"
        f"<th>{e(t('lodging', lang))}</th><th class='num'>{e(t('nights_count', lang))}</th>"
        f"<th class='num'>{e(t('per_night', lang))}</th></tr></thead><tbody>"
    ]
    for lid, n in nights.items():
        place = catalog.lodgings.get(lid) if catalog is not None else None
        name = places[lid].name if lid in places else lid
        price, note = "", ""
        if isinstance(place, Lodging):
            price = money(place.price_rub, lang)
            note = lodging_price_note(place, lang)
        out.append(
            f"<tr><td>{e(name)}</td><td class='num'>{n}</td><td class='num'>{price}"
            + (f"<div class='mark'>{e(note)}</div>" if note else "")
            + "</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _price_rows(itinerary: Itinerary, costing: Costing | None, lang: str) -> list[str]:
    req = itinerary.scenario
    k = itinerary.kpis or Kpis()
    out = [f"<h2>{e(t('tour_price', lang))}</h2>"]
    if costing is None:
        total = k.get("cost_per_person_rub", 0)
        out.append(
            f"<p>{e(t('costs', lang))}: <b>{money(total, lang)}</b> "
            f"<span class='note'>({e(t('costs_basic', lang))})</span></p>"
        )
        return out
    mine = costing.for_group(req.group_size)
    out.append(
        f"<p class='price'>{e(t('price_per_person', lang))}: <b>{money(mine.per_person_rub, lang)}"
        f"</b> · {e(t('price_group_total', lang, n=plural(req.group_size, 'person', lang)))}: "
        f"{money(mine.total_rub, lang)}</p>"
    )
    kinds = []
    for line in mine.lines:
        key = (
            f"cost.kind.{line.kind.split('_')[0] if line.kind.startswith('vehicle') else line.kind}"
        )
        label = t(key, lang)
        if label not in kinds:
            kinds.append(label)
    out.append(f"<p class='note'>{e(t('price_includes', lang))}: {e(', '.join(kinds))}.</p>")
    others = [b for b in costing.breaks if b.group_size != req.group_size]
    if others:
        out.append(
            f"<table><thead><tr><th>{e(t('group', lang))}</th>"
            f"<th class='num'>{e(t('price_per_person', lang))}</th></tr></thead><tbody>"
        )
        for b in costing.breaks:
            mark = " class='total'" if b.group_size == req.group_size else ""
            out.append(
                f"<tr{mark}><td>{e(plural(b.group_size, 'person', lang))}</td>"
                f"<td class='num'>{money(b.per_person_rub, lang)}</td></tr>"
            )
        out.append("</tbody></table>")
    if costing.defaults_used:
        out.append(f"<p class='mark'>{e(t('price_defaults', lang))}</p>")
    return out


def _booking_rows(bookings: Sequence[Booking], lang: str) -> list[str]:
    if not bookings:
        return []
    out = [
        f"<h2>{e(t('bookings', lang))}</h2><table><thead><tr>"
        f"<th>{e(t('site', lang))}</th><th>{e(t('visit', lang))}</th>"
        f"<th>{e(t('book_by', lang))}</th><th>{e(t('contact', lang))}</th></tr></thead><tbody>"
    ]
    for b in bookings:
        when = f"{fmt_date(b.date, lang, weekday=False)}, {b.start:%H:%M}"
        by = fmt_date(b.book_by, lang, weekday=False) if b.book_by else t("booking_none", lang)
        mark = f"<div class='mark'>{e(default_mark(lang))}</div>" if b.default_rules else ""
        out.append(
            f"<tr><td>{e(b.name(lang))}{mark}</td><td>{e(when)}</td><td>{e(by)}</td>"
            f"<td>{e(b.contact or '—')}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _more_rows(ids: Sequence[str], catalog: Catalog | None, lang: str) -> list[str]:
    if not ids or catalog is None:
        return []
    out = [f"<h2>{e(t('more_to_add', lang))}</h2><ul class='more'>"]
    for sid in ids:
        s = catalog.sites[sid]
        # towns are kept in Russian only: named in the Russian document
        where = f", {s.town}" if lang != "en" else ""
        out.append(
            f"<li>{e(s.name(lang))} <span class='note'>({e(t(s.category.value, lang))}"
            f"{e(where)})</span></li>"
        )
    out.append("</ul>")
    return out


def programme_html(
    itinerary: Itinerary,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    costing: Costing | None = None,
    bookings: Sequence[Booking] = (),
) -> str:
    """Render the client's programme of ``itinerary`` as one self-contained HTML page.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog, optional
        Adds each visit's rules (defaults marked), lodging prices with their year, and the
        «что ещё можно добавить» list.
    lang : {"ru", "en"}
    names : mapping, optional
        Place id to display name.
    costing : Costing, optional
        The tour's calculation (:func:`routeplanner.costing.tour_costing`): the price per
        person; without it the per-person costs of tickets, fares and nights are shown.
    bookings : sequence of Booking, optional
        The booking sheet (:func:`routeplanner.bookings.booking_sheet`), summarised.

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
        f"<title>{e(t('programme', lang))} — {e(req.title(lang))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(req.title(lang))}</h1>",
        *header_html(itinerary, places, lang),
    ]
    if not itinerary.feasible:
        out.append(f"<div class='problems'><b>{e(t('infeasible', lang))}</b><ul>")
        out += [f"<li>{e(p)}</li>" for p in itinerary.problem_texts(lang)]
        out.append("</ul></div>")
    if itinerary.warning_texts(lang):
        out.append(f"<div class='warnings'><b>{e(t('warnings', lang))}</b><ul>")
        out += [f"<li>{e(w)}</li>" for w in itinerary.warning_texts(lang)]
        out.append("</ul></div>")
    if itinerary.days:
        price = (
            money(costing.for_group(req.group_size).per_person_rub, lang)
            if costing is not None
            else money(k.get("cost_per_person_rub", 0), lang)
        )
        kpis = [
            (str(len(itinerary.stops)), t("sites_count", lang)),
            (f"{k.get('distance_km', 0):.0f}\u00a0{t('km', lang)}", t("distance_total", lang)),
            (duration(k.get("travel_h", 0) * 60, lang), t("travel_time", lang)),
            (price, t("price_per_person", lang) if costing is not None else t("cost", lang)),
        ]
        out.append(f"<h2>{e(t('summary', lang))}</h2><div class='kpis'>")
        out += [f"<div class='kpi'><b>{e(v)}</b><small>{e(lab)}</small></div>" for v, lab in kpis]
        out.append("</div>")

    out += _regulation_rows(itinerary, lang)

    for di, day in enumerate(itinerary.days):
        colour = day_colour(di)
        cats = Counter(t(s.category, lang) for s in day.stops)
        travel = sum(leg.duration_min for leg in day.legs)
        dist = sum(leg.distance_km for leg in day.legs)
        out.append(
            f"<section class='day' id='day-{di + 1}'>"
            f"<h2 style='border-color:{colour}'>{e(t('day', lang))} {di + 1} — "
            f"{e(fmt_date(day.date, lang))}</h2>"
            f"<p class='daysum'>{e(plural(len(day.stops), 'stop', lang))}"
            + (f" ({e(', '.join(f'{c}: {n}' for c, n in cats.items()))})" if cats else "")
            + f" · {e(t('travel', lang))} {duration(travel, lang)}"
            f" · {dist:.0f}\u00a0{e(t('km', lang))}"
            + (
                f" · {hm(day.depart)}–{hm(day.finish)}"
                if day.depart is not None and day.finish is not None
                else ""
            )
            + "</p>"
        )
        if not day.stops:
            out.append(f"<p>{e(t('no_stops', lang))}</p>")
        out.append(
            f"<table><thead><tr><th>{e(t('time', lang))}</th><th>{e(t('activity', lang))}</th>"
            f"<th>{e(t('details', lang))}</th></tr></thead><tbody>"
        )
        out += _day_rows(day, places, catalog, lang, last=di == len(itinerary.days) - 1)
        out.append("</tbody></table></section>")

    if itinerary.days:
        out += _lodging_rows(itinerary, places, catalog, lang)
        out += _price_rows(itinerary, costing, lang)
        out += _booking_rows(bookings, lang)
        out += _more_rows(more_to_add(itinerary, catalog), catalog, lang)

    out.append(f"<footer>{e(t('generated', lang))} {e(__version__)}</footer></body></html>")
    return "\n".join(out) + "\n"

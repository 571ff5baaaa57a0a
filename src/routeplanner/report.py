"""The agency's report: one self-contained HTML page with what the client's programme leaves out.

It holds the solver's status and figures, the KPIs, every site left out with its (verified)
reason, every planning default the plan relies on (visited sites' rules, lodging prices,
calculation rates), the full calculation for each group size and the booking sheet with its
deadlines. Like the programme it has no scripts, loads nothing and prints to A4.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from . import __version__
from ._html import CSS, duration, e, money
from .bookings import Booking
from .catalog import Catalog
from .costing import Costing, PriceBreak, Rates
from .i18n import fmt_date, has, plural, t
from .model import Lodging
from .places import default_facts, lodging_price_note, resolve_places, source_date_text
from .programme import header_html
from .result import Itinerary, Kpis

__all__ = ["report_html"]


def _fact_label(field: str, lang: str) -> str:
    key = f"fact.{field}"
    return t(key, lang) if has(key) else field


def _status_rows(itinerary: Itinerary, lang: str) -> list[str]:
    s = itinerary.solver or {}
    rows = [
        (t("report.feasible", lang), t("yes", lang) if itinerary.feasible else t("no", lang)),
        (t("solver_status", lang), str(s.get("status", "—"))),
    ]
    if "runtime_s" in s:
        rows.append((t("report.runtime", lang), f"{s['runtime_s']:.1f} {t('unit_s', lang)}"))
    if s.get("first_solution_s") is not None:
        rows.append(
            (t("report.first_solution", lang), f"{s['first_solution_s']:.2f} {t('unit_s', lang)}")
        )
    out = [f"<h2>{e(t('report.solver', lang))}</h2><table><tbody>"]
    out += [f"<tr><th>{e(a)}</th><td>{e(b)}</td></tr>" for a, b in rows]
    out.append("</tbody></table>")
    return out


def _kpi_rows(itinerary: Itinerary, lang: str) -> list[str]:
    k = itinerary.kpis or Kpis()
    data = k.to_dict() if hasattr(k, "to_dict") else dict(k)
    out = [f"<h2>{e(t('report.kpis', lang))}</h2><table><tbody>"]
    for key, value in data.items():
        if isinstance(value, dict | list | tuple):
            value = json.dumps(value, ensure_ascii=False)
        label = t(f"kpi.{key}", lang) if has(f"kpi.{key}") else key
        out.append(f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>")
    out.append("</tbody></table>")
    return out


def _dropped_rows(itinerary: Itinerary, names: Mapping[str, str], lang: str) -> list[str]:
    if not itinerary.dropped:
        return []
    out = [
        f"<h2>{e(t('dropped', lang))} ({len(itinerary.dropped)})</h2><table><thead><tr>"
        f"<th>{e(t('site', lang))}</th><th>{e(t('reason', lang))}</th></tr></thead><tbody>"
    ]
    for d in itinerary.dropped:
        out.append(
            f"<tr><td>{e(names.get(d.site_id) or d.label(lang))}</td>"
            f"<td class='rules'>{e(d.text(lang))}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _defaults_rows(
    itinerary: Itinerary, catalog: Catalog, rates: Rates | None, lang: str
) -> list[str]:
    out = [f"<h2>{e(t('report.defaults', lang))}</h2>"]
    rows = []
    for sid in dict.fromkeys(s.site_id for s in itinerary.stops):
        site = catalog.sites.get(sid)
        if site is None:
            continue
        facts = default_facts(site, lang)
        sourced = (
            source_date_text(site.source_date, lang) if site.source_date else t("undated", lang)
        )
        rows.append(
            f"<tr><td>{e(site.name(lang))}</td><td class='small'>{e(', '.join(facts) or '—')}</td>"
            f"<td class='small'>{e(sourced)}</td></tr>"
        )
    if rows:
        out.append(
            f"<table><thead><tr><th>{e(t('site', lang))}</th>"
            f"<th>{e(t('report.default_facts', lang))}</th>"
            f"<th>{e(t('report.source_date', lang))}</th></tr></thead><tbody>"
        )
        out += rows
        out.append("</tbody></table>")
    nights = dict.fromkeys(d.lodging for d in itinerary.days if d.lodging)
    lrows = []
    for lid in nights:
        lodging = catalog.lodgings.get(lid)
        if isinstance(lodging, Lodging):
            note = lodging_price_note(lodging, lang) or t("undated", lang)
            lrows.append(
                f"<tr><td>{e(lodging.name(lang))}</td><td class='num'>"
                f"{money(lodging.price_rub, lang)}</td><td class='small'>{e(note)}</td></tr>"
            )
    if lrows:
        out.append(
            f"<table><thead><tr><th>{e(t('lodging', lang))}</th>"
            f"<th class='num'>{e(t('per_night', lang))}</th>"
            f"<th>{e(t('report.basis', lang))}</th></tr></thead><tbody>"
        )
        out += lrows
        out.append("</tbody></table>")
    if rates is not None:
        rrows = [
            f"<tr><td>{e(t(f'rate.{key}', lang))}</td><td class='num'>{rate.value:g}</td>"
            f"<td class='small'>{e(_basis(rate.default, rate.year, rate.source_url, lang))}</td>"
            "</tr>"
            for key, rate in rates.rates.items()
        ]
        out.append(
            f"<table><thead><tr><th>{e(t('report.rate', lang))}</th>"
            f"<th class='num'>{e(t('amount', lang))}</th>"
            f"<th>{e(t('report.basis', lang))}</th></tr></thead><tbody>"
        )
        out += rrows
        out.append("</tbody></table>")
    return out


def _basis(default: bool, year: int, source: str | None, lang: str) -> str:
    if default:
        return f"{default_word(lang)}, {year}"
    return f"{source}, {year}"


def default_word(lang: str) -> str:
    """«по умолчанию» / "default" (the short form in tables)."""
    return t("report.default", lang)


def _break_rows(b: PriceBreak, lang: str) -> list[str]:
    out = [
        f"<h3>{e(plural(b.group_size, 'person', lang))} · {e(b.vehicle.name(lang))}"
        f" × {b.vehicles} · {e(t('cost.kind.guide', lang))} × {b.guides}</h3>",
        f"<table><thead><tr><th>{e(t('day', lang))}</th><th>{e(t('item', lang))}</th>"
        f"<th class='num'>{e(t('report.qty', lang))}</th>"
        f"<th class='num'>{e(t('report.unit_price', lang))}</th>"
        f"<th class='num'>{e(t('amount', lang))}</th><th>{e(t('report.basis', lang))}</th>"
        "</tr></thead><tbody>",
    ]
    for x in b.lines:
        basis = default_word(lang) if x.default else (x.year or "—")
        out.append(
            f"<tr><td>{x.day or ''}</td><td class='small'>{e(t(f'cost.line.{x.kind}', lang))}: "
            f"{e(x.item(lang))}</td><td class='num'>{x.quantity:g}\u00a0"
            f"{e(t(f'cost.unit.{x.unit}', lang))}</td>"
            f"<td class='num'>{money(x.unit_rub, lang)}</td>"
            f"<td class='num'>{money(x.total_rub, lang)}</td><td class='small'>{e(basis)}</td></tr>"
        )
    out += [
        f"<tr class='total'><td></td><td>{e(t('report.net', lang))}</td><td></td><td></td>"
        f"<td class='num'>{money(b.net_rub, lang)}</td><td></td></tr>",
        f"<tr><td></td><td>{e(t('report.margin', lang))} ({b.margin_pct:g} %)</td><td></td><td>"
        f"</td><td class='num'>{money(b.margin_rub, lang)}</td><td></td></tr>",
        f"<tr class='total'><td></td><td>{e(t('total', lang))}</td><td class='num'>"
        f"{b.group_size}</td><td class='num'>{money(b.per_person_rub, lang)}</td>"
        f"<td class='num'>{money(b.total_rub, lang)}</td><td></td></tr>",
        "</tbody></table>",
    ]
    return out


def _costing_rows(costing: Costing, group: int, lang: str) -> list[str]:
    out = [
        f"<h2>{e(t('report.costing', lang))}</h2><table><thead><tr>"
        f"<th>{e(t('group', lang))}</th><th>{e(t('report.vehicle', lang))}</th>"
        f"<th class='num'>{e(t('report.net', lang))}</th>"
        f"<th class='num'>{e(t('report.margin', lang))}</th>"
        f"<th class='num'>{e(t('price_per_person', lang))}</th></tr></thead><tbody>"
    ]
    for b in costing.breaks:
        out.append(
            f"<tr><td>{e(plural(b.group_size, 'person', lang))}</td>"
            f"<td>{e(b.vehicle.name(lang))} × {b.vehicles}</td>"
            f"<td class='num'>{money(b.net_rub, lang)}</td>"
            f"<td class='num'>{money(b.margin_rub, lang)}</td>"
            f"<td class='num'>{money(b.per_person_rub, lang)}</td></tr>"
        )
    out.append("</tbody></table>")
    out += _break_rows(costing.for_group(group), lang)
    return out


def _booking_rows(bookings: Sequence[Booking], lang: str) -> list[str]:
    if not bookings:
        return []
    out = [
        f"<h2>{e(t('bookings', lang))}</h2><table><thead><tr>"
        f"<th>{e(t('site', lang))}</th><th>{e(t('visit', lang))}</th>"
        f"<th>{e(t('book_by', lang))}</th><th>{e(t('contact', lang))}</th>"
        f"<th>{e(t('report.rules_basis', lang))}</th></tr></thead><tbody>"
    ]
    for b in bookings:
        when = f"{fmt_date(b.date, lang, weekday=False)}, {b.start:%H:%M}–{b.end:%H:%M}"
        by = fmt_date(b.book_by, lang, weekday=False) if b.book_by else t("booking_none", lang)
        if not b.in_time:
            by += f" — {t('report.too_late', lang)}"
        basis = (
            default_word(lang) + ": " + ", ".join(_fact_label(f, lang) for f in b.default_rules)
            if b.default_rules
            else t("report.sourced", lang)
        )
        out.append(
            f"<tr><td>{e(b.name(lang))}</td><td>{e(when)}</td>"
            f"<td{' class=warn' if not b.in_time else ''}>{e(by)}</td>"
            f"<td>{e(b.contact or '—')}</td><td class='small'>{e(basis)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def report_html(
    itinerary: Itinerary,
    catalog: Catalog | None = None,
    *,
    lang: str = "ru",
    names: Mapping[str, str] | None = None,
    costing: Costing | None = None,
    rates: Rates | None = None,
    bookings: Sequence[Booking] = (),
) -> str:
    """Render the agency's report of ``itinerary`` as one self-contained HTML page.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog, optional
        Adds the defaults the plan relies on.
    lang : {"ru", "en"}
    names : mapping, optional
        Place id to display name.
    costing, rates : optional
        The tour's calculation and the rates it used (:mod:`routeplanner.costing`).
    bookings : sequence of Booking, optional

    Returns
    -------
    str
        A complete HTML document (UTF-8, no scripts, no external resources).
    """
    places = resolve_places(itinerary, catalog, lang=lang, names=names)
    shown = {pid: info.name for pid, info in places.items()}
    req = itinerary.scenario
    out: list[str] = [
        "<!DOCTYPE html>",
        f"<html lang='{'en' if lang == 'en' else 'ru'}'><head><meta charset='utf-8'>",
        f"<title>{e(t('report.title', lang))} — {e(req.title(lang))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(t('report.title', lang))}: {e(req.title(lang))}</h1>",
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
    out += _status_rows(itinerary, lang)
    if itinerary.days:
        out += _kpi_rows(itinerary, lang)
        travel = sum(leg.duration_min for d in itinerary.days for leg in d.legs)
        out.append(f"<p class='note'>{e(t('travel_time', lang))}: {duration(travel, lang)}</p>")
    out += _dropped_rows(itinerary, shown, lang)
    if catalog is not None and itinerary.days:
        out += _defaults_rows(itinerary, catalog, rates, lang)
    if costing is not None:
        out += _costing_rows(costing, req.group_size, lang)
    out += _booking_rows(bookings, lang)
    out.append(f"<footer>{e(t('generated', lang))} {e(__version__)}</footer></body></html>")
    return "\n".join(out) + "\n"

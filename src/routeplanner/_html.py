"""Shared pieces of the printed documents (programme and agency report): style and formatting.

Both documents are one self-contained HTML page each, with no scripts and nothing loaded, styled
for A4 printing.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .i18n import t

__all__ = ["CSS", "duration", "e", "hm", "money"]

CSS = """
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
.stories { font-size: 9pt; }
.stories a { color: #1f5fa8; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 2px solid #333; }
.cat.new { background: #1a7f37; }
.problems { border: 2px solid #b00; padding: 3mm; color: #800; }
.warnings { border: 2px solid #c80; padding: 2mm 3mm; color: #630; margin: 2mm 0; }
footer { margin-top: 8mm; color: #777; font-size: 8.5pt; border-top: 1px solid #ccc;
  padding-top: 2mm; }
.note { font-size: 9pt; color: #555; }
.mark { color: #8a5a00; font-size: 9pt; }
.warn { color: #a00; }
td.small, th.small { font-size: 9pt; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""


def e(text: object) -> str:
    """HTML-escape any value (quotes included)."""
    return escape(str(text), quote=True)


def hm(x: dt.datetime | None) -> str:
    """``HH:MM`` of a time, '' for none."""
    return x.strftime("%H:%M") if x is not None else ""


def money(rub: int | float, lang: str) -> str:
    """Whole roubles with thin-space thousands: «12 600 ₽»."""
    n = f"{round(rub):,}".replace(",", "\u00a0")
    return f"{n}\u00a0{t('rub', lang)}"


def duration(minutes: float, lang: str) -> str:
    """«1 ч 05 мин», «45 мин», «2 ч»."""
    minutes = round(minutes)
    h, m = divmod(minutes, 60)
    if h and m:
        return f"{h}\u00a0{t('h', lang)} {m:02d}\u00a0{t('min', lang)}"
    if h:
        return f"{h}\u00a0{t('h', lang)}"
    return f"{m}\u00a0{t('min', lang)}"

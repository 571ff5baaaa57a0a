"""The comparison's charts as inline SVG: score against travel time with the Pareto front, and
the time budget of each variant's days."""

from __future__ import annotations

import html
import math

from ..i18n import has, t
from .kpis import Comparison

__all__ = ["budget_svg", "pareto_svg", "report_label"]


def report_label(key: str, lang: str) -> str:
    """The comparison's label ``key`` (``compare.<key>``, else the plain label)."""
    return t(f"compare.{key}", lang) if has(f"compare.{key}") else t(key, lang)


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if not math.isfinite(lo) or not math.isfinite(hi):
        return [0.0]
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    x = start
    while x <= hi + step * 0.5:
        ticks.append(round(x, 10))
        x += step
    return ticks


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x) >= 1 or x == 0 else f"{x:.2g}"


def pareto_svg(comp: Comparison, *, lang: str = "ru", width: int = 760, height: int = 420) -> str:
    """Scatter of score against travel time, the Pareto front highlighted (inline SVG)."""
    feas = comp.kpis[comp.kpis["feasible"]]
    if feas.empty:
        return f"<p>{html.escape(report_label('no_points', lang))}</p>"
    ml, mr, mt, mb = 60, 20, 16, 48
    xs = feas["travel_h"].astype(float).tolist()
    ys = feas["score"].astype(float).tolist()
    xt = _nice_ticks(min(xs) * 0.95, max(xs) * 1.05)
    yt = _nice_ticks(min(ys) * 0.95, max(ys) * 1.05)
    x0, x1, y0, y1 = xt[0], xt[-1], yt[0], yt[-1]
    pw, ph = width - ml - mr, height - mt - mb

    def sx(x: float) -> float:
        return ml + (x - x0) / (x1 - x0 or 1) * pw

    def sy(y: float) -> float:
        return mt + ph - (y - y0) / (y1 - y0 or 1) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">'
    ]
    for x in xt:
        out.append(
            f'<line x1="{sx(x):.1f}" y1="{mt}" x2="{sx(x):.1f}" y2="{mt + ph}" class="grid"/>'
            f'<text x="{sx(x):.1f}" y="{mt + ph + 16}" text-anchor="middle">{_fmt(x)}</text>'
        )
    for y in yt:
        out.append(
            f'<line x1="{ml}" y1="{sy(y):.1f}" x2="{ml + pw}" y2="{sy(y):.1f}" class="grid"/>'
            f'<text x="{ml - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{_fmt(y)}</text>'
        )
    out.append(
        f'<text x="{ml + pw / 2:.1f}" y="{height - 8}" text-anchor="middle" class="axis">'
        f"{html.escape(report_label('travel_h', lang))}</text>"
        f'<text transform="translate(16 {mt + ph / 2:.1f}) rotate(-90)" text-anchor="middle" '
        f'class="axis">{html.escape(report_label("score", lang))}</text>'
    )
    front = [n for n in comp.pareto if n in set(feas["variant"])]
    pts = {r["variant"]: (float(r["travel_h"]), float(r["score"])) for _, r in feas.iterrows()}
    if len(front) > 1:
        path = " ".join(f"{sx(pts[n][0]):.1f},{sy(pts[n][1]):.1f}" for n in front)
        out.append(f'<polyline points="{path}" class="front"/>')
    # labels: the front's first, then the others where they overlap no label already placed
    # (a point without room keeps its name in the tooltip)
    placed: list[tuple[float, float, float, float]] = [
        (sx(x) - 6, sy(y) - 6, sx(x) + 6, sy(y) + 6) for x, y in pts.values()
    ]
    order = front + [n for n in pts if n not in front]
    labels: dict[str, str] = {}
    for name in order:
        cx, cy = sx(pts[name][0]), sy(pts[name][1])
        w, h = 6.5 * len(name) + 4, 13
        for dx, dy, anchor in (
            (9, -6, "start"),
            (9, 14, "start"),
            (-9, -6, "end"),
            (-9, 14, "end"),
        ):
            x0b = cx + dx if anchor == "start" else cx + dx - w
            box = (x0b, cy + dy - 11, x0b + w, cy + dy - 11 + h)
            inside = box[0] >= ml and box[2] <= ml + pw and box[1] >= 0 and box[3] <= mt + ph
            free = all(
                box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed
            )
            if inside and free:
                placed.append(box)
                labels[name] = (
                    f'<text x="{cx + dx:.1f}" y="{cy + dy:.1f}" text-anchor="{anchor}">'
                    f"{html.escape(name)}</text>"
                )
                break
    for name, (x, y) in pts.items():
        on = name in front
        out.append(
            f'<g class="{"pt on" if on else "pt"}"><title>{html.escape(name)}: '
            f"{_fmt(y)} / {_fmt(x)} h</title>"
            f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="{7 if on else 5}"/>'
            f"{labels.get(name, '')}</g>"
        )
    out.append("</svg>")
    return "".join(out)


_BUDGET = (
    ("visit_h", "visit", "#2ca02c"),
    ("travel_h", "travel", "#1f77b4"),
    ("wait_h", "wait", "#ff7f0e"),
    ("lunch_h", "lunch", "#9467bd"),
    ("free_h", "free", "#d9d9d9"),
)


def budget_svg(comp: Comparison, *, lang: str = "ru", width: int = 760) -> str:
    """Stacked bars: each variant's days split into visits, travel, waiting, lunch and free
    time within the day window (inline SVG)."""
    days = comp.days
    if days.empty:
        return f"<p>{html.escape(report_label('no_points', lang))}</p>"
    label_w, mr, row_h, gap, top = 190, 20, 16, 10, 34
    n_groups = days["variant"].nunique()
    height = top + len(days) * row_h + n_groups * gap + 30
    used = days[[c for c, _, _ in _BUDGET]].sum(axis=1)
    hmax = max(float(days["window_h"].max()), float(used.max()), 1.0)
    ticks = _nice_ticks(0, hmax)
    pw = width - label_w - mr

    def sx(h: float) -> float:
        return label_w + h / ticks[-1] * pw

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">'
    ]
    lx = label_w
    for _col, key, colour in _BUDGET:
        text = html.escape(report_label(key, lang))
        out.append(
            f'<rect x="{lx}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{lx + 16}" y="16">{text}</text>'
        )
        lx += 30 + 8 * len(text)
    y = top
    bottom = height - 26
    for x in ticks:
        out.append(
            f'<line x1="{sx(x):.1f}" y1="{top - 4}" x2="{sx(x):.1f}" y2="{bottom}" class="grid"/>'
            f'<text x="{sx(x):.1f}" y="{bottom + 14}" text-anchor="middle">{_fmt(x)}</text>'
        )
    out.append(
        f'<text x="{label_w + pw / 2:.1f}" y="{height - 1}" text-anchor="middle" class="axis">'
        f"{html.escape(report_label('hours', lang))}</text>"
    )
    for name, group in days.groupby("variant", sort=False):
        for _, row in group.iterrows():
            label = f"{name} · {report_label('day', lang)} {row['day']}"
            out.append(
                f'<text x="{label_w - 6}" y="{y + row_h - 4}" text-anchor="end">'
                f"{html.escape(label)}</text>"
            )
            x = 0.0
            for col, key, colour in _BUDGET:
                w = float(row[col])
                if w <= 0:
                    continue
                out.append(
                    f'<rect x="{sx(x):.1f}" y="{y + 2}" width="{sx(x + w) - sx(x):.1f}" '
                    f'height="{row_h - 4}" fill="{colour}"><title>'
                    f"{html.escape(label)}: {html.escape(report_label(key, lang))} "
                    f"{w:.2f} h</title></rect>"
                )
                x += w
            y += row_h
        y += gap
    out.append("</svg>")
    return "".join(out)

"""Writing a plan's files: itinerary JSON, the schedule table and the printed programme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._io import atomic_write_text
from .calendar import parse_hours
from .catalog import Catalog
from .model import Site
from .result import Itinerary

__all__ = ["site_record", "write_plan_outputs"]


def site_record(site: Site, catalog: Catalog) -> dict[str, Any]:
    """Every field of a site as JSON-ready values, with normalised hours and the checklist."""
    items = catalog.checklists.get(site.id, ())
    return {
        "id": site.id,
        "name_ru": site.name_ru,
        "name_en": site.name_en,
        "category": site.category.value,
        "town": site.town,
        "lat": site.lat,
        "lon": site.lon,
        "coord_precision": site.coord_precision.value,
        "visit_min": site.visit_min,
        "opening_hours": site.opening_hours,
        "opening_hours_normalized": parse_hours(site.opening_hours).normalize(),
        "public_holidays": site.public_holidays.value,
        "booking_days": site.booking_days,
        "max_group": site.max_group,
        "min_age": site.min_age,
        "id_required": site.id_required,
        "slots": [s.strftime("%H:%M") for s in site.slots],
        "price_rub": site.price_rub,
        "base_score": site.base_score,
        "score": site.score,
        "checklist_coverage": site.checklist_coverage,
        "checklist": {i.criterion: i.score for i in items},
        "network_node": site.network_node,
        "defaults": sorted(site.defaults),
        "description_ru": site.description_ru,
        "description_en": site.description_en,
        "source_url": site.source_url,
        "notes": site.notes,
    }


def write_plan_outputs(
    itinerary: Itinerary, out: Path, *, lang: str = "ru", names: dict[str, str] | None = None
) -> list[Path]:
    """Write ``itinerary.json``, ``itinerary.csv`` and ``programme.txt`` into ``out``.

    Each file is written atomically; nothing half-written is left behind.
    """
    out = Path(out)
    written = [
        atomic_write_text(out / "itinerary.json", itinerary.to_json()),
        atomic_write_text(out / "itinerary.csv", itinerary.to_frame(lang=lang).to_csv(index=False)),
        atomic_write_text(out / "programme.txt", itinerary.summary(lang=lang, names=names) + "\n"),
    ]
    return written

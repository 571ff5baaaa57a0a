"""Site capacity (``capacity.csv``): loading, provenance rule, errors naming file/row/field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from routeplanner.capacity import CAPACITY_FIELDS, iso_week
from routeplanner.catalog import Catalog, load_catalog
from routeplanner.exceptions import CatalogError
from routeplanner.model import Category

HEADER = "site_id,groups_per_day,groups_per_week,groups_per_slot,defaults,source_url,notes\n"


def test_enterprises_have_capacity(catalog: Catalog) -> None:
    enterprises = {
        s.id
        for s in catalog.sites.values()
        if s.category in (Category.INDUSTRIAL, Category.ENERGY, Category.FOOD)
    }
    assert set(catalog.capacity) == enterprises
    hpp = catalog.capacity["irkutsk_hpp"]
    assert (hpp.groups_per_day, hpp.groups_per_week, hpp.groups_per_slot) == (2, 4, None)


def test_every_capacity_value_is_sourced_or_a_default(catalog: Catalog) -> None:
    for cap in catalog.capacity.values():
        for f in CAPACITY_FIELDS:
            if getattr(cap, f) is not None:
                assert cap.source_url or f in cap.defaults, (cap.site_id, f)
        assert cap.notes  # the basis of the default is written down


def test_catalog_without_capacity_file(data_copy: Path) -> None:
    (data_copy / "capacity.csv").unlink()
    assert load_catalog(data_copy).capacity == {}


@pytest.mark.parametrize(
    ("row", "field", "expect"),
    [
        ("nowhere,1,2,1,groups_per_day;groups_per_week;groups_per_slot,,x", "site_id", "no site"),
        ("irkutsk_hpp,x,2,,groups_per_day;groups_per_week,,x", "groups_per_day", "not a number"),
        ("irkutsk_hpp,2,4,1,,,x", "source_url", "neither sourced"),
        ("irkutsk_hpp,2,1,,groups_per_day;groups_per_week,,x", "groups_per_week", "less than"),
        ("irkutsk_hpp,2,4,,groups_per_day;size,,x", "defaults", "not a capacity column"),
        ("taltsy_museum,,,1,groups_per_slot,,x", "groups_per_slot", "no excursion slots"),
        ("irkutsk_hpp,,,,,,x", "groups_per_day", "at least one"),
        ("irkutsk_hpp,-1,4,1,groups_per_day;groups_per_week;groups_per_slot,,x", "groups_per_day",
         "between 0"),
    ],
)  # fmt: skip
def test_bad_capacity_row(data_copy: Path, row: str, field: str, expect: str) -> None:
    (data_copy / "capacity.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(data_copy)
    issue = err.value.issues[0]
    assert issue.file.endswith("capacity.csv")
    assert (issue.row, issue.field) == (2, field)
    assert expect in issue.message


def test_duplicate_capacity_row(data_copy: Path) -> None:
    row = "irkutsk_hpp,2,4,,,https://example.org/hpp,sourced\n"
    (data_copy / "capacity.csv").write_text(HEADER + row + row, encoding="utf-8")
    with pytest.raises(CatalogError, match="row 3, field 'site_id': site 'irkutsk_hpp' has two"):
        load_catalog(data_copy)


def test_sourced_row_needs_no_defaults(data_copy: Path) -> None:
    (data_copy / "capacity.csv").write_text(
        HEADER + "irkutsk_hpp,3,,,,https://example.org/hpp,sourced\n", encoding="utf-8"
    )
    cap = load_catalog(data_copy).capacity["irkutsk_hpp"]
    assert cap.groups_per_day == 3 and cap.groups_per_week is None
    assert not cap.is_default("day")


def test_iso_week_spans_years() -> None:
    assert iso_week(dt.date(2027, 1, 1)) == (2026, 53)
    assert iso_week(dt.date(2027, 6, 15)) == iso_week(dt.date(2027, 6, 20))
    assert iso_week(dt.date(2027, 6, 20)) != iso_week(dt.date(2027, 6, 21))

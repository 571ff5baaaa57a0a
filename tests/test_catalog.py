"""The catalog loads; every malformed-row kind gives a clear error naming file, row and field."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from routeplanner.calendar import open_intervals
from routeplanner.catalog import Catalog, load_catalog
from routeplanner.exceptions import CatalogError, UnknownPlaceError
from routeplanner.model import Category

BRIEF_SITES = [
    "irkutsk_hpp",
    "baikalkvartssamotsvety",
    "usolskiye_uzory",
    "asia_music_company",
    "elit_trade",
    "irkutsk_polymer_plant",
    "bratsk_hpp",
    "ust_ilimsk_hpp",
]


def test_catalog_loads(catalog: Catalog) -> None:
    assert len(catalog.sites) >= 50
    assert all(s in catalog.sites for s in BRIEF_SITES)
    towns = {lo.town for lo in catalog.lodgings.values()}
    for town in [
        "Иркутск",
        "Листвянка",
        "Ангарск",
        "Усолье-Сибирское",
        "Слюдянка",
        "Братск",
        "Усть-Илимск",
        "Усть-Кут",
        "Хужир",
        "Тулун",
    ]:
        assert town in towns, town
    kinds = {h.kind for h in catalog.hubs.values()}
    assert {"airport", "rail", "pier"} <= kinds


def test_every_site_has_source_and_names(catalog: Catalog) -> None:
    for s in catalog.sites.values():
        assert s.source_url and s.name_ru and s.name_en
        assert 0 <= s.score <= 10


def test_provenance_columns(catalog: Catalog, data_copy: Path) -> None:
    """Source dates and price years are read as given; files without the columns still load."""
    assert catalog.sites["icebreaker_angara"].source_date == "2023-01-23"
    assert catalog.sites["zhigalov_mineral_museum"].source_date == "2024"
    assert catalog.sites["kolchak_monument"].source_date == ""
    assert catalog.lodgings["lodging_irkutsk_irkut"].price_year == 2017
    # a default price has no year
    assert all(
        lo.price_year is None for lo in catalog.lodgings.values() if "price_rub" in lo.defaults
    )
    for name, col in (("sites.csv", "source_date"), ("lodgings.csv", "price_year")):
        rows = list(csv.DictReader(io.StringIO((data_copy / name).read_text("utf-8"))))
        out = io.StringIO()
        fields = [f for f in rows[0] if f != col]
        w = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        (data_copy / name).write_text(out.getvalue(), encoding="utf-8")
    old = load_catalog(data_copy)
    assert old.sites["icebreaker_angara"].source_date == ""
    assert old.lodgings["lodging_irkutsk_irkut"].price_year is None


def test_bad_price_year(data_copy: Path) -> None:
    _rewrite(data_copy / "lodgings.csv", 0, "price_year", "17")
    with pytest.raises(CatalogError, match=r"lodgings.csv, row 2, field 'price_year'"):
        load_catalog(data_copy)


def test_checklist_drives_industrial_score(catalog: Catalog) -> None:
    hpp = catalog.sites["irkutsk_hpp"]
    assert hpp.category is Category.ENERGY
    assert hpp.checklist_coverage is not None and hpp.checklist_coverage > 0
    assert hpp.score != hpp.base_score  # the known criteria moved it


def test_scoring_weights_are_configurable(data_copy: Path) -> None:
    before = load_catalog(data_copy).sites["irkutsk_hpp"].score
    text = (data_copy / "scoring.yaml").read_text(encoding="utf-8")
    text = text.replace("unknown_prior: base_score", "unknown_prior: 0")
    (data_copy / "scoring.yaml").write_text(text, encoding="utf-8")
    after = load_catalog(data_copy).sites["irkutsk_hpp"].score
    assert after < before


def test_unknown_id_suggests(catalog: Catalog) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        catalog.place("irkutsk_hp")
    assert "irkutsk_hpp" in str(info.value)


def _rewrite(path: Path, row: int, field: str, value: str) -> None:
    """Set ``field`` of data row ``row`` (0-based) of a CSV file."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row][field] = value
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


BAD_SITE_CELLS = [
    ("lat", "95.0", "must be between 50 and 62.5 (Irkutsk oblast and its neighbours)"),
    ("lon", "nan", "not a finite number"),
    ("lat", "abc", "not a number"),
    ("category", "factory", "is not one of"),
    ("visit_min", "-30", "must be between"),
    ("visit_min", "1e12", "too large"),
    ("opening_hours", "Mo-Fr 25:00-17:00", "opening_hours syntax"),
    ("opening_hours", "Mo-Fr 10:00-17:00; PH off", "public_holidays"),
    ("public_holidays", "sometimes", "is not one of"),
    ("slots", "10:00;26:00", "HH:MM"),
    ("id_required", "maybe", "true or false"),
    ("base_score", "11", "between 0 and 10"),
    ("id", "Bad Id", "not a valid id"),
    ("name_en", "", "value is required"),
    ("defaults", "opening_hours;colour", "not a column name"),
    ("source_date", "2023-02-30", "not a date YYYY-MM-DD, YYYY-MM or YYYY"),
    ("source_date", "23.01.2023", "not a date"),
    ("source_date", "1850", "between 1900 and next year"),
]


@pytest.mark.parametrize(("field", "value", "expect"), BAD_SITE_CELLS)
def test_bad_site_cell(data_copy: Path, field: str, value: str, expect: str) -> None:
    _rewrite(data_copy / "sites.csv", 2, field, value)
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    msg = str(info.value)
    assert "sites.csv, row 4" in msg  # data row 2 is line 4 (header is line 1)
    assert f"field '{field}'" in msg
    assert expect in msg


def test_duplicate_id(data_copy: Path) -> None:
    first = next(csv.DictReader(io.StringIO((data_copy / "sites.csv").read_text("utf-8"))))["id"]
    _rewrite(data_copy / "sites.csv", 5, "id", first)
    with pytest.raises(CatalogError, match=f"duplicate id '{first}'"):
        load_catalog(data_copy)


def test_all_problems_reported_together(data_copy: Path) -> None:
    _rewrite(data_copy / "sites.csv", 1, "lat", "10")
    _rewrite(data_copy / "sites.csv", 3, "category", "zzz")
    _rewrite(data_copy / "lodgings.csv", 0, "check_in", "25:00")
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    assert len(info.value.issues) == 3
    assert "lodgings.csv, row 2, field 'check_in'" in str(info.value)


def test_missing_column(data_copy: Path) -> None:
    path = data_copy / "hubs.csv"
    text = path.read_text(encoding="utf-8").replace(",kind", ",kynd", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match="field 'kind': required column is missing"):
        load_catalog(data_copy)


def test_non_utf8_file(data_copy: Path) -> None:
    path = data_copy / "sites.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    with pytest.raises(CatalogError, match="not UTF-8"):
        load_catalog(data_copy)


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "lodgings.csv").write_text("", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"lodgings\.csv: the file is empty"):
        load_catalog(data_copy)


def test_checklist_errors(data_copy: Path) -> None:
    _rewrite(data_copy / "checklist.csv", 0, "score", "7")
    _rewrite(data_copy / "checklist.csv", 1, "site_id", "no_such_site")
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    msg = str(info.value)
    assert "checklist.csv, row 2, field 'score'" in msg
    assert "no site with id 'no_such_site'" in msg


def test_extra_sites_extend_and_replace(data_copy: Path, tmp_path: Path) -> None:
    src = (data_copy / "sites.csv").read_text(encoding="utf-8").splitlines()
    header, first = src[0], src[1]
    extra = tmp_path / "extra.csv"
    new_row = first.replace(first.split(",")[0], "my_new_site", 1)
    extra.write_text("\n".join([header, new_row]) + "\n", encoding="utf-8")
    cat = load_catalog(data_copy, extra_sites=[extra])
    assert "my_new_site" in cat.sites
    assert len(cat.sites) == len(load_catalog(data_copy).sites) + 1


def test_inputs_never_modified(data_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    load_catalog(data_copy)
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_replacement_site_file(data_copy: Path, tmp_path: Path) -> None:
    """A site file that replaces the built-in one may leave sites out (their checklists too)."""
    lines = (data_copy / "sites.csv").read_text(encoding="utf-8").splitlines()
    mine = tmp_path / "mine.csv"
    keep = [ln for ln in lines if ln.startswith(("id,", "irkutsk_hpp,", "icebreaker_angara,"))]
    mine.write_text("\n".join(keep) + "\n", encoding="utf-8")
    cat = load_catalog(data_copy, sites_file=mine)
    assert set(cat.sites) == {"irkutsk_hpp", "icebreaker_angara"}
    assert cat.sites["irkutsk_hpp"].checklist_coverage is not None


@pytest.mark.parametrize(
    ("name", "row", "expect"),
    [
        ("outdoor.csv", "nosuch_site,true,https://x,", "no site with id 'nosuch_site'"),
        ("outdoor.csv", "taltsy_museum,maybe,https://x,", "true or false"),
        ("outdoor.csv", "taltsy_museum,true,https://x,", "'taltsy_museum' is listed twice"),
        ("contacts.csv", "nosuch_site,x.ru,https://x,", "no site with id 'nosuch_site'"),
        ("contacts.csv", "kolchak_monument,,https://x,", "value is required"),
    ],
)
def test_bad_per_site_tables(data_copy: Path, name: str, row: str, expect: str) -> None:
    path = data_copy / name
    path.write_text(path.read_text("utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(data_copy)
    assert name in str(info.value) and expect in str(info.value)


def test_outdoor_flag_and_contacts(catalog: Catalog, data_copy: Path) -> None:
    sites = catalog.sites
    assert sites["kolchak_monument"].outdoor and sites["listvyanka_chersky_stone"].outdoor
    assert not sites["irkutsk_hpp"].outdoor and not sites["volkonsky_house"].outdoor
    assert sites["taltsy_museum"].outdoor  # an open-air museum (outdoor.csv)
    assert not sites["slyudyanka_marble_station"].outdoor  # a station building (outdoor.csv)
    assert catalog.contacts["icebreaker_angara"] == "iokm.ru"
    # both files are optional
    (data_copy / "outdoor.csv").unlink()
    (data_copy / "contacts.csv").unlink()
    bare = load_catalog(data_copy)
    assert not bare.sites["taltsy_museum"].outdoor and not bare.contacts


# ----------------------------------------------------------------- issue 20: data corrections


def test_corrected_opening_rules(catalog: Catalog) -> None:
    """Baikal Museum daily 9-19; the Circum-Baikal line 30 Apr - 30 Oct daily and otherwise
    every day but Wednesday; Baikalsk is open in summer too."""
    museum = catalog.sites["baikal_museum"]
    monday = dt.date(2027, 7, 12)
    assert [(a.hour, b.hour) for a, b in open_intervals(museum, monday)] == [(9, 19)]
    kbzhd = catalog.sites["circum_baikal_railway"]
    assert open_intervals(kbzhd, dt.date(2027, 5, 5))  # a Wednesday in the season
    assert open_intervals(kbzhd, dt.date(2027, 10, 27))
    assert not open_intervals(kbzhd, dt.date(2027, 1, 13))  # a Wednesday in winter
    assert open_intervals(kbzhd, dt.date(2027, 1, 14))  # Thursday: the suburban train runs
    assert open_intervals(catalog.sites["baikalsk_sobolinaya"], dt.date(2027, 7, 15))


def test_corrected_names_and_places(catalog: Catalog) -> None:
    assert "Турма" in catalog.sites["turman_pillars"].town
    assert "Перевозная" in catalog.hubs["hub_olkhon_ferry_landing"].name_ru
    station = catalog.sites["slyudyanka_marble_station"]
    museum = catalog.sites["zhigalov_mineral_museum"]
    assert (station.lat, station.lon) != (museum.lat, museum.lon)


def test_enterprises_have_no_invented_slots(catalog: Catalog) -> None:
    """No enterprise publishes excursion times: none carries the old 10:00/14:00 slots."""
    for site in catalog.sites.values():
        if site.slots:
            assert "slots" not in site.defaults, site.id

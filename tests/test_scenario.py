"""Reading scenario files: safe YAML (no tags, no duplicated keys, no alias bombs), clear
errors naming the file, line and key, and every shipped scenario loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from routeplanner.exceptions import ScenarioError
from routeplanner.scenario import load_scenario, load_yaml, request_from_dict

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"start_date": "2027-06-15", "days": 2, "start": "lodging_irkutsk_irkut"}


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "scenarios").glob("*.yaml")), ids=str)
def test_every_shipped_scenario_loads(path: Path) -> None:
    req = load_scenario(path)
    assert req.days >= 1 and req.booked_on is not None  # shipped plans do not depend on today


def test_keys_may_sit_under_trip(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("trip:\n  start_date: 2027-06-15\n  days: 2\n  start: x\n", encoding="utf-8")
    assert load_scenario(p).days == 2


def test_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_text("name: ok\ndays: 2\nstart: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"s.yaml, row \d+: invalid YAML"):
        load_yaml(p)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "nope.yaml")


def test_not_a_mapping() -> None:
    with pytest.raises(ScenarioError, match="must be a mapping"):
        request_from_dict([1, 2], source="s.yaml")


def test_every_invalid_key_is_listed() -> None:
    with pytest.raises(ScenarioError) as info:
        request_from_dict({**GOOD, "days": 0, "group_size": 0, "colour": 1}, source="s.yaml")
    text = str(info.value)
    assert "3 problems" in text
    assert all(k in text for k in ("'days'", "'group_size'", "'colour'"))


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "a: &a [1,1,1,1,1,1,1,1,1]\n"
            + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "aliases",
        ),
        ("start_date: 2027-06-15\nstart_date: 2027-06-16\n", "duplicated key"),
        ("!!python/object/apply:os.system ['echo hi']\n", "invalid YAML"),
        ("days: [unclosed\n", "invalid YAML"),
        ("", "empty"),
    ],
    ids=["yaml-bomb", "duplicate-key", "object-tag", "syntax", "empty"],
)
def test_bad_yaml_files(tmp_path: Path, text: str, expect: str) -> None:
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=expect) as info:
        load_scenario(p)
    assert "s.yaml" in str(info.value)


def test_non_utf8_yaml(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    p.write_bytes("name: Иркутск\n".encode("cp1251"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(p)


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ({"days": "three"}, "days"),
        ({"days": 10**20}, "days"),
        ({"max_drive_h": float("nan")}, "max_drive_h"),
        ({"max_drive_h": float("inf")}, "max_drive_h"),
        ({"start_date": "1900-01-01"}, "start_date"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"group_size": -3}, "group_size"),
        ({"day_start": "25:00"}, "day_start"),
        ({"lunch": {"earliest": "14:00", "latest": "12:00"}}, "lunch"),
        ({"colour": "red"}, "colour"),
        ({"must_visit": ["x"], "exclude": ["x"]}, "both required and excluded"),
        ({"category_weights": {"industrial": float("nan")}}, "category_weights"),
    ],
)
def test_bad_scenario_values_name_the_key(override: dict[str, object], key: str) -> None:
    with pytest.raises(ScenarioError) as info:
        request_from_dict({**GOOD, **override}, source="s.yaml")
    assert key in str(info.value) and "s.yaml" in str(info.value)

"""Errors: messages as keys of the label catalog, rendered in the run's language."""

from __future__ import annotations

import ast
import errno
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from builders import SRC
from routeplanner import i18n
from routeplanner.exceptions import (
    CatalogError,
    InfeasibleError,
    Invalid,
    Issue,
    Msg,
    OutputError,
    Plural,
    ScenarioError,
    UnknownPlaceError,
    describe,
    os_reason,
    pydantic_issues,
)
from routeplanner.model import TripRequest
from routeplanner.reasons import Reason

GOOD = {"start_date": "2027-07-14", "days": 2, "start": "irkutsk"}


def test_an_issue_names_file_row_and_field_in_either_language() -> None:
    issue = Issue("sites.csv", 7, "lat", Msg("err.csv.number", {"value": "abc"}))
    assert issue.text("ru") == "sites.csv, строка 7, поле «lat»: «abc» — не число"
    assert issue.text("en") == "sites.csv, row 7, field 'lat': 'abc' is not a number"
    assert str(issue) == issue.text("en")  # the library reads English
    assert issue.message == "'abc' is not a number" and issue.msg is not None
    plain = Issue("x.yaml", None, None, "a message of another library")
    assert plain.text("ru") == "x.yaml: a message of another library"  # shown as it is


def test_a_title_counts_problems_with_the_right_plural() -> None:
    issues = [Issue("a.csv", r, None, Msg("err.required")) for r in (2, 3, 4, 5, 6)]
    err = CatalogError(
        issues, title=Msg("err.cat.title", {"root": "data", "n": Plural(5, "problem")})
    )
    assert describe(err, "ru").splitlines()[0] == "в каталоге data ошибки (5 ошибок):"
    assert describe(err, "en").splitlines()[0] == "the catalog in data has 5 problems:"
    assert describe(CatalogError(issues[:2]), "ru").startswith("2 ошибки:")
    many = CatalogError([Issue("a.csv", r, None, Msg("err.required")) for r in range(60)])
    assert describe(many, "ru").splitlines()[-1] == "  … и ещё 10"


@pytest.mark.parametrize(
    ("change", "field", "ru", "en"),
    [
        ({"days": 0}, "days", "должно быть не меньше 1, а не 0", "must be at least 1, not 0"),
        ({"group_size": 501}, "group_size", "не больше 500", "at most 500"),
        ({"colour": 1}, "colour", "неизвестный ключ", "unknown key"),
        (
            {"profile": "bus"},
            "profile",
            "«bus» — недопустимое значение; допустимы: 'car', 'coach'",
            "'bus' is not one of: 'car', 'coach'",
        ),
        (
            {"group_size": "ten"},
            "group_size",
            "«ten» — не целое число",
            "'ten' is not a whole number",
        ),
        ({"max_drive_h": "long"}, "max_drive_h", "«long» — не число", "'long' is not a number"),
        (
            {"start_date": "soon"},
            "start_date",
            "«soon» — не дата ГГГГ-ММ-ДД",
            "'soon' is not a date YYYY-MM-DD",
        ),
        ({"name": "x" * 300}, "name", "не более 200 симв.", "longer than 200 characters"),
        (
            {"day_start": "25:00"},
            "day_start",
            "«25:00» — не время ЧЧ:ММ",
            "'25:00' is not a time HH:MM",
        ),
        (
            {"must_visit": ["a", "a"]},
            None,
            "в must_visit объект указан дважды",
            "must_visit lists a site twice",
        ),
        ({"start": None}, "start", "нужен текст", "expected text"),
    ],
)
def test_pydantic_errors_are_translated_by_type(
    change: dict[str, object], field: str | None, ru: str, en: str
) -> None:
    body = {**GOOD, **change}
    if change.get("start", "") is None:
        del body["start"]
        ru, en = "обязательный ключ не задан", "required key is missing"
    with pytest.raises(ValidationError) as info:
        TripRequest.model_validate(body)
    (issue,) = pydantic_issues(info.value.errors(), "trip.yaml")
    assert issue.field == field
    assert ru in issue.text("ru") and en in issue.text("en")
    assert not re.search(r"\b(Input|should|Value error)\b", issue.text("ru"))


def test_an_unknown_pydantic_type_keeps_pydantic_english() -> None:
    errors = [{"type": "made_up", "loc": ("a", 0), "msg": "Something odd", "input": 1}]
    (issue,) = pydantic_issues(errors, "f.yaml", prefix="x.")
    assert issue.field == "x.a.0" and issue.text("ru") == "f.yaml, поле «x.a.0»: Something odd"


def test_long_input_is_cut_short() -> None:
    with pytest.raises(ValidationError) as info:
        TripRequest.model_validate({**GOOD, "profile": "b" * 5000})
    (issue,) = pydantic_issues(info.value.errors(), "t.yaml")
    assert len(issue.text("ru")) < 300 and "5 000 characters" in issue.text("ru")


def test_invalid_is_a_value_error_with_a_key() -> None:
    err = Invalid("err.csv.whole", value="1.5")
    assert isinstance(err, ValueError) and str(err) == "'1.5' is not a whole number"
    assert Issue("f", 2, "n", err).text("ru") == "f, строка 2, поле «n»: «1.5» — не целое число"


def test_other_errors_speak_the_language_too(tmp_path: Path) -> None:
    unknown = UnknownPlaceError("bratskk", ["bratsk", "bratsk_hpp"])
    assert describe(unknown, "ru") == (
        "неизвестный id места «bratskk»; возможно, имелось в виду: bratsk, bratsk_hpp"
    )
    assert str(unknown) == "unknown place id 'bratskk'; did you mean bratsk, bratsk_hpp?"
    full = OutputError(tmp_path, OSError(errno.ENOSPC, "No space left on device"))
    assert "на диске нет места; ничего не записано" in describe(full, "ru")
    assert "No space left on device; nothing was written" in describe(full, "en")
    odd = OSError(errno.EBADMSG, "Bad message")
    assert os_reason(odd) == "Bad message"  # an uncommon reason as the system says it
    reason = Reason("excluded")
    assert describe(InfeasibleError([reason]), "ru") == "запрос невыполним:\n  - исключён запросом"
    mixed = ScenarioError(["a plain text", Msg("err.ev.no_later")])
    assert describe(mixed, "ru").splitlines()[1:] == ["  - a plain text", "  - позже дат нет"]


def _message_keys() -> set[str]:
    """Every ``err.*`` key the package's code names (Msg, Invalid, Problem keys)."""
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"err\.[a-z_.]+[a-zA-Z]", node.value)  # not f-string parts
            ):
                keys.add(node.value)
    return keys


def test_every_message_key_of_the_code_is_in_the_catalog() -> None:
    from routeplanner import exceptions

    keys = _message_keys()
    assert len(keys) > 150
    keys |= {f"err.pyd.{kind}" for kind in exceptions._PYDANTIC_TYPES}  # keys made by f-strings
    keys |= {f"err.os.{name}" for name in exceptions._OS_REASONS}
    keys |= {f"err.not_{what}" for what in ("site", "lodging", "lodging_or_hub")}
    assert sorted(k for k in keys if not i18n.has(k)) == []

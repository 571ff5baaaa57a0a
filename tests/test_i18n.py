"""The label catalog: both languages for every key, the same fields in both, plural forms, and
no label table anywhere else."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string

import pytest

from builders import SRC
from routeplanner import i18n
from routeplanner.reasons import Reason


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_label_has_both_languages_with_the_same_fields() -> None:
    bad = [
        key
        for key, (ru, en) in i18n._LABELS.items()
        if not ru.strip() or not en.strip() or fields(ru) != fields(en)
    ]
    assert len(i18n._LABELS) > 300
    assert bad == []


def test_t_fills_fields_and_returns_unknown_keys_as_they_are() -> None:
    assert i18n.t("web.shown", "en", n=3, total=5) == "Sites shown: 3 of 5"
    assert i18n.t("web.shown", "ru", n=3, total=5) == "Показано объектов: 3 из 5"
    assert i18n.t("no.such.key", "en") == "no.such.key"
    assert i18n.has("day") and not i18n.has("no.such.key")


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [
        (1, "1 объект", "1 site"),
        (2, "2 объекта", "2 sites"),
        (4, "4 объекта", "4 sites"),
        (5, "5 объектов", "5 sites"),
        (11, "11 объектов", "11 sites"),
        (12, "12 объектов", "12 sites"),
        (21, "21 объект", "21 sites"),
        (22, "22 объекта", "22 sites"),
        (111, "111 объектов", "111 sites"),
        (0, "0 объектов", "0 sites"),
    ],
)
def test_plural_forms(n: int, ru: str, en: str) -> None:
    assert i18n.plural(n, "site", "ru") == ru
    assert i18n.plural(n, "site", "en") == en


def test_plural_of_years_and_an_unknown_noun() -> None:
    assert [i18n.plural(n, "year") for n in (1, 3, 14, 18, 21)] == [
        "1 год",
        "3 года",
        "14 лет",
        "18 лет",
        "21 год",
    ]
    with pytest.raises(KeyError):
        i18n.plural(2, "cabbage")


def test_reasons_render_from_the_catalog() -> None:
    r = Reason(
        "no_time", {"where": Reason("where", {"day": 1, "after": ("Дом", "Home")}), "over_s": 3840}
    )
    assert (
        r.text("en")
        == "no time left: adding it (day 1 after Home) costs 1 h 04 min more than the day allows"
    )
    assert r.text("ru") == (
        "не хватает времени: его добавление (день 1, после «Дом») превышает день на 1 ч 04 мин"
    )
    assert (
        Reason(
            "booking",
            {
                "days": ("3 дня", "3 days"),
                "booked": dt.date(2027, 6, 1),
                "first": dt.date(2027, 6, 4),
                "basis": ("", ""),
            },
        )
        .text("en")
        .startswith("needs booking 3 days ahead: bookings made on Tuesday, 1 June 2027")
    )


def _label_tables(tree: ast.AST) -> list[int]:
    """Lines of dict literals whose values are (Russian, English) pairs."""
    cyrillic = re.compile("[а-яА-Я]")
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or len(node.values) < 3:
            continue
        pairs = [
            v
            for v in node.values
            if isinstance(v, ast.Tuple)
            and len(v.elts) == 2
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts)
            and cyrillic.search(v.elts[0].value)  # type: ignore[attr-defined]
        ]
        if len(pairs) >= 3:
            out.append(node.lineno)
    return out


def test_no_module_but_i18n_keeps_a_label_table() -> None:
    found = {
        str(p.relative_to(SRC)): lines
        for p in SRC.rglob("*.py")
        if p.name != "i18n.py"
        and (lines := _label_tables(ast.parse(p.read_text(encoding="utf-8"))))
    }
    assert found == {}
    assert _label_tables(ast.parse((SRC / "i18n.py").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("name", "day"),
    [("mon", 0), ("Monday", 0), ("Пн.", 0), ("tue", 1), ("сб", 5), ("Sun", 6), ("вс", 6)],
)
def test_weekday_number_reads_what_users_write(name: str, day: int) -> None:
    from routeplanner.i18n import weekday_number

    assert weekday_number(name) == day


@pytest.mark.parametrize("name", ["xyz", "", "7", "m"])
def test_weekday_number_refuses_what_names_no_day(name: str) -> None:
    from routeplanner.i18n import weekday_number

    assert weekday_number(name) is None

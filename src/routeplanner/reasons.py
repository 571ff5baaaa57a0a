"""Why a site is left out or a request fails: structured reasons rendered in Russian or English.

A :class:`Reason` is a code with parameters; :meth:`Reason.text` renders it in either language
from the label catalog (:mod:`routeplanner.i18n`, keys ``reason.<code>``),
so a plan carries both texts and every output (summary, programme, map, tables) shows the
user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .i18n import fmt_date, t

__all__ = ["Reason"]


@lru_cache(maxsize=4096)  # a large catalog's drops repeat the same few hundred figures
def _duration(seconds: int, lang: str) -> str:
    h, m = divmod(round(seconds / 60), 60)
    unit_h, unit_min = t("unit_h", lang), t("min", lang)
    return f"{h} {unit_h} {m:02d} {unit_min}" if h else f"{m} {unit_min}"


@dataclass(frozen=True)
class Reason:
    """A reason with its parameters; dates, durations and nested reasons render per language.

    Parameters of type :class:`datetime.date` are written out, ``*_s`` integers are durations,
    nested ``Reason`` values (or lists of them) render recursively, and a ``(ru, en)`` tuple
    picks the language.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """Render in ``"ru"`` or ``"en"`` (once per language: one reason shared by many sites,
        as in a large catalog, renders once)."""
        memo = self.__dict__.setdefault("_texts", {})
        if lang not in memo:
            memo[lang] = self._render(lang)
        return memo[lang]

    def _render(self, lang: str) -> str:
        k = 1 if lang == "en" else 0
        values: dict[str, Any] = {}
        for name, v in self.params.items():
            if name.endswith("_s") and isinstance(v, int):  # the commonest: a duration
                name = name[:-2]
                v = _duration(v, lang)
            elif isinstance(v, Reason):
                v = v.text(lang)
            elif isinstance(v, list):
                v = "; ".join(x.text(lang) if isinstance(x, Reason) else str(x) for x in v)
            elif (
                isinstance(v, tuple)
                and len(v) == 2
                and isinstance(v[0], str)
                and isinstance(v[1], str)
            ):
                v = v[k]
            elif isinstance(v, dt.date):
                v = fmt_date(v, lang)
            values[name] = v
        return t(f"reason.{self.code}", lang, **values)

    def __str__(self) -> str:
        return self.text("en")

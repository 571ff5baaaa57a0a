"""Why a site is left out or a request fails: structured reasons rendered in Russian or English.

A :class:`Reason` is a code with parameters; :meth:`Reason.text` renders it in either language,
so a plan carries both texts and every output (summary, programme, map, tables) shows the
user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .i18n import fmt_date

__all__ = ["Reason"]

_T: dict[str, tuple[str, str]] = {
    "excluded": ("исключён запросом", "excluded by the request"),
    "group": (
        "группа из {group} чел. больше допустимой для объекта ({max})",
        "group of {group} exceeds the site's maximum of {max}",
    ),
    "age": (
        "младшему участнику {age} лет; объект принимает посетителей с {min} лет",
        "youngest visitor is {age}; the site admits visitors from {min} years",
    ),
    "booking": (
        "нужна бронь за {days} дн.: при бронировании {booked} посещение возможно с {first}, "
        "уже после окончания поездки",
        "needs booking {days} days ahead: bookings made on {booked} allow visits from {first}, "
        "after the trip ends",
    ),
    "price": (
        "цена {price} ₽ на человека больше бюджета {budget} ₽",
        "its price of {price} RUB per person exceeds the budget of {budget} RUB",
    ),
    "closed": (
        "закрыт во все доступные дни поездки: {details}",
        "closed on every usable trip date: {details}",
    ),
    "closed_holiday": (
        "{date}: выходной в праздник ({holiday})",
        "{date}: closed on public holidays ({holiday})",
    ),
    "closed_hours": ("{date}: закрыт ({hours})", "{date}: closed ({hours})"),
    "closed_short": (
        "{date}: открыт {open} мин, а посещение длится {visit} мин",
        "{date}: open {open} min, visit needs {visit} min",
    ),
    "closed_dark": (
        "{date}: на открытом воздухе — только в светлое время ({sunrise}–{sunset}), посещение "
        "на {visit} мин не помещается",
        "{date}: outdoors, daylight only ({sunrise}–{sunset}): a {visit}-min visit does not fit",
    ),
    "closed_slots": (
        "{date}: ни один сеанс экскурсии ({slots}) не укладывается в часы работы",
        "{date}: no excursion slot ({slots}) fits the opening hours",
    ),
    "closed_booking": (
        "нет дней поездки после срока бронирования",
        "no trip date after the booking lead time",
    ),
    "unreachable_modes": (
        "недостижим разрешёнными видами транспорта ({modes}) в даты поездки",
        "cannot be reached with the allowed modes ({modes}) on the trip dates",
    ),
    "unreachable_season": (
        "недостижим в даты поездки: паром, ледовая переправа или другой транспорт туда в это "
        "время не ходит (сезон)",
        "cannot be reached on the trip dates: no ferry, ice road or other link to it runs "
        "then (seasonal)",
    ),
    "no_time": (
        "не хватает времени: его добавление ({where}) превышает день на {over}",
        "no time left: adding it ({where}) costs {over} more than the day allows",
    ),
    "no_day": (
        "не хватает времени: в дни, когда он открыт, до него не добраться в пределах дня",
        "no time left: it cannot be reached within any day of the trip when it is open",
    ),
    "no_gap": (
        "не хватает времени: часы работы или сеансы экскурсий не совпадают с окнами в "
        "программе (ближе всего: {where})",
        "no time left: its opening hours or excursion slots do not fit the gaps of the plan "
        "(closest: {where})",
    ),
    "budget": (
        "выход за бюджет: {price} ₽ на человека превысят бюджет поездки {budget} ₽",
        "over budget: its {price} RUB per person would take the trip past the budget of "
        "{budget} RUB",
    ),
    "quota": (
        "помещается, но квота на эту категорию уже выбрана",
        "it fits, but a quota on its category is already full",
    ),
    "drive": (
        "превысит дневной лимит вождения {hours} ч ({where})",
        "it would exceed the daily driving limit of {hours} h ({where})",
    ),
    "lunch": (
        "не оставляет времени на обед ({where})",
        "it leaves no room for the lunch break ({where})",
    ),
    "not_analysed": (
        "не вошёл: время заняли объекты с более высокой оценкой (по времени — помещался бы: "
        "{where}; точная причина не анализировалась в пределах лимита времени)",
        "left out: higher-scoring sites used the time (its detour alone would fit: {where}; "
        "the exact blocking rule was not analysed within the time limit)",
    ),
    "too_far": (
        "слишком далеко для одного дня: дорога от «{from}» туда и обратно с посещением — {trip}, "
        "а день длится {day} (вождение {drive}, лимит {limit_h} ч)",
        "too far for one day: the round trip from {from} with the visit takes {trip}, and the "
        "day is {day} long (driving {drive}, limit {limit_h} h)",
    ),
    "closed_then": (
        "закрыт, когда в программе есть место: {where} группа могла бы начать посещение в {at}, "
        "а начать его можно только {starts} (посещение {visit} мин)",
        "closed when the plan has room: {where} the group could start the visit at {at}, but "
        "a visit can start only {starts} ({visit} min)",
    ),
    "closed_day": (
        "в день, где нашлось бы место, закрыт — {details}; в дни, когда открыт: {other}",
        "closed on the day it would fit — {details}; on its open days: {other}",
    ),
    "booking_day": (
        "{date}: бронь за {days} дн. уже не успеть (посещение возможно с {first})",
        "{date}: too late to book {days} days ahead (visits possible from {first})",
    ),
    "no_room": (
        "нет места в программе: добавление ({where}) сдвигает другие посещения за их часы работы",
        "no room in the plan: adding it ({where}) pushes other visits past their opening hours",
    ),
    "day_full": (
        "не хватает времени: программа дня заполнена — для него ({where}) день пришлось бы "
        "продлить на {over} и сдвинуть другие посещения за их часы работы",
        "no time left: the day is full — adding it ({where}) would take {over} past the day's "
        "end and push other visits past their opening hours",
    ),
    "blocked_by": (
        "не помещается: мешают вместе {rules}",
        "does not fit: {rules} block it together",
    ),
    "fits_not_chosen": (
        "помещается ({where}), но поиск его не выбрал в пределах лимита времени",
        "it fits ({where}) but the search did not take it within the time limit",
    ),
    "not_analysed_any": (
        "причина не проверена: лимит времени закончился до разбора",
        "reason not verified: the time limit ran out before it was analysed",
    ),
    "where": ("день {day}, после «{after}»", "day {day} after {after}"),
    "must_visit": ("обязательный объект «{site}»: {why}", "must-visit '{site}': {why}"),
    "must_visit_unfit": (
        "обязательный объект «{site}» не помещается в дни, окна работы и лимиты",
        "must-visit '{site}' cannot be fitted into the days, windows and limits",
    ),
    "nights_over_budget": (
        "одни ночёвки стоят {cost} ₽ на человека ({nights}) — больше бюджета {budget} ₽",
        "the nights alone cost {cost} RUB per person ({nights}), more than the budget of "
        "{budget} RUB",
    ),
    "solver": ("{text}", "{text}"),
}


def _duration(seconds: int, lang: str) -> str:
    minutes = round(seconds / 60)
    h, m = divmod(minutes, 60)
    if lang == "en":
        return f"{h} h {m:02d} min" if h else f"{m} min"
    return f"{h} ч {m:02d} мин" if h else f"{m} мин"


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
        """Render in ``"ru"`` or ``"en"``."""
        k = 1 if lang == "en" else 0
        values: dict[str, Any] = {}
        for name, v in self.params.items():
            if isinstance(v, Reason):
                v = v.text(lang)
            elif isinstance(v, list):
                v = "; ".join(x.text(lang) if isinstance(x, Reason) else str(x) for x in v)
            elif isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v):
                v = v[k]
            elif isinstance(v, dt.date):
                v = fmt_date(v, lang)
            elif name.endswith("_s") and isinstance(v, int):
                name = name[:-2]
                v = _duration(v, lang)
            values[name] = v
        return _T[self.code][k].format(**values)

    def __str__(self) -> str:
        return self.text("en")

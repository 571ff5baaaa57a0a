"""Transport regulations as rules: coach drivers' hours and organised transport of children.

Each rule is a row of :data:`RULES`: an id, what it requires in Russian and English, the legal
source (document, clause, date, URL) and the period it is in force. A request that a rule
covers follows it through the planner's ordinary inputs, never through the search itself:

- the night ban for children narrows the day window to 06:00–23:00;
- the drivers' daily driving limit caps ``max_drive_h``;
- the drivers' breaks lengthen every leg whose driving passes the continuous-driving limit;
- the 4-hour limit for children under 7 makes longer legs unusable.

The remaining rules are obligations the programme lists when a plan passes their thresholds
(food on board after 3 h, notifying the traffic police). :func:`check_regulations` re-checks a
finished itinerary independently of how it was planned.

Sources were read in 2026 through their official text and public summaries (see
``docs/regulations.md``). Both acts carry a sunset date of 1 January 2027; the planner keeps
applying them to later trips until a successor is known, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .model import TripRequest
    from .result import Itinerary

__all__ = [
    "RULES",
    "Rule",
    "applicable_rules",
    "apply_regulations",
    "break_seconds",
    "check_regulations",
    "is_children_trip",
    "leg_durations_s",
    "plan_requirements",
    "rule",
    "rules_by_ids",
]

#: Order 424 of the Ministry of Transport (16 Oct 2020), in force 2021-01-01 .. 2027-01-01.
_ORDER_424 = (
    "Приказ Минтранса России от 16.10.2020 № 424 «Об утверждении Особенностей режима рабочего "
    "времени и времени отдыха, условий труда водителей автомобилей»",
    "Order No. 424 of the Ministry of Transport of 16 Oct 2020 (drivers' working and rest time)",
    "http://www.consultant.ru/document/cons_doc_LAW_409550/ ; "
    "https://www.klerk.ru/buh/news/661755/",
)
#: Government decree 1527 (23 Sep 2020), in force 2021-01-01 .. 2027-01-01.
_DECREE_1527 = (
    "Постановление Правительства РФ от 23.09.2020 № 1527 «Об утверждении Правил организованной "
    "перевозки группы детей автобусами»",
    "Government Decree No. 1527 of 23 Sep 2020 (rules for the organised transport of groups "
    "of children by bus)",
    "https://school-bulun-bajy.rtyva.ru/?page_id=1163 ; "
    "https://dzen.ru/news/story/69d635b2-bbed-5cf4-bf1f-24f518dccdcc ; "
    "https://gov.cap.ru/SiteMap.aspx?gov_id=450&id=3163919",
)

_H = 3600
#: No driving with children between these hours (local time).
NIGHT_FROM, NIGHT_TO = dt.time(23, 0), dt.time(6, 0)
#: Driving per shift, hours (Order 424).
MAX_DRIVE_H = 9.0
#: Continuous driving before the first break, then between breaks (Order 424, intercity).
FIRST_BREAK_AFTER_S, BREAK_EVERY_S, BREAK_S = 4 * _H, 2 * _H, 15 * 60
#: Children under this age may not ride a bus run longer than this (Decree 1527).
UNDER_AGE, UNDER_AGE_MAX_S = 7, 4 * _H
#: Runs longer than this need food and drink on board (Decree 1527).
FOOD_AFTER_S = 3 * _H


@dataclass(frozen=True)
class Rule:
    """One regulation: what it requires, where it comes from, when it is in force."""

    id: str
    text_ru: str
    text_en: str
    source_ru: str
    source_en: str
    source_url: str
    in_force: tuple[dt.date, dt.date | None]
    children: bool
    enforced: bool

    def text(self, lang: str = "ru") -> str:
        """What the rule requires, in ``lang``."""
        return self.text_en if lang == "en" else self.text_ru

    def source(self, lang: str = "ru") -> str:
        """The legal act, in ``lang``."""
        return self.source_en if lang == "en" else self.source_ru


def _rule(
    rid: str, ru: str, en: str, act: tuple[str, str, str], *, children: bool, enforced: bool
) -> Rule:
    return Rule(
        rid,
        ru,
        en,
        act[0],
        act[1],
        act[2],
        (dt.date(2021, 1, 1), dt.date(2027, 1, 1)),
        children,
        enforced,
    )


#: The rules, one row each (see the module docstring for how each is applied).
RULES: tuple[Rule, ...] = (
    _rule(
        "driver_daily_driving",
        "водитель автобуса управляет не более 9 ч за смену",
        "a coach driver drives at most 9 h per shift",
        _ORDER_424,
        children=False,
        enforced=True,
    ),
    _rule(
        "driver_breaks",
        "в междугородной перевозке после первых 4 ч непрерывного управления — перерыв не менее "
        "15 мин, далее не реже чем через каждые 2 ч",
        "on intercity runs, a break of at least 15 min after the first 4 h of continuous "
        "driving, then at least every 2 h",
        _ORDER_424,
        children=False,
        enforced=True,
    ),
    _rule(
        "children_night",
        "организованная перевозка группы детей с 23:00 до 06:00 не допускается (кроме "
        "завершения поездки до 100 км, к вокзалам и аэропортам)",
        "no organised transport of children between 23:00 and 06:00 (except finishing a trip "
        "within 100 km, or to and from stations and airports)",
        _DECREE_1527,
        children=True,
        enforced=True,
    ),
    _rule(
        "children_under7_4h",
        "если автобус в пути более 4 ч, дети младше 7 лет в группу не включаются",
        "children under 7 may not be in the group when the bus run exceeds 4 h",
        _DECREE_1527,
        children=True,
        enforced=True,
    ),
    _rule(
        "children_food_3h",
        "в пути более 3 ч группу обеспечивают наборами пищевых продуктов и питьевой водой",
        "runs longer than 3 h need food packs and drinking water for the group",
        _DECREE_1527,
        children=True,
        enforced=False,
    ),
    _rule(
        "children_notice",
        "уведомление в Госавтоинспекцию не позднее 48 ч до междугородной перевозки (24 ч — "
        "до городской и пригородной); при 3 и более автобусах — заявка на сопровождение",
        "notify the traffic police at least 48 h before an intercity trip (24 h for city and "
        "suburban trips); with 3 or more buses, request a police escort",
        _DECREE_1527,
        children=True,
        enforced=False,
    ),
)
_BY_ID = {r.id: r for r in RULES}


def is_children_trip(request: TripRequest) -> bool:
    """A coach trip with anyone under 18: the rules for groups of children apply.

    The decree covers groups of 8 or more children without their parents; the planner applies
    it to every coach trip with minors, which is never less safe.
    """
    return request.profile == "coach" and request.youngest_age < 18


def applicable_rules(request: TripRequest) -> list[Rule]:
    """The rules that cover ``request`` (coach trips; children's rules for minors)."""
    if request.profile != "coach":
        return []
    kids = is_children_trip(request)
    out = []
    for rule in RULES:
        if rule.children and not kids:
            continue
        if rule.id == "children_under7_4h" and request.youngest_age >= UNDER_AGE:
            continue
        out.append(rule)
    return out


def apply_regulations(request: TripRequest) -> TripRequest:
    """The request as the rules allow it: day window inside 06:00–23:00 for children, driving
    capped at 9 h for a coach. Returns ``request`` itself when nothing changes (idempotent)."""
    ids = {r.id for r in applicable_rules(request)}
    changes: dict[str, object] = {}
    if "driver_daily_driving" in ids and request.max_drive_h > MAX_DRIVE_H:
        changes["max_drive_h"] = MAX_DRIVE_H
    if "children_night" in ids:
        if request.day_start < NIGHT_TO:
            changes["day_start"] = NIGHT_TO
        if request.day_end > NIGHT_FROM:
            changes["day_end"] = NIGHT_FROM
    return request.model_copy(update=changes) if changes else request


def break_seconds(drive_s: int | np.ndarray) -> int | np.ndarray:
    """Drivers' breaks due on a run of ``drive_s`` seconds of continuous driving (Order 424):
    15 min after the first 4 h, then one more every 2 h."""
    d = np.asarray(drive_s, dtype=np.int64)
    n = np.where(d > FIRST_BREAK_AFTER_S, -(-(d - FIRST_BREAK_AFTER_S) // BREAK_EVERY_S), 0)
    out = np.where(d < 0, 0, n * BREAK_S)
    return int(out) if out.ndim == 0 else out


def leg_durations_s(
    request: TripRequest, duration_s: np.ndarray, drive_s: np.ndarray
) -> np.ndarray:
    """Travel times as the rules make them: driver breaks added to long legs, and legs over
    4 h made unusable (``-1``) when children under 7 travel. Unreachable pairs stay ``-1``."""
    ids = {r.id for r in applicable_rules(request)}
    out = np.asarray(duration_s, dtype=np.int64)
    if "driver_breaks" in ids:
        out = np.where(out < 0, out, out + break_seconds(drive_s))
    if "children_under7_4h" in ids:
        out = np.where(out > UNDER_AGE_MAX_S, -1, out)
    return out


def plan_requirements(itinerary: Itinerary) -> list[tuple[Rule, str, str]]:
    """The obligations a plan triggers: ``(rule, note_ru, note_en)`` for each rule in force
    whose threshold the plan passes (and each enforced rule, with what it did)."""
    req = itinerary.scenario
    out: list[tuple[Rule, str, str]] = []
    legs = [leg for d in itinerary.days for leg in d.legs]
    breaks = sum(1 for leg in legs if getattr(leg, "break_min", 0))
    longest = max((leg.duration_min for leg in legs), default=0)
    for rule in applicable_rules(req):
        if rule.id == "driver_breaks":
            out.append((rule, f"перерывов в плане: {breaks}", f"breaks in the plan: {breaks}"))
        elif rule.id == "driver_daily_driving":
            out.append(
                (
                    rule,
                    f"лимит вождения в день: {req.max_drive_h:g} ч",
                    f"daily driving limit: {req.max_drive_h:g} h",
                )
            )
        elif rule.id == "children_night":
            out.append(
                (
                    rule,
                    f"день поездки: {req.day_start:%H:%M}–{req.day_end:%H:%M}",
                    f"trip day: {req.day_start:%H:%M}–{req.day_end:%H:%M}",
                )
            )
        elif rule.id == "children_under7_4h":
            out.append((rule, "переезды дольше 4 ч исключены", "runs over 4 h are excluded"))
        elif rule.id == "children_food_3h" and longest > FOOD_AFTER_S // 60:
            h, m = divmod(longest, 60)
            out.append(
                (rule, f"самый долгий переезд {h} ч {m:02d} мин", f"longest run {h} h {m:02d} min")
            )
        elif rule.id == "children_notice":
            out.append((rule, "", ""))
    return out


def check_regulations(itinerary: Itinerary) -> list[tuple[int, str, str, str]]:
    """Independent re-check of a finished itinerary: ``(day, place, rule id, message)`` for
    every leg that moves a children's coach at night and every day over the drivers' daily
    driving limit. (Legs too short for their drivers' breaks are found by the checker, which
    adds :func:`break_seconds` to the network's travel time.)"""
    req = itinerary.scenario
    ids = {r.id for r in applicable_rules(req)}
    out: list[tuple[int, str, str, str]] = []
    for di, day in enumerate(itinerary.days, 1):
        driven = 0
        for leg in day.legs:
            driven += leg.drive_min
            if "children_night" in ids and leg.drive_min > 0 and _at_night(leg.depart, leg.arrive):
                out.append(
                    (
                        di,
                        leg.origin,
                        "children_night",
                        f"a children's coach leg {leg.depart:%H:%M}–{leg.arrive:%H:%M} runs "
                        "between 23:00 and 06:00",
                    )
                )
        if "driver_daily_driving" in ids and driven > MAX_DRIVE_H * 60 + 1:
            out.append(
                (
                    di,
                    day.start_place,
                    "driver_daily_driving",
                    f"{driven} min of driving exceeds {MAX_DRIVE_H:g} h",
                )
            )
    return out


def _at_night(a: dt.datetime, b: dt.datetime) -> bool:
    """Whether ``[a, b]`` overlaps a 23:00–06:00 night."""
    day = dt.timedelta(days=1)
    start = dt.datetime.combine(a.date() - day, NIGHT_FROM)
    while start < b:
        end = start + dt.timedelta(hours=7)
        if a < end and b > start:
            return True
        start += day
    return False


def rule(rule_id: str) -> Rule:
    """The rule with ``rule_id``.

    Raises
    ------
    KeyError
        No such rule.
    """
    return _BY_ID[rule_id]


def rules_by_ids(ids: Sequence[str]) -> list[Rule]:
    """The known rules among ``ids``, in table order (unknown ids are skipped)."""
    wanted = set(ids)
    return [r for r in RULES if r.id in wanted]

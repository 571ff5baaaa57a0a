"""Every user-facing label, unit and plural in Russian and English: the one label catalog.

Keys are grouped by where they are shown: plain keys for the plan's outputs (programme, maps,
exports, summaries, the CLI), ``compare.*`` for the comparison report, ``reason.*`` for the
reasons a site is left out or a request fails (:class:`routeplanner.reasons.Reason`) and
``web.*`` for the web app. :func:`t` looks a label up (and fills its ``{fields}``),
:func:`plural` writes a count with the right form of its noun (Russian has three), and
:func:`fmt_date` writes a date out, independent of the system locale. No other module keeps
labels of its own. (A catalog, hence its length.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["LANGS", "fmt_date", "has", "plural", "t"]

LANGS = ("ru", "en")

#: key -> (Russian, English)
_LABELS: dict[str, tuple[str, str]] = {
    "trip": ("Маршрут", "Trip"),
    "day": ("День", "Day"),
    "infeasible": ("План невозможен:", "The plan cannot be made:"),
    "lunch": ("Обед", "Lunch"),
    "overnight": ("Ночлег", "Overnight"),
    "score": ("Оценка", "Score"),
    "sites": ("объектов", "sites"),
    "travel": ("в пути", "travel"),
    "cost": ("стоимость на человека", "cost per person"),
    "dropped": ("Не вошли в маршрут", "Left out"),
    "min": ("мин", "min"),
    "road": ("дорога", "road"),
    "connector": ("подъезд", "local road"),
    "ferry": ("паром", "ferry"),
    "ice_road": ("ледовая переправа", "ice road"),
    "flight": ("перелёт", "flight"),
    "rail": ("поезд", "train"),
    "boat": ("теплоход", "boat"),
    "industrial": ("промышленность", "industry"),
    "energy": ("энергетика", "energy"),
    "food": ("пищевое производство", "food production"),
    "museum": ("музей", "museum"),
    "heritage": ("наследие", "heritage"),
    "nature": ("природа", "nature"),
    "city": ("город", "city"),
    "event": ("событие", "event"),
    "duration": ("время в пути", "duration"),
    "distance": ("расстояние", "distance"),
    "modes": ("виды транспорта", "modes"),
    "via": ("через", "via"),
    "start": ("начало", "start"),
    "unit_km": ("км", "km"),
    "unit_h": ("ч", "h"),
    "unit_rub": ("₽", "RUB"),
    "quota_missed": ("квота не выполнена", "quota target missed"),
    "added_stop": ("новое", "new"),
    "candidates_fit": ("Можно добавить", "Candidates that fit"),
    "candidates_no": ("Не помещаются", "Candidates that do not fit"),
    "added_travel": ("доп. в пути", "added travel"),
    "added_day": ("день длиннее на", "day longer by"),
    "added_cost": ("доп. стоимость на чел.", "added cost per person"),
    "effect": ("влияние", "effect"),
    "unreachable": ("недостижимо в эту дату", "unreachable on this date"),
    # maps, programme and exports
    "programme": ("Программа тура", "Tour programme"),
    "dates": ("Даты", "Dates"),
    "group": ("Группа", "Group"),
    "persons": ("чел.", "people"),
    "youngest": ("младшему", "youngest"),
    "years": ("лет", "years"),
    "profile": ("Транспорт", "Transport"),
    "car": ("легковой автомобиль", "car"),
    "coach": ("автобус", "coach"),
    "summary": ("Итоги", "Summary"),
    "sites_count": ("Объектов", "Sites"),
    "schedule": ("Расписание", "Schedule"),
    "time": ("Время", "Time"),
    "activity": ("Программа", "Activity"),
    "details": ("Подробности", "Details"),
    "visit": ("Посещение", "Visit"),
    "visit_length": ("Продолжительность", "Visit length"),
    "arrival": ("Прибытие", "Arrival"),
    "wait": ("ожидание", "wait"),
    "departure": ("Выезд", "Departure"),
    "return": ("Прибытие", "Arrival"),
    "start_place": ("Начало", "Start"),
    "end_place": ("Конец маршрута", "End of the trip"),
    "trip_start": ("Начало маршрута", "Start of the trip"),
    "nights": ("ночей", "nights"),
    "per_night": ("с человека за ночь", "per person per night"),
    "rules": ("Правила экскурсии", "Excursion rules"),
    "opening_hours": ("Часы работы", "Opening hours"),
    "booking": ("Запись заранее", "Book ahead"),
    "booking_none": ("без предварительной записи", "no booking needed"),
    "days_ahead": ("дн.", "days"),
    "max_group": ("Группа до", "Group up to"),
    "min_age": ("Возраст от", "Minimum age"),
    "id_required": ("Нужны паспорта", "ID documents required"),
    "slots": ("Начало экскурсий", "Tour start times"),
    "price": ("Цена", "Price"),
    "fare": ("проезд", "fare"),
    "rub": ("₽", "RUB"),
    "km": ("км", "km"),
    "h": ("ч", "h"),
    "per_person": ("на человека", "per person"),
    "costs": ("Расходы на человека", "Costs per person"),
    "tickets": ("Билеты и экскурсии", "Tickets and excursions"),
    "fares": ("Проезд (паромы, перелёты, поезда)", "Fares (ferries, flights, trains)"),
    "lodging": ("Проживание", "Lodging"),
    "total": ("Итого", "Total"),
    "item": ("Статья", "Item"),
    "amount": ("Сумма", "Amount"),
    "reason": ("Причина", "Reason"),
    "site": ("Объект", "Site"),
    "category": ("Категория", "Category"),
    "town": ("Населённый пункт", "Town"),
    "legend": ("Легенда", "Legend"),
    "lodgings": ("Ночлег и пункты отправления", "Lodging, start and end"),
    "hubs": ("Транспортные узлы", "Transport hubs"),
    "all_lodgings": ("Гостиницы", "Lodgings"),
    "distance_total": ("Расстояние", "Distance"),
    "travel_time": ("Время в пути", "Travel time"),
    "idle": ("Ожидание", "Waiting"),
    "generated": ("Сформировано программой routeplanner", "Made with routeplanner"),
    "solver_status": ("статус решателя", "solver status"),
    "no_stops": ("В этот день посещений нет.", "No visits on this day."),
    "catalog_map": ("Каталог объектов", "Site catalogue"),
    "description": ("Описание", "Description"),
    "free": ("бесплатно", "free"),
    "yes": ("да", "yes"),
    "any_time": ("в часы работы", "any time within opening hours"),
    # issue 20: regions off the network, regulations, events, stories, readiness
    "warning": ("Внимание", "Warning"),
    "warnings": ("Предупреждения", "Warnings"),
    "events_on": (
        "Включать события (фестивали, дни открытых дверей) в даты поездки",
        "Take in dated events (festivals, open days) on the trip dates",
    ),
    "score_assessed": (
        "оценка по проверке предприятия {date} ({who})",
        "score from the enterprise's assessment of {date} ({who})",
    ),
    "score_unassessed": (
        "предприятие не проверялось: оценка предварительная, по открытым данным",
        "not assessed yet: a provisional score from public information",
    ),
    "score_editorial": ("редакционная оценка", "editorial score"),
    "ready_title": ("Готовность к приёму групп", "Readiness to receive groups"),
    "ready_yes": (
        "Готово к приёму групп: все обязательные критерии выполнены",
        "Ready to receive groups: every essential criterion is met",
    ),
    "ready_no": ("Пока не готово к приёму групп", "Not yet ready to receive groups"),
    "ready_essential_missing": ("не выполнены обязательные", "essential criteria not met"),
    "ready_criteria": ("Критерии", "Criteria"),
    "ready_criterion": ("Критерий", "Criterion"),
    "ready_answer": ("Балл", "Score"),
    "ready_status": ("Статус", "Status"),
    "ready_next": ("Что нужно", "What is needed"),
    "ready_met": ("выполнено", "met"),
    "ready_missing": ("не выполнено", "missing"),
    "ready_unknown": ("нет данных", "not known"),
    "ready_assessed": ("по проверке", "assessed"),
    "ready_estimate": ("предварительно", "estimate"),
    "ready_to_reach": ("уровень", "level"),
    "ready_essential_note": (
        "обязательный критерий; выполнено — балл {level} из 5 и выше.",
        "essential criterion; met at a score of {level} of 5 or more.",
    ),
    "ready_proposal_note": (
        "Критерии, веса и пороги — предложение проекта, а не чек-лист АСИ (он не опубликован).",
        "Criteria, weights and thresholds are the project's proposal, not the ASI checklist "
        "(which is not public).",
    ),
    "ready_history": ("Проверки", "Assessments"),
    "assess_help": (
        "Оценка предприятия по чек-листу: ответы 0–5, дата и проверяющий записываются в "
        "data/assessments.csv; оценка объекта в маршрутах считается по последней проверке.",
        "Assess an enterprise against the checklist: answers 0-5, the date and the assessor go "
        "to data/assessments.csv; plans score the site from its latest assessment.",
    ),
    "assess_report": ("Скачать отчёт о готовности", "Download the readiness report"),
    "assess_new": ("Новая проверка", "New assessment"),
    "assess_date": ("Дата проверки", "Date of the visit"),
    "assess_assessor": ("Проверяющий", "Assessor"),
    "assess_note": ("Комментарий", "Note"),
    "assess_record": ("Записать проверку", "Record the assessment"),
    "assess_recorded": (
        "Записано ответов: {n}; оценка {before:.2f} → {after:.2f}",
        "Recorded {n} answers; score {before:.2f} → {after:.2f}",
    ),
    "ready_answers": ("ответов", "answers"),
    "stories": ("Истории", "Stories"),
    "stories_at_stops": ("Истории на остановках", "Stories at the stops"),
    "audio_guide": ("аудиогид", "audio guide"),
    "video": ("видео", "video"),
    "enterprise_page": ("страница предприятия", "enterprise page"),
    "article": ("статья", "article"),
    "driver_break": ("в т.ч. перерыв водителя", "incl. driver break"),
    "regulations": ("Правила перевозки", "Transport regulations"),
    "regulation_basis": ("основание", "source"),
    "regulation_sunset": (
        "акт действует до 1 января 2027 г.; для более поздних поездок правило применяется до "
        "появления нового акта",
        "the act is in force until 1 January 2027; later trips keep the rule until a successor "
        "is known",
    ),
    # ------------------------------------------------------------------ comparison report
    "compare.title": ("Сравнение вариантов", "Comparison of variants"),
    "compare.variant": ("Вариант", "Variant"),
    "compare.status": ("Статус", "Status"),
    "compare.ok": ("выполним", "feasible"),
    "compare.infeasible": ("невыполним", "infeasible"),
    "compare.error": ("ошибка", "error"),
    "compare.score": ("Оценка", "Score"),
    "compare.weighted_score": ("Оценка с весами", "Weighted score"),
    "compare.sites": ("Объектов", "Sites"),
    "compare.industrial_share": ("Доля промышл.", "Industrial share"),
    "compare.travel_h": ("В пути, ч", "Travel, h"),
    "compare.drive_h_max_day": ("Макс. за рулём в день, ч", "Max driving a day, h"),
    "compare.idle_h": ("Ожидание, ч", "Idle, h"),
    "compare.distance_km": ("Расстояние, км", "Distance, km"),
    "compare.cost_per_person_rub": ("Стоимость на чел., ₽", "Cost per person, RUB"),
    "compare.nights_away": ("Ночей вне базы", "Nights away from base"),
    "compare.events": ("События", "Events"),
    "compare.days": ("Дней", "Days"),
    "compare.start_date": ("Начало", "Start"),
    "compare.profile": ("Транспорт", "Transport"),
    "compare.only_here": ("Только здесь", "Only here"),
    "compare.problem": ("Причина", "Reason"),
    "compare.kpis": ("Показатели", "Key figures"),
    "compare.pareto": (
        "Оценка и время в пути (оранжевые — фронт Парето: больше оценка при меньшем времени)",
        "Score against travel time (orange: the Pareto front, more score for less travel)",
    ),
    "compare.budget": ("Бюджет времени по дням", "Time budget per day"),
    "compare.visit": ("посещения", "visits"),
    "compare.travel": ("в пути", "travel"),
    "compare.wait": ("ожидание (без обеда)", "waiting (lunch apart)"),
    "compare.lunch": ("обед", "lunch"),
    "compare.free": ("свободно", "free"),
    "compare.unique": (
        "Что посещает только этот вариант",
        "What each variant visits that no other does",
    ),
    "compare.presence": ("Объекты по вариантам", "Sites by variant"),
    "compare.site": ("Объект", "Site"),
    "compare.category": ("Категория", "Category"),
    "compare.map": ("Карта (слой на вариант)", "Map (one layer per variant)"),
    "compare.map_note": (
        "Для подложки карты нужен интернет; отдельный файл: comparison_map.html.",
        "The map's tiles need the internet; also saved as comparison_map.html.",
    ),
    "compare.failed": ("Варианты с ошибками", "Variants that failed"),
    "compare.none": ("нет", "none"),
    "compare.no_points": ("Нет выполнимых вариантов.", "No feasible variant."),
    "compare.hours": ("часы", "hours"),
    "compare.day": ("день", "day"),
    "compare.legend_best": ("лучшее значение выделено", "best value in bold"),
    # ------------------------------------------------------------------ reasons
    "reason.excluded": ("исключён запросом", "excluded by the request"),
    "reason.group": (
        "группа из {group} чел. больше допустимой для объекта ({max})",
        "group of {group} exceeds the site's maximum of {max}",
    ),
    "reason.age": (
        "младшему участнику {age} лет; объект принимает посетителей с {min} лет",
        "youngest visitor is {age}; the site admits visitors from {min} years",
    ),
    "reason.booking": (
        "нужна бронь за {days} дн.: при бронировании {booked} посещение возможно с {first}, "
        "уже после окончания поездки",
        "needs booking {days} days ahead: bookings made on {booked} allow visits from {first}, "
        "after the trip ends",
    ),
    "reason.price": (
        "цена {price} ₽ на человека больше бюджета {budget} ₽",
        "its price of {price} RUB per person exceeds the budget of {budget} RUB",
    ),
    "reason.closed": (
        "закрыт во все доступные дни поездки: {details}",
        "closed on every usable trip date: {details}",
    ),
    "reason.closed_holiday": (
        "{date}: выходной в праздник ({holiday})",
        "{date}: closed on public holidays ({holiday})",
    ),
    "reason.closed_hours": ("{date}: закрыт ({hours})", "{date}: closed ({hours})"),
    "reason.closed_short": (
        "{date}: открыт {open} мин, а посещение длится {visit} мин",
        "{date}: open {open} min, visit needs {visit} min",
    ),
    "reason.closed_slots": (
        "{date}: ни один сеанс экскурсии ({slots}) не укладывается в часы работы",
        "{date}: no excursion slot ({slots}) fits the opening hours",
    ),
    "reason.booked_out": (
        "{date}: все места заняты другими группами",
        "{date}: fully booked by other groups",
    ),
    "reason.closed_booking": (
        "нет дней поездки после срока бронирования",
        "no trip date after the booking lead time",
    ),
    "reason.unreachable_modes": (
        "недостижим разрешёнными видами транспорта ({modes}) в даты поездки",
        "cannot be reached with the allowed modes ({modes}) on the trip dates",
    ),
    "reason.unreachable_season": (
        "недостижим в даты поездки: паром, ледовая переправа или другой транспорт туда в это "
        "время не ходит (сезон)",
        "cannot be reached on the trip dates: no ferry, ice road or other link to it runs "
        "then (seasonal)",
    ),
    "reason.no_time": (
        "не хватает времени: его добавление ({where}) превышает день на {over}",
        "no time left: adding it ({where}) costs {over} more than the day allows",
    ),
    "reason.no_day": (
        "не хватает времени: в дни, когда он открыт, до него не добраться в пределах дня",
        "no time left: it cannot be reached within any day of the trip when it is open",
    ),
    "reason.no_gap": (
        "не хватает времени: часы работы или сеансы экскурсий не совпадают с окнами в "
        "программе (ближе всего: {where})",
        "no time left: its opening hours or excursion slots do not fit the gaps of the plan "
        "(closest: {where})",
    ),
    "reason.budget": (
        "выход за бюджет: {price} ₽ на человека превысят бюджет поездки {budget} ₽",
        "over budget: its {price} RUB per person would take the trip past the budget of "
        "{budget} RUB",
    ),
    "reason.quota": (
        "помещается, но квота на эту категорию уже выбрана",
        "it fits, but a quota on its category is already full",
    ),
    "reason.drive": (
        "превысит дневной лимит вождения {hours} ч ({where})",
        "it would exceed the daily driving limit of {hours} h ({where})",
    ),
    "reason.lunch": (
        "не оставляет времени на обед ({where})",
        "it leaves no room for the lunch break ({where})",
    ),
    "reason.not_analysed": (
        "не вошёл: время заняли объекты с более высокой оценкой (по времени — помещался бы: "
        "{where}; точная причина не анализировалась в пределах лимита времени)",
        "left out: higher-scoring sites used the time (its detour alone would fit: {where}; "
        "the exact blocking rule was not analysed within the time limit)",
    ),
    "reason.where": ("день {day}, после «{after}»", "day {day} after {after}"),
    "reason.must_visit": ("обязательный объект «{site}»: {why}", "must-visit '{site}': {why}"),
    "reason.must_visit_unfit": (
        "обязательный объект «{site}» не помещается в дни, окна работы и лимиты",
        "must-visit '{site}' cannot be fitted into the days, windows and limits",
    ),
    "reason.nights_over_budget": (
        "одни ночёвки стоят {cost} ₽ на человека ({nights}) — больше бюджета {budget} ₽",
        "the nights alone cost {cost} RUB per person ({nights}), more than the budget of "
        "{budget} RUB",
    ),
    "reason.solver": ("{text}", "{text}"),
    "reason.far_from_road": (
        "«{place}» — {km} км по прямой от ближайшего узла дорожной сети ({node}): подъезд к "
        "нему смоделирован (прямая × коэффициент, скорость местной дороги), а не взят из сети; "
        "проверьте, как туда добраться",
        "'{place}' is {km} km in a straight line from the nearest node of the road network "
        "({node}): its access leg is modelled (straight line x detour factor at local-road "
        "speed), not a road of the network; check how to get there",
    ),
    # the effect of an insertion on the tour (insertion report)
    "reason.effect_later": (
        "«{stop}» начнётся на {min} мин позже",
        "{stop} starts {min} min later",
    ),
    "reason.effect_kept": (
        "следующие остановки сохраняют своё время",
        "the following stops keep their times",
    ),
    "reason.effect_longer": ("день закончится на {min} мин позже", "the day ends {min} min later"),
    # ------------------------------------------------------------------ season
    "season.report": ("Сезон", "Season"),
    "season.departures": ("Отправления", "Departures"),
    "season.departure": ("Отправление", "Departure"),
    "season.product": ("Продукт", "Product"),
    "season.total": ("Оценка сезона (с весами категорий)", "Season score (category-weighted)"),
    "season.bound": (
        "Верхняя граница: каждое отправление в одиночку",
        "Upper bound: every departure planned alone",
    ),
    "season.share": ("Доля от границы", "Share of the bound"),
    "season.solo": ("В одиночку", "Alone"),
    "season.in_season": ("В сезоне", "In the season"),
    "season.fairness": (
        "Справедливость: каждое отправление не ниже {share} % своей оценки в одиночку",
        "Fairness: every departure keeps at least {share} % of its score alone",
    ),
    "season.below_floor": ("Ниже порога справедливости", "Below the fairness floor"),
    "season.unplanned": ("Без плана", "No plan"),
    "season.all_planned": ("Все отправления спланированы", "Every departure has a plan"),
    "season.utilisation": ("Загрузка предприятий", "Enterprise utilisation"),
    "season.losses": (
        "Отправления, потерявшие предприятие (против плана в одиночку)",
        "Departures that lost an enterprise (against their plan alone)",
    ),
    "season.lost": ("Потеряны предприятия", "Enterprises lost"),
    "season.no_losses": (
        "Ни одно отправление не потеряло предприятие.",
        "No departure lost an enterprise.",
    ),
    "season.loss_day": (
        "{date}: лимит в день ({limit}) занят ({holders})",
        "{date}: its daily limit ({limit}) is taken ({holders})",
    ),
    "season.loss_week": (
        "{date}: лимит в неделю ({limit}) занят ({holders})",
        "{date}: its weekly limit ({limit}) is taken ({holders})",
    ),
    "season.loss_slot": (
        "{date}, {slot}: лимит на сеанс ({limit}) занят ({holders})",
        "{date}, {slot}: its limit per tour time ({limit}) is taken ({holders})",
    ),
    "season.loss_replanned": (
        "{date}: место было свободно, но план, перестроенный вокруг чужих бронирований, "
        "не нашёл для него времени",
        "{date}: its capacity was free, but the plan re-made around the other groups' "
        "bookings had no room for it",
    ),
    "season.loss_no_plan": ("{date}: у отправления нет плана", "{date}: the departure has no plan"),
    "season.calendar": ("Календарь групп", "Group calendar"),
    "season.calendars": ("Календари предприятий", "Enterprise calendars"),
    "season.capacity": ("Вместимость", "Capacity"),
    "season.per_day": ("в день", "a day"),
    "season.per_week": ("в неделю", "a week"),
    "season.per_slot": ("на сеанс", "per tour time"),
    "season.no_limit": ("без ограничения", "no limit"),
    "season.default": (
        "плановое допущение, не подтверждено источником",
        "planning default, not a sourced fact",
    ),
    "season.closed": ("закрыто", "closed"),
    "season.weekdays": ("Пн Вт Ср Чт Пт Сб Вс", "Mon Tue Wed Thu Fri Sat Sun"),
    "season.months": (
        "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь",
        "January February March April May June July August September October November December",
    ),
    "season.visits": ("Групп", "Groups"),
    "season.people": ("Человек", "People"),
    "season.peak_day": ("Пик в день", "Peak day"),
    "season.peak_week": ("Пик в неделю", "Peak week"),
    "season.available": ("Мест за сезон", "Places in the season"),
    "season.load": ("Загрузка", "Utilisation"),
    "season.solves": ("Расчётов маршрутов", "Plans computed"),
    "season.method": (
        "Метод: каждое отправление сначала планируется в одиночку (верхняя граница); затем по "
        "датам с закрытием занятых дней, недель и сеансов; затем отправления, потерявшие больше "
        "всего, перепланируются раньше тех, кто занял их места, пока это даёт прирост.",
        "Method: every departure is first planned alone (the upper bound); then in date order "
        "with the full days, weeks and tour times closed to it; then the departures that lost "
        "most are re-planned before those holding their places, while that gains.",
    ),
    # ------------------------------------------------------------------ web app
    # frame
    "web.app_title": ("Планировщик промышленных туров", "Industrial tour planner"),
    "web.app_caption": (
        "Промышленный туризм в Приангарье: каталог, маршруты, встраивание и сравнение",
        "Industrial tourism in the Irkutsk region: catalog, plans, embedding and comparison",
    ),
    "web.language": ("Язык / Language", "Язык / Language"),
    "web.page_catalog": ("Каталог", "Catalog"),
    "web.page_plan": ("Маршрут", "Plan"),
    "web.page_embed": ("Встраивание", "Embed"),
    "web.page_compare": ("Сравнение", "Compare"),
    "web.page_assess": ("Готовность предприятий", "Enterprise readiness"),
    "web.catalog_in_use": ("Каталог", "Catalog"),
    "web.catalog_builtin": ("встроенный", "built-in"),
    "web.catalog_uploaded": ("загруженный", "uploaded"),
    "web.unexpected": (
        "Что-то пошло не так, и страница не смогла закончить работу. Проверьте введённые "
        "данные и попробуйте ещё раз; если ошибка повторится, сообщите разработчикам "
        "(подробности записаны в журнал сервера).",
        "Something went wrong and the page could not finish. Check the input and try again; "
        "if it happens again, tell the developers (the details are in the server log).",
    ),
    "web.file_problems": ("В файле «{name}» есть ошибки:", "The file '{name}' has problems:"),
    "web.input_problems": ("Ошибки во входных данных:", "Problems in the input:"),
    "web.too_large": (
        "Файл «{name}» слишком большой: {size:.1f} МБ, допускается не более {limit} МБ.",
        "The file '{name}' is too large: {size:.1f} MB; at most {limit} MB is accepted.",
    ),
    "web.bad_type": (
        "Файл «{name}» не подходит: ожидается {types}.",
        "The file '{name}' is not accepted: expected {types}.",
    ),
    "web.empty_file": ("Файл «{name}» пуст.", "The file '{name}' is empty."),
    "web.all": ("Все", "All"),
    "web.choose": ("Выберите…", "Choose…"),
    "web.none_chosen": ("Нет", "None"),
    "web.downloads": ("Файлы для скачивания", "Downloads"),
    "web.download": ("Скачать", "Download"),
    "web.map": ("Карта", "Map"),
    "web.map_note": (
        "Подложка карты загружается из интернета; маршруты и метки видны и без неё.",
        "The map's background tiles come from the internet; routes and markers show without.",
    ),
    # catalog page
    "web.catalog_title": ("Каталог объектов", "Site catalog"),
    "web.filters": ("Фильтры", "Filters"),
    "web.categories": ("Категории", "Categories"),
    "web.towns": ("Населённые пункты", "Towns"),
    "web.min_score": ("Оценка не ниже", "Score at least"),
    "web.rules": ("Правила посещения", "Visiting rules"),
    "web.group_fits": ("Группа из (чел.)", "Group of (people)"),
    "web.group_fits_help": (
        "Показать только объекты, принимающие группу такого размера (0 — не проверять).",
        "Only sites that accept a group of this size (0: do not check).",
    ),
    "web.age_fits": ("Младшему участнику (лет)", "Youngest visitor (years)"),
    "web.age_fits_help": (
        "Показать только объекты, куда пускают с этого возраста.",
        "Only sites that admit visitors of this age.",
    ),
    "web.booking_within": ("Запись не ранее чем за (дн.)", "Booking lead at most (days)"),
    "web.no_id": ("Без паспортов", "No ID documents needed"),
    "web.shown": ("Показано объектов: {n} из {total}", "Sites shown: {n} of {total}"),
    "web.table": ("Таблица", "Table"),
    "web.download_csv": ("Скачать таблицу (CSV)", "Download the table (CSV)"),
    "web.download_xlsx": ("Скачать таблицу (XLSX)", "Download the table (XLSX)"),
    "web.upload_catalog": ("Свой файл объектов", "Your own site file"),
    "web.upload_catalog_help": (
        "CSV в формате data/sites.csv (см. docs/data.md). «Дополнить» заменяет объекты с тем "
        "же id и добавляет новые; «Заменить» использует только ваш файл.",
        "A CSV in the format of data/sites.csv (see docs/data.md). 'Extend' replaces sites "
        "with the same id and adds new ones; 'Replace' uses your file alone.",
    ),
    "web.upload_mode": ("Как использовать файл", "How to use the file"),
    "web.mode_extra": ("Дополнить встроенный каталог", "Extend the built-in catalog"),
    "web.mode_replace": ("Заменить встроенный список объектов", "Replace the built-in site list"),
    "web.use_file": ("Проверить и использовать", "Validate and use"),
    "web.catalog_ok": (
        "Файл «{name}» принят: в каталоге {n} объектов. Он используется на всех страницах.",
        "The file '{name}' is accepted: the catalog has {n} sites. All pages now use it.",
    ),
    "web.catalog_active": (
        "Используется загруженный файл «{name}».",
        "Using the uploaded '{name}'.",
    ),
    "web.back_builtin": ("Вернуть встроенный каталог", "Back to the built-in catalog"),
    "web.no_sites": ("Под фильтры не подходит ни один объект.", "No site matches the filters."),
    # plan page
    "web.plan_title": ("Планирование маршрута", "Plan a trip"),
    "web.source": ("Исходные данные", "Start from"),
    "web.source_ready": ("Готовый сценарий", "A ready scenario"),
    "web.source_upload": ("Загрузить файл сценария (YAML)", "Upload a scenario file (YAML)"),
    "web.scenario": ("Сценарий", "Scenario"),
    "web.scenario_file": ("Файл сценария", "Scenario file"),
    "web.scenario_loaded": (
        "Сценарий «{name}» загружен: его значения — в форме ниже.",
        "Scenario '{name}' loaded: its values are in the form below.",
    ),
    "web.trip_name": ("Название", "Name"),
    "web.dates_days": ("Даты", "Dates"),
    "web.start_date": ("Первый день", "First day"),
    "web.days": ("Дней", "Days"),
    "web.start": ("Начало маршрута", "Start"),
    "web.end": ("Конец маршрута", "End"),
    "web.day_window": ("Рабочий день", "Day window"),
    "web.day_start": ("Выезд не раньше", "Leave at"),
    "web.day_end": ("Возвращение не позже", "Back by"),
    "web.max_drive_h": ("Вождения в день не более, ч", "Driving a day at most, h"),
    "web.lunch_on": ("Обед", "Lunch"),
    "web.lunch_from": ("Обед с", "Lunch from"),
    "web.lunch_to": ("начать до", "start by"),
    "web.lunch_min": ("Длится, мин", "Lasts, min"),
    "web.group": ("Группа", "Group"),
    "web.group_size": ("Человек", "People"),
    "web.youngest_age": ("Младшему, лет", "Youngest, years"),
    "web.profile": ("Транспорт", "Transport"),
    "web.modes": ("Разрешённые переправы и рейсы", "Allowed ferries, flights and trains"),
    "web.sites_choice": ("Объекты", "Sites"),
    "web.must_visit": ("Обязательно посетить", "Must visit"),
    "web.exclude": ("Исключить", "Exclude"),
    "web.weights": ("Веса категорий", "Category weights"),
    "web.weights_help": (
        "Множитель оценки объектов категории: 2 — вдвое важнее, 0 — не интересует.",
        "Multiplies the score of the category's sites: 2 counts double, 0 ignores it.",
    ),
    "web.lodging_policy": ("Ночлег", "Nights"),
    "web.overnight_base": ("Одна база на все ночи", "One base for every night"),
    "web.overnight_choose": ("Планировщик выбирает ночлег", "The planner chooses each night"),
    "web.overnight_fixed": ("Задать ночлег на каждую ночь", "Set the lodging of each night"),
    "web.base_lodging": ("База", "Base lodging"),
    "web.lodging_towns": ("Ночевать только в", "Stay only in"),
    "web.night_n": ("Ночь {n}", "Night {n}"),
    "web.budget_on": ("Ограничить бюджет", "Limit the budget"),
    "web.budget": ("Бюджет на человека, ₽", "Budget per person, RUB"),
    "web.booked_on": ("Дата бронирования", "Bookings made on"),
    "web.time_limit": ("Время поиска, с", "Search time, s"),
    "web.quotas_kept": ("Квоты сценария сохраняются: {q}", "The scenario's quotas are kept: {q}"),
    "web.quota_min": ("не менее {n} {per}", "at least {n} {per}"),
    "web.quota_max": ("не более {n} {per}", "at most {n} {per}"),
    "web.quota_per_day": ("в день", "a day"),
    "web.quota_per_trip": ("за поездку", "per trip"),
    "web.run_plan": ("Построить маршрут", "Plan the trip"),
    "web.planning": ("Строю маршрут…", "Planning…"),
    "web.planning_progress": (
        "Поиск: {elapsed:.1f} с, лучшая оценка {score:.1f}",
        "Searching: {elapsed:.1f} s, best score {score:.1f}",
    ),
    "web.planned": ("Маршрут готов за {s:.1f} с", "Planned in {s:.1f} s"),
    "web.plan_failed": ("Маршрут построить нельзя", "The trip cannot be planned"),
    "web.result": ("Результат", "Result"),
    "web.feasible": ("Маршрут построен и проверен.", "The plan is made and checked."),
    "web.infeasible": ("План невозможен:", "The plan cannot be made:"),
    "web.kpis": ("Показатели", "Key figures"),
    "web.kpi_score": ("Оценка", "Score"),
    "web.kpi_sites": ("Объектов", "Sites"),
    "web.kpi_industrial": ("Доля промышленных", "Industrial share"),
    "web.kpi_travel": ("В пути, ч", "Travel, h"),
    "web.kpi_distance": ("Расстояние, км", "Distance, km"),
    "web.kpi_cost": ("На человека, ₽", "Per person, RUB"),
    "web.kpi_idle": ("Ожидание, ч", "Waiting, h"),
    "web.schedule": ("Программа по дням", "Day-by-day schedule"),
    "web.dropped": ("Не вошли в маршрут", "Left out"),
    "web.no_dropped": ("Все кандидаты вошли в маршрут.", "Every candidate is in the plan."),
    "web.col_time": ("Время", "Time"),
    "web.col_what": ("Что", "What"),
    "web.col_details": ("Подробности", "Details"),
    "web.col_site": ("Объект", "Site"),
    "web.col_reason": ("Причина", "Reason"),
    "web.depart_from": ("Выезд: {p}", "Leave {p}"),
    "web.arrive_at": ("Прибытие: {p}", "Arrive at {p}"),
    "web.travel_to": ("{mode}, {min} мин, {km:.0f} км", "{mode}, {min} min, {km:.0f} km"),
    "web.visit_row": ("{wait}посещение {min} мин", "{wait}visit {min} min"),
    "web.wait_row": ("ожидание {w} мин; ", "wait {w} min; "),
    "web.added_mark": ("добавлено", "added"),
    "web.night_at": ("Ночлег: {p}", "Overnight: {p}"),
    "web.no_plan_yet": (
        "Заполните форму и нажмите «Построить маршрут».",
        "Fill in the form and press 'Plan the trip'.",
    ),
    # embed page
    "web.embed_title": ("Встраивание в готовый тур", "Add stops to an existing tour"),
    "web.tour_source": ("Тур", "Tour"),
    "web.tour_ready": ("Пример тура", "A sample tour"),
    "web.tour_upload": (
        "Загрузить тур (YAML или CSV + YAML)",
        "Upload a tour (YAML, or CSV + YAML)",
    ),
    "web.tour_file": ("Файлы тура", "Tour files"),
    "web.tour_upload_help": (
        "YAML с днями и остановками или CSV (day, stop, …) с YAML-файлом того же имени.",
        "A YAML with days and stops, or a CSV (day, stop, …) with a YAML of the same name.",
    ),
    "web.tour_loaded": (
        "Тур «{name}»: {days}, {stops}.",
        "Tour '{name}': {days}, {stops}.",
    ),
    "web.tour_stops": ("Остановки тура", "The tour's stops"),
    "web.candidates": ("Кандидаты", "Candidates"),
    "web.candidates_help": (
        "Все объекты выбранных категорий (по умолчанию — промышленность, энергетика и пищевое "
        "производство), кроме уже входящих в тур.",
        "Every site of the chosen categories (by default industry, energy and food production) "
        "that the tour does not visit yet.",
    ),
    "web.candidate_categories": ("Категории", "Categories"),
    "web.candidate_sites": ("и отдельные объекты", "and single sites"),
    "web.candidates_n": ("Кандидатов: {n}", "Candidates: {n}"),
    "web.max_extra": ("День может удлиниться на, мин", "A day may get longer by, min"),
    "web.allow_reorder": ("Можно менять порядок остановок", "Stops may change order"),
    "web.run_embed": ("Подобрать и встроить", "Rank and embed"),
    "web.embedding": ("Подбираю объекты…", "Ranking and embedding…"),
    "web.embedded": ("Готово за {s:.1f} с", "Done in {s:.1f} s"),
    "web.report": ("Рейтинг вставки", "Insertion report"),
    "web.new_plan": ("Новый план тура", "The new plan"),
    "web.added_sites": ("Добавлено: {names}", "Added: {names}"),
    "web.nothing_added": ("Ни один кандидат не поместился.", "No candidate fits."),
    "web.fits": ("Подходит", "Fits"),
    "web.yes": ("да", "yes"),
    "web.no": ("нет", "no"),
    "web.pick_tour": ("Выберите тур.", "Choose a tour."),
    # compare page
    "web.compare_title": ("Сравнение вариантов", "Compare variants"),
    "web.variants_source": ("Варианты", "Variants"),
    "web.variants_ready": ("Готовый файл вариантов", "A ready variants file"),
    "web.variants_upload": ("Загрузить файл вариантов (YAML)", "Upload a variants file (YAML)"),
    "web.variants_file": ("Файл вариантов", "Variants file"),
    "web.variants_pick": ("Какие варианты сравнить", "Variants to compare"),
    "web.variants_loaded": (
        "«{name}»: {variants}.",
        "'{name}': {variants}.",
    ),
    "web.variants_time": ("Время поиска на вариант, с", "Search time per variant, s"),
    "web.run_compare": ("Сравнить", "Compare"),
    "web.comparing": ("Планирую варианты…", "Planning the variants…"),
    "web.compared": ("Готово за {s:.1f} с", "Done in {s:.1f} s"),
    "web.variant_done": ("{name}: {status}", "{name}: {status}"),
    "web.variant_n": ("Вариант {n}", "Variant {n}"),
    "web.kpi_table": ("Показатели вариантов", "Key figures by variant"),
    "web.pareto": ("Оценка и время в пути", "Score against travel time"),
    "web.side_map": ("Варианты на карте", "The variants on a map"),
    "web.pick_variants": ("Выберите хотя бы один вариант.", "Choose at least one variant."),
    "web.too_many_variants": (
        "Слишком большой запрос: {n} вариантов, до {seconds} с поиска. За один раз — не более "
        "{max_n} вариантов и {max_s} с; выберите меньше вариантов или меньшее время.",
        "Too much for one run: {n} variants, up to {seconds} s of search. One run takes at "
        "most {max_n} variants and {max_s} s; pick fewer variants or less time.",
    ),
    "web.compare_missing": (
        "Модуль сравнения вариантов недоступен в этой версии.",
        "Comparing variants is not available in this version.",
    ),
    # the Compare page's column heads where the report's are too long
    "web.col.cost_per_person_rub": ("На чел., ₽", "Per person, RUB"),
    "web.col.nights_away": ("Ночей вне базы", "Nights away"),
    "web.col.pareto": ("Фронт Парето", "Pareto front"),
    # season page
    "web.page_season": ("Сезон", "Season"),
    "web.season_title": ("Сезон отправлений", "A season of departures"),
    "web.season_source": ("Сезон", "Season"),
    "web.season_ready": ("Готовый файл сезона", "A ready season file"),
    "web.season_upload": (
        "Загрузить файл сезона (YAML) и файлы его продуктов",
        "Upload a season file (YAML) and its products' files",
    ),
    "web.season_file": ("Файл сезона", "Season file"),
    "web.season_loaded": (
        "«{name}»: {departures}, продукты: {products}.",
        "'{name}': {departures}, products: {products}.",
    ),
    "web.season_time": ("Предел времени на один расчёт, с", "Time limit per plan, s"),
    "web.run_season": ("Спланировать сезон", "Plan the season"),
    "web.season_running": ("Планирую сезон…", "Planning the season…"),
    "web.season_done": (
        "Готово за {s:.0f} с: расчётов маршрутов — {n}",
        "Done in {s:.0f} s: {n} plans computed",
    ),
    "web.season_phase": ("{phase}: {done} из {total}", "{phase}: {done} of {total}"),
    "web.season_kpi_total": ("Оценка сезона", "Season score"),
    "web.season_kpi_bound": ("Граница (каждое в одиночку)", "Bound (each alone)"),
    "web.season_kpi_share": ("Доля от границы", "Share of the bound"),
    "web.season_violations": ("Нарушения вместимости", "Capacity violations"),
    "web.season_clean": (
        "Проверка: ни одна вместимость не превышена.",
        "Check: no capacity is exceeded.",
    ),
    "web.season_pick_site": ("Предприятие", "Enterprise"),
    "web.season_dep_table": ("Отправления", "Departures"),
    "web.season_util_table": ("Загрузка предприятий", "Enterprise utilisation"),
    "web.season_loss_table": ("Потерянные предприятия и причины", "Enterprises lost and why"),
    "web.season_calendar_view": ("Календарь предприятия", "Enterprise calendar"),
    "web.season_none_lost": (
        "Ни одно отправление не потеряло предприятие.",
        "No departure lost an enterprise.",
    ),
    "web.pick_season": ("Выберите файл сезона.", "Choose a season file."),
}

#: Noun forms after a number: Russian (one, few, many: 1 объект, 2 объекта, 5 объектов) and
#: English (one, other).
_PLURALS: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    "site": (("объект", "объекта", "объектов"), ("site", "sites")),
    "variant": (("вариант", "варианта", "вариантов"), ("variant", "variants")),
    "day": (("день", "дня", "дней"), ("day", "days")),
    "night": (("ночь", "ночи", "ночей"), ("night", "nights")),
    "year": (("год", "года", "лет"), ("year", "years")),
    "stop": (("остановка", "остановки", "остановок"), ("stop", "stops")),
    "person": (("человек", "человека", "человек"), ("person", "people")),
    "group": (("группа", "группы", "групп"), ("group", "groups")),
    "departure": (("отправление", "отправления", "отправлений"), ("departure", "departures")),
}

_WEEKDAYS = (
    ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
_MONTHS = (
    (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
)


def t(key: str, lang: str = "ru", /, **values: Any) -> str:
    """Return the label ``key`` in ``lang`` (the key itself when unknown).

    Parameters
    ----------
    key : str
        A key of the catalog.
    lang : {"ru", "en"}
    **values
        Fields of the label's ``{format}`` string; without them the label is returned as is.

    Returns
    -------
    str
    """
    pair = _LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """True when ``key`` is in the catalog."""
    return key in _LABELS


def plural(n: int, noun: str, lang: str = "ru") -> str:
    """``n`` followed by the form of ``noun`` that agrees with it.

    Parameters
    ----------
    n : int
    noun : str
        A key of the plural table: ``site``, ``variant``, ``day``, ``night``, ``year``,
        ``stop``, ``person``.
    lang : {"ru", "en"}

    Returns
    -------
    str
        ``"1 объект"``, ``"3 объекта"``, ``"11 объектов"``, ``"21 объект"``; ``"1 site"``,
        ``"2 sites"``.

    Raises
    ------
    KeyError
        ``noun`` is not in the table.
    """
    ru, en = _PLURALS[noun]
    if lang == "en":
        return f"{n} {en[0] if abs(n) == 1 else en[1]}"
    m10, m100 = abs(n) % 10, abs(n) % 100
    if m10 == 1 and m100 != 11:
        form = ru[0]
    elif 2 <= m10 <= 4 and not 12 <= m100 <= 14:
        form = ru[1]
    else:
        form = ru[2]
    return f"{n} {form}"


def fmt_date(day: dt.date, lang: str = "ru", *, weekday: bool = True) -> str:
    """Return ``day`` written out, independent of the system locale.

    Parameters
    ----------
    day : datetime.date
    lang : {"ru", "en"}
    weekday : bool
        Prefix the day of the week.

    Returns
    -------
    str
        ``"вторник, 15 июня 2027"`` or ``"Tuesday, 15 June 2027"``.
    """
    k = 1 if lang == "en" else 0
    text = f"{day.day} {_MONTHS[k][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[k][day.weekday()]}, {text}" if weekday else text

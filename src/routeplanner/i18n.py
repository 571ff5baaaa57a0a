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

__all__ = ["LANGS", "fmt_date", "has", "plural", "t", "weekday_number"]

LANGS = ("ru", "en")

#: key -> (Russian, English)
_LABELS: dict[str, tuple[str, str]] = {
    "trip": ("Маршрут", "Trip"),
    "day": ("День", "Day"),
    "infeasible": ("План невозможен:", "The plan cannot be made:"),
    "lunch": ("Обед", "Lunch"),
    "lunch_venue": ("«{venue}» (у «{place}»)", "{venue} (at {place})"),
    "lunch_packed": (
        "сухой паёк у «{place}» (кафе рядом в данных нет)",
        "packed lunch at {place} (no eatery there on record)",
    ),
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
    "default_mark": (
        "по умолчанию — уточнить у предприятия",
        "planning default — confirm with the site",
    ),
    "booking_ahead": ("за {days}", "{days} ahead"),
    "outdoor": ("На открытом воздухе", "Outdoors"),
    "outdoor_daylight": ("только в светлое время", "in daylight only"),
    "source": ("Источник", "Source"),
    "price_year": ("цены {year} г.", "{year} prices"),
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
        "группа из {group} больше допустимой для объекта ({max}{basis})",
        "a group of {group} exceeds the site's maximum of {max}{basis}",
    ),
    "reason.age": (
        "младшему участнику {age}; минимальный возраст посетителей объекта — {min}{basis}",
        "the youngest visitor is {age} old; the site admits visitors from {min} years{basis}",
    ),
    "reason.booking": (
        "нужна бронь за {days}{basis}: при бронировании {booked} посещение возможно с {first}, "
        "уже после окончания поездки",
        "needs booking {days} ahead{basis}: bookings made on {booked} allow visits from {first}, "
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
    "reason.too_far_bound": (
        "слишком далеко: дорога туда и обратно с посещением занимает {need}, а день — {have}",
        "too far: the way there and back with the visit takes {need}, the day {have}",
    ),
    "reason.not_considered": (
        "не рассматривался: не вошёл в число самых перспективных объектов поездки "
        "(отобрано: {n}; балл на час дороги)",
        "not considered: outside the trip's {n} most promising sites (score per hour of travel)",
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
        "{where}; точная причина не анализировалась)",
        "left out: higher-scoring sites used the time (its detour alone would fit: {where}; "
        "the exact blocking rule was not analysed)",
    ),
    # the client's programme (programme.py)
    "no": ("нет", "no"),
    "unit_s": ("с", "s"),
    "nights_count": ("Ночей", "Nights"),
    "tour_price": ("Стоимость тура", "Price of the tour"),
    "costs_basic": ("билеты, проезд и проживание", "tickets, fares and nights"),
    "price_per_person": ("Цена на человека", "Price per person"),
    "price_group_total": ("на группу из {n}", "for a group of {n}"),
    "price_includes": ("В цену входят", "The price includes"),
    "price_defaults": (
        "Расчёт сделан по ставкам по умолчанию (транспорт, гид, питание, наценка) — уточнить у "
        "поставщиков перед продажей.",
        "The calculation uses planning-default rates (transport, guide, meals, margin): confirm "
        "them with the suppliers before selling.",
    ),
    "bookings": ("Бронирование", "Bookings"),
    "book_by": ("Забронировать до", "Book by"),
    "contact": ("Контакт", "Contact"),
    "more_to_add": ("Что ещё можно добавить", "What else could be added"),
    "cost.kind.vehicle": ("транспорт с водителем", "transport with driver"),
    "cost.kind.driver_night": ("проживание водителя", "the driver's room"),
    "cost.kind.guide": ("гид-сопровождающий", "guide"),
    "cost.kind.ticket": ("билеты и экскурсии", "tickets and excursions"),
    "cost.kind.fare": ("проезд", "fares"),
    "cost.kind.lodging": ("проживание", "lodging"),
    "cost.kind.lunch": ("обеды", "lunches"),
    "cost.kind.dinner": ("ужины", "dinners"),
    "cost.line.vehicle_drive": ("транспорт, в пути", "transport, driving"),
    "cost.line.vehicle_idle": ("транспорт, ожидание водителя", "transport, driver waiting"),
    "cost.line.vehicle_min": ("транспорт, до минимального заказа", "transport, minimum order"),
    "cost.line.vehicle_km": ("транспорт, пробег", "transport, distance"),
    "cost.line.driver_night": ("проживание водителя", "driver's room"),
    "cost.line.guide": ("гид", "guide"),
    "cost.line.ticket": ("билеты", "tickets"),
    "cost.line.fare": ("проезд", "fare"),
    "cost.line.lodging": ("проживание", "lodging"),
    "cost.line.lunch": ("обед", "lunch"),
    "cost.line.dinner": ("ужин", "dinner"),
    "cost.line.margin": ("наценка агентства", "agency margin"),
    "cost.line.total": ("итого", "total"),
    "cost.unit.h": ("ч", "h"),
    "cost.unit.km": ("км", "km"),
    "cost.unit.person": ("чел.", "pers."),
    "cost.unit.night": ("ночь", "night"),
    "cost.unit.day": ("дн.", "day"),
    "cost.unit.%": ("%", "%"),
    # the agency's report (report.py)
    "report.title": ("Отчёт для агентства", "Agency report"),
    "report.solver": ("Расчёт маршрута", "Planning run"),
    "report.feasible": ("Маршрут выполним", "Feasible"),
    "report.runtime": ("Время расчёта", "Run time"),
    "report.first_solution": ("Первый план найден через", "First plan after"),
    "report.kpis": ("Показатели", "Key figures"),
    "report.defaults": ("Что принято по умолчанию", "Planning defaults used"),
    "report.default_facts": ("Данные по умолчанию", "Default facts"),
    "report.source_date": ("Дата источника", "Source date"),
    "report.basis": ("Основание", "Basis"),
    "report.rate": ("Ставка", "Rate"),
    "report.default": ("по умолчанию", "default"),
    "report.sourced": ("по источнику", "sourced"),
    "report.qty": ("Кол-во", "Qty"),
    "report.unit_price": ("Цена", "Unit price"),
    "report.net": ("Себестоимость", "Net cost"),
    "report.margin": ("Наценка", "Margin"),
    "report.costing": ("Калькуляция", "Calculation"),
    "report.vehicle": ("Транспорт", "Vehicle"),
    "report.rules_basis": ("Правила посещения", "Visiting rules"),
    "report.too_late": ("уже поздно", "too late"),
    "undated": ("дата источника не указана", "source undated"),
    "rate.margin_pct": ("наценка агентства, %", "agency margin, %"),
    "rate.guide_per_day_rub": ("гид, за день", "guide, per day"),
    "rate.guide_max_group": ("человек на одного гида", "tourists per guide"),
    "rate.lunch_rub": ("обед, на человека", "lunch, per person"),
    "rate.dinner_rub": ("ужин, на человека", "dinner, per person"),
    "rate.driver_night_rub": ("номер водителя, за ночь", "driver's room, per night"),
    "fact.opening_hours": ("часы работы", "opening hours"),
    "fact.public_holidays": ("работа в праздники", "public holidays"),
    "fact.booking_days": ("срок записи", "booking lead"),
    "fact.max_group": ("размер группы", "group limit"),
    "fact.min_age": ("возраст", "minimum age"),
    "fact.id_required": ("паспорта", "ID documents"),
    "fact.slots": ("время начала", "start times"),
    "fact.price_rub": ("цена", "price"),
    "fact.visit_min": ("продолжительность", "visit length"),
    # spreadsheet headers, sheet names and summary rows (export.py)
    "col.site_id": ("код объекта", "site id"),
    "col.name": ("название", "name"),
    "col.category": ("категория", "category"),
    "col.day": ("день", "day"),
    "col.date": ("дата", "date"),
    "col.order": ("№", "no."),
    "col.arrive": ("прибытие", "arrival"),
    "col.start": ("начало", "start"),
    "col.end": ("конец", "end"),
    "col.wait_min": ("ожидание, мин", "wait, min"),
    "col.visit_min": ("посещение, мин", "visit, min"),
    "col.travel_min": ("в пути, мин", "travel, min"),
    "col.distance_km": ("расстояние, км", "distance, km"),
    "col.mode": ("транспорт", "mode"),
    "col.price_rub": ("цена, ₽", "price, RUB"),
    "col.score": ("оценка", "score"),
    "col.lat": ("широта", "lat"),
    "col.lon": ("долгота", "lon"),
    "col.from": ("откуда (код)", "from (id)"),
    "col.to": ("куда (код)", "to (id)"),
    "col.from_name": ("откуда", "from"),
    "col.to_name": ("куда", "to"),
    "col.modes": ("виды транспорта", "modes"),
    "col.depart": ("отправление", "departure"),
    "col.duration_min": ("в пути, мин", "duration, min"),
    "col.drive_min": ("за рулём, мин", "driving, min"),
    "col.reason": ("причина", "reason"),
    "col.key": ("показатель", "item"),
    "col.value": ("значение", "value"),
    "col.group_size": ("группа, чел.", "group size"),
    "col.kind": ("статья", "service"),
    "col.item_ru": ("что (рус.)", "item (Russian)"),
    "col.item_en": ("что (англ.)", "item (English)"),
    "col.quantity": ("количество", "quantity"),
    "col.unit": ("ед.", "unit"),
    "col.unit_rub": ("цена за ед., ₽", "unit price, RUB"),
    "col.total_rub": ("сумма, ₽", "amount, RUB"),
    "col.default": ("по умолчанию", "default"),
    "col.default_facts": (
        "по умолчанию — уточнить у предприятия",
        "planning defaults — confirm with the site",
    ),
    "col.year": ("год / дата источника", "year / source date"),
    "col.name_ru": ("название (рус.)", "name (Russian)"),
    "col.name_en": ("название (англ.)", "name (English)"),
    "col.town": ("населённый пункт", "town"),
    "col.contact": ("контакт", "contact"),
    "col.booking_days": ("запись за, дн.", "book ahead, days"),
    "col.book_by": ("забронировать до", "book by"),
    "col.booked_on": ("дата бронирования", "booked on"),
    "col.in_time": ("успеваем", "in time"),
    "col.id_required": ("паспорта", "ID documents"),
    "col.default_rules": ("правила по умолчанию", "default rules"),
    "col.source_date": ("дата источника", "source date"),
    "col.source_url": ("источник", "source"),
    "sheet.stops": ("остановки", "stops"),
    "sheet.legs": ("переезды", "legs"),
    "sheet.dropped": ("не вошли", "left out"),
    "sheet.summary": ("итоги", "summary"),
    "sheet.calculation": ("калькуляция", "calculation"),
    "sheet.bookings": ("бронирование", "bookings"),
    "kpi.trip": ("маршрут", "trip"),
    "kpi.start_date": ("начало", "start date"),
    "kpi.days": ("дней", "days"),
    "kpi.group_size": ("группа, чел.", "group size"),
    "kpi.feasible": ("выполним", "feasible"),
    "kpi.problems": ("проблемы", "problems"),
    "kpi.score": ("оценка", "score"),
    "kpi.sites": ("объектов", "sites"),
    "kpi.sites_by_category": ("объекты по категориям", "sites by category"),
    "kpi.industrial_share": ("доля промышленных", "industrial share"),
    "kpi.travel_h": ("в пути, ч", "travel, h"),
    "kpi.drive_h_per_day": ("за рулём по дням, ч", "driving per day, h"),
    "kpi.distance_km": ("расстояние, км", "distance, km"),
    "kpi.idle_h": ("ожидание, ч", "waiting, h"),
    "kpi.tickets_rub": ("билеты на чел., ₽", "tickets per person, RUB"),
    "kpi.fares_rub": ("проезд на чел., ₽", "fares per person, RUB"),
    "kpi.lodging_rub": ("проживание на чел., ₽", "lodging per person, RUB"),
    "kpi.cost_per_person_rub": (
        "билеты, проезд и ночлег на чел., ₽",
        "tickets, fares and nights per person, RUB",
    ),
    "kpi.nights": ("ночлеги", "nights"),
    "kpi.quota_misses": ("невыполненные квоты", "quota misses"),
    "kpi.added_sites": ("добавленные объекты", "added sites"),
    # the checker's messages (check.py)
    "check.days": (
        "в плане дней: {planned}, запрошено: {requested}",
        "{planned} days planned, {requested} requested",
    ),
    "check.date": (
        "день {n} датирован {got}, ожидалось {expected}",
        "day {n} is dated {got}, expected {expected}",
    ),
    "check.continuity": (
        "день начинается в {start}, а предыдущая ночь закончилась в {expected}",
        "the day starts at {start}, but the previous night ended at {expected}",
    ),
    "check.end": ("поездка должна закончиться в {place}", "the trip must end at {place}"),
    "check.lodging_unknown": (
        "ночь проводится не в гостинице каталога",
        "the night is not spent at a catalog lodging",
    ),
    "check.lodging_base": ("базовая гостиница — {lodging}", "the base lodging is {lodging}"),
    "check.lodging_night": ("ночь {n} должна быть в {lodging}", "night {n} must be at {lodging}"),
    "check.legs_count": (
        "переездов: {legs}, перемещений: {moves}",
        "{legs} legs for {moves} moves",
    ),
    "check.legs_places": (
        "переезд {k} идёт {origin}→{dest}, ожидалось {a}→{b}",
        "leg {k} goes {origin}→{dest}, expected {a}→{b}",
    ),
    "check.leaves_early": (
        "выезд из {place} в {at}, раньше {before}",
        "leaves {place} at {at}, before {before}",
    ),
    "check.unreachable": (
        "{b} недостижим из {a} в {date}",
        "{b} cannot be reached from {a} on {date}",
    ),
    "check.too_fast": (
        "переезд {a}→{b} занимает {took} мин, а по сети нужно {need} мин",
        "leg {a}→{b} takes {took} min; the network needs {need} min",
    ),
    "check.place_unknown": (
        "не гостиница, не транспортный узел и не пункт сети",
        "not a lodging, hub or network place",
    ),
    "check.site_unknown": ("нет такого объекта в каталоге", "not a site of the catalog"),
    "check.repeat": ("уже посещён в день {n}", "already visited on day {n}"),
    "check.excluded": ("запрос исключает этот объект", "the request excludes this site"),
    "check.arrives_early": ("прибытие раньше конца переезда", "arrives before the leg ends"),
    "check.starts_early": (
        "посещение начинается до прибытия группы",
        "starts before the group arrives",
    ),
    "check.visit_short": (
        "посещение {took} мин короче положенных {need} мин",
        "visit of {took} min is shorter than the site's {need} min",
    ),
    "check.hours": (
        "{start}–{end} вне часов работы ({hours}) {date}",
        "{start}–{end} is outside the opening hours ({hours}) on {date}",
    ),
    "check.daylight": (
        "посещение на открытом воздухе {start}–{end} вне светлого времени ({up}–{down}) {date}",
        "outdoor visit {start}–{end} is outside daylight ({up}–{down}) on {date}",
    ),
    "check.slot": (
        "начало в {at} — не во время сеанса экскурсии",
        "starts at {at}, not at an excursion slot",
    ),
    "check.group": (
        "группа {group} чел. больше допустимой ({max})",
        "group of {group} exceeds {max}",
    ),
    "check.age": (
        "младшему участнику {age}, а допускаются с {min}",
        "youngest visitor {age} < {min}",
    ),
    "check.booking": ("нужна бронь за {days} дн.", "needs booking {days} days ahead"),
    "check.day_early": ("день начинается в {at}, раньше {limit}", "starts at {at}, before {limit}"),
    "check.day_late": ("день заканчивается в {at}, позже {limit}", "ends at {at}, after {limit}"),
    "check.drive": (
        "за рулём {hours} ч — больше лимита {limit} ч",
        "{hours} h of driving exceeds the limit of {limit} h",
    ),
    "check.lunch_missing": (
        "день заходит в окно обеда, а обеда нет",
        "the day runs into the lunch window but has no lunch",
    ),
    "check.lunch_window": ("обед в {at} вне окна {lo}–{hi}", "lunch at {at} is outside {lo}–{hi}"),
    "check.lunch_short": ("обед короче заданного", "lunch is shorter than requested"),
    "check.lunch_overlap": ("обед пересекается с посещением", "lunch overlaps a visit"),
    "check.lunch_in_leg": (
        "обед приходится на переезд {origin} → {destination} ({depart}–{arrive})",
        "lunch falls inside the leg {origin} → {destination} ({depart}–{arrive})",
    ),
    "check.lunch_place": (
        "обед в {place} — это не место этого дня",
        "lunch at {place}, not a place of the day",
    ),
    "check.must_visit": (
        "обязательного объекта нет в плане",
        "a must-visit site is not in the plan",
    ),
    "check.budget": (
        "{spent} ₽ на человека больше бюджета {budget} ₽",
        "{spent} RUB per person exceeds the budget of {budget} RUB",
    ),
    "check.quota_max": ("посещений категории {cat}: {n} > {limit}", "{n} {cat} visits > {limit}"),
    "check.quota_min": ("посещений категории {cat}: {n} < {limit}", "{n} {cat} visits < {limit}"),
    "check.status": (
        "план, отмеченный как невозможный, не должен содержать дней",
        "an itinerary marked infeasible must not contain days",
    ),
    "check.where_day": ("день {n}", "day {n}"),
    "check.where_trip": ("поездка", "trip"),
    "check.violations": ("нарушения ({n})", "{n} violation(s)"),
    "check.ok": (
        "OK: {file} — {status}, {stops}, нарушений нет",
        "OK: {file} — {status}, {stops}, no violations",
    ),
    # the command line (cli.py)
    "cli.error": ("ошибка", "error"),
    "cli.unknown_category": (
        "неизвестная категория «{value}»; возможны: {known}",
        "unknown category '{value}'; one of: {known}",
    ),
    "cli.bad_format": (
        "--format: {known}, а не «{value}»",
        "--format must be {known}, not '{value}'",
    ),
    "cli.bad_date": ("--date «{value}» — не дата ГГГГ-ММ-ДД", "--date '{value}' is not YYYY-MM-DD"),
    "cli.bad_profile": (
        "--profile: car или coach, а не «{value}»",
        "--profile must be car or coach, not '{value}'",
    ),
    "cli.out_is_file": ("--out {path} — файл, а не папка", "--out {path} is a file, not a folder"),
    "cli.out_not_empty": (
        "папка {path} не пуста: добавьте --force, чтобы перезаписать её файлы, или выберите "
        "другую --out",
        "the output folder {path} is not empty; pass --force to overwrite its files, or choose "
        "another --out",
    ),
    "cli.planning": ("поиск маршрута…", "planning…"),
    "cli.planning_best": ("поиск маршрута… лучшая оценка {score}", "planning… best score {score}"),
    "cli.planning_hint": (
        "поиск маршрута… (Ctrl-C остановит поиск и сохранит лучший найденный план)",
        "planning… (Ctrl-C stops the search and keeps the best plan so far)",
    ),
    "cli.interrupted_keep": (
        "прервано: завершаем с лучшим найденным планом (ещё раз Ctrl-C — выйти)",
        "interrupted: finishing with the best plan found so far (Ctrl-C again to abort)",
    ),
    "cli.interrupted": ("прервано", "interrupted"),
    "cli.written": ("записано", "written"),
    "cli.added": ("добавлено", "added"),
    "cli.feasible": ("выполним", "feasible"),
    "cli.no_reason": ("причина не указана", "no reason given"),
    "cli.marked_infeasible_file": (
        "{file}: план отмечен как невыполнимый (дней нет, проверять больше нечего):",
        "{file}: the plan is marked infeasible (no days, nothing else to check):",
    ),
    "cli.marked_infeasible": (
        "отмечен как невыполнимый (дней для проверки нет)",
        "marked infeasible (no days to check)",
    ),
    "cli.map_args": (
        "укажите либо ITINERARY.json, либо --catalog",
        "give either ITINERARY.json or --catalog",
    ),
    "cli.insertion_title": (
        "{tour}: что можно добавить (не более +{minutes} мин в день)",
        "{tour}: insertion report (+{minutes} min a day at most)",
    ),
    "cli.col.name": ("название", "name"),
    "cli.col.category": ("категория", "category"),
    "cli.col.town": ("населённый пункт", "town"),
    "cli.col.score": ("оценка", "score"),
    "cli.col.hours": ("часы работы", "hours"),
    "cli.col.booking": ("запись за", "booking"),
    "cli.col.group": ("группа до", "group"),
    "cli.col.stories": ("истории", "stories"),
    "cli.estimate": ("предв.", "est."),
    "cli.ins.rank": ("№", "rank"),
    "cli.ins.site": ("объект", "site"),
    "cli.ins.fits": ("помещается", "fits"),
    "cli.ins.day": ("день", "day"),
    "cli.ins.start": ("начало", "start"),
    "cli.ins.travel": ("+в пути, мин", "+travel, min"),
    "cli.ins.day_longer": ("+к дню, мин", "+day, min"),
    "cli.ins.km": ("+км", "+km"),
    "cli.ins.rub": ("+₽", "+RUB"),
    "cli.ins.why": ("влияние / причина", "effect / reason"),
    # opening hours in words (routeplanner.hours_text)
    "hours.wd.0": ("пн", "Mon"),
    "hours.wd.1": ("вт", "Tue"),
    "hours.wd.2": ("ср", "Wed"),
    "hours.wd.3": ("чт", "Thu"),
    "hours.wd.4": ("пт", "Fri"),
    "hours.wd.5": ("сб", "Sat"),
    "hours.wd.6": ("вс", "Sun"),
    "hours.mon.1": ("янв.", "Jan"),
    "hours.mon.2": ("февр.", "Feb"),
    "hours.mon.3": ("март", "Mar"),
    "hours.mon.4": ("апр.", "Apr"),
    "hours.mon.5": ("май", "May"),
    "hours.mon.6": ("июнь", "Jun"),
    "hours.mon.7": ("июль", "Jul"),
    "hours.mon.8": ("авг.", "Aug"),
    "hours.mon.9": ("сент.", "Sep"),
    "hours.mon.10": ("окт.", "Oct"),
    "hours.mon.11": ("нояб.", "Nov"),
    "hours.mon.12": ("дек.", "Dec"),
    "hours.mon_gen.1": ("янв.", "Jan"),
    "hours.mon_gen.2": ("февр.", "Feb"),
    "hours.mon_gen.3": ("марта", "Mar"),
    "hours.mon_gen.4": ("апр.", "Apr"),
    "hours.mon_gen.5": ("мая", "May"),
    "hours.mon_gen.6": ("июня", "Jun"),
    "hours.mon_gen.7": ("июля", "Jul"),
    "hours.mon_gen.8": ("авг.", "Aug"),
    "hours.mon_gen.9": ("сент.", "Sep"),
    "hours.mon_gen.10": ("окт.", "Oct"),
    "hours.mon_gen.11": ("нояб.", "Nov"),
    "hours.mon_gen.12": ("дек.", "Dec"),
    "hours.daily": ("ежедневно", "daily"),
    "hours.closed": ("закрыто", "closed"),
    "hours.round_the_clock": ("круглосуточно", "24 hours"),
    "hours.ph_closed": ("в праздничные дни закрыто", "closed on public holidays"),
    "hours.ph_sunday": ("в праздничные дни — как в воскресенье", "public holidays as Sunday"),
    "hours.dates": ("с {first} по {last}", "{first} – {last}"),
    "reason.closed_dark": (
        "{date}: на открытом воздухе — только в светлое время ({sunrise}–{sunset}), посещение "
        "на {visit} мин не помещается",
        "{date}: outdoors, daylight only ({sunrise}–{sunset}): a {visit}-min visit does not fit",
    ),
    "reason.too_far": (
        "слишком далеко для одного дня: дорога от «{from}» туда и обратно с посещением — {trip}, "
        "а день длится {day} (вождение {drive}, лимит {limit_h} ч)",
        "too far for one day: the round trip from {from} with the visit takes {trip}, and the "
        "day is {day} long (driving {drive}, limit {limit_h} h)",
    ),
    "reason.closed_then": (
        "закрыт, когда в программе есть место: {where} группа могла бы начать посещение в {at}, "
        "а начать его можно только {starts} (посещение {visit} мин)",
        "closed when the plan has room: {where} the group could start the visit at {at}, but "
        "a visit can start only {starts} ({visit} min)",
    ),
    "reason.closed_full": (
        "не хватает времени, пока он открыт: {where} группа могла бы начать посещение только в "
        "{at}, а начать его можно {starts} (посещение {visit} мин); раньше не успеть без "
        "продления дня",
        "no time while it is open: {where} the group could start the visit only at {at}, but a "
        "visit can start {starts} ({visit} min); earlier it does not fit without a longer day",
    ),
    "reason.closed_day": (
        "в день, где нашлось бы место, закрыт — {details}; в дни, когда открыт: {other}",
        "closed on the day it would fit — {details}; on its open days: {other}",
    ),
    "reason.booking_day": (
        "{date}: бронь за {days} дн. уже не успеть (посещение возможно с {first})",
        "{date}: too late to book {days} days ahead (visits possible from {first})",
    ),
    "reason.no_room": (
        "нет места в программе: добавление ({where}) сдвигает другие посещения за их часы работы",
        "no room in the plan: adding it ({where}) pushes other visits past their opening hours",
    ),
    "reason.day_full": (
        "не хватает времени: программа дня заполнена — для него ({where}) день пришлось бы "
        "продлить на {over} и сдвинуть другие посещения за их часы работы",
        "no time left: the day is full — adding it ({where}) would take {over} past the day's "
        "end and push other visits past their opening hours",
    ),
    "reason.blocked_by": (
        "не помещается: мешают вместе {rules}",
        "does not fit: {rules} block it together",
    ),
    "reason.fits_not_chosen": (
        "помещается ({where}), но поиск его не выбрал в пределах лимита времени",
        "it fits ({where}) but the search did not take it within the time limit",
    ),
    "reason.not_analysed_any": (
        "причина не проверена: лимит времени закончился до разбора",
        "reason not verified: the time limit ran out before it was analysed",
    ),
    "reason.rule.end": ("длина дня", "the day's length"),
    "reason.rule.hours": ("часы работы", "the opening hours"),
    "reason.rule.daylight": ("часы работы и светлое время", "the opening hours and daylight"),
    "reason.rule.others": ("часы работы других посещений", "the other visits' hours"),
    "reason.rule.drive": ("лимит вождения", "the driving limit"),
    "reason.rule.lunch": ("обед", "the lunch"),
    "reason.rule.and": (" и ", " and "),
    "reason.where": ("день {day}, после «{after}»", "day {day} after {after}"),
    "reason.must_visit": ("обязательный объект {site}: {why}", "must-visit {site}: {why}"),
    "reason.must_visit_unfit": (
        "обязательный объект {site} не помещается в дни, окна работы и лимиты",
        "must-visit {site} cannot be fitted into the days, windows and limits",
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
        "Файл «{name}» принят: объектов в каталоге — {n}. Он используется на всех страницах.",
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
        "Слишком большой запрос: вариантов — {n}, до {seconds} с поиска. За один раз — не "
        "больше {max_n} (вариантов) и {max_s} с; выберите меньше вариантов или меньшее время.",
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
    # ------------------------------------------------------------------ error messages
    # (exceptions.Msg / Problem: file, row and field come first, then the message)
    "err.at_row": (", строка {row}", ", row {row}"),
    "err.at_field": (", поле «{field}»", ", field '{field}'"),
    "err.problems_found": ("{n}:", "{n} found:"),
    "err.and_more": ("  … и ещё {n}", "  … and {n} more"),
    "err.did_you_mean": ("; возможно, имелось в виду: {ids}", "; did you mean {ids}?"),
    "err.unknown_place": ("неизвестный id места «{id}»{hint}", "unknown place id '{id}'{hint}"),
    "err.infeasible": ("запрос невыполним:", "the request cannot be satisfied:"),
    "err.an_output": ("файл результата", "an output"),
    "err.cannot_write": (
        "не удаётся записать {target}: {why}; ничего не записано",
        "cannot write {target}: {why}; nothing was written",
    ),
    "err.busy": (
        "в папку {folder} уже пишет другой запуск routeplanner{who}; дождитесь его окончания "
        "или выберите другую папку --out",
        "another routeplanner run is writing into {folder}{who}; wait for it to finish or "
        "choose another --out",
    ),
    "err.out_of_memory": (
        "не хватает памяти: запрос слишком велик для этого компьютера",
        "out of memory: the request is too large for this machine",
    ),
    "err.unexpected": (
        "непредвиденная ошибка {kind}: {detail} (это ошибка программы; {where}; сообщите о ней "
        "вместе с выполненной командой)",
        "unexpected {kind}: {detail} (this is a bug; {where}; please report it with the "
        "command you ran)",
    ),
    "err.log_at": ("трассировка сохранена в {log}", "the traceback is in {log}"),
    "err.log_lost": ("трассировку сохранить не удалось", "the traceback could not be saved"),
    "err.warning": ("предупреждение", "warning"),
    # pydantic's error types (exceptions.pydantic_issues), by ``type``
    "err.pyd.missing": ("обязательный ключ не задан", "required key is missing"),
    "err.pyd.extra_forbidden": (
        "неизвестный ключ (проверьте написание; ключи описаны в README)",
        "unknown key (check the spelling; see the README for the keys)",
    ),
    "err.pyd.greater_than": (
        "должно быть больше {gt}, а не {input}",
        "must be greater than {gt}, not {input}",
    ),
    "err.pyd.greater_than_equal": (
        "должно быть не меньше {ge}, а не {input}",
        "must be at least {ge}, not {input}",
    ),
    "err.pyd.less_than": (
        "должно быть меньше {lt}, а не {input}",
        "must be less than {lt}, not {input}",
    ),
    "err.pyd.less_than_equal": (
        "должно быть не больше {le}, а не {input}",
        "must be at most {le}, not {input}",
    ),
    "err.pyd.int_parsing": ("«{input}» — не целое число", "'{input}' is not a whole number"),
    "err.pyd.int_from_float": ("«{input}» — не целое число", "'{input}' is not a whole number"),
    "err.pyd.int_type": (
        "нужно целое число, а не «{input}»",
        "expected a whole number, not '{input}'",
    ),
    "err.pyd.float_parsing": ("«{input}» — не число", "'{input}' is not a number"),
    "err.pyd.float_type": ("нужно число, а не «{input}»", "expected a number, not '{input}'"),
    "err.pyd.finite_number": (
        "нужно конечное число, а не «{input}»",
        "expected a finite number, not '{input}'",
    ),
    "err.pyd.bool_parsing": (
        "нужно true или false, а не «{input}»",
        "expected true or false, not '{input}'",
    ),
    "err.pyd.bool_type": (
        "нужно true или false, а не «{input}»",
        "expected true or false, not '{input}'",
    ),
    "err.pyd.string_type": ("нужен текст, а не «{input}»", "expected text, not '{input}'"),
    "err.pyd.string_too_long": (
        "текст длиннее допустимого (не более {max_length} симв.)",
        "text longer than {max_length} characters",
    ),
    "err.pyd.string_too_short": (
        "текст короче допустимого (не менее {min_length} симв.)",
        "text shorter than {min_length} characters",
    ),
    "err.pyd.too_long": (
        "слишком много элементов (не более {max_length})",
        "too many items (at most {max_length})",
    ),
    "err.pyd.too_short": (
        "слишком мало элементов (не менее {min_length})",
        "too few items (at least {min_length})",
    ),
    "err.pyd.literal_error": (
        "«{input}» — недопустимое значение; допустимы: {expected}",
        "'{input}' is not one of: {expected}",
    ),
    "err.pyd.enum": (
        "«{input}» — недопустимое значение; допустимы: {expected}",
        "'{input}' is not one of: {expected}",
    ),
    "err.pyd.date_from_datetime_parsing": (
        "«{input}» — не дата ГГГГ-ММ-ДД",
        "'{input}' is not a date YYYY-MM-DD",
    ),
    "err.pyd.date_from_datetime_inexact": (
        "«{input}» — не дата (указано время суток)",
        "'{input}' is not a date (it has a time of day)",
    ),
    "err.pyd.date_parsing": (
        "«{input}» — не дата ГГГГ-ММ-ДД",
        "'{input}' is not a date YYYY-MM-DD",
    ),
    "err.pyd.date_type": ("«{input}» — не дата ГГГГ-ММ-ДД", "'{input}' is not a date YYYY-MM-DD"),
    "err.pyd.time_parsing": ("«{input}» — не время ЧЧ:ММ", "'{input}' is not a time HH:MM"),
    "err.pyd.time_type": ("«{input}» — не время ЧЧ:ММ", "'{input}' is not a time HH:MM"),
    "err.pyd.dict_type": (
        "нужен словарь ключей, а не «{input}»",
        "expected a mapping of keys, not '{input}'",
    ),
    "err.pyd.model_type": (
        "нужен словарь ключей, а не «{input}»",
        "expected a mapping of keys, not '{input}'",
    ),
    "err.pyd.model_attributes_type": (
        "нужен словарь ключей, а не «{input}»",
        "expected a mapping of keys, not '{input}'",
    ),
    "err.pyd.list_type": ("нужен список, а не «{input}»", "expected a list, not '{input}'"),
    "err.pyd.tuple_type": ("нужен список, а не «{input}»", "expected a list, not '{input}'"),
    "err.pyd.recursion_loop": ("слишком глубокая вложенность", "nested too deeply"),
    # scenarios (scenario.py)
    "err.scenario_not_mapping": (
        "сценарий должен быть словарём ключей",
        "the scenario must be a mapping of keys",
    ),
    "err.scenario_title": ("{file}: ошибки в сценарии ({n}):", "{file}: {n} in the scenario:"),
    "err.invalid_values": ("недопустимые значения: {detail}", "invalid values: {detail}"),
    "err.closest": (" (ближайшие: {ids})", " (closest: {ids})"),
    "err.not_lodging_or_hub": (
        "{key}: «{id}» — не id гостиницы или транспортного узла{closest}",
        "{key}: '{id}' is not a lodging or hub id{closest}",
    ),
    "err.not_site": (
        "{key}: «{id}» — не id объекта{closest}",
        "{key}: '{id}' is not a site id{closest}",
    ),
    "err.not_lodging": (
        "{key}: «{id}» — не id гостиницы{closest}",
        "{key}: '{id}' is not a lodging id{closest}",
    ),
    "err.extra_place_taken": (
        "extra_places: id «{id}» уже есть в каталоге",
        "extra_places: id '{id}' is already a catalog id",
    ),
    "err.base_needs_lodging": (
        "для overnight 'base' нужна гостиница 'lodging' (или гостиница как 'start') для ночёвок",
        "overnight 'base' needs 'lodging' (or a lodging as 'start') for the nights",
    ),
    "err.unknown_places_title": (
        "в запросе названы неизвестные места:",
        "the trip request names unknown places:",
    ),
    "err.lunch_outside": (
        "lunch: окно обеда {lo}–{hi} ({minutes} мин) лежит вне дня {start}–{end}; в плане нет "
        "обеда",
        "lunch: the lunch window {lo}–{hi} ({minutes} min) lies outside the day {start}–{end}; "
        "the plan has no lunch break",
    ),
    "err.no_lodging_town": (
        "lodging_towns: в «{town}» нет гостиниц; пункт не учитывается (города с гостиницами: "
        "{towns})",
        "lodging_towns: no lodging in '{town}'; it is ignored (towns with lodgings: {towns})",
    ),
    # reading files (_csv.py, _yaml.py)
    "err.required": ("значение обязательно", "value is required"),
    "err.too_large": ("файл больше {mib} МиБ", "file is larger than {mib} MiB"),
    "err.cannot_read": ("не удаётся прочитать файл: {why}", "cannot read the file: {why}"),
    "err.not_utf8": (
        "файл не в кодировке UTF-8; сохраните его как UTF-8",
        "the file is not UTF-8 text; save it as UTF-8",
    ),
    "err.csv.slug": (
        "«{value}» — недопустимый id (только строчные a-z, 0-9 и _)",
        "'{value}' is not a valid id (use lowercase a-z, 0-9 and _)",
    ),
    "err.csv.number": ("«{value}» — не число", "'{value}' is not a number"),
    "err.csv.finite": ("«{value}» — не конечное число", "'{value}' is not a finite number"),
    "err.csv.whole": ("«{value}» — не целое число", "'{value}' is not a whole number"),
    "err.csv.too_large": ("«{value}» — слишком большое число", "'{value}' is too large"),
    "err.csv.bool": ("«{value}» — не true/false (да/нет)", "'{value}' is not true or false"),
    "err.csv.hhmm": ("«{value}» — не время ЧЧ:ММ", "'{value}' is not a time HH:MM"),
    "err.csv.choice": (
        "«{value}» — недопустимое значение; допустимы: {known}",
        "'{value}' is not one of: {known}",
    ),
    "err.csv.between": (
        "{what} {value}: должно быть от {lo} до {hi}{hint}",
        "{what} {value} must be between {lo} and {hi}{hint}",
    ),
    "err.csv.empty": (
        "файл пуст; нужна строка заголовка",
        "the file is empty; it needs a header row",
    ),
    "err.csv.bad_header": ("ошибка в заголовке CSV: {detail}", "malformed CSV header: {detail}"),
    "err.csv.dupe_column": (
        "столбец встречается в заголовке больше одного раза",
        "column appears more than once in the header",
    ),
    "err.csv.missing_column": (
        "в заголовке нет обязательного столбца",
        "required column is missing from the header",
    ),
    "err.csv.extra_cells": (
        "в строке больше ячеек, чем в заголовке",
        "row has more cells than the header",
    ),
    "err.csv.long_cell": (
        "ячейка длиннее 131 072 символов",
        "a cell is longer than 131,072 characters",
    ),
    "err.csv.malformed": (
        "ошибка формата CSV: {detail}; следующие строки не прочитаны",
        "malformed CSV: {detail}; rows after it not read",
    ),
    "err.yaml.too_large": ("файл больше 1 МиБ", "file is larger than 1 MiB"),
    "err.yaml.cannot_read": ("не удаётся прочитать: {why}", "cannot read: {why}"),
    "err.yaml.not_utf8": (
        "не текст UTF-8; сохраните файл как UTF-8",
        "not UTF-8 text; save it as UTF-8",
    ),
    "err.yaml.empty": ("файл пуст", "the file is empty"),
    "err.yaml.invalid": ("ошибка YAML: {detail}", "invalid YAML: {detail}"),
    "err.yaml.nested": (
        "ошибка YAML: слишком глубокая вложенность",
        "invalid YAML: nested too deeply",
    ),
    "err.yaml.key_plain": (
        "ключ должен быть простым значением (текст или число), а не списком или словарём",
        "a key must be a plain value (text or a number), not a list or a mapping",
    ),
    "err.yaml.duplicate": ("ключ «{key}» повторяется", "duplicated key '{key}'"),
    "err.yaml.date": (
        "«{value}»: дата должна быть ГГГГ-ММ-ДД, реальный день календаря",
        "'{value}': a date must be YYYY-MM-DD, a real calendar day",
    ),
    "err.yaml.alias_loop": (
        "ссылка (*) указывает на узел, который её содержит",
        "an alias (*) refers to a node that contains it",
    ),
    "err.yaml.expands": (
        "после раскрытия ссылок (*) файл содержит больше {limit} значений: отклонён",
        "the file stands for more than {limit} values once its aliases (*) are expanded: refused",
    ),
    "err.yaml.p.mapping_values": (
        "здесь не может быть «ключ: значение» (проверьте отступы и двоеточия)",
        "mapping values are not allowed here",
    ),
    "err.yaml.p.no_colon": ("не найдено ожидаемое «:»", "could not find expected ':'"),
    "err.yaml.p.tab": (
        "символ табуляции не может начинать элемент (используйте пробелы)",
        "found character '\\t' that cannot start any token",
    ),
    "err.yaml.p.alias": ("ссылка (*) на неопределённую метку (&)", "found undefined alias"),
    "err.yaml.p.end": ("неожиданный конец файла", "found unexpected end of stream"),
    "err.yaml.p.colon": ("неожиданное «:»", "found unexpected ':'"),
    "err.yaml.p.expected": (
        "нарушена структура (проверьте отступы и скобки): {detail}",
        "{detail}",
    ),
    # the trip request (model.py)
    "err.model.time": ("время должно быть ЧЧ:ММ", "a time must be HH:MM"),
    "err.model.time_local": (
        "время должно быть ЧЧ:ММ (местное, без часового пояса)",
        "a time must be HH:MM (local time, no time zone)",
    ),
    "err.model.lunch_order": (
        "обед: 'latest' раньше, чем 'earliest'",
        "lunch 'latest' is before 'earliest'",
    ),
    "err.model.quota_bounds": ("для квоты нужен 'min' или 'max'", "a quota needs 'min' or 'max'"),
    "err.model.quota_order": (
        "в квоте 'min' больше, чем 'max'",
        "quota 'min' is larger than 'max'",
    ),
    "err.model.strategy": (
        "«{value}» — не стратегия OR-Tools; допустимы: {known}",
        "'{value}' is not an OR-Tools strategy; one of {known}",
    ),
    "err.model.mode": (
        "неизвестный вид транспорта «{value}»; допустимы: {known}",
        "unknown mode '{value}'; one of {known}",
    ),
    "err.model.visit_length": (
        "длительность посещения «{site}» должна быть от 1 до 1440 мин",
        "visit length of '{site}' must be 1..1440 minutes",
    ),
    "err.model.weight": (
        "вес категории «{category}» должен быть от 0 до 100",
        "weight of '{category}' must be between 0 and 100",
    ),
    "err.model.day_order": (
        "day_end должен быть позже day_start",
        "day_end must be after day_start",
    ),
    "err.model.clash": (
        "объекты одновременно обязательны и исключены: {ids}",
        "sites both required and excluded: {ids}",
    ),
    "err.model.must_twice": (
        "в must_visit объект указан дважды",
        "must_visit lists a site twice",
    ),
    "err.model.nights": (
        "для overnight 'fixed' нужны 'nights': id гостиницы на каждую ночь ({n})",
        "overnight 'fixed' needs 'nights': one lodging id for each night ({n})",
    ),
    "err.model.nights_unused": (
        "'nights' используется только с overnight: fixed",
        "'nights' is only used with overnight: fixed",
    ),
    # the catalog (catalog.py, calendar.py and the per-site tables)
    "err.what.lat": ("широта", "latitude"),
    "err.what.lon": ("долгота", "longitude"),
    "err.what.groups": ("число групп", "number of groups"),
    "err.what.checklist_score": ("балл чек-листа", "checklist score"),
    "err.what.visit_min": ("длительность посещения (мин)", "visit length (minutes)"),
    "err.what.booking_days": ("срок записи (дней)", "booking lead time (days)"),
    "err.what.max_group": ("наибольшая группа", "maximum group size"),
    "err.what.min_age": ("минимальный возраст", "minimum age"),
    "err.what.price": ("цена (₽)", "price (RUB)"),
    "err.what.score": ("оценка", "score"),
    "err.what.price_night": ("цена за ночь (₽)", "price per night (RUB)"),
    "err.what.price_year": ("год цены", "price year"),
    "err.what.event_days": ("длительность события (дней)", "event length (days)"),
    "err.what.value": ("значение", "value"),
    "err.cat.region": (
        " (Иркутская область и соседние регионы); не перепутаны ли lat и lon?",
        " (Irkutsk oblast and its neighbours); are lat and lon swapped?",
    ),
    "err.cat.slot_twice": ("время сеанса указано дважды", "a slot time is listed twice"),
    "err.cat.source_date": (
        "«{value}» — не дата ГГГГ-ММ-ДД, ГГГГ-ММ или ГГГГ",
        "'{value}' is not a date YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    "err.cat.source_year": (
        "«{value}»: год должен быть от 1900 до следующего",
        "'{value}': the year must lie between 1900 and next year",
    ),
    "err.cat.criteria": ("нужен словарь 'criteria:'", "a mapping 'criteria:' is required"),
    "err.cat.weight": ("должно быть числом ≥ 0", "must be a number >= 0"),
    "err.cat.weights_zero": ("сумма весов равна нулю", "the weights sum to zero"),
    "err.cat.prior": (
        "должно быть числом от 0 до 5 или 'base_score'",
        "must be a number from 0 to 5 or 'base_score'",
    ),
    "err.cat.category": ("неизвестная категория", "unknown category"),
    "err.cat.weight_100": ("должно быть от 0 до 100", "must be 0..100"),
    "err.cat.met_at": ("должно быть целым баллом от 0 до 5", "must be a whole score 0..5"),
    "err.cat.essential": (
        "должно перечислять критерии из 'criteria:'",
        "must list criteria of 'criteria:'",
    ),
    "err.cat.no_site": ("нет объекта с id «{id}»", "no site with id '{id}'"),
    "err.cat.twice": ("«{id}» указан дважды", "'{id}' is listed twice"),
    "err.cat.dupe": ("id «{id}» повторяется", "duplicate id '{id}'"),
    "err.cat.dupe_in": (
        "id «{id}» повторяется (также в {other})",
        "duplicate id '{id}' (also in {other})",
    ),
    "err.cat.criterion_twice": (
        "критерий «{criterion}» указан для этого объекта дважды",
        "'{criterion}' given twice for this site",
    ),
    "err.cat.not_column": ("«{name}» — не имя столбца", "'{name}' is not a column name"),
    "err.cat.title": ("в каталоге {root} ошибки ({n}):", "the catalog in {root} has {n}:"),
    "err.hours.empty": (
        "часы работы не заданы; пишите, например, 'Mo-Fr 10:00-17:00' или '24/7'",
        "opening hours are empty; use e.g. 'Mo-Fr 10:00-17:00' or '24/7'",
    ),
    "err.hours.ph": (
        "не используйте PH/SH в opening_hours; заполните столбец 'public_holidays' (closed, open "
        "или sunday)",
        "do not use PH/SH in opening_hours; set the 'public_holidays' column (closed, open or "
        "sunday) instead",
    ),
    "err.hours.order": (
        "«{span}» закрывается раньше, чем открывается; часы после полуночи не поддерживаются "
        "(пишите, например, 10:00-18:00)",
        "'{span}' closes before it opens; hours past midnight are not supported (write e.g. "
        "10:00-18:00)",
    ),
    "err.hours.syntax": (
        "«{expr}» — не синтаксис opening_hours OpenStreetMap; проверьте выражение, например, на "
        "https://openingh.openstreetmap.de/evaluation_tool/",
        "'{expr}' is not valid OpenStreetMap opening_hours syntax; check it, e.g. at "
        "https://openingh.openstreetmap.de/evaluation_tool/",
    ),
    "err.date": ("«{value}» — не дата ГГГГ-ММ-ДД", "'{value}' is not a date YYYY-MM-DD"),
    "err.url": (
        "«{value}» — не веб-адрес (http:// или https://)",
        "'{value}' is not a web address (http:// or https://)",
    ),
    "err.cap.twice": (
        "у объекта «{id}» две строки вместимости",
        "site '{id}' has two capacity rows",
    ),
    "err.cap.give_one": ("укажите хотя бы одно из: {fields}", "give at least one of {fields}"),
    "err.cap.not_column": (
        "«{name}» — не столбец вместимости",
        "'{name}' is not a capacity column",
    ),
    "err.cap.unsourced": (
        "{fields}: нет ни источника (source_url), ни отметки в 'defaults' как допущения",
        "{fields} is neither sourced (source_url) nor listed in 'defaults' as a planning default",
    ),
    "err.cap.no_slots": (
        "у объекта нет сеансов экскурсий; используйте groups_per_day",
        "the site has no excursion slots; use groups_per_day",
    ),
    "err.cap.week": (
        "{week} в неделю меньше, чем {day} в день",
        "{week} a week is less than {day} a day",
    ),
    "err.as.not_enterprise": ("«{id}» — не предприятие", "'{id}' is not an enterprise"),
    "err.as.assessor": ("кто проверял? (укажите имя)", "who assessed? (a name)"),
    "err.as.criterion": (
        "«{criterion}» — не критерий ({known})",
        "'{criterion}' is not a criterion ({known})",
    ),
    "err.as.twice": ("на «{criterion}» ответ дан дважды", "'{criterion}' answered twice"),
    "err.as.mapping": ("нужен словарь «критерий: балл»", "must map criteria to scores"),
    "err.as.score": ("балл «{value}» — не целое от 0 до 5", "score '{value}' is not a whole 0..5"),
    "err.as.title": ("{source}: ответы недопустимы:", "{source}: the answers are not valid:"),
    "err.ev.range": (
        "«{value}»: диапазон кончается раньше начала",
        "'{value}': the range ends before it starts",
    ),
    "err.ev.long": (
        "«{value}»: событие длиннее 3 месяцев — не событие",
        "'{value}': an event longer than 3 months is not an event",
    ),
    "err.ev.rrule": (
        "«{value}» — не ежегодное правило RRULE (например, FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=3)",
        "'{value}' is not a yearly RRULE (e.g. FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=3)",
    ),
    "err.ev.rrule_bad": (
        "«{value}» — недопустимое правило RRULE: {detail}",
        "'{value}' is not a valid RRULE: {detail}",
    ),
    "err.ev.hours": ("«{value}» — не ЧЧ:ММ-ЧЧ:ММ", "'{value}' is not HH:MM-HH:MM"),
    "err.ev.hours_day": (
        "«{value}» — не промежуток времени одного дня",
        "'{value}' is not a time range of one day",
    ),
    "err.ev.hours_order": (
        "«{value}» кончается раньше начала (события после полуночи не поддерживаются)",
        "'{value}' ends before it starts (events past midnight are not supported)",
    ),
    "err.ev.dupe": (
        "id «{id}» повторяется (id общие для объектов и событий)",
        "duplicate id '{id}' (ids are unique across sites and events)",
    ),
    "err.ev.no_dates": (
        "укажите даты события или правило повторения (rrule)",
        "give the event's dates or a recurrence rule (rrule)",
    ),
    "err.ev.no_place": (
        "укажите место: site_id или lat и lon",
        "give the place: a site_id, or lat and lon",
    ),
    "err.ev.not_event": (
        "events.require: «{id}» — не id события",
        "events.require: '{id}' is not an event id",
    ),
    "err.ev.no_later": ("позже дат нет", "no later date"),
    "err.ev.not_on_trip": (
        "events.require: «{id}» не проходит с {first} по {last} (ближайшие: {next})",
        "events.require: '{id}' does not take place between {first} and {last} (next: {next})",
    ),
    "err.ev.title": (
        "в запросе есть события, которые в эти даты невозможны:",
        "the trip request asks for events it cannot have:",
    ),
    "err.st.no_id": ("нет объекта или события с id «{id}»", "no site or event with id '{id}'"),
    "err.ea.no_place": ("нет места «{id}»", "no place '{id}'"),
    "err.net.season": (
        "«{value}» — не сезон ММ-ДД..ММ-ДД",
        "'{value}' is not a season range MM-DD..MM-DD",
    ),
    "err.net.season_day": ("«{value}»: {day} — не дата", "'{value}': {day} is not a date"),
    "err.net.weekdays": (
        "«{value}» — не диапазон дней недели вида Mo-Fr",
        "'{value}' is not a weekday range like Mo-Fr",
    ),
    "err.net.weekday": (
        "«{value}» — не день недели (Mo, Tu, We, Th, Fr, Sa, Su)",
        "'{value}' is not a weekday (Mo, Tu, We, Th, Fr, Sa, Su)",
    ),
    "err.net.profiles": ("нужен словарь 'profiles:'", "a mapping 'profiles:' is required"),
    "err.net.detour": ("должно быть от 1 до 3", "must be between 1 and 3"),
    "err.net.distance": ("расстояние от 0 до 1000 км", "a distance 0..1000 km"),
    "err.net.mapping": ("нужен словарь", "mapping required"),
    "err.net.speed": ("скорость от 1 до 200 км/ч", "a speed 1..200 km/h"),
    "err.net.nonneg": ("должно быть ≥ 0", "must be >= 0"),
    "err.net.no_node": ("нет узла «{id}» в nodes.csv", "no node '{id}' in nodes.csv"),
    "err.net.loop": (
        "дорога должна соединять два разных узла",
        "a road must join two different nodes",
    ),
    "err.net.hub_node": (
        "узел «{hub}»: нет дорожного узла «{id}»",
        "hub '{hub}': no road node '{id}'",
    ),
    "err.net.not_node": (
        "«{id}» — не узел сети и не транспортный узел",
        "'{id}' is neither a node nor a hub",
    ),
    "err.net.place_node": (
        "{place}: «{id}» — не узел сети (ближайшие: {ids})",
        "{place}: '{id}' is not a node of the network (closest: {ids})",
    ),
    "err.net.title": ("в сети {root} ошибки ({n}):", "the network in {root} has {n}:"),
    # tours (tours.py, embed.py)
    "err.tour.csv": ("ошибка формата CSV: {detail}", "malformed CSV: {detail}"),
    "err.tour.columns": (
        "нужны столбцы 'day' и 'stop' (необязательные: lat, lon, start, fixed, visit_min, lodging)",
        "columns 'day' and 'stop' are required (optional: lat, lon, start, fixed, visit_min, "
        "lodging)",
    ),
    "err.tour.days": (
        "нужен список дней тура 'days:'",
        "a list 'days:' of the tour's days is required",
    ),
    "err.tour.stops": ("у каждого дня должны быть 'stops:'", "each day needs 'stops:'"),
    "err.tour.mapping": ("нужен словарь ключей", "a mapping"),
    "err.tour.suffix": (
        "файл тура должен быть .yaml, .yml или .csv",
        "a tour file must be .yaml, .yml or .csv",
    ),
    "err.tour.minutes": (
        "«{value}» — не число минут (1..1440)",
        "'{value}' is not a number of minutes (1..1440)",
    ),
    "err.tour.coords": (
        "«{value}» — не координаты в Иркутской области или соседних регионах",
        "'{value}' are not coordinates in Irkutsk oblast or its neighbours",
    ),
    "err.tour.day": ("«{value}» — не номер дня", "'{value}' is not a day number"),
    "err.tour.day_one": ("дни нумеруются с 1", "days count from 1"),
    "err.tour.day_max": (
        "день {value}: тур длиннее предела ({max} дн.)",
        "day {value}: a tour has at most {max} days",
    ),
    "err.tour.lodging": (
        "«{id}» — не id гостиницы (ближайшие: {ids})",
        "'{id}' is not a lodging id (closest: {ids})",
    ),
    "err.tour.no_match": (
        "«{name}» не совпадает ни с одним объектом каталога (ближайшие: {ids}); укажите его id "
        "или lat и lon",
        "'{name}' matches no catalog site (closest: {ids}); give its id, or lat and lon",
    ),
    "err.tour.keys": ("{file}: недопустимые ключи тура:", "{file}: invalid tour keys:"),
    "err.tour.night": (
        "для дня {n} нужна гостиница на ночь",
        "day {n} needs the lodging of its night",
    ),
    "err.tour.title": ("{file}: тур не прочитать ({n}):", "{file}: the tour cannot be read ({n}):"),
    "err.tour.twice": ("«{id}» встречается в туре дважды", "'{id}' appears twice in the tour"),
    "err.tour.no_days": ("в туре нет дней", "the tour has no days"),
    "err.embed.no_fit": (
        "тур в исходном виде не выполним: {why}",
        "the tour as given does not fit: {why}",
    ),
    "err.embed.late": (
        "день {n}: до «{name}» не успеть (начало возможно {when}; день начинается в {start})",
        "day {n}: '{name}' cannot be reached in time (allowed start {when}; the day starts "
        "{start})",
    ),
    "err.embed.ends_late": (
        "день {n}: заканчивается после конца дня в {end}",
        "day {n}: it ends after the day's end at {end}",
    ),
    "err.embed.no_lunch": (
        "день {n}: в окне обеда нет места для перерыва",
        "day {n}: there is no room for the lunch break in its window",
    ),
    "err.embed.drive": (
        "день {n}: превышен дневной предел вождения",
        "day {n}: it exceeds the daily driving limit",
    ),
    "err.too_large_bytes": ("файл больше {size} байт", "the file is larger than {size} bytes"),
    # itinerary JSON (result.py)
    "err.json.bad": ("не JSON: {detail}", "not JSON: {detail}"),
    "err.json.nested": ("не JSON: слишком глубокая вложенность", "not JSON: nested too deeply"),
    "err.json.value": ("недопустимое значение: {detail}", "bad value: {detail}"),
    "err.json.object": ("должен быть объект JSON", "must be a JSON object"),
    "err.json.list": ("должен быть список JSON", "must be a JSON list"),
    "err.json.missing": ("нет ключа «{key}»", "missing key '{key}'"),
    "err.json.text": ("должен быть текст, а не {kind}", "must be text, not {kind}"),
    "err.json.bool": ("должно быть true или false", "must be true or false"),
    "err.json.number": (
        "должно быть конечным числом, а не «{value}»",
        "must be a finite number, not '{value}'",
    ),
    "err.json.whole": (
        "должно быть целым числом, а не «{value}»",
        "must be a whole number, not '{value}'",
    ),
    "err.json.when": (
        "«{value}» — не дата и время ГГГГ-ММ-ДДTЧЧ:ММ",
        "'{value}' is not a date and time YYYY-MM-DDTHH:MM",
    ),
    "err.json.latlon": ("должно быть [lat, lon]", "must be [lat, lon]"),
    # rates (costing.py) and assessments (readiness.py)
    "err.cost.provenance": (
        "укажите либо 'source_url' (ставка с источником), либо 'default: true'",
        "give either 'source_url' (a sourced rate) or 'default: true'",
    ),
    "err.cost.missing": ("rates: не заданы {keys}", "rates: missing {keys}"),
    "err.cost.unknown": (
        "rates: неизвестные {keys}; известны: {known}",
        "rates: unknown {keys}; known: {known}",
    ),
    "err.cost.breaks": (
        "group_breaks: размеры групп должны быть положительными",
        "group_breaks: group sizes must be positive",
    ),
    "err.cost.guide": (
        "rates.guide_max_group: должно быть не меньше 1",
        "rates.guide_max_group: must be at least 1",
    ),
    "err.cost.vehicle": (
        "vehicles: нет транспорта для профиля «{profile}»",
        "vehicles: no vehicle for the '{profile}' profile",
    ),
    "err.cost.title": ("в тарифах {file} ошибки ({n}):", "the rates in {file} have {n}:"),
    "err.ready.no_site": ("нет объекта «{id}» (может быть, {ids}?)", "no site '{id}' ({ids}?)"),
    "err.ready.future": ("дата {date} ещё не наступила", "{date} is in the future"),
    "err.ready.no_answer": ("нет ни одного ответа", "no answer given"),
    "err.ready.criterion": ("не критерий ({known})", "not a criterion ({known})"),
    "err.ready.title": ("проверку нельзя записать:", "the assessment cannot be recorded:"),
    # variants files (compare/variants.py)
    "err.var.one_kind": (
        "укажите ровно одно из 'values', 'range' или 'dates'",
        "give exactly one of 'values', 'range' or 'dates'",
    ),
    "err.var.values": (
        "'values' должен быть непустым списком",
        "'values' must be a non-empty list",
    ),
    "err.var.range": (
        "'range' должен быть [первое, последнее] или [первое, последнее, шаг] (целые)",
        "'range' must be [first, last] or [first, last, step] (integers)",
    ),
    "err.var.range_order": (
        "в 'range' нужно первое ≤ последнего и положительный шаг",
        "'range' needs first <= last and a positive step",
    ),
    "err.var.dates": (
        "'dates' должен быть словарём с 'from' и 'to' (и 'weekdays')",
        "'dates' must be a mapping with 'from' and 'to' (and 'weekdays')",
    ),
    "err.var.dates_keys": (
        "в 'dates' неизвестные ключи: {keys}",
        "'dates' has unknown key(s): {keys}",
    ),
    "err.var.dates_type": (
        "'dates.from' и 'dates.to' должны быть датами (ГГГГ-ММ-ДД)",
        "'dates.from' and 'dates.to' must be dates (YYYY-MM-DD)",
    ),
    "err.var.dates_order": ("'dates.to' раньше 'dates.from'", "'dates.to' is before 'dates.from'"),
    "err.var.step": (
        "'dates.step_days' должен быть целым больше нуля",
        "'dates.step_days' must be a positive integer",
    ),
    "err.var.weekdays": (
        "'dates.weekdays' должен быть списком, например [пн, сб]",
        "'dates.weekdays' must be a list such as [mon, sat]",
    ),
    "err.var.weekday": (
        "неизвестный день недели «{value}» (пн..вс или mon..sun)",
        "unknown weekday '{value}' (use mon..sun)",
    ),
    "err.var.no_date": ("'dates' не выбирает ни одной даты", "'dates' selects no date"),
    "err.var.too_many": (
        "{what} даёт {n} значений; в файле не больше {max} вариантов",
        "{what} gives {n} values; a file gives at most {max} variants",
    ),
    "err.var.template_long": (
        "шаблон имени — не длиннее {max} символов",
        "a name template has at most {max} characters",
    ),
    "err.var.template": (
        "«{value}» — не шаблон имени: {detail}",
        "'{value}' is not a name template: {detail}",
    ),
    "err.var.template_field": (
        "«{name}» — не значение перебора; используйте одно из {known}",
        "'{name}' is not the sweep's value; use one of {known}",
    ),
    "err.var.template_format": (
        "формат «{spec}» для {name}: ширина до {width}, без вложенных полей",
        "format '{spec}' of {name}: widths up to {width}, no nested fields",
    ),
    "err.var.name_empty": (
        "имя варианта должно быть непустым текстом",
        "a variant name must be non-empty text",
    ),
    "err.var.name_long": (
        "имя варианта — не длиннее 80 символов",
        "a variant name must be at most 80 characters",
    ),
    "err.var.name_chars": (
        "имя варианта не может содержать '/' или '\\' или быть '.' или '..'",
        "a variant name must not contain '/' or '\\' or be '.' or '..'",
    ),
    "err.var.base": (
        "должен быть словарём ключей сценария (или 'file:')",
        "must be a mapping of scenario keys (or 'file:')",
    ),
    "err.var.path": ("должен быть путём к файлу", "must be a path"),
    "err.var.file": ("файл вариантов должен быть словарём", "the variants file must be a mapping"),
    "err.var.unknown_key": (
        "неизвестный ключ (ожидаются: {known})",
        "unknown key (expected: {known})",
    ),
    "err.var.no_base": ("не задан: сценарий, который варьируется", "missing: the scenario to vary"),
    "err.var.base_title": (
        "{file}: базовый сценарий недопустим:",
        "{file}: the base scenario is invalid:",
    ),
    "err.var.sweeps": ("должен быть списком переборов", "must be a list of sweeps"),
    "err.var.name_twice": (
        "имя варианта «{name}» используется дважды",
        "variant name '{name}' is used twice",
    ),
    "err.var.count": ("{n}; не больше {max}", "{n}; at most {max}"),
    "err.var.none": ("нет ни одного варианта", "no variant to plan"),
    "err.var.title": ("{file}: ошибки в вариантах ({n}):", "{file}: {n} in the variants:"),
    "err.var.variants": (
        "должен сопоставлять именам вариантов их изменения",
        "must map variant names to overrides",
    ),
    "err.var.overrides": (
        "должен быть словарём ключей сценария",
        "must be a mapping of scenario keys",
    ),
    "err.var.field": ("должен называть ключ сценария", "must name a scenario key"),
    "err.var.on": ("нет варианта «{name}» для перебора", "no variant named '{name}' to sweep over"),
    "err.var.text": ("должен быть текстом", "must be text"),
    "err.var.sweep_count": (
        "{n} с этим перебором; не больше {max}",
        "{n} with this sweep; at most {max}",
    ),
    "err.var.format": (
        "не удаётся применить «{value}»: {detail}",
        "cannot format '{value}': {detail}",
    ),
    "err.var.bad_name": ("«{name}»: {why}", "'{name}': {why}"),
    # season files (season.py)
    "err.season.date": (
        "{what}: «{value}» — не дата ГГГГ-ММ-ДД",
        "{what} '{value}' is not a date YYYY-MM-DD",
    ),
    "err.season.every": (
        "'every' должен называть дни недели, например [вт, сб]",
        "'every' must name weekdays, e.g. [tue, sat]",
    ),
    "err.season.product": (
        "должен быть словарём с 'file' и 'season'",
        "must be a mapping with 'file' and 'season'",
    ),
    "err.season.sold": (
        "укажите даты продаж: {from: , to: }",
        "give the dates it is sold: {from: , to: }",
    ),
    "err.season.order": ("в сезоне 'to' раньше 'from'", "season 'to' is before 'from'"),
    "err.season.date_or_rule": (
        "укажите либо 'date', либо правило 'every' + 'from' + 'to'",
        "give either 'date' or a rule 'every' + 'from' + 'to'",
    ),
    "err.season.rule": (
        "для правила нужны 'every', 'from' и 'to'",
        "a rule needs 'every', 'from' and 'to'",
    ),
    "err.season.to_from": ("'to' раньше 'from'", "'to' is before 'from'"),
    "err.season.no_date": ("правило не выбирает ни одной даты", "the rule selects no date"),
    "err.season.zero": (
        "у обязательного объекта «{id}» вместимость 0 ({fields} = 0 в capacity.csv): ни одно "
        "отправление не сможет его посетить",
        "must-visit site '{id}' has a capacity of 0 ({fields} = 0 in capacity.csv): no "
        "departure can visit it",
    ),
    "err.season.file": ("файл сезона должен быть словарём", "the season file must be a mapping"),
    "err.season.unknown": ("неизвестный ключ", "unknown key"),
    "err.season.fairness": ("должно быть долей в (0, 1]", "must be a share in (0, 1]"),
    "err.season.improve": ("ключи: passes, max_holders", "keys: passes, max_holders"),
    "err.season.upto": ("должно быть от 0 до {hi}", "must be 0..{hi}"),
    "err.season.products": ("назовите хотя бы один продукт", "name at least one product"),
    "err.season.product_name": (
        "имя продукта — буквы, цифры, _ и -",
        "a product name is letters, digits, _ -",
    ),
    "err.season.departures": (
        "перечислите хотя бы одно отправление",
        "list at least one departure",
    ),
    "err.season.departure": (
        "должен быть словарём с 'product'",
        "must be a mapping with 'product'",
    ),
    "err.season.no_product": (
        "неизвестный продукт «{name}» (продукты: {known})",
        "unknown product '{name}' (products: {known})",
    ),
    "err.season.id_one": (
        "id называет одно отправление с датой",
        "an id names one dated departure",
    ),
    "err.season.id_chars": (
        "id — от 1 до 80 букв, цифр, '.', '_', '-'",
        "an id is 1-80 letters, digits, '.', '_', '-'",
    ),
    "err.season.outside": (
        "поездка {start} – {end} вне сезона продукта «{name}» {first} – {last}",
        "the trip {start} – {end} is outside product '{name}' season {first} – {last}",
    ),
    "err.season.twice": (
        "отправление «{id}» указано дважды (также в строке {line}); задайте одному из них 'id'",
        "departure '{id}' is given twice (also at line {line}); give one an 'id'",
    ),
    "err.season.too_many": (
        "{n}; в одном сезоне не больше {max}",
        "{n}; at most {max} in one season",
    ),
    "err.season.title": ("{file}: ошибки в сезоне ({n}):", "{file}: {n} in the season:"),
    # the season checker (season_check.py)
    "err.sc.unreadable": (
        "{file}: не удаётся прочитать ({detail})",
        "{file}: cannot be read ({detail})",
    ),
    "err.sc.outside": (
        "{id}: папка отправления лежит вне папки сезона",
        "{id}: its folder lies outside the season folder",
    ),
    "err.sc.dep": ("{id}: {what}", "{id}: {what}"),
    "err.sc.feasible": (
        "{id}: в season.json план выполним, а в его itinerary.json — нет",
        "{id}: season.json says feasible, its itinerary.json does not",
    ),
    "err.sc.start": (
        "{id}: план начинается {plan}, а в season.json — {listed}",
        "{id}: the plan starts on {plan}, season.json says {listed}",
    ),
    "err.sc.group": (
        "{id}: план на {plan} чел., а в season.json — {listed}",
        "{id}: the plan is for {plan} people, season.json says {listed}",
    ),
    "err.sc.day": (
        "{id} {when}: {n} ({deps}), вместимость {cap} в день",
        "{id} on {when}: {n} ({deps}), capacity {cap} a day",
    ),
    "err.sc.week": (
        "{id}, неделя {when}: {n} ({deps}), вместимость {cap} в неделю",
        "{id} in week {when}: {n} ({deps}), capacity {cap} a week",
    ),
    "err.sc.slot": (
        "{id} {when}: {n} ({deps}), вместимость {cap} на сеанс",
        "{id} on {when}: {n} ({deps}), capacity {cap} per tour time",
    ),
    "err.sc.columns": ("{file}: нет столбцов {columns}", "{file}: columns {columns} missing"),
    "err.sc.extra": (
        "в season.csv есть {id} в {start} для {dep}, но ни в одном плане этого нет",
        "season.csv lists {id} at {start} for {dep}: no plan has it",
    ),
    "err.sc.misses": (
        "в season.csv нет {id} в {start} для {dep}",
        "season.csv misses {id} at {start} of {dep}",
    ),
    "err.sc.load": (
        "site_load.csv: {id} {when}: групп/человек указано {listed}, по планам {counted}",
        "site_load.csv: {id} on {when}: says groups/headcount {listed}, the plans give {counted}",
    ),
    # the command line (cli.py): compare, season, check-season, assess, events
    "cli.scheduler_both": (
        "укажите --scheduler или --dask-local, но не оба",
        "give --scheduler or --dask-local, not both",
    ),
    "cli.variants": ("варианты", "variants"),
    "cli.variants_planning": ("варианты (планируется {name})", "variants (planning {name})"),
    "cli.variants_failed": (", с ошибкой: {n}", ", {n} failed"),
    "cli.variants_last": (
        "варианты (последний: {name}{failed})",
        "variants (last: {name}{failed})",
    ),
    "cli.pareto": (
        "★ фронт Парето: ни у одного другого варианта нет большей оценки при меньшем времени "
        "в пути.",
        "★ Pareto front: no other variant has more score for less travel time.",
    ),
    "cli.season": ("сезон", "season"),
    "cli.season_phase": ("сезон: {phase}", "season: {phase}"),
    "cli.season_solo": ("планы отправлений по отдельности", "each departure alone"),
    "cli.season_reserve": ("распределение вместимости", "reserving capacity"),
    "cli.season_improve": ("улучшение", "improving"),
    "cli.season_col.departure": ("отправление", "departure"),
    "cli.season_col.product": ("продукт", "product"),
    "cli.season_col.group": ("группа", "group"),
    "cli.season_col.score": ("оценка", "score"),
    "cli.season_col.alone": ("отдельно", "alone"),
    "cli.season_col.share": ("доля", "share"),
    "cli.season_col.lost": ("потеряны предприятия", "enterprises lost"),
    "cli.season_total": (
        "оценка сезона {total} из верхней границы {bound} (отправления по отдельности; {share} %), "
        "планов рассчитано: {plans}, за {seconds} с",
        "season score {total} of the solo upper bound {bound} ({share} %), {plans} plans "
        "computed in {seconds} s",
    ),
    "cli.capacity_violations": ("нарушения вместимости ({n})", "{n} capacity violation(s)"),
    "cli.no_plan": ("нет плана", "no plan"),
    "cli.below_floor": ("ниже порога справедливости", "below the fairness floor"),
    "cli.season_ok": (
        "OK: {folder} — вместимость нигде не превышена, таблицы совпадают с планами",
        "OK: {folder} — no capacity exceeded, tables agree with the plans",
    ),
    "cli.pair": ("{what} «{item}»: нужно ИМЯ=ЗНАЧЕНИЕ", "{what} '{item}' must be NAME=VALUE"),
    "cli.answer": ("--answer {item}: нужен балл 0..5", "--answer {item}: a score 0..5"),
    "cli.from_to": (
        "--from и --to должны быть датами ГГГГ-ММ-ДД",
        "--from and --to must be YYYY-MM-DD",
    ),
    "cli.to_before_from": ("--to раньше --from", "--to is before --from"),
    "cli.ev.week": ("неделя", "week"),
    "cli.ev.events": ("события", "events"),
    "cli.ev.from": ("с", "from"),
    "cli.ev.to": ("по", "to"),
    "cli.ev.name": ("название", "name"),
    "cli.ev.town": ("населённый пункт", "town"),
    "cli.ev.hours": ("часы", "hours"),
    "cli.seconds": (
        "{value} — не число секунд в (0, 3600]",
        "{value} is not a number of seconds in (0, 3600]",
    ),
    "cli.duration": (
        "«{value}» — не длительность вида 2h, 90min или 1h30m",
        "'{value}' is not a duration like 2h, 90min or 1h30m",
    ),
    # the insertion report's workbook (export.render_insertion)
    "sheet.insertion_report": ("что можно добавить", "insertion report"),
    "col.rank": ("№", "rank"),
    "col.fits": ("помещается", "fits"),
    "col.after": ("после (код)", "after (id)"),
    "col.before": ("перед (код)", "before (id)"),
    "col.added_travel_min": ("доп. в пути, мин", "added travel, min"),
    "col.added_day_min": ("день длиннее на, мин", "day longer by, min"),
    "col.added_km": ("доп. км", "added km"),
    "col.added_cost_rub": ("доп. стоимость на чел., ₽", "added cost per person, RUB"),
    "col.next_stop_shift_min": ("сдвиг следующей остановки, мин", "next stop later by, min"),
    "col.effect": ("влияние", "effect"),
    "err.os.ENOENT": ("нет такого файла или папки", "No such file or directory"),
    "err.os.EACCES": ("нет прав доступа", "Permission denied"),
    "err.os.EPERM": ("операция не разрешена", "Operation not permitted"),
    "err.os.EISDIR": ("это папка, а не файл", "Is a directory"),
    "err.os.ENOTDIR": ("часть пути — не папка", "Not a directory"),
    "err.os.ENOSPC": ("на диске нет места", "No space left on device"),
    "err.os.EROFS": ("файловая система только для чтения", "Read-only file system"),
    "err.os.EEXIST": ("файл уже существует", "File exists"),
    "err.os.EDQUOT": ("превышена дисковая квота", "Disk quota exceeded"),
    # table headers of the catalog, season and comparison tables (web pages and workbooks)
    "col.id": ("код", "id"),
    "col.assessed_on": ("дата проверки", "assessed on"),
    "col.opening_hours": ("часы работы", "opening hours"),
    "col.max_group": ("группа до, чел.", "group up to"),
    "col.min_age": ("возраст от", "minimum age"),
    "col.slots": ("начало экскурсий", "tour start times"),
    "col.defaults": ("по умолчанию (уточнить)", "planning defaults (to confirm)"),
    "col.stories": ("истории", "stories"),
    "col.departure": ("отправление", "departure"),
    "col.product": ("продукт", "product"),
    "col.start_date": ("дата начала", "start date"),
    "col.youngest_age": ("младшему, лет", "youngest, years"),
    "col.days": ("дней", "days"),
    "col.status": ("статус", "status"),
    "col.weighted_score": ("оценка с весами", "weighted score"),
    "col.solo_bound": ("оценка отдельно", "score alone"),
    "col.share": ("доля", "share"),
    "col.below_floor": ("ниже порога", "below the floor"),
    "col.sites": ("объектов", "sites"),
    "col.lost_enterprises": ("потеряны предприятия", "enterprises lost"),
    "col.problem": ("причина", "problem"),
    "col.slot": ("сеанс", "tour time"),
    "col.holders": ("заняли места", "held by"),
    "col.why": ("почему", "why"),
    "col.week": ("неделя", "week"),
    "col.groups": ("групп", "groups"),
    "col.headcount": ("человек", "headcount"),
    "col.departures": ("отправления", "departures"),
    "col.groups_day": ("групп за день", "groups that day"),
    "col.limit_day": ("предел в день", "limit a day"),
    "col.groups_week": ("групп за неделю", "groups that week"),
    "col.limit_week": ("предел в неделю", "limit a week"),
    "col.limit_slot": ("предел на сеанс", "limit per tour time"),
    "col.limit_is_default": ("предел по умолчанию", "limit is a default"),
    "col.days_used": ("дней с группами", "days with groups"),
    "col.peak_day": ("больше всего за день", "peak day"),
    "col.peak_week": ("больше всего за неделю", "peak week"),
    "col.available": ("доступно мест-групп", "group places available"),
    "col.utilisation": ("загрузка", "utilisation"),
    "col.variant": ("вариант", "variant"),
    "status.ok": ("выполним", "feasible"),
    "status.no_plan": ("нет плана", "no plan"),
    "status.infeasible": ("невыполним", "infeasible"),
    "status.error": ("ошибка", "error"),
    "sheet.departures": ("отправления", "departures"),
    "sheet.losses": ("потери", "losses"),
    "sheet.load": ("загрузка", "load"),
    "sheet.sites": ("объекты", "sites"),
    "sheet.kpis": ("показатели", "key figures"),
    "sheet.days": ("дни", "days"),
    "sheet.only_here": ("только здесь", "only here"),
    "cli.usage": ("Запуск:", "Usage:"),
    "cli.try_help": (
        "Справка: [blue]'{command_path} {help_option}'[/]",
        "Try [blue]'{command_path} {help_option}'[/] for help.",
    ),
    "cli.missing_argument": ("не задан аргумент {name}", "Missing argument {name}."),
    "cli.missing_option": ("не задан параметр {name}", "Missing option {name}."),
    "cli.bad_value": (
        "недопустимое значение {name}: {message}",
        "Invalid value for {name}: {message}",
    ),
    "cli.no_such_option": ("нет такого параметра: {name}", "No such option: {name}."),
    "cli.missing_command": ("не задана команда", "Missing command."),
    "cli.no_such_command": ("нет такой команды: {name}", "No such command: {name}."),
    "cli.did_you_mean": ("; может быть, {names}?", " Did you mean {names}?"),
    "cli.bad_value_plain": ("недопустимое значение: {message}", "Invalid value: {message}"),
    "cli.not_number": ("нужно число", "expected a number"),
    "cli.not_integer": ("нужно целое число", "expected a whole number"),
    "cli.at_most": ("допустимо не больше {bound}", "at most {bound} allowed"),
    "cli.at_least": ("допустимо не меньше {bound}", "at least {bound} allowed"),
    "cli.extra_args": ("лишние аргументы: {args}", "Got unexpected extra argument(s): {args}"),
    # the CLI's --help (cli.py names each text by its key; typer's frame words too)
    "help.app": (
        "Многодневные маршруты промышленного туризма по Иркутской области (Приангарье).",
        "Plan multi-day industrial-tourism itineraries in the Irkutsk region (Priangarye).",
    ),
    "help.help": ("Показать эту справку и выйти.", "Show this message and exit."),
    "help.verbose": ("Сообщать о ходе работы.", "Log progress."),
    "help.version": ("Показать версию.", "Print the version."),
    "help.lang": (
        "Язык названий, текста и этой справки: ru или en.",
        "Language of names, text and this help: ru or en.",
    ),
    "help.data": (
        "Папка каталога и сети дорог (по умолчанию — встроенная data/).",
        "Catalog/network folder (default: built-in data/).",
    ),
    "help.out": ("Папка для результатов.", "Output folder."),
    "help.time_limit": ("Время поиска, с (0 < t <= 3600).", "Search time, s (0 < t <= 3600)."),
    "help.force": (
        "Перезаписать файлы в уже существующей папке результатов.",
        "Overwrite the files of an existing output folder.",
    ),
    "help.workers": (
        "Число параллельных процессов (по умолчанию — по числу доступных ядер).",
        "Parallel processes (default: the CPUs available).",
    ),
    "help.scheduler": (
        "Считать планы на кластере Dask: адрес его планировщика (tcp://host:8786).",
        "Run the plans on a Dask cluster: its scheduler (tcp://host:8786).",
    ),
    "help.dask_local": (
        "Считать планы на локальном кластере Dask из N процессов.",
        "Run the plans on a local Dask cluster of N workers.",
    ),
    "help.sites": (
        "Объекты каталога (json выводит все поля, разобранные часы работы, оценку и истории; "
        "таблица показывает, какие материалы-истории есть у объекта).",
        "List the catalog's sites (json prints every field, parsed hours, the score and the "
        "stories; the table says which story material each site has).",
    ),
    "help.sites.category": ("Только эта категория.", "Only this category."),
    "help.sites.town": (
        "Только объекты, в названии города которых есть эта строка.",
        "Only sites whose town contains this.",
    ),
    "help.sites.format": ("table, csv или json.", "table, csv or json."),
    "help.sites.extra_sites": ("Дополнительные файлы объектов (CSV).", "More site files (CSV)."),
    "help.sites.with_stories": (
        "Только объекты с историями (аудиогиды, видео…).",
        "Only sites with stories (audio guides, videos…).",
    ),
    "help.travel": (
        "Время в пути, расстояние, виды транспорта и путь между двумя местами в заданный день.",
        "Travel time, distance, modes and path between two places on a date.",
    ),
    "help.travel.origin": (
        "Код места (объект, ночлег, транспортный узел или город).",
        "Place id (site, lodging, hub or town node).",
    ),
    "help.travel.destination": ("Код места.", "Place id."),
    "help.travel.date": (
        "Дата ГГГГ-ММ-ДД (по умолчанию — сегодня).",
        "Date YYYY-MM-DD (default: today).",
    ),
    "help.travel.profile": ("car (легковой) или coach (автобус).", "car or coach."),
    "help.travel.no_flights": ("Без авиарейсов.", "Forbid flights."),
    "help.travel.no_ferries": ("Без паромов.", "Forbid ferries."),
    "help.travel.format": ("text или json.", "text or json."),
    "help.plan": (
        "Спланировать сценарий: записать карту, программу для клиента, отчёт для агентства и "
        "выгрузки.\n\nФайлы в --out: map.html, programme.html, report.html, "
        "bookings.csv/.xlsx, itinerary.csv/.xlsx/.geojson/.gpx/.ics/.json, programme.txt.",
        "Plan a scenario; write the map, the client's programme, the agency's report and the "
        "exports.\n\nFiles in --out: map.html, programme.html, report.html, "
        "bookings.csv/.xlsx, itinerary.csv/.xlsx/.geojson/.gpx/.ics/.json, programme.txt.",
    ),
    "help.plan.scenario": ("YAML-файл сценария.", "Scenario YAML file."),
    "help.plan.seed": ("Зерно поиска.", "Search seed."),
    "help.compare": (
        "Спланировать все варианты из файла вариантов параллельно и сравнить их.\n\n"
        "Файлы в --out: kpis.csv, kpis.xlsx, comparison.html, comparison_map.html и "
        "plans/<вариант>/ (файлы плана каждого варианта).",
        "Plan every variant of a variants file in parallel and compare them.\n\n"
        "Files in --out: kpis.csv, kpis.xlsx, comparison.html, comparison_map.html and "
        "plans/<variant>/ (each variant's plan files).",
    ),
    "help.compare.variants": (
        "YAML-файл вариантов (базовый сценарий и его варианты).",
        "Variants YAML file (a base and its variants).",
    ),
    "help.compare.no_plans": (
        "Не записывать план каждого варианта.",
        "Do not write each variant's plan.",
    ),
    "help.check": (
        "Проверить маршрут по каталогу и сети дорог; при нарушениях — их список и код выхода 1.",
        "Check an itinerary against the catalog and network; exit 1 listing violations.",
    ),
    "help.check.itinerary": ("Проверяемый itinerary.json.", "itinerary.json to check."),
    "help.map": (
        "Нарисовать сохранённый план (или, с --catalog, весь каталог) интерактивной HTML-картой.",
        "Draw a saved plan (or, with --catalog, the whole catalog) as an interactive HTML map.",
    ),
    "help.map.itinerary": (
        "itinerary.json сохранённого плана.",
        "itinerary.json of a saved plan to draw.",
    ),
    "help.map.catalog": (
        "Вместо плана нарисовать все объекты каталога по категориям.",
        "Draw every catalog site by category instead.",
    ),
    "help.map.out": (
        "HTML-файл (по умолчанию — map.html рядом с ITINERARY или catalog_map.html).",
        "HTML file (default: map.html beside ITINERARY, or catalog_map.html).",
    ),
    "help.embed": (
        "Подобрать промышленные объекты для готового тура, вставить лучшие и записать новый план.",
        "Rank industrial stops to add to an existing tour, insert the best, write the new plan.",
    ),
    "help.embed.tour": (
        "Готовый тур: YAML или CSV (+ YAML с параметрами).",
        "Existing tour: YAML, or CSV (+ YAML of keys).",
    ),
    "help.embed.candidates": (
        "Коды объектов через запятую или категория (industrial, energy, food, …); по умолчанию "
        "— все объекты промышленности, энергетики и пищевого производства.",
        "Comma-separated site ids, or a category (industrial, energy, food, …); default: every "
        "industrial, energy and food site.",
    ),
    "help.embed.max_extra": (
        "На сколько может удлиниться день: 2h, 90min.",
        "How much longer a day may get: 2h, 90min.",
    ),
    "help.embed.allow_reorder": (
        "Разрешить менять порядок нефиксированных остановок тура.",
        "Let the tour's flexible stops change order.",
    ),
    "help.demo": (
        "Спланировать встроенный трёхдневный промышленный тур из Иркутска и записать результаты.",
        "Plan the built-in 3-day industrial tour from Irkutsk and write its outputs.",
    ),
    "help.web": (
        "Открыть веб-приложение в браузере: каталог, планирование, встраивание, сравнение.",
        "Start the web app in the browser: catalog, planning, embedding, comparison.",
    ),
    "help.web.port": ("Порт (только localhost).", "Port to serve on (localhost only)."),
    "help.web.no_browser": ("Не открывать окно браузера.", "Do not open a browser window."),
    "help.season": (
        "Спланировать сезон отправлений, делящих между собой вместимость предприятий.\n\n"
        "Файлы в --out: season.csv/.xlsx, site_load.csv/.xlsx, season_report.html, "
        "season.json, calendars/<объект>.html и departures/<код>/ (файлы плана каждого "
        "отправления). Папку перепроверяет проверка сезона; код выхода 1 при нарушении, 5 — "
        "если у отправления нет плана или оно ниже порога справедливости.",
        "Plan a season of departures that share the enterprises' capacity.\n\n"
        "Files in --out: season.csv/.xlsx, site_load.csv/.xlsx, season_report.html, "
        "season.json, calendars/<site>.html and departures/<id>/ (each departure's plan "
        "files). The folder is re-checked by the season checker; exit 1 on a violation, 5 "
        "when a departure has no plan or one stays below the fairness floor.",
    ),
    "help.season.season": (
        "YAML-файл сезона (продукты и отправления).",
        "Season YAML file (products and departures).",
    ),
    "help.season.no_plans": (
        "Не записывать план каждого отправления.",
        "Do not write each departure's plan.",
    ),
    "help.check_season": (
        "Перепроверить папку сезона: вместимость по дням, неделям и времени тура, таблицы, "
        "каждый план.",
        "Re-check a season folder: capacities per day/week/tour time, tables, every plan.",
    ),
    "help.check_season.folder": (
        "Папка сезона, записанная командой season.",
        "A season folder written by 'season'.",
    ),
    "help.check_season.no_plans": (
        "Только вместимость и таблицы, без каждого плана.",
        "Only capacities and tables, not every plan.",
    ),
    "help.assess": (
        "Записать оценку готовности предприятия (ответы по чек-листу с датой и оценщиком "
        "добавляются в DATA/assessments.csv), пересчитать его балл и записать одностраничный "
        "отчёт о готовности (выполнено / не хватает). Без ответов — только отчёт.",
        "Record an enterprise's readiness assessment (answers to the checklist, with date and "
        "assessor, appended to DATA/assessments.csv), recompute its score and write the "
        "one-page readiness report (met / missing). Without answers: just the report.",
    ),
    "help.assess.site": (
        "Код объекта-предприятия (industrial, energy, food).",
        "Enterprise site id (industrial, energy, food).",
    ),
    "help.assess.answer": (
        "критерий=балл (0..5), можно несколько раз: --answer safety=4",
        "criterion=score (0..5), repeatable: --answer safety=4",
    ),
    "help.assess.answers": (
        "YAML-файл: для каждого критерия балл или балл с заметкой (score, note).",
        "YAML file: for each criterion a score, or a score and a note (score, note).",
    ),
    "help.assess.note": ("критерий=текст, можно несколько раз.", "criterion=text, repeatable."),
    "help.assess.assessor": ("Кто оценивал (имя).", "Who assessed (a name)."),
    "help.assess.date": (
        "Дата посещения ГГГГ-ММ-ДД (по умолчанию — сегодня).",
        "Date of the visit YYYY-MM-DD (default: today).",
    ),
    "help.assess.out": ("Папка для отчёта.", "Folder for the report."),
    "help.events": (
        "Датированные события (data/events.csv) между двумя датами.",
        "List the dated events (data/events.csv) that take place between two dates.",
    ),
    "help.events.from": (
        "Первая дата ГГГГ-ММ-ДД (по умолчанию — сегодня).",
        "First date YYYY-MM-DD (default: today).",
    ),
    "help.events.to": (
        "Последняя дата ГГГГ-ММ-ДД (по умолчанию — через год).",
        "Last date YYYY-MM-DD (default: a year on).",
    ),
    "help.events.weeks": (
        "По строке на неделю: какие события застанет тур, начатый в эту неделю.",
        "One row per week: which start weeks catch what.",
    ),
    "help.events.format": ("table или json.", "table or json."),
    # typer's frame around the help ({} is filled by typer)
    "help.arguments": ("Аргументы", "Arguments"),
    "help.options": ("Параметры", "Options"),
    "help.commands": ("Команды", "Commands"),
    "help.default": ("[по умолчанию: {}]", "[default: {}]"),
    "help.required": ("[обязательно]", "[required]"),
    "help.options_metavar": ("[ПАРАМЕТРЫ]", "[OPTIONS]"),
    # the value types typer shows beside each option ("<path>")
    "help.type.path": ("путь", "path"),
    "help.type.str": ("текст", "str"),
    "help.type.bool": ("да/нет", "bool"),
    "help.type.float": ("число", "float"),
    "help.type.int": ("целое", "int"),
    "help.type.int range": ("целое", "int range"),
    "help.type.float range": ("число", "float range"),
    "help.type.list[Path]": ("пути", "list[Path]"),
    "help.type.list[str]": ("список", "list[str]"),
    "help.command_metavar": ("КОМАНДА [АРГУМЕНТЫ]...", "COMMAND [ARGS]..."),
    "err.dask_extra": (
        "для работы на Dask нужно дополнение 'dask': pip install 'routeplanner[dask]' (оно "
        "ставит dask[distributed])",
        "running on Dask needs the optional 'dask' extra: pip install 'routeplanner[dask]' (it "
        "installs dask[distributed])",
    ),
    "err.web_extra": (
        "для веб-приложения нужен {missing}: установите дополнение 'web' командой "
        "pip install 'routeplanner[web]' (из исходников: pip install -e '.[web]')",
        "the web app needs {missing}: install the 'web' extra with pip install "
        "'routeplanner[web]' (from a checkout: pip install -e '.[web]')",
    ),
    "err.model.candidates_twice": (
        "в candidates объект указан дважды",
        "candidates lists a site twice",
    ),
    # the comparison workbook's other columns (compare/kpis.py)
    "col.feasible": ("выполним", "feasible"),
    "col.end_date": ("дата окончания", "end date"),
    "col.overnight": ("ночлег", "overnight"),
    "col.sites_industrial": ("объектов: промышленность", "sites: industry"),
    "col.sites_energy": ("объектов: энергетика", "sites: energy"),
    "col.sites_food": ("объектов: пищевое производство", "sites: food production"),
    "col.sites_museum": ("объектов: музеи", "sites: museums"),
    "col.sites_heritage": ("объектов: наследие", "sites: heritage"),
    "col.sites_nature": ("объектов: природа", "sites: nature"),
    "col.sites_city": ("объектов: город", "sites: city"),
    "col.sites_event": ("объектов: события", "sites: events"),
    "col.tickets_rub": ("билеты и экскурсии, ₽", "tickets, RUB"),
    "col.fares_rub": ("проезд, ₽", "fares, RUB"),
    "col.lodging_rub": ("проживание, ₽", "lodging, RUB"),
    "col.nights": ("ночей", "nights"),
    "col.lodgings": ("гостиницы", "lodgings"),
    "col.lodging": ("ночлег", "lodging"),
    "col.runtime_s": ("время расчёта, с", "run time, s"),
    "col.visit_h": ("посещения, ч", "visits, h"),
    "col.wait_h": ("ожидание, ч", "waiting, h"),
    "col.lunch_h": ("обед, ч", "lunch, h"),
    "col.free_h": ("свободно, ч", "free, h"),
    "col.window_h": ("длина дня, ч", "day length, h"),
    "check.leg_negative": (
        "переезд {k}: {name} {value} — отрицательное значение",
        "leg {k}: {name} {value} is negative",
    ),
    "check.leg_backwards": (
        "переезд {k} прибывает в {at}, раньше, чем отправляется ({leaves})",
        "leg {k} arrives at {at}, before it leaves at {leaves}",
    ),
    "check.not_on_earth": (
        "({lat}, {lon}) — не координаты на Земле",
        "({lat}, {lon}) is not a position on Earth",
    ),
    "check.far_from_site": (
        "остановка в {km} км от объекта ({lat}, {lon})",
        "the stop is placed {km} km from the site ({lat}, {lon})",
    ),
    "err.dask_unreachable": (
        "планировщик Dask по адресу {address} недоступен: {why}",
        "cannot reach the Dask scheduler at {address}: {why}",
    ),
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
    "problem": (("ошибка", "ошибки", "ошибок"), ("problem", "problems")),
}

_WEEKDAYS = (
    ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
#: Weekday names a user may write in a file (variants' and seasons' date rules), by number
_WEEKDAY_INPUT = {
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{d: i for i, d in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
}
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


def weekday_number(name: object) -> int | None:
    """The weekday a user wrote, 0 for Monday: ``mon``, ``Monday``, ``пн``, ``Пн.``.

    Parameters
    ----------
    name : object
        As read from a file (its text is used).

    Returns
    -------
    int or None
        None when it names no weekday.
    """
    key = str(name).strip().lower().rstrip(".")
    for k in (key[:3], key[:2]):
        if k in _WEEKDAY_INPUT:
            return _WEEKDAY_INPUT[k]
    return None

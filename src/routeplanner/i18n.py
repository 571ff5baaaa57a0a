"""Russian and English labels for printed programmes, maps and the CLI."""

from __future__ import annotations

import datetime as dt

__all__ = ["LANGS", "fmt_date", "t"]

LANGS = ("ru", "en")

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


def t(key: str, lang: str = "ru") -> str:
    """Return the label for ``key`` in ``lang`` (the key itself when unknown)."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


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

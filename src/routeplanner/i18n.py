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
    # season (routeplanner season)
    "season_report": ("Сезон", "Season"),
    "season_summary": ("Итоги сезона", "Season summary"),
    "season_departures": ("Отправления", "Departures"),
    "season_departure": ("Отправление", "Departure"),
    "season_product": ("Продукт", "Product"),
    "season_total": ("Оценка сезона (с весами категорий)", "Season score (category-weighted)"),
    "season_bound": (
        "Верхняя граница: каждое отправление в одиночку",
        "Upper bound: every departure planned alone",
    ),
    "season_share": ("Доля от границы", "Share of the bound"),
    "season_solo": ("В одиночку", "Alone"),
    "season_in_season": ("В сезоне", "In the season"),
    "season_fairness": (
        "Справедливость: каждое отправление не ниже {share} % своей оценки в одиночку",
        "Fairness: every departure keeps at least {share} % of its score alone",
    ),
    "season_below_floor": ("Ниже порога справедливости", "Below the fairness floor"),
    "season_unplanned": ("Без плана", "No plan"),
    "season_all_planned": ("Все отправления спланированы", "Every departure has a plan"),
    "season_utilisation": ("Загрузка предприятий", "Enterprise utilisation"),
    "season_losses": (
        "Отправления, потерявшие предприятие (против плана в одиночку)",
        "Departures that lost an enterprise (against their plan alone)",
    ),
    "season_no_losses": (
        "Ни одно отправление не потеряло предприятие.",
        "No departure lost an enterprise.",
    ),
    "season_loss_day": (
        "{date}: лимит {limit} гр. в день занят ({holders})",
        "{date}: its limit of {limit} groups a day is taken ({holders})",
    ),
    "season_loss_week": (
        "{date}: лимит {limit} гр. в неделю занят ({holders})",
        "{date}: its limit of {limit} groups a week is taken ({holders})",
    ),
    "season_loss_slot": (
        "{date}, {slot}: лимит {limit} гр. на сеанс занят ({holders})",
        "{date}, {slot}: its limit of {limit} groups per tour time is taken ({holders})",
    ),
    "season_loss_replanned": (
        "{date}: место было свободно, но план, перестроенный вокруг чужих бронирований, "
        "не нашёл для него времени",
        "{date}: its capacity was free, but the plan re-made around the other groups' "
        "bookings had no room for it",
    ),
    "season_loss_no_plan": ("у отправления нет плана", "the departure has no plan"),
    "season_calendar": ("Календарь групп", "Group calendar"),
    "season_calendars": ("Календари предприятий", "Enterprise calendars"),
    "season_groups": ("гр.", "groups"),
    "season_group": ("гр.", "group"),
    "season_lost": ("Потеряны предприятия", "Enterprises lost"),
    "season_headcount": ("чел.", "people"),
    "season_capacity": ("Вместимость", "Capacity"),
    "season_per_day": ("в день", "a day"),
    "season_per_week": ("в неделю", "a week"),
    "season_per_slot": ("на сеанс", "per tour time"),
    "season_no_limit": ("без ограничения", "no limit"),
    "season_default": (
        "плановое допущение, не подтверждено источником",
        "planning default, not a sourced fact",
    ),
    "season_closed": ("закрыто", "closed"),
    "season_full": ("мест нет", "full"),
    "season_weekdays": ("Пн Вт Ср Чт Пт Сб Вс", "Mon Tue Wed Thu Fri Sat Sun"),
    "season_months": (
        "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь",
        "January February March April May June July August September October November December",
    ),
    "season_visits": ("Групп", "Groups"),
    "season_people": ("Человек", "People"),
    "season_peak_day": ("Пик в день", "Peak day"),
    "season_peak_week": ("Пик в неделю", "Peak week"),
    "season_available": ("Мест за сезон", "Places in the season"),
    "season_load": ("Загрузка", "Utilisation"),
    "season_solves": ("Расчётов маршрутов", "Plans computed"),
    "season_method": (
        "Метод: каждое отправление сначала планируется в одиночку (верхняя граница); затем по "
        "датам с закрытием занятых дней, недель и сеансов; затем отправления, потерявшие больше "
        "всего, перепланируются раньше тех, кто занял их места, пока это даёт прирост.",
        "Method: every departure is first planned alone (the upper bound); then in date order "
        "with the full days, weeks and tour times closed to it; then the departures that lost "
        "most are re-planned before those holding their places, while that gains.",
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

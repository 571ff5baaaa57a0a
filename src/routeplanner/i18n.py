"""Russian and English labels for printed programmes, maps and the CLI."""

from __future__ import annotations

__all__ = ["LANGS", "t"]

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
    "unreachable": ("недостижимо в эту дату", "unreachable on this date"),
}


def t(key: str, lang: str = "ru") -> str:
    """Return the label for ``key`` in ``lang`` (the key itself when unknown)."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]

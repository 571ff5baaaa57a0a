"""The booking sheet: for each visit of a plan, whom to book, by when, for which slot and group.

A pure function of the itinerary and the catalog (:func:`booking_sheet`); the files
(``bookings.csv``/``.xlsx``) and the programme's section are rendered from its rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .catalog import Catalog
from .result import Itinerary
from .spreadsheet import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BOOKING_RULES", "Booking", "booking_sheet", "bookings_frame", "bookings_table"]

#: The visiting rules a booking relies on; a rule listed in a site's ``defaults`` is a
#: planning default to confirm with the enterprise.
BOOKING_RULES = (
    "opening_hours",
    "booking_days",
    "max_group",
    "min_age",
    "id_required",
    "slots",
    "price_rub",
)


@dataclass(frozen=True)
class Booking:
    """One visit to book.

    Attributes
    ----------
    day : int
        Day of the trip (1-based).
    date : datetime.date
        Date of the visit.
    site_id, name_ru, name_en : str
        The site (enterprise, museum, place).
    town : str
    contact : str
        How to book (website or phone) where known, else ''.
    start, end : datetime.time
        The planned visit; ``start`` is the excursion slot where the site has fixed slots.
    group_size : int
    booking_days : int
        The site's booking lead, days (0: no booking needed).
    book_by : datetime.date or None
        Last day to book (visit date − lead); ``None`` when no booking is needed.
    booked_on : datetime.date or None
        The request's booking date (``None``: not given).
    in_time : bool
        Whether ``booked_on`` (or today, when not given) is on or before ``book_by``.
    id_required : bool
        A named list with passports is needed.
    price_rub : int
        Per person.
    default_rules : tuple of str
        The rules in :data:`BOOKING_RULES` that are planning defaults (empty: all sourced).
    source_date : str
        Date of the site's newest dated source ('' when undated).
    source_url : str
    """

    day: int
    date: dt.date
    site_id: str
    name_ru: str
    name_en: str
    town: str
    contact: str
    start: dt.time
    end: dt.time
    group_size: int
    booking_days: int
    book_by: dt.date | None
    booked_on: dt.date | None
    in_time: bool
    id_required: bool
    price_rub: int
    default_rules: tuple[str, ...]
    source_date: str
    source_url: str

    @property
    def rules_sourced(self) -> bool:
        """True when every booking rule of the site is sourced."""
        return not self.default_rules

    def name(self, lang: str = "ru") -> str:
        """The site's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ru


def booking_sheet(
    itinerary: Itinerary, catalog: Catalog, *, today: dt.date | None = None
) -> list[Booking]:
    """One :class:`Booking` per visit of ``itinerary``, in trip order.

    Parameters
    ----------
    itinerary : Itinerary
    catalog : Catalog
        The catalog the plan was made with (rules, defaults, contacts).
    today : datetime.date, optional
        Used for ``in_time`` when the request gives no ``booked_on`` (default: today).

    Returns
    -------
    list of Booking
        Visits to sites the catalog does not know (a tour's own stops) are left out.
    """
    req = itinerary.scenario
    when = req.booked_on or today or dt.date.today()
    out: list[Booking] = []
    for k, day in enumerate(itinerary.days, start=1):
        for s in day.stops:
            site = catalog.sites.get(s.site_id)
            if site is None:
                continue
            date = s.start.date()
            book_by = date - dt.timedelta(days=site.booking_days) if site.booking_days else None
            out.append(
                Booking(
                    day=k,
                    date=date,
                    site_id=site.id,
                    name_ru=site.name_ru,
                    name_en=site.name_en,
                    town=site.town,
                    contact=catalog.contacts.get(site.id, ""),
                    start=s.start.time(),
                    end=s.end.time(),
                    group_size=req.group_size,
                    booking_days=site.booking_days,
                    book_by=book_by,
                    booked_on=req.booked_on,
                    in_time=book_by is None or when <= book_by,
                    id_required=site.id_required,
                    price_rub=site.price_rub,
                    default_rules=tuple(r for r in BOOKING_RULES if r in site.defaults),
                    source_date=site.source_date,
                    source_url=site.source_url,
                )
            )
    return out


def bookings_frame(bookings: list[Booking]) -> pd.DataFrame:
    """The booking sheet as a table, one row per visit (:func:`bookings_table`)."""
    return bookings_table(bookings).to_frame()


def bookings_table(bookings: list[Booking]) -> Table:
    """The booking sheet, one row per visit (columns as :class:`Booking`'s fields;
    ``default_rules`` joined with ``;``, ``start`` and ``end`` as ``HH:MM``)."""
    rows = []
    for b in bookings:
        row = asdict(b)
        row["default_rules"] = ";".join(b.default_rules)
        row["start"], row["end"] = b.start.strftime("%H:%M"), b.end.strftime("%H:%M")
        rows.append(row)
    cols = [f for f in Booking.__dataclass_fields__]
    return Table.from_records(rows, cols)

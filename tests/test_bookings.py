"""The booking sheet lists every visit with its booking date, slot, group and provenance."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builders import evil_catalog, hand_itinerary
from routeplanner.bookings import BOOKING_RULES, booking_sheet, bookings_frame
from routeplanner.catalog import Catalog


def test_every_visit_with_its_booking_date(catalog: Catalog) -> None:
    cat = evil_catalog(catalog)
    it = hand_itinerary(cat)
    it = dataclasses.replace(
        it, scenario=it.scenario.model_copy(update={"booked_on": dt.date(2027, 6, 5)})
    )
    sheet = booking_sheet(it, cat)
    assert [b.site_id for b in sheet] == [s.site_id for s in it.stops]
    for b, s in zip(sheet, it.stops, strict=True):
        site = cat.sites[s.site_id]
        assert b.date == s.start.date() and b.start == s.start.time()
        assert b.group_size == it.scenario.group_size
        if site.booking_days:
            assert b.book_by == b.date - dt.timedelta(days=site.booking_days)
            assert b.in_time == (dt.date(2027, 6, 5) <= b.book_by)
        else:
            assert b.book_by is None and b.in_time
        assert set(b.default_rules) == set(BOOKING_RULES) & site.defaults
    hpp = sheet[0]
    assert hpp.site_id == "irkutsk_hpp" and hpp.booking_days == 14
    assert hpp.book_by == dt.date(2027, 6, 1) and not hpp.in_time  # booked on 5 June: too late
    assert "booking_days" in hpp.default_rules and not hpp.rules_sourced
    ice = next(b for b in sheet if b.site_id == "icebreaker_angara")
    assert ice.contact == "iokm.ru" and ice.source_date == "2023-01-23"
    assert "opening_hours" not in ice.default_rules  # the icebreaker's hours are sourced


def test_frame_has_a_row_per_visit(catalog: Catalog) -> None:
    cat = evil_catalog(catalog)
    it = hand_itinerary(cat)
    frame = bookings_frame(booking_sheet(it, cat, today=dt.date(2027, 1, 1)))
    assert len(frame) == len(it.stops)
    assert {"book_by", "contact", "start", "group_size", "default_rules"} <= set(frame.columns)
    assert frame["in_time"].all()  # booked in January for June

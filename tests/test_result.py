"""The result values: an itinerary reads back from its JSON unchanged, its table and summary,
the typed key figures, and clear errors for JSON that is not an itinerary."""

from __future__ import annotations

import dataclasses
import json

import pytest

from routeplanner.exceptions import ItineraryError
from routeplanner.reasons import Reason
from routeplanner.result import Dropped, Itinerary, Kpis, compute_kpis

GOOD = {"start_date": "2027-06-15", "days": 2, "start": "lodging_irkutsk_irkut"}


def test_json_round_trip(itinerary: Itinerary) -> None:
    back = Itinerary.from_json(itinerary.to_json())
    assert back == itinerary
    assert back.to_json() == itinerary.to_json()


def test_read_a_file(tmp_path, itinerary: Itinerary) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "itinerary.json"
    p.write_text(itinerary.to_json(), encoding="utf-8")
    assert Itinerary.read(p) == itinerary
    with pytest.raises(ItineraryError, match="cannot read"):
        Itinerary.read(tmp_path / "missing.json")


def test_views(itinerary: Itinerary) -> None:
    frame = itinerary.to_frame(lang="en")
    assert list(frame["site_id"]) == [s.site_id for s in itinerary.stops]
    assert list(frame["order"]) == [1, 2, 1, 2]
    assert frame["travel_min"].iloc[0] == itinerary.days[0].legs[0].duration_min
    day = itinerary.days[0]
    assert day.depart == day.legs[0].depart and day.finish == day.legs[-1].arrive
    assert itinerary.stops[3].wait_min == 15
    ru, en = itinerary.summary(lang="ru"), itinerary.summary(lang="en")
    assert "День 1" in ru and "Обед" in ru and "Не вошли в маршрут" in ru
    assert "Day 1" in en and "Lunch" in en and "Left out" in en


def test_kpis_are_a_typed_value_that_reads_as_a_mapping(itinerary: Itinerary) -> None:
    k = itinerary.kpis
    assert isinstance(k, Kpis)
    assert k.sites == 4 == k["sites"] and k.score == pytest.approx(
        sum(s.score for s in itinerary.stops)
    )
    assert k.nights == ("lodging_irkutsk_irkut",) and k["nights"] == ["lodging_irkutsk_irkut"]
    assert k.cost_per_person_rub == k.tickets_rub + k.fares_rub + k.lodging_rub
    assert k.fares_rub == 150  # the one ferry leg
    assert "added_sites" not in k and "added_sites" not in k.to_dict()
    assert dict(k) == k.to_dict() and json.dumps(k.to_dict())
    with pytest.raises(KeyError):
        k["nope"]
    added = dataclasses.replace(k, added_sites=("x",))
    assert added["added_sites"] == ["x"] and Kpis.from_dict(added.to_dict()) == added


def test_kpis_from_dict_reads_hand_made_figures() -> None:
    k = Kpis.from_dict({"score": "12.5", "sites": 3, "unknown": 1, "nights": ["a"]})
    assert k == Kpis(score=12.5, sites=3, nights=("a",))
    with pytest.raises((TypeError, ValueError)):
        Kpis.from_dict({"sites": "three"})


def test_compute_kpis_of_an_empty_plan(itinerary: Itinerary) -> None:
    empty = dataclasses.replace(itinerary, days=[])
    k = compute_kpis(empty, {}, quota_misses=["day 1: 0 industrial visit(s), target 1"])
    assert k.sites == 0 and k.industrial_share == 0.0
    assert k.quota_misses == ("day 1: 0 industrial visit(s), target 1",)


def test_an_infeasible_itinerary_in_both_languages() -> None:
    from routeplanner.model import TripRequest

    it = Itinerary.infeasible(
        TripRequest.model_validate(GOOD),
        [Reason("must_visit_unfit", {"site": ("«x»", "'x'")}), "plain"],
    )
    assert not it.feasible and it.kpis is None and it.to_dict()["kpis"] == {}
    assert it.problem_texts("en")[0].startswith("must-visit 'x'")
    assert it.problem_texts("ru")[0].startswith("обязательный объект «x»")
    assert it.problem_texts("ru")[1] == "plain"
    assert "План невозможен" in it.summary(lang="ru")
    assert Itinerary.from_json(it.to_json()).kpis is None


def test_dropped_texts() -> None:
    d = Dropped("s", "Завод", "closed", "Plant", "закрыт")
    assert (d.text("ru"), d.text("en"), d.label("ru"), d.label("en")) == (
        "закрыт",
        "closed",
        "Завод",
        "Plant",
    )
    assert Dropped("s", "Завод", "closed").text("ru") == "closed"  # no Russian stored


def test_dropped_are_written_with_every_field(itinerary: Itinerary) -> None:
    """The JSON's dropped sites hold exactly the fields of :class:`Dropped`, in order."""
    extra = Dropped("s", "=Завод", "closed", "Plant", "закрыт")
    it = dataclasses.replace(itinerary, dropped=[*itinerary.dropped, extra])
    assert it.to_dict()["dropped"] == [dataclasses.asdict(d) for d in it.dropped]


def test_bad_kpis_name_the_key(itinerary: Itinerary) -> None:
    raw = itinerary.to_dict() | {"kpis": {"sites": "many"}}
    with pytest.raises(ItineraryError, match="kpis"):
        Itinerary.from_dict(raw, source="it.json")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"scenario": {}, "feasible": true, "days": []}', "scenario"),
        ('{"feasible": true, "days": []}', "scenario"),
        ("[1, 2]", "top level"),
        (
            '{"scenario": ' + json.dumps(GOOD) + ', "feasible": true, "days": [{"date": "x"}]}',
            "days[0]",
        ),
    ],
)
def test_bad_itinerary_json(text: str, key: str) -> None:
    with pytest.raises(ItineraryError) as info:
        Itinerary.from_json(text, source="it.json")
    assert key in str(info.value) and "it.json" in str(info.value)


def test_the_summary_of_an_unnamed_trip_shows_no_id(itinerary: Itinerary) -> None:
    unnamed = dataclasses.replace(
        itinerary, scenario=itinerary.scenario.model_copy(update={"name": "trip"})
    )
    assert unnamed.summary(lang="ru").splitlines()[0] == "Маршрут"
    assert unnamed.summary(lang="en").splitlines()[0] == "Trip"
    assert itinerary.summary(lang="ru").startswith("Маршрут: Тест")

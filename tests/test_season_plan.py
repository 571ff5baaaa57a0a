"""The season planner: capacity never exceeded, losses explained, fairness, determinism."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from builders import CROWDED_SEASON, season_file
from routeplanner.catalog import Catalog
from routeplanner.check import check_itinerary
from routeplanner.network import Network
from routeplanner.season import SeasonSpec, load_season
from routeplanner.season_plan import SeasonResult, _rounds, bookings_of, plan_season

pytestmark = pytest.mark.usefixtures("warm_kernels")

TUESDAY = dt.date(2027, 6, 15)


@pytest.fixture(scope="module")
def crowded(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, network: Network
) -> SeasonResult:
    path = season_file(tmp_path_factory.mktemp("season"), CROWDED_SEASON)
    return plan_season(load_season(path, catalog), catalog, network)


def test_no_capacity_exceeded(crowded: SeasonResult, catalog: Catalog, network: Network) -> None:
    hpp = [
        (dep, s.start)
        for dep, it in crowded.plans.items()
        for s in (it.stops if it else [])
        if s.site_id == "irkutsk_hpp"
    ]
    on_tuesday = [start for _d, start in hpp if start.date() == TUESDAY]
    assert len(on_tuesday) == 2  # its daily limit
    for it in crowded.plans.values():
        assert it is not None and it.feasible
        assert check_itinerary(it, catalog, network) == []


def test_solo_plans_collide_and_one_departure_loses(
    crowded: SeasonResult, catalog: Catalog
) -> None:
    # alone, every Tuesday departure takes the dam (weighted ×2)
    for dep in ("a", "b", "c"):
        assert "irkutsk_hpp" in {s.site_id for s in crowded.solo[dep].stops}  # type: ignore[union-attr]
    losses = [x for x in crowded.losses(catalog) if x.site_id == "irkutsk_hpp"]
    assert len(losses) == 1
    loss = losses[0]
    assert loss.reason == "day" and loss.limit == 2
    assert loss.departure not in loss.holders and len(loss.holders) >= 1
    assert crowded.value(loss.departure) < crowded.solo_value[loss.departure]
    # the next week's departure is alone: it keeps its solo plan
    assert crowded.value("d") == crowded.solo_value["d"]


def test_totals_against_the_bound(crowded: SeasonResult) -> None:
    assert crowded.total == pytest.approx(sum(crowded.value(d) for d in "abcd"))
    assert crowded.bound == pytest.approx(sum(crowded.solo_value.values()))
    assert 0 < crowded.share < 1
    assert crowded.unplanned() == []
    assert crowded.stats["solves"] >= 5  # four solo plans and at least one re-plan


def test_rounds_never_share_a_week(crowded: SeasonResult) -> None:
    deps = crowded.spec.departures
    rounds = _rounds(deps)
    assert sorted(d.id for r in rounds for d in r) == sorted(d.id for d in deps)
    for r in rounds:
        weeks = [{d2.isocalendar()[:2] for d2 in d.dates} for d in r]
        for i in range(len(weeks)):
            for j in range(i):
                assert not weeks[i] & weeks[j]
    # the three Tuesday departures need three rounds; the next week joins the first
    assert [sorted(d.id for d in r) for r in rounds] == [["a", "d"], ["b"], ["c"]]


@pytest.mark.slow
def test_fairness_floor(crowded: SeasonResult, catalog: Catalog, network: Network) -> None:
    strict = dataclasses.replace(crowded.spec, fairness=1.0)
    result = plan_season(strict, catalog, network)
    # three groups cannot all have both enterprises on one day: one stays below 100 %
    assert len(result.below_floor()) >= 1
    assert result.moves, "the improvement phase tried to lift the departure below the floor"
    lenient = SeasonResult(
        spec=dataclasses.replace(crowded.spec, fairness=0.3),
        plans=crowded.plans,
        solo=crowded.solo,
        solo_value=crowded.solo_value,
    )
    assert lenient.below_floor() == []


@pytest.mark.slow
def test_same_result_with_a_process_pool(
    crowded: SeasonResult, catalog: Catalog, network: Network
) -> None:
    pooled = plan_season(crowded.spec, catalog, network, workers=2)
    for dep in crowded.spec.departures:
        assert _stops(pooled, dep.id) == _stops(crowded, dep.id)
    assert pooled.total == crowded.total


def _stops(result: SeasonResult, dep: str) -> list[tuple[str, dt.datetime]]:
    it = result.plans[dep]
    return [(s.site_id, s.start) for s in it.stops] if it else []


def test_bookings_only_for_sites_with_capacity(crowded: SeasonResult, catalog: Catalog) -> None:
    for it in crowded.plans.values():
        sites = {b[0] for b in bookings_of(it, catalog)}
        assert sites <= set(catalog.capacity)
        assert "icebreaker_angara" not in sites  # a museum: no limit known


def test_spec_type(crowded: SeasonResult) -> None:
    assert isinstance(crowded.spec, SeasonSpec)
    assert isinstance(Path(crowded.spec.source), Path)


def test_tour_times_have_their_own_limit(
    tmp_path: Path, catalog: Catalog, network: Network
) -> None:
    """A site with fixed tour times and one group per time: two groups a day, never two at the
    same time (the shipped enterprises have no fixed times, so the test gives the dam some)."""
    hpp = catalog.sites["irkutsk_hpp"]
    timed = catalog.with_sites([dataclasses.replace(hpp, slots=(dt.time(10), dt.time(14)))])
    caps = dict(timed.capacity)
    caps["irkutsk_hpp"] = dataclasses.replace(caps["irkutsk_hpp"], groups_per_slot=1)
    timed = dataclasses.replace(timed, capacity=caps)
    spec = load_season(season_file(tmp_path, CROWDED_SEASON), timed)
    result = plan_season(spec, timed, network.with_catalog(timed))
    starts = [
        s.start
        for it in result.plans.values()
        for s in (it.stops if it else [])
        if s.site_id == "irkutsk_hpp" and s.start.date() == TUESDAY
    ]
    assert sorted(x.time() for x in starts) == [dt.time(10), dt.time(14)]
    booked = [b for it in result.plans.values() for b in bookings_of(it, timed)]
    assert ("irkutsk_hpp", TUESDAY, dt.time(10)) in booked  # slot sites book their time

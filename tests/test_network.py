"""The travel network: published travel times, seasons, matrices, the graph contract."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from routeplanner.catalog import Catalog
from routeplanner.exceptions import NetworkError, UnknownPlaceError
from routeplanner.network import Network, _shortest_paths, load_network, validate_graph
from routeplanner.settings import default_data_dir

DATA = default_data_dir()

SUMMER = dt.date(2027, 7, 14)  # a Wednesday: ferries running, no Circum-Baikal train
THAW = dt.date(2027, 4, 20)  # no Olkhon ferry, no ice road
ICE = dt.date(2027, 2, 25)  # Olkhon ice road season


def _refs() -> list[dict[str, str]]:
    with open(DATA / "network" / "reference_times.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("ref", _refs(), ids=lambda r: f"{r['from']}-{r['to']}-{r['mode']}")
def test_published_travel_times(network: Network, ref: dict[str, str]) -> None:
    """Road time and distance between main towns fall within the cited published ranges."""
    m = network.matrix(
        [ref["from"], ref["to"]], SUMMER, profile=ref["mode"], modes=("ferry", "ice_road")
    )  # by road: no flight, no train
    assert m.reachable[0, 1]
    km = m.distance_m[0, 1] / 1000
    assert float(ref["min_km"]) * 0.95 <= km <= float(ref["max_km"]) * 1.05, km
    if ref["min_hours"]:
        h = m.duration_s[0, 1] / 3600
        assert float(ref["min_hours"]) <= h <= float(ref["max_hours"]), h


def test_irkutsk_bratsk_is_a_long_drive(network: Network) -> None:
    m = network.matrix(["irkutsk", "bratsk"], SUMMER, profile="car", modes=())
    assert m.duration_s[0, 1] > 7 * 3600  # never "three hours"


def test_olkhon_ferry_season(network: Network) -> None:
    pair = ["irkutsk_hpp", "olkhon_shaman_rock"]
    summer = network.matrix(pair, SUMMER, profile="car")
    thaw = network.matrix(pair, THAW, profile="car")
    ice = network.matrix(pair, ICE, profile="car")
    assert summer.reachable[0, 1] and ice.reachable[0, 1]
    assert not thaw.reachable[0, 1]
    assert thaw.duration_s[0, 1] == -1  # reported as unreachable, not as a huge number
    assert "ferry_mrs_olkhon" in network.active_links(SUMMER)
    assert "ferry_mrs_olkhon" not in network.active_links(THAW)
    assert "ice_kurkut_irkutskaya_guba" in network.active_links(ICE)
    assert "ice_kurkut_irkutskaya_guba" not in network.active_links(SUMMER)
    leg = network.leg(*pair, ICE, profile="car")
    assert leg is not None and leg.main_mode == "ice_road"
    assert network.leg(*pair, THAW, profile="car") is None


def test_forbidding_ferries_cuts_the_island(network: Network) -> None:
    m = network.matrix(
        ["irkutsk_hpp", "olkhon_shaman_rock"], SUMMER, profile="car", modes=("flight", "rail")
    )
    assert not m.reachable[0, 1]


def test_weekday_links(network: Network) -> None:
    tuesday, wednesday = dt.date(2027, 7, 13), dt.date(2027, 7, 14)
    # the Circum-Baikal suburban train runs daily except Wednesday
    assert "rail_kbzhd_slyudyanka_port_baikal" in network.active_links(tuesday)
    assert "rail_kbzhd_slyudyanka_port_baikal" not in network.active_links(wednesday)


def test_bratsk_flights_run_daily(network: Network) -> None:
    """Issue 20: the 2011 Tue/Thu schedule is gone; S7 flies Irkutsk - Bratsk every day."""
    week = [dt.date(2027, 7, 12) + dt.timedelta(days=k) for k in range(7)]
    assert all("flight_ikt_brp" in network.active_links(d) for d in week)
    tuesday = week[1]
    fly = network.leg("irkutsk_hpp", "bratsk_hpp", tuesday, profile="car")
    drive = network.leg("irkutsk_hpp", "bratsk_hpp", tuesday, profile="car", modes=())
    assert fly is not None and drive is not None
    assert fly.main_mode == "flight" and drive.main_mode == "road"
    assert fly.duration_s < drive.duration_s
    assert fly.drive_s < drive.drive_s  # flying is not driving


def test_coach_is_slower_than_car(network: Network) -> None:
    car = network.matrix(["irkutsk", "angarsk"], SUMMER, profile="car", modes=())
    coach = network.matrix(["irkutsk", "angarsk"], SUMMER, profile="coach", modes=())
    assert coach.duration_s[0, 1] > car.duration_s[0, 1]


def test_triangle_inequality(network: Network, catalog: Catalog) -> None:
    ids = list(catalog.sites)[:40] + list(catalog.lodgings)[:10]
    for profile in ("car", "coach"):
        m = network.matrix(ids, SUMMER, profile=profile)
        t = np.where(m.reachable, m.duration_s, 10**12).astype(float)
        # t[i,k] <= t[i,j] + t[j,k] for all i, j, k (1 s rounding slack)
        lhs = t[:, None, :]
        rhs = t[:, :, None] + t[None, :, :]
        assert (lhs <= rhs + 2).all()


def test_matrix_is_integer_and_diagonal_zero(network: Network, catalog: Catalog) -> None:
    m = network.matrix(list(catalog.ids), SUMMER, profile="coach")
    assert m.duration_s.dtype == np.int64 and m.distance_m.dtype == np.int64
    assert (np.diag(m.duration_s) == 0).all()
    assert m.to_frame().shape == (len(catalog), len(catalog))


def test_leg_path_and_geometry(network: Network) -> None:
    leg = network.leg("lodging_irkutsk_irkut", "bratsk_hpp", SUMMER, profile="coach", modes=())
    assert leg is not None
    assert leg.path[0] == "lodging_irkutsk_irkut" and leg.path[-1] == "bratsk_hpp"
    assert len(leg.coords) == len(leg.path) >= 5
    assert len(set(leg.path)) == len(leg.path)


def test_unknown_id_has_suggestions(network: Network) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        network.matrix(["bratsk_hp", "irkutsk"], SUMMER)
    assert "bratsk_hpp" in str(info.value)


def test_random_points(network: Network) -> None:
    rng = np.random.default_rng(0)
    lats, lons = rng.uniform(51.5, 58.0, 50), rng.uniform(100.0, 107.0, 50)
    m = network.matrix_points(lats, lons, SUMMER)
    assert m.duration_s.shape == (50, 50)
    assert m.reachable[np.triu_indices(50, 1)].mean() > 0.8


def test_contract_violations_reported_together() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", kind="town", lat=52.0, lon=104.0, name_ru="А", name_en="A")
    g.add_node("b", kind="castle", lat=91.0, lon=104.0, name_ru="Б", name_en="")
    g.add_edge("a", "b", mode="road", length_m=-5.0, road_class="motorway")
    g.add_edge(
        "b",
        "a",
        mode="ferry",
        length_m=100.0,
        duration_s=0,
        overhead_s=0,
        season=(),
        weekdays=frozenset({9}),
        price_rub=0,
        link_id="x",
    )
    with pytest.raises(NetworkError) as info:
        validate_graph(g)
    fields = {(i.file, i.field) for i in info.value.issues}
    assert ("node b", "kind") in fields and ("node b", "lat") in fields
    assert ("node b", "name_en") in fields
    assert ("edge a->b", "length_m") in fields and ("edge a->b", "road_class") in fields
    assert ("edge b->a", "duration_s") in fields and ("edge b->a", "weekdays") in fields
    assert len(info.value.issues) == 7


def test_bad_network_files_name_file_row_field(data_copy: Path, catalog: Catalog) -> None:
    roads = data_copy / "network" / "roads.csv"
    lines = roads.read_text(encoding="utf-8").splitlines()
    cells = next(csv.reader([lines[1]]))
    cells[1] = "atlantis"
    lines[1] = ",".join(f'"{c}"' for c in cells)
    roads.write_text("\n".join(lines) + "\n", encoding="utf-8")
    links = data_copy / "network" / "links.csv"
    text = links.read_text(encoding="utf-8").replace("05-15..12-15", "05-15..13-40", 1)
    links.write_text(text, encoding="utf-8")
    with pytest.raises(NetworkError) as info:
        load_network(data_copy, catalog)
    msg = str(info.value)
    assert "roads.csv, row 2, field 'to': no node 'atlantis'" in msg
    assert "links.csv, row 2, field 'season'" in msg


def test_same_node_places_travel_directly(network: Network) -> None:
    """Two places attached to the same node do not detour through it."""
    m = network.matrix(["icebreaker_angara", "irkutsk_hpp"], SUMMER, profile="car")
    a, b = network.anchor("icebreaker_angara"), network.anchor("irkutsk_hpp")
    assert m.reachable[0, 1]
    if a == b:
        assert m.distance_m[0, 1] < 10_000


def test_durations_are_the_matrix_block_without_the_square_matrix(
    catalog: Catalog, network: Network
) -> None:
    ids = [*list(catalog.sites)[:30], *list(catalog.lodgings)[:4]]
    for date in (dt.date(2027, 7, 1), dt.date(2027, 2, 10), dt.date(2027, 4, 20)):
        for profile in ("car", "coach"):
            full = network.matrix(ids, date, profile=profile)
            block = network.durations(ids[:6], ids, date, profile=profile)
            assert block.shape == (6, len(ids))
            assert (block == full.duration_s[:6]).all()
            driving = network.durations(ids, ids[:6], date, profile=profile, drive=True)
            assert (driving == full.drive_s[:, :6]).all()


def test_slyudyanka_station_to_zhigalov_museum_is_a_real_leg(network: Network) -> None:
    """Issue 20: the two shared one town-centre point, so the leg was 0 min and 0 km."""
    leg = network.leg("slyudyanka_marble_station", "zhigalov_mineral_museum", SUMMER)
    assert leg is not None and leg.distance_m > 300 and leg.duration_s > 60


def test_far_from_road_reports_the_distance(network: Network) -> None:
    """A place ~100 km from any road node is reported with its distance; city sites are not."""
    far = network.far_from_road(["turman_pillars", "irkutsk_hpp", "arshan_resort"])
    assert [(f.place_id, f.node) for f in far] == [("turman_pillars", "vikhorevka")]
    assert 20 < far[0].distance_km < 23
    m = network.matrix_points([52.2864, 51.0], [104.2807, 105.25], SUMMER, profile="coach")
    assert m.reachable[0, 1]


def test_long_access_legs_run_at_local_road_speed(network: Network) -> None:
    """The first km of an access leg are streets; the rest runs at the local-road speed (not
    25 km/h all the way, which made a 116 km link take 6.4 h)."""
    coach = network.profiles["coach"]
    hundred_km = coach.access_s(100_000.0, 2000.0)
    assert hundred_km == pytest.approx(2 / 25 * 3600 + 98 / coach.speed_kph["local"] * 3600)
    assert coach.access_s(1000.0, 2000.0) == pytest.approx(1 / 25 * 3600)


def test_arshan_by_coach_within_published_range(network: Network) -> None:
    """Issue 20 done-when: Irkutsk -> Arshan by coach 3-4 h (bus ~4 h, tour transfer ~3 h)
    over the Tunka road, not a 116 km straight link from Kultuk."""
    leg = network.leg("irkutsk", "arshan_resort", SUMMER, profile="coach")
    assert leg is not None and "tunka_arshan_fork" in leg.path
    assert 3.0 * 3600 <= leg.duration_s <= 4.0 * 3600
    assert 205_000 <= leg.distance_m <= 220_000


def _reference_paths(
    n: int, weights: dict[tuple[int, int], float]
) -> tuple[np.ndarray, np.ndarray]:
    """All-pairs times and predecessors by networkx's Dijkstra (a different implementation)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    time_s = np.full((n, n), np.inf)
    pred = np.full((n, n), -9999, dtype=np.int32)
    for s in range(n):
        dist, paths = nx.single_source_dijkstra(graph, s)
        for v, d in dist.items():
            time_s[s, v] = d
            if v != s:
                pred[s, v] = paths[v][-2]
    return time_s, pred


@pytest.mark.parametrize("seed", range(40))
def test_shortest_paths_match_a_reference(seed: int) -> None:
    """The network's Dijkstra gives networkx's times and predecessors on random graphs (float
    weights: no ties), in the layout of scipy's ``dijkstra`` it replaced (``inf``, -9999)."""
    import random

    rng = random.Random(seed)
    n = rng.randint(1, 40)
    weights = {}
    for _ in range(rng.randint(0, 4 * n)):
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            weights[(u, v)] = rng.uniform(1.0, 5000.0)
    want_t, want_p = _reference_paths(n, weights)
    got_t, got_p = _shortest_paths(n, weights)
    assert np.array_equal(got_t, want_t)
    assert np.array_equal(got_p, want_p)


def test_shortest_paths_of_the_network_match_a_reference(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every state the shipped network takes over a year: the reference's times to the last
    bit, and each predecessor on a shortest path (the time there plus its arc)."""
    import routeplanner.network as network_module

    arcs: list[tuple[int, dict[tuple[int, int], float]]] = []
    plain = network_module._shortest_paths

    def spy(n: int, weights: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray]:
        arcs.append((n, dict(weights)))
        return plain(n, weights)

    monkeypatch.setattr(network_module, "_shortest_paths", spy)
    fresh = load_network(DATA, catalog)
    for k in range(0, 366, 5):
        for profile in ("car", "coach"):
            for modes in (("ferry", "ice_road", "flight", "rail", "boat"), ()):
                fresh.matrix(
                    ["irkutsk", "bratsk"], ICE + dt.timedelta(days=k), profile=profile, modes=modes
                )
    assert len(arcs) >= 4
    for n, weights in arcs:
        want_t, _want_p = _reference_paths(n, weights)
        got_t, got_p = plain(n, weights)
        assert np.array_equal(got_t, want_t)
        for s, v in zip(*np.nonzero(got_p >= 0), strict=True):
            p = got_p[s, v]
            assert got_t[s, p] + weights[(p, v)] == got_t[s, v]

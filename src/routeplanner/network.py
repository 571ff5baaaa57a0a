"""The multimodal travel graph of the region: roads, ferries, ice road, flights, rail.

The graph contract (checked in one place, :func:`validate_graph`, all violations together):

Nodes
    ``kind``: ``town`` | ``settlement`` | ``junction`` | ``hub``; ``lat``, ``lon``: degrees
    WGS84; ``name_ru``, ``name_en``: text.
Edges (a :class:`networkx.MultiDiGraph`; a road is stored in both directions)
    ``mode``: ``road`` | ``connector`` | ``ferry`` | ``ice_road`` | ``flight`` | ``rail`` |
    ``boat``; ``length_m``: float > 0.
    Roads add ``road_class`` (``federal`` | ``regional`` | ``local`` | ``gravel`` | ``urban``).
    Other modes add ``duration_s`` (int > 0, in-vehicle), ``overhead_s`` (int >= 0),
    ``season`` (tuple of ``(MMDD, MMDD)`` ints, empty = all year), ``weekdays`` (frozenset of
    0=Monday..6, empty = daily), ``price_rub`` (int >= 0) and ``link_id``.

Travel times depend on the profile (speeds by road class; a coach also pays a boarding time
per leg) and the date (seasonal and weekday links). Every catalog place attaches to its nearest
road node (or its ``network_node``) by an access leg (a connector): geodesic distance x
``detour_factor``. Its first part runs at the connector's town speed (``town_km`` of it when
the node is a town: city streets; ``urban_km`` otherwise) and the rest at the profile's
``local`` road speed (a long access leg stands for a local road the network does not hold).
Two places on the same node travel directly by such a leg. A place farther in a straight line
from its road node than ``warn_km`` (``town_km`` for a town node) is reported by
:meth:`Network.far_from_road`: its access leg is a modelling guess, not a road.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
from geographiclib.geodesic import Geodesic
from pyproj import Geod
from rapidfuzz import fuzz, process

from ._csv import (
    Column,
    bounded_float,
    bounded_int,
    choice,
    parse_bool,
    parse_slug,
    read_table,
)
from ._yaml import load_yaml
from .catalog import LAT_RANGE, LON_RANGE, Catalog
from .exceptions import (
    Invalid,
    Issue,
    Msg,
    NetworkError,
    Plural,
    ScenarioError,
    UnknownPlaceError,
    clip,
)
from .model import LINK_MODES, Mode
from .reasons import Reason
from .settings import default_data_dir

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LINK_MODES",
    "MODES",
    "ROAD_CLASSES",
    "AccessRules",
    "FarPlace",
    "Network",
    "NetworkLeg",
    "TravelMatrix",
    "far_from_road_reasons",
    "load_network",
    "road_map",
    "travel_time_text",
    "validate_graph",
]

ROAD_CLASSES = ("federal", "regional", "local", "gravel", "urban")
#: Every mode of an edge of the graph.
MODES: tuple[Mode, ...] = tuple(Mode)
_DRIVING = frozenset({Mode.ROAD, Mode.CONNECTOR, Mode.ICE_ROAD})
#: Which mode names a leg, most significant first (a flight or ferry beats the road).
_MAIN_MODE = (Mode.FLIGHT, Mode.RAIL, Mode.FERRY, Mode.BOAT, Mode.ICE_ROAD)
_NODE_KINDS = ("town", "settlement", "junction", "hub")
_GEOD = Geod(ellps="WGS84")
#: WGS84 in kilometres, as geopy's ``geodesic`` computes it (the same figures to the last bit,
#: without importing geopy's geocoders and HTTP stack)
_WGS84_KM = Geodesic(6378.137, 1 / 298.257223563)
_WEEKDAYS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}


# ----------------------------------------------------------------------------- parsing


def _season(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d\d)-(\d\d)\s*\.\.\s*(\d\d)-(\d\d)", part)
        if not m:
            raise Invalid("err.net.season", value=clip(part, 80))
        a = (int(m.group(1)), int(m.group(2)))
        b = (int(m.group(3)), int(m.group(4)))
        for month, day in (a, b):
            try:
                dt.date(2024, month, day)
            except ValueError:
                raise Invalid(
                    "err.net.season_day", value=clip(part, 80), day=f"{month:02d}-{day:02d}"
                ) from None
        out.append((a[0] * 100 + a[1], b[0] * 100 + b[1]))
    return tuple(out)


def _weekdays(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in re.split(r"[,\s]+", text.strip().lower()):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            if a not in _WEEKDAYS or b not in _WEEKDAYS:
                raise Invalid("err.net.weekdays", value=clip(part, 80))
            i, j = _WEEKDAYS[a], _WEEKDAYS[b]
            days.update(range(i, j + 1) if i <= j else [*range(i, 7), *range(0, j + 1)])
        elif part in _WEEKDAYS:
            days.add(_WEEKDAYS[part])
        else:
            raise Invalid("err.net.weekday", value=clip(part, 80))
    return frozenset(days)


def _in_season(season: tuple[tuple[int, int], ...], date: dt.date) -> bool:
    if not season:
        return True
    md = date.month * 100 + date.day
    return any((a <= md <= b) if a <= b else (md >= a or md <= b) for a, b in season)


_positive = bounded_float(1e-9, 1e5, Msg("err.what.value"))
_nonneg_int = bounded_int(0, 10**6, Msg("err.what.value"))
_pos_int = bounded_int(1, 10**6, Msg("err.what.value"))


_NODE_COLUMNS = [
    Column("id", parse_slug),
    Column("name_ru"),
    Column("name_en"),
    Column("kind", choice(_NODE_KINDS[:-1])),
    Column("lat", bounded_float(*LAT_RANGE, Msg("err.what.lat"))),
    Column("lon", bounded_float(*LON_RANGE, Msg("err.what.lon"))),
    Column("source_url", required=False, default=""),
]
_ROAD_COLUMNS = [
    Column("from", parse_slug),
    Column("to", parse_slug),
    Column("road", required=False, default=""),
    Column("road_class", choice(ROAD_CLASSES)),
    Column("distance_km", _positive),
    Column("distance_kind", choice(("sourced", "derived", "estimated"))),
    Column("source_url", required=False, default=""),
]
_LINK_COLUMNS = [
    Column("id", parse_slug),
    Column("mode", choice(LINK_MODES)),
    Column("from", parse_slug),
    Column("to", parse_slug),
    Column("bidirectional", parse_bool),
    Column("distance_km", _positive),
    Column("duration_min", _pos_int),
    Column("overhead_min", _nonneg_int, required=False, default=0),
    Column("season", _season, required=False, default=()),
    Column("weekdays", _weekdays, required=False, default=frozenset()),
    Column("price_rub", _nonneg_int, required=False, default=0),
    Column("source_url", required=False, default=""),
]


@dataclass(frozen=True)
class Profile:
    """How a party travels by road: speeds by road class, boarding time per leg.

    An access leg (place to road node) runs its first ``urban_m`` metres (which depend on the
    node, see :meth:`Network.urban_m`) at ``connector_kph`` and the rest at
    ``speed_kph["local"]``.
    """

    name: str
    speed_kph: dict[str, float]
    boarding_s: int = 0
    connector_kph: float = 30.0

    def access_s(self, length_m: Any, urban_m: Any) -> Any:
        """Seconds for access legs of ``length_m`` metres whose first ``urban_m`` metres are
        streets (scalars or arrays)."""
        length = np.asarray(length_m, dtype=float)
        urban = np.minimum(length, np.asarray(urban_m, dtype=float))
        rest = length - urban
        t = urban / (self.connector_kph / 3.6) + rest / (self.speed_kph["local"] / 3.6)
        return float(t) if t.ndim == 0 else t


@dataclass(frozen=True)
class FarPlace:
    """A place whose road node is farther than the warning distance (straight line)."""

    place_id: str
    node: str
    distance_km: float


@dataclass(frozen=True)
class AccessRules:
    """How far access legs run on streets, and when a place counts as off the network (km)."""

    urban_km: float = 2.0
    town_km: float = 12.0
    warn_km: float = 5.0


def _load_profiles(
    path: Path, issues: list[Issue]
) -> tuple[dict[str, Profile], float, AccessRules]:
    name = str(path)
    try:
        raw = load_yaml(path)
    except ScenarioError as err:
        issues.extend(err.issues)
        return {}, 1.3, AccessRules()
    if not isinstance(raw, dict) or not isinstance(raw.get("profiles"), dict):
        issues.append(Issue(name, None, "profiles", Msg("err.net.profiles")))
        return {}, 1.3, AccessRules()
    conn = raw.get("connector") or {}
    detour = conn.get("detour_factor", 1.3) if isinstance(conn, dict) else 1.3
    if isinstance(detour, bool) or not isinstance(detour, int | float) or not 1 <= detour <= 3:
        issues.append(Issue(name, None, "connector.detour_factor", Msg("err.net.detour")))
        detour = 1.3
    limits = {}
    for key, default in dataclasses.asdict(AccessRules()).items():
        v = conn.get(key, default) if isinstance(conn, dict) else default
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1000:
            issues.append(Issue(name, None, f"connector.{key}", Msg("err.net.distance")))
            v = default
        limits[key] = float(v)
    conn_speed = conn.get("speed_kph", {}) if isinstance(conn, dict) else {}
    profiles: dict[str, Profile] = {}
    for pname, spec in raw["profiles"].items():
        speeds = spec.get("speed_kph") if isinstance(spec, dict) else None
        if not isinstance(speeds, dict):
            issues.append(Issue(name, None, f"profiles.{pname}.speed_kph", Msg("err.net.mapping")))
            continue
        ok = True
        for rc in ROAD_CLASSES:
            v = speeds.get(rc)
            if isinstance(v, bool) or not isinstance(v, int | float) or not 1 <= v <= 200:
                issues.append(
                    Issue(name, None, f"profiles.{pname}.speed_kph.{rc}", Msg("err.net.speed"))
                )
                ok = False
        boarding = spec.get("boarding_min", 0)
        if isinstance(boarding, bool) or not isinstance(boarding, int | float) or boarding < 0:
            issues.append(
                Issue(name, None, f"profiles.{pname}.boarding_min", Msg("err.net.nonneg"))
            )
            ok = False
        cs = conn_speed.get(pname, 30) if isinstance(conn_speed, dict) else 30
        if isinstance(cs, bool) or not isinstance(cs, int | float) or not 1 <= cs <= 200:
            issues.append(Issue(name, None, f"connector.speed_kph.{pname}", Msg("err.net.speed")))
            ok = False
        if ok:
            profiles[str(pname)] = Profile(
                str(pname),
                {rc: float(speeds[rc]) for rc in ROAD_CLASSES},
                round(boarding * 60),
                float(cs),
            )
    return profiles, float(detour), AccessRules(**limits)


# ----------------------------------------------------------------------------- contract


def validate_graph(graph: nx.MultiDiGraph) -> None:
    """Check the graph contract (see the module docstring); report every violation together.

    Raises
    ------
    NetworkError
        One issue per violating node or edge attribute.
    """
    issues: list[Issue] = []
    for n, a in graph.nodes(data=True):
        where = f"node {n}"
        if a.get("kind") not in _NODE_KINDS:
            issues.append(Issue(where, None, "kind", f"must be one of {', '.join(_NODE_KINDS)}"))
        for key, (lo, hi) in (("lat", LAT_RANGE), ("lon", LON_RANGE)):
            v = a.get(key)
            if not isinstance(v, float | int) or not lo <= v <= hi:
                issues.append(Issue(where, None, key, f"must be a number in {lo}..{hi}"))
        for key in ("name_ru", "name_en"):
            if not isinstance(a.get(key), str) or not a.get(key):
                issues.append(Issue(where, None, key, "must be a non-empty string"))
    for u, v, a in graph.edges(data=True):
        where = f"edge {u}->{v}"
        mode = a.get("mode")
        if mode not in MODES:
            issues.append(Issue(where, None, "mode", f"must be one of {', '.join(MODES)}"))
            continue
        length = a.get("length_m")
        if not isinstance(length, float | int) or not 0 < length < 5e6:
            issues.append(Issue(where, None, "length_m", "must be a number of metres > 0"))
        if mode == "road" and a.get("road_class") not in ROAD_CLASSES:
            issues.append(Issue(where, None, "road_class", f"one of {', '.join(ROAD_CLASSES)}"))
        if mode in LINK_MODES:
            d = a.get("duration_s")
            if not isinstance(d, int) or d <= 0:
                issues.append(Issue(where, None, "duration_s", "must be whole seconds > 0"))
            o = a.get("overhead_s")
            if not isinstance(o, int) or o < 0:
                issues.append(Issue(where, None, "overhead_s", "must be whole seconds >= 0"))
            if not isinstance(a.get("season"), tuple):
                issues.append(Issue(where, None, "season", "must be a tuple of (MMDD, MMDD)"))
            wd = a.get("weekdays")
            if not isinstance(wd, frozenset) or not wd <= set(range(7)):
                issues.append(Issue(where, None, "weekdays", "must be a frozenset of 0..6"))
            p = a.get("price_rub")
            if not isinstance(p, int) or p < 0:
                issues.append(Issue(where, None, "price_rub", "must be whole roubles >= 0"))
    if issues:
        raise NetworkError(issues, title=f"the travel graph breaks its contract ({len(issues)}):")


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TravelMatrix:
    """Travel between places on one date and profile.

    Attributes
    ----------
    ids : list of str
        Row/column labels.
    duration_s, distance_m, drive_s, price_rub : numpy.ndarray
        ``int64`` matrices; ``-1`` where ``reachable`` is False.
    reachable : numpy.ndarray
        ``bool`` matrix.
    """

    ids: list[str]
    duration_s: np.ndarray
    distance_m: np.ndarray
    drive_s: np.ndarray
    price_rub: np.ndarray
    reachable: np.ndarray

    def to_frame(self, what: str = "duration_s") -> pd.DataFrame:
        """Return one matrix as a labelled DataFrame (unreachable pairs as ``NA``)."""
        import pandas as pd  # only tables need it: importing it costs a third of a second

        data = getattr(self, what).astype("float64")
        data[~self.reachable] = np.nan
        return pd.DataFrame(data, index=self.ids, columns=self.ids).astype("Int64")


@dataclass(frozen=True)
class NetworkLeg:
    """A journey between two places: its path through the network and its figures."""

    origin: str
    destination: str
    duration_s: int
    distance_m: int
    drive_s: int
    price_rub: int
    path: list[str]
    modes: list[str]
    coords: list[tuple[float, float]]
    link_ids: list[str] = field(default_factory=list)

    @property
    def main_mode(self) -> str:
        """The most significant mode of the leg (a flight or ferry beats the road)."""
        for m in _MAIN_MODE:
            if m in self.modes:
                return m
        return Mode.ROAD


@dataclass
class _State:
    """Shortest paths between graph nodes for one (profile, modes, active links)."""

    nodes: list[str]
    time_s: np.ndarray
    length_m: np.ndarray
    drive_s: np.ndarray
    price: np.ndarray
    pred: np.ndarray
    edge: dict[tuple[int, int], tuple[str, dict[str, Any]]]


def _geodesic_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance, metres (Karney's method, as geopy's ``geodesic(...).m``)."""
    return float(_WGS84_KM.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"]) * 1000


def _haversine_m(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    r = 6_371_008.8
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


def _shortest_paths(n: int, weights: dict[tuple[int, int], float]) -> tuple[np.ndarray, np.ndarray]:
    """Shortest travel times between all ``n`` nodes, and each path's predecessors.

    networkx's Dijkstra from every node over the arcs ``weights`` ((from, to) → seconds), in
    the layout of :func:`scipy.sparse.csgraph.dijkstra` (``inf`` where unreachable,
    predecessor -9999 where none): a road graph of a few hundred nodes takes milliseconds, and
    scipy's graph routines cost a third of a second of every process's start.
    """
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    time_s = np.full((n, n), np.inf)
    pred = np.full((n, n), -9999, dtype=np.int32)
    for s in range(n):
        preds, dist = nx.dijkstra_predecessor_and_distance(g, s)
        for v, d in dist.items():
            time_s[s, v] = d
            if preds[v]:
                pred[s, v] = preds[v][0]
    return time_s, pred


class Network:
    """The travel network: a road graph with hubs and links, plus every place attached.

    Build it with :func:`load_network`. The public graph is :attr:`graph`.
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        profiles: dict[str, Profile],
        detour_factor: float,
        catalog: Catalog | None = None,
        *,
        access: AccessRules | None = None,
    ) -> None:
        validate_graph(graph)
        self.graph = graph
        self.profiles = profiles
        self.detour_factor = detour_factor
        #: street share of access legs and the off-network warning distances
        self.access = access or AccessRules()
        self.catalog = catalog
        self._road_nodes = [n for n, k in graph.nodes(data="kind") if k != "hub"]
        self._road_lat = np.array([graph.nodes[n]["lat"] for n in self._road_nodes])
        self._road_lon = np.array([graph.nodes[n]["lon"] for n in self._road_nodes])
        self._anchors: dict[str, tuple[str, float, float, float]] = {}
        self._states: dict[tuple[Any, ...], _State] = {}
        if catalog is not None:
            self._anchors.update(self._attach_all(list(catalog)))

    # ------------------------------------------------------------------ places

    def _attach_all(self, places: list[Any]) -> dict[str, tuple[str, float, float, float]]:
        """:meth:`_attach` for many places at once (vectorised: nearest road nodes in blocks,
        connector lengths in one geodesic call), so that large catalogs attach in seconds."""
        out: dict[str, tuple[str, float, float, float]] = {}
        todo = []
        for place in places:
            if place.id in self.graph:  # a hub is a graph node of its own
                out[place.id] = (place.id, 0.0, place.lat, place.lon)
            elif place.network_node is not None:
                out[place.id] = self._attach(place.lat, place.lon, place.network_node)
            else:
                todo.append(place)
        if not todo:
            return out
        lat = np.array([p.lat for p in todo])
        lon = np.array([p.lon for p in todo])
        nearest = np.empty(len(todo), dtype=np.int64)
        for a in range(0, len(todo), 2048):
            d = _haversine_m(
                lat[a : a + 2048, None], lon[a : a + 2048, None], self._road_lat, self._road_lon
            )
            nearest[a : a + 2048] = d.argmin(axis=1)
        _az1, _az2, dist = _GEOD.inv(lon, lat, self._road_lon[nearest], self._road_lat[nearest])
        for p, k, m in zip(todo, nearest, np.asarray(dist), strict=True):
            out[p.id] = (self._road_nodes[int(k)], float(m) * self.detour_factor, p.lat, p.lon)
        return out

    def _attach(
        self, lat: float, lon: float, node: str | None = None
    ) -> tuple[str, float, float, float]:
        if node is None:
            d = _haversine_m(lat, lon, self._road_lat, self._road_lon)
            node = self._road_nodes[int(np.argmin(d))]
        elif node not in self.graph:
            raise UnknownPlaceError(node, self.suggest(node))
        a = self.graph.nodes[node]
        length = _geodesic_m(lat, lon, a["lat"], a["lon"]) * self.detour_factor
        return node, length, lat, lon

    def with_catalog(self, catalog: Catalog) -> Network:
        """A network with the same graph and caches that also attaches ``catalog``'s places
        (e.g. a tour's own stops given by coordinates); ``self`` if nothing is new."""
        if catalog is self.catalog:
            return self
        new = copy.copy(self)
        new.catalog = catalog
        new._anchors = dict(self._anchors)
        new._anchors.update(self._attach_all([p for p in catalog if p.id not in self._anchors]))
        return new

    def anchor(self, place_id: str) -> str:
        """Return the graph node a place attaches to."""
        return self._anchor(place_id)[0]

    def urban_m(self, node: str) -> float:
        """Metres of an access leg to ``node`` that run on streets (more for a town node)."""
        kind = self.graph.nodes[node]["kind"] if node in self.graph else "junction"
        km = self.access.town_km if kind == "town" else self.access.urban_km
        return km * 1000.0

    def access_km(self, place_id: str) -> float:
        """Straight-line distance (km) from a place to the road node it attaches to."""
        node, length_m, _lat, _lon = self._anchor(place_id)
        return length_m / self.detour_factor / 1000.0 if node != place_id else 0.0

    def far_from_road(self, places: Iterable[str]) -> list[FarPlace]:
        """The places among ``places`` off the road network: farther in a straight line from
        their road node than ``access.warn_km`` (``access.town_km`` for a town node).

        Their access leg (a straight line x the detour factor, at local-road speed beyond the
        first ``urban_km``) stands in for a road the network does not have: plans that use
        them should say so.

        Raises
        ------
        UnknownPlaceError
            An id is neither a place nor a graph node.
        """
        out = []
        for pid in dict.fromkeys(places):
            km = self.access_km(pid)
            node = self.anchor(pid)
            limit = self.urban_m(node) / 1000 if node in self.graph else self.access.warn_km
            limit = max(limit, self.access.warn_km)
            if km > limit:
                out.append(FarPlace(pid, node, round(km, 1)))
        return out

    def _anchor(self, place_id: str) -> tuple[str, float, float, float]:
        if place_id in self._anchors:
            return self._anchors[place_id]
        if place_id in self.graph:
            a = self.graph.nodes[place_id]
            return place_id, 0.0, a["lat"], a["lon"]
        raise UnknownPlaceError(place_id, self.suggest(place_id))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Return the ids (places and graph nodes) that best match ``text``."""
        labels = {
            n: f"{n} {a.get('name_ru', '')} {a.get('name_en', '')}"
            for n, a in self.graph.nodes(data=True)
        }
        if self.catalog is not None:
            labels.update({p.id: f"{p.id} {p.name_ru} {p.name_en}" for p in self.catalog})
        hits = process.extract(text, labels, scorer=fuzz.WRatio, limit=limit)
        return [k for _l, _s, k in hits]

    def name(self, place_id: str, lang: str = "ru") -> str:
        """Return a display name for a place or graph node."""
        if self.catalog is not None and place_id in self.catalog:
            return self.catalog.place(place_id).name(lang)
        a = self.graph.nodes.get(place_id, {})
        return str(a.get("name_en" if lang == "en" else "name_ru", place_id))

    # ------------------------------------------------------------------ state

    def _profile(self, profile: str) -> Profile:
        try:
            return self.profiles[profile]
        except KeyError:
            raise UnknownPlaceError(profile, sorted(self.profiles)) from None

    def active_links(self, date: dt.date, modes: Iterable[str] = LINK_MODES) -> frozenset[str]:
        """Return the ids of the links that run on ``date`` among ``modes``."""
        allowed = set(modes)
        out = set()
        for _u, _v, a in self.graph.edges(data=True):
            if (
                a["mode"] in allowed
                and _in_season(a["season"], date)
                and (not a["weekdays"] or date.weekday() in a["weekdays"])
            ):
                out.add(a["link_id"])
        return frozenset(out)

    def _state(self, profile: str, links: frozenset[str]) -> _State:
        key = (profile, links)
        state = self._states.get(key)
        if state is not None:
            return state
        prof = self._profile(profile)
        nodes = list(self.graph.nodes)
        index = {n: i for i, n in enumerate(nodes)}
        best: dict[tuple[int, int], tuple[float, str, dict[str, Any]]] = {}
        for u, v, a in self.graph.edges(data=True):
            mode = a["mode"]
            if mode == Mode.ROAD:
                t = a["length_m"] / (prof.speed_kph[a["road_class"]] / 3.6)
            elif mode == Mode.CONNECTOR:
                road = v if self.graph.nodes[u]["kind"] == "hub" else u
                t = prof.access_s(a["length_m"], self.urban_m(road))
            elif a["link_id"] in links:
                t = float(a["duration_s"] + a["overhead_s"])
            else:
                continue
            k = (index[u], index[v])
            if k not in best or t < best[k][0]:
                best[k] = (t, mode, a)
        n = len(nodes)
        time_s, pred = _shortest_paths(n, {k: b[0] for k, b in best.items()})
        # Accumulate length, driving time and fares along each shortest-path tree.
        length = np.zeros((n, n))
        drive = np.zeros((n, n))
        price = np.zeros((n, n))
        edge = {k: (b[1], b[2]) for k, b in best.items()}
        for s in range(n):
            order = np.argsort(time_s[s], kind="stable")
            for v in order:
                p = pred[s, v]
                if p < 0:
                    continue
                t, mode, a = best[(p, v)]
                length[s, v] = length[s, p] + a["length_m"]
                drive[s, v] = drive[s, p] + (t if mode in _DRIVING else 0.0)
                price[s, v] = price[s, p] + a.get("price_rub", 0)
        state = _State(nodes, time_s, length, drive, price, pred, edge)
        self._states[key] = state
        return state

    # ------------------------------------------------------------------ matrices

    def matrix(
        self,
        places: Sequence[str],
        date: dt.date,
        *,
        profile: str = "car",
        modes: Iterable[str] = LINK_MODES,
    ) -> TravelMatrix:
        """Travel time, distance, driving time and fares between ``places`` on ``date``.

        Parameters
        ----------
        places : sequence of str
            Place ids (catalog sites, lodgings, hubs) or graph node ids.
        date : datetime.date
            Decides which seasonal and weekday links run.
        profile : {"car", "coach"}
        modes : iterable of str
            Non-road modes allowed (``ferry``, ``ice_road``, ``flight``, ``rail``, ``boat``).

        Returns
        -------
        TravelMatrix
            Unreachable pairs are marked in ``reachable`` (and hold ``-1``).
        """
        anchors = [self._anchor(p) for p in places]
        return self._matrix(tuple(places), tuple(anchors), date, profile, frozenset(modes))

    def durations(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        date: dt.date,
        *,
        profile: str = "car",
        modes: Iterable[str] = LINK_MODES,
        drive: bool = False,
    ) -> np.ndarray:
        """Travel times (or, with ``drive``, driving times) from each of ``sources`` to each of
        ``targets`` on ``date``.

        The same figures as the corresponding block of :meth:`matrix` (``duration_s`` or
        ``drive_s``), computed without the square matrix over every place: a few origins
        against a catalog of any size costs memory in proportion to
        ``len(sources) × len(targets)``.

        Returns
        -------
        numpy.ndarray
            ``int64`` seconds, shape ``(len(sources), len(targets))``; ``-1`` where unreachable.
        """
        prof = self._profile(profile)
        st = self._state(profile, self.active_links(date, modes))
        index = {n: i for i, n in enumerate(st.nodes)}
        src = [self._anchor(p) for p in sources]
        dst = [self._anchor(p) for p in targets]
        si = np.array([index[a[0]] for a in src], dtype=np.int64)
        di = np.array([index[a[0]] for a in dst], dtype=np.int64)
        urban = {n: self.urban_m(n) for n in {a[0] for a in (*src, *dst)}}  # few nodes
        cs = prof.access_s(np.array([a[1] for a in src]), np.array([urban[a[0]] for a in src]))
        cd = prof.access_s(np.array([a[1] for a in dst]), np.array([urban[a[0]] for a in dst]))
        base = st.drive_s if drive else st.time_s
        t = cs[:, None] + base[np.ix_(si, di)] + cd[None, :]
        if drive:  # unreachable pairs as in the travel times
            t = np.where(np.isfinite(st.time_s[np.ix_(si, di)]), t, np.inf)
        ii, jj = np.nonzero(si[:, None] == di[None, :])
        if len(ii):  # places on the same node travel straight between each other
            _az1, _az2, d = _GEOD.inv(
                np.array([src[i][3] for i in ii]),
                np.array([src[i][2] for i in ii]),
                np.array([dst[j][3] for j in jj]),
                np.array([dst[j][2] for j in jj]),
            )
            t[ii, jj] = prof.access_s(
                np.asarray(d) * self.detour_factor,
                np.array([self.urban_m(src[i][0]) for i in ii]),
            )
        same_id = (
            np.array(list(sources), dtype=object)[:, None]
            == np.array(list(targets), dtype=object)[None, :]
        )
        t = np.where(same_id, 0.0, t + (0.0 if drive else prof.boarding_s))
        reach = np.isfinite(t)
        return np.where(reach, np.rint(np.where(reach, t, 0)), -1).astype(np.int64)

    def matrix_points(
        self,
        lats: Sequence[float],
        lons: Sequence[float],
        date: dt.date,
        *,
        profile: str = "car",
        modes: Iterable[str] = LINK_MODES,
    ) -> TravelMatrix:
        """Like :meth:`matrix` for arbitrary coordinates (each attached to its nearest node)."""
        anchors = tuple(self._attach(float(a), float(b)) for a, b in zip(lats, lons, strict=True))
        ids = tuple(f"p{i}" for i in range(len(anchors)))
        return self._matrix(ids, anchors, date, profile, frozenset(modes))

    def _matrix(
        self,
        ids: tuple[str, ...],
        anchors: tuple[tuple[str, float, float, float], ...],
        date: dt.date,
        profile: str,
        modes: frozenset[str],
    ) -> TravelMatrix:
        return _cached_matrix(self, ids, anchors, self.active_links(date, modes), profile)

    def _compute(
        self,
        ids: tuple[str, ...],
        anchors: tuple[tuple[str, float, float, float], ...],
        links: frozenset[str],
        profile: str,
    ) -> TravelMatrix:
        prof = self._profile(profile)
        st = self._state(profile, links)
        index = {n: i for i, n in enumerate(st.nodes)}
        a_idx = np.array([index[a[0]] for a in anchors], dtype=np.int64)
        conn_m = np.array([a[1] for a in anchors])
        conn_s = prof.access_s(conn_m, np.array([self.urban_m(a[0]) for a in anchors]))
        sub = np.ix_(a_idx, a_idx)
        t = conn_s[:, None] + st.time_s[sub] + conn_s[None, :]
        length = conn_m[:, None] + st.length_m[sub] + conn_m[None, :]
        drive = conn_s[:, None] + st.drive_s[sub] + conn_s[None, :]
        price = st.price[sub].copy()
        # Places on the same node travel straight between each other.
        same = a_idx[:, None] == a_idx[None, :]
        ii, jj = np.nonzero(np.triu(same, 1))
        if len(ii):
            lat = np.array([a[2] for a in anchors])
            lon = np.array([a[3] for a in anchors])
            # WGS84 geodesics, vectorised (pyproj), the same metric as the connectors
            _az1, _az2, d = _GEOD.inv(lon[ii], lat[ii], lon[jj], lat[jj])
            d = np.asarray(d) * self.detour_factor
            sec = prof.access_s(d, np.array([self.urban_m(anchors[i][0]) for i in ii]))
            for arr, val in ((length, d), (t, sec), (drive, sec), (price, 0.0)):
                arr[ii, jj] = val
                arr[jj, ii] = val
        reach = np.isfinite(t)
        np.fill_diagonal(t, 0.0)
        np.fill_diagonal(length, 0.0)
        np.fill_diagonal(drive, 0.0)
        np.fill_diagonal(price, 0.0)
        t = t + prof.boarding_s * (~np.eye(len(ids), dtype=bool))
        out = {}
        for name, arr in (
            ("duration_s", t),
            ("distance_m", length),
            ("drive_s", drive),
            ("price_rub", price),
        ):
            m = np.where(reach, np.rint(np.where(reach, arr, 0)), -1).astype(np.int64)
            m.setflags(write=False)
            out[name] = m
        reach.setflags(write=False)
        return TravelMatrix(list(ids), reachable=reach, **out)

    # ------------------------------------------------------------------ legs

    def leg(
        self,
        origin: str,
        destination: str,
        date: dt.date,
        *,
        profile: str = "car",
        modes: Iterable[str] = LINK_MODES,
    ) -> NetworkLeg | None:
        """Return the fastest journey from ``origin`` to ``destination`` on ``date``.

        Returns
        -------
        NetworkLeg or None
            ``None`` when the destination cannot be reached on that date.
        """
        m = self.matrix([origin, destination], date, profile=profile, modes=modes)
        if not m.reachable[0, 1]:
            return None
        a0, _l0, lat0, lon0 = self._anchor(origin)
        a1, _l1, lat1, lon1 = self._anchor(destination)
        coords = [(lat0, lon0)]
        path = [origin]
        modes_out: list[str] = []
        link_ids: list[str] = []
        if a0 != a1:
            st = self._state(profile, self.active_links(date, modes))
            index = {n: i for i, n in enumerate(st.nodes)}
            s, v = index[a0], index[a1]
            chain = [v]
            while chain[-1] != s:
                chain.append(int(st.pred[s, chain[-1]]))
            chain.reverse()
            if origin != a0:
                modes_out.append(Mode.CONNECTOR)
            for p, q in itertools.pairwise(chain):
                mode, attrs = st.edge[(p, q)]
                modes_out.append(mode)
                if attrs.get("link_id"):
                    link_ids.append(attrs["link_id"])
            for k in chain:
                node = st.nodes[k]
                if node == path[-1]:  # the origin is itself a graph node
                    continue
                path.append(node)
                coords.append((self.graph.nodes[node]["lat"], self.graph.nodes[node]["lon"]))
            if destination != a1:
                modes_out.append(Mode.CONNECTOR)
        else:
            modes_out.append(Mode.CONNECTOR)
        if path[-1] != destination:
            path.append(destination)
            coords.append((lat1, lon1))
        return NetworkLeg(
            origin,
            destination,
            int(m.duration_s[0, 1]),
            int(m.distance_m[0, 1]),
            int(m.drive_s[0, 1]),
            int(m.price_rub[0, 1]),
            path,
            modes_out,
            coords,
            link_ids,
        )


@lru_cache(maxsize=256)
def _cached_matrix(
    net: Network,
    ids: tuple[str, ...],
    anchors: tuple[tuple[str, float, float, float], ...],
    links: frozenset[str],
    profile: str,
) -> TravelMatrix:
    return net._compute(ids, anchors, links, profile)


# ----------------------------------------------------------------------------- loading


def _nearest(graph: nx.MultiDiGraph, nodes: list[str], lat: float, lon: float) -> str:
    la = np.array([graph.nodes[n]["lat"] for n in nodes])
    lo = np.array([graph.nodes[n]["lon"] for n in nodes])
    return nodes[int(np.argmin(_haversine_m(lat, lon, la, lo)))]


def load_network(data_dir: Path | str | None = None, catalog: Catalog | None = None) -> Network:
    """Load the travel network from ``data_dir/network`` and attach the catalog's places.

    Parameters
    ----------
    data_dir : path, optional
        Folder holding ``network/nodes.csv``, ``roads.csv``, ``links.csv`` and
        ``profiles.yaml`` (default: the built-in ``data/``).
    catalog : Catalog, optional
        Its hubs become graph nodes (links start and end at hubs); its places attach to the
        graph so that :meth:`Network.matrix` accepts their ids.

    Raises
    ------
    NetworkError
        Every problem in every file, naming file, row and field; then every graph-contract
        violation.
    """
    root = (Path(data_dir) if data_dir is not None else default_data_dir()) / "network"
    issues: list[Issue] = []
    nodes_t = read_table(root / "nodes.csv", _NODE_COLUMNS, issues)
    roads_t = read_table(root / "roads.csv", _ROAD_COLUMNS, issues)
    links_t = read_table(root / "links.csv", _LINK_COLUMNS, issues)
    profiles, detour, access = _load_profiles(root / "profiles.yaml", issues)
    for need in ("car", "coach"):
        if profiles and need not in profiles:
            where = str(root / "profiles.yaml")
            issues.append(Issue(where, None, f"profiles.{need}", Msg("err.pyd.missing")))

    graph = nx.MultiDiGraph()
    for line, r in nodes_t.rows:
        if r["id"] in graph:
            issues.append(Issue(nodes_t.path, line, "id", Msg("err.cat.dupe", {"id": r["id"]})))
            continue
        graph.add_node(
            r["id"],
            kind=r["kind"],
            lat=r["lat"],
            lon=r["lon"],
            name_ru=r["name_ru"],
            name_en=r["name_en"],
        )
    road_nodes = list(graph.nodes)
    for line, r in roads_t.rows:
        bad = [k for k in ("from", "to") if r[k] not in graph]
        for k in bad:
            issues.append(Issue(roads_t.path, line, k, Msg("err.net.no_node", {"id": r[k]})))
        if bad:
            continue
        if r["from"] == r["to"]:
            issues.append(Issue(roads_t.path, line, "to", Msg("err.net.loop")))
            continue
        attrs = dict(
            mode="road",
            length_m=r["distance_km"] * 1000.0,
            road_class=r["road_class"],
            road=r["road"],
            distance_kind=r["distance_kind"],
        )
        graph.add_edge(r["from"], r["to"], **attrs)
        graph.add_edge(r["to"], r["from"], **attrs)

    if catalog is not None and road_nodes:
        for hub in catalog.hubs.values():
            graph.add_node(
                hub.id,
                kind="hub",
                lat=hub.lat,
                lon=hub.lon,
                name_ru=hub.name_ru,
                name_en=hub.name_en,
            )
            target = hub.network_node
            if target is not None and target not in road_nodes:
                issues.append(
                    Issue(
                        f"{catalog.source}/hubs.csv",
                        None,
                        "network_node",
                        Msg("err.net.hub_node", {"hub": hub.id, "id": target}),
                    )
                )
                continue
            target = target or _nearest(graph, road_nodes, hub.lat, hub.lon)
            a = graph.nodes[target]
            length = max(_geodesic_m(hub.lat, hub.lon, a["lat"], a["lon"]) * detour, 1.0)
            graph.add_edge(hub.id, target, mode="connector", length_m=length)
            graph.add_edge(target, hub.id, mode="connector", length_m=length)

    for line, r in links_t.rows:
        bad = [k for k in ("from", "to") if r[k] not in graph]
        for k in bad:
            issues.append(Issue(links_t.path, line, k, Msg("err.net.not_node", {"id": r[k]})))
        if bad:
            continue
        attrs = dict(
            mode=r["mode"],
            length_m=r["distance_km"] * 1000.0,
            duration_s=r["duration_min"] * 60,
            overhead_s=r["overhead_min"] * 60,
            season=r["season"],
            weekdays=r["weekdays"],
            price_rub=r["price_rub"],
            link_id=r["id"],
        )
        graph.add_edge(r["from"], r["to"], **attrs)
        if r["bidirectional"]:
            graph.add_edge(r["to"], r["from"], **attrs)

    for place in catalog or ():
        node = place.network_node
        if node and node not in graph and place.id not in graph:
            kind = {"Site": "sites.csv", "Lodging": "lodgings.csv"}.get(
                type(place).__name__, "hubs.csv"
            )
            close = process.extract(node, list(graph.nodes), scorer=fuzz.WRatio, limit=3)
            issues.append(
                Issue(
                    kind,
                    None,
                    "network_node",
                    Msg(
                        "err.net.place_node",
                        {"place": place.id, "id": node, "ids": ", ".join(str(c[0]) for c in close)},
                    ),
                )
            )
    if issues:
        title = Msg("err.net.title", {"root": root, "n": Plural(len(issues), "problem")})
        raise NetworkError(issues, title=title)
    return Network(graph, profiles, detour, catalog, access=access)


def far_from_road_reasons(network: Network, places: Iterable[str]) -> list[Reason]:
    """A warning (reason ``far_from_road``) for each of ``places`` off the road network (see
    :meth:`Network.far_from_road`), naming the place, its distance and its road node."""
    return [
        Reason(
            "far_from_road",
            {
                "place": (network.name(far.place_id, "ru"), network.name(far.place_id, "en")),
                "km": f"{far.distance_km:.0f}",
                "node": (network.name(far.node, "ru"), network.name(far.node, "en")),
            },
        )
        for far in network.far_from_road(places)
    ]


def road_map(
    data_dir: Path | str | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The road graph's nodes and segments as drawn on a map, without building the network.

    Parameters
    ----------
    data_dir : path, optional
        Folder holding ``network/nodes.csv`` and ``roads.csv`` (default: the built-in ``data/``).

    Returns
    -------
    nodes, roads : list of dict
        Rows of ``nodes.csv`` (``id``, ``name_ru``, ``name_en``, ``kind``, ``lat``, ``lon``) and
        of ``roads.csv`` (``from``, ``to``, ``road``, ``road_class``, …) that parse; rows with a
        problem, or roads to an unknown node, are left out (:func:`load_network` reports them).
    """
    root = (Path(data_dir) if data_dir is not None else default_data_dir()) / "network"
    issues: list[Issue] = []
    nodes = [r for _line, r in read_table(root / "nodes.csv", _NODE_COLUMNS, issues).rows]
    ids = {r["id"] for r in nodes}
    roads = [
        r
        for _line, r in read_table(root / "roads.csv", _ROAD_COLUMNS, issues).rows
        if r["from"] in ids and r["to"] in ids
    ]
    return nodes, roads


def travel_time_text(seconds: float) -> str:
    """Format seconds as ``'7 h 35 min'``."""
    minutes = round(seconds / 60)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"

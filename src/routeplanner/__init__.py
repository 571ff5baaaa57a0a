"""routeplanner: multi-day itinerary planning for industrial tourism in the Irkutsk region."""

from __future__ import annotations

from .catalog import Catalog, load_catalog
from .check import Violation, check_itinerary
from .exceptions import (
    CatalogError,
    InfeasibleError,
    ItineraryError,
    NetworkError,
    RouteplannerError,
    ScenarioError,
    UnknownPlaceError,
)
from .model import Problem, SolverSettings, TripRequest
from .network import Network, load_network
from .planner import plan
from .result import Itinerary
from .scenario import load_scenario
from .solve import Solution, solve

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "CatalogError",
    "InfeasibleError",
    "Itinerary",
    "ItineraryError",
    "Network",
    "NetworkError",
    "Problem",
    "RouteplannerError",
    "ScenarioError",
    "Solution",
    "SolverSettings",
    "TripRequest",
    "UnknownPlaceError",
    "Violation",
    "__version__",
    "check_itinerary",
    "load_catalog",
    "load_network",
    "load_scenario",
    "plan",
    "solve",
]

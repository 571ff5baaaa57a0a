"""routeplanner: multi-day itinerary planning for industrial tourism in the Irkutsk region.

The public names below are imported on first use (PEP 562), so that ``import routeplanner``
and the command line's ``--help``, ``--version`` and ``sites`` stay free of numba and OR-Tools.
``routeplanner.solve`` is the module (its function is ``routeplanner.solve.solve``).
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("routeplanner")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

#: public name -> module that defines it
_EXPORTS = {
    "Catalog": "catalog",
    "load_catalog": "catalog",
    "Violation": "check",
    "check_itinerary": "check",
    "CatalogError": "exceptions",
    "InfeasibleError": "exceptions",
    "ItineraryError": "exceptions",
    "NetworkError": "exceptions",
    "RouteplannerError": "exceptions",
    "ScenarioError": "exceptions",
    "UnknownPlaceError": "exceptions",
    "Problem": "model",
    "SolverSettings": "model",
    "TripRequest": "model",
    "Network": "network",
    "load_network": "network",
    "plan": "planner",
    "Itinerary": "result",
    "load_scenario": "scenario",
    "Solution": "solve",
}

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

if TYPE_CHECKING:
    from . import solve
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
    from .solve import Solution


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name == "solve":
        return importlib.import_module(".solve", __name__)
    raise AttributeError(f"module 'routeplanner' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""Shared fixtures: the built-in catalog and network (loaded once), small hand-made data."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import evil_catalog, hand_itinerary
from routeplanner.catalog import Catalog, load_catalog
from routeplanner.network import Network, load_network
from routeplanner.result import Itinerary
from routeplanner.settings import default_data_dir

DATA = default_data_dir()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The built-in catalog."""
    return load_catalog(DATA)


@pytest.fixture(scope="session")
def network(catalog: Catalog) -> Network:
    """The built-in network with the catalog attached."""
    return load_network(DATA, catalog)


@pytest.fixture(scope="session")
def cat(catalog: Catalog) -> Catalog:
    """The built-in catalog plus a site with hostile text (:func:`builders.evil_catalog`)."""
    return evil_catalog(catalog)


@pytest.fixture(scope="session")
def itinerary(cat: Catalog) -> Itinerary:
    """A two-day plan built by hand (:func:`builders.hand_itinerary`)."""
    return hand_itinerary(cat)


@pytest.fixture(scope="session")
def warm_kernels() -> None:
    """Compile (or load from numba's cache) the search kernels once for the whole test run,
    so that no test's own time includes the compilation."""
    from routeplanner._ils import warm_up

    warm_up()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in data folder (for malformed-file tests)."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """Put back ``sys.modules["__main__"]`` after each test.

    Streamlit's ``AppTest`` runs a page as a module named ``__main__`` and leaves it there;
    process pools started later (``spawn``) would then re-run that page script in every worker
    and fail with ``NameError: name '__args' is not defined``.
    """
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main

"""Shared fixtures: the built-in catalog and network (loaded once), small hand-made data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from routeplanner.catalog import Catalog, load_catalog
from routeplanner.network import Network, load_network
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


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in data folder (for malformed-file tests)."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest

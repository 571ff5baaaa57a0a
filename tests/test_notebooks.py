"""The walkthrough notebooks run top to bottom on the built-in data (so they cannot rot)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm_kernels")]

nbformat = pytest.importorskip("nbformat", reason="needs nbformat (the dev extra)")
nbclient = pytest.importorskip("nbclient", reason="needs nbclient (the dev extra)")
pytest.importorskip("ipykernel", reason="needs ipykernel (the dev extra)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_the_three_walkthroughs_exist() -> None:
    assert ALL == [
        "01_agency_design_route.ipynb",
        "02_tour_company_embed.ipynb",
        "03_analyst_compare.ipynb",
    ]


@pytest.mark.parametrize("name", ALL)
def test_notebook_runs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "store notebooks without outputs"
    )
    client = nbclient.NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",  # the kernel of the running interpreter (the venv)
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError naming the cell that failed
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert errors == []

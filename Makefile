# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench web clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,web,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/routeplanner demo --out out/demo --force

test: $(STAMP)
	$(BIN)/python -m pytest -q

web: $(STAMP)
	$(BIN)/routeplanner web

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,web,dask,bench]'
	$(BIN)/python benchmarks/network_bench.py
	$(BIN)/python benchmarks/planner_bench.py
	$(BIN)/python benchmarks/solver_bench.py --quick --limits 1,10

clean:
	rm -rf $(VENV) out .pytest_cache

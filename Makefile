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
	# compile the search's kernels into numba's on-disk cache now, so that the first plan
	# does not pay the compilation (about 15-40 s once; later processes load it in ~0.3 s)
	$(BIN)/python -c 'from routeplanner._ils import warm_up; print(f"compiled search ready ({warm_up():.1f} s)")'
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

"""Named search variants measured with ``solver_bench.py --variant NAME`` (see RESULTS.md).

Each maps to keyword arguments of :func:`routeplanner.solve.solve`: ``search_params`` are
OR-Tools search-parameter overrides by dotted name, ``ils`` switches the iterated local search,
``ortools_share`` is the OR-Tools share of the time, ``ils_options`` are options of the
iterated local search: the compiled one (:meth:`routeplanner._ils.CompiledILS.run`, the default
since step 6) or, with ``"compiled": False``, the Python one of steps 1-5
(:func:`routeplanner.solve.iterated_local_search`). Step 6 (the compiled ILS as first
committed) is not reproducible from here: step 7 changed the kernel itself. Since step 8 every
compiled variant includes the exchange local search unless it sets ``replace=0``. The names of the
steps in RESULTS.md are spelled out in full here so that a step can be re-run against the
current code.
"""

from __future__ import annotations

_OPS = "local_search_operators."
_OR_ONLY = {"ils": False}  # the OR-Tools screen ran before the ILS existed


def _step1(**opts) -> dict:
    """ILS as first introduced (step 1, Python): no ratio noise, segment up to n / (3 m), 20 %
    of the time to OR-Tools; ``opts`` change ILS options."""
    return {
        "ortools_share": 0.2,
        "ils_options": {"compiled": False, "noise": 0.0, "size_cap": 10**9, **opts},
    }


def _compiled(**opts) -> dict:
    """The compiled ILS (step 6 on) with ``opts`` changed."""
    return {"ils_options": opts}


VARIANTS: dict[str, dict] = {
    # the current defaults (final)
    "default": {},
    # step 8: the exchange local search after every recreate is the default; without it (the
    # search of step 7) and after a quarter of them
    "noreplace": _compiled(replace=0.0),
    "replace025": _compiled(replace=0.25),
    "noils": _OR_ONLY,
    # OR-Tools screen (OR-Tools only, 1 s)
    "gls_l0.01": {**_OR_ONLY, "search_params": {"guided_local_search_lambda_coefficient": 0.01}},
    "gls_l0.001": {
        **_OR_ONLY,
        "search_params": {"guided_local_search_lambda_coefficient": 0.001},
    },
    "tabu": {**_OR_ONLY, "search_params": {"local_search_metaheuristic": "TABU_SEARCH"}},
    "gtabu": {**_OR_ONLY, "search_params": {"local_search_metaheuristic": "GENERIC_TABU_SEARCH"}},
    "sa": {**_OR_ONLY, "search_params": {"local_search_metaheuristic": "SIMULATED_ANNEALING"}},
    "ortools_ils": {
        **_OR_ONLY,
        "search_params": {
            "use_iterated_local_search": True,
            "local_search_metaheuristic": "GREEDY_DESCENT",
            "iterated_local_search_parameters.ruin_recreate_parameters": {
                "ruin_strategies": [{"random_walk": {"num_removed_visits": 10}}],
                "recreate_strategy": {"heuristic": "LOCAL_CHEAPEST_INSERTION"},
            },
        },
    },
    "ortools_ils_sisr": {
        **_OR_ONLY,
        "search_params": {
            "use_iterated_local_search": True,
            "local_search_metaheuristic": "GREEDY_DESCENT",
            "iterated_local_search_parameters.ruin_recreate_parameters": {
                "ruin_strategies": [
                    {
                        "sisr": {
                            "max_removed_sequence_size": 10,
                            "avg_num_removed_visits": 10,
                            "bypass_factor": 0.01,
                        }
                    }
                ],
                "recreate_strategy": {"heuristic": "LOCAL_CHEAPEST_INSERTION"},
            },
        },
    },
    "tabu_lci": {
        **_OR_ONLY,
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            "first_solution_strategy": "LOCAL_CHEAPEST_INSERTION",
        },
    },
    "tabu_seq": {
        **_OR_ONLY,
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            "first_solution_strategy": "SEQUENTIAL_CHEAPEST_INSERTION",
        },
    },
    "gls_ops": {
        **_OR_ONLY,
        "search_params": {
            _OPS + "use_extended_swap_active": True,
            _OPS + "use_relocate_and_make_active": True,
            _OPS + "use_exchange_and_make_active": True,
        },
    },
    "tabu_ops": {
        **_OR_ONLY,
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            _OPS + "use_extended_swap_active": True,
            _OPS + "use_relocate_and_make_active": True,
            _OPS + "use_exchange_and_make_active": True,
        },
    },
    # the ILS steps
    "step1_ils": _step1(),
    "step1_acc0": _step1(accept_worse=0.0),
    "step1_acc1": _step1(accept_worse=1.0, reset_after=0),
    "step1_noise0.3": _step1(noise=0.3),
    "step1_share05": {**_step1(), "ortools_share": 0.05},
    "step1_share40": {**_step1(), "ortools_share": 0.4},
    "step2_noise1": _step1(noise=1.0),
    "step2_noise2": _step1(noise=2.0),
    "step2_noise_random2": _step1(noise=-2.0),
    "step3_cap8": {
        "ortools_share": 0.2,
        "ils_options": {"compiled": False, "noise": 1.0, "size_cap": 8},
    },
    "step4_share05": {"ils_options": {"compiled": False}},
    # the compiled ILS
    "python_ils": {"ils_options": {"compiled": False}},  # step 5: the Python ILS
    "step6_compiled_1start": _compiled(starts=1),
    # options tried and left off
    "cluster0.3": {"ils_options": {"compiled": False, "cluster": 0.3}},
    "polish": {"use_polish": True},
}

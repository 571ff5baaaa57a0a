"""Named search variants measured with ``solver_bench.py --variant NAME`` (see RESULTS.md).

Each maps to keyword arguments of :func:`routeplanner.solve.solve`; ``search_params`` are
OR-Tools search-parameter overrides by dotted name.
"""

from __future__ import annotations

_OPS = "local_search_operators."

VARIANTS: dict[str, dict] = {
    "default": {},
    "gls_l0.01": {"search_params": {"guided_local_search_lambda_coefficient": 0.01}},
    "gls_l0.001": {"search_params": {"guided_local_search_lambda_coefficient": 0.001}},
    "tabu": {"search_params": {"local_search_metaheuristic": "TABU_SEARCH"}},
    "gtabu": {"search_params": {"local_search_metaheuristic": "GENERIC_TABU_SEARCH"}},
    "sa": {"search_params": {"local_search_metaheuristic": "SIMULATED_ANNEALING"}},
    "ils": {
        "search_params": {
            "use_iterated_local_search": True,
            "local_search_metaheuristic": "GREEDY_DESCENT",
            "iterated_local_search_parameters.ruin_recreate_parameters": {
                "ruin_strategies": [{"random_walk": {"num_removed_visits": 10}}],
                "recreate_strategy": {"heuristic": "LOCAL_CHEAPEST_INSERTION"},
            },
        }
    },
    "ils_sisr": {
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
        }
    },
    "tabu_lci": {
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            "first_solution_strategy": "LOCAL_CHEAPEST_INSERTION",
        }
    },
    "tabu_seq": {
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            "first_solution_strategy": "SEQUENTIAL_CHEAPEST_INSERTION",
        }
    },
    "tabu_ops": {
        "search_params": {
            "local_search_metaheuristic": "TABU_SEARCH",
            _OPS + "use_extended_swap_active": True,
            _OPS + "use_relocate_and_make_active": True,
            _OPS + "use_exchange_and_make_active": True,
        }
    },
    "gls_ops": {
        "search_params": {
            _OPS + "use_extended_swap_active": True,
            _OPS + "use_relocate_and_make_active": True,
            _OPS + "use_exchange_and_make_active": True,
        }
    },
}
VARIANTS.update(
    {
        "noils": {"ils": False},
        "ils20": {"ils": True, "ortools_share": 0.2},
    }
)
VARIANTS.update(
    {
        "ils_acc0": {"ils_options": {"accept_worse": 0.0}},
        "ils_acc1": {"ils_options": {"accept_worse": 1.0, "reset_after": 0}},
        "ils_noise": {"ils_options": {"noise": 0.3}},
        "ils_share05": {"ortools_share": 0.05},
        "ils_share40": {"ortools_share": 0.4},
    }
)
VARIANTS.update(
    {
        "noise1": {"ils_options": {"noise": 1.0}},
        "noise2": {"ils_options": {"noise": 2.0}},
        "noiseR2": {"ils_options": {"noise": -2.0}},
        "noise1_pol": {"ils_options": {"noise": 1.0}, "use_polish": True},
    }
)
VARIANTS.update(
    {
        "noise1_cap8": {"ils_options": {"noise": 1.0, "size_cap": 8}},
        "noise1_cap8_cl": {"ils_options": {"noise": 1.0, "size_cap": 8, "cluster": 0.3}},
    }
)
VARIANTS.update(
    {
        "cap8_share05": {"ils_options": {"noise": 1.0, "size_cap": 8}, "ortools_share": 0.05},
    }
)

"""Where independent solves run: this process, a local process pool, or a Dask cluster.

``compare`` and ``season`` hand their independent plans to any
:class:`concurrent.futures.Executor`. This module builds the two kinds the command line offers
beside the default process pool:

- ``scheduler="tcp://host:8786"``: the executor of a :class:`distributed.Client` connected to a
  running Dask scheduler (its workers need ``routeplanner`` installed and the data folder
  readable at the same path);
- ``local_workers=N``: a :class:`distributed.LocalCluster` of N single-threaded worker
  processes on this machine, started for the run and closed after it.

Dask is optional: ``pip install 'routeplanner[dask]'``. Without it, asking for either raises
:class:`DaskExtraMissingError`, whose message names the extra. Tasks are submitted with
``pure=False`` (every plan is run, none is taken from Dask's cache of an equal call).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import importlib.util
import logging
import os
from collections.abc import Iterator

from .exceptions import Msg, RouteplannerError, os_reason

__all__ = ["DaskExtraMissingError", "dask_available", "dask_executor", "default_workers"]


class DaskExtraMissingError(RouteplannerError, ImportError):
    """Dask's ``distributed`` is not installed; the message says how to install it."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        from .i18n import t

        return t("err.dask_extra", lang)


def dask_available() -> bool:
    """True when ``distributed`` can be imported."""
    return importlib.util.find_spec("distributed") is not None


@contextlib.contextmanager
def dask_executor(
    *,
    scheduler: str | None = None,
    local_workers: int | None = None,
    processes: bool = True,
) -> Iterator[cf.Executor]:
    """An executor on a Dask cluster, closed (with a local cluster) on exit.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``).
    local_workers : int, optional
        Start a :class:`distributed.LocalCluster` with this many workers (one thread each).
    processes : bool
        Local workers as processes (default) or as threads of this process (tests).

    Yields
    ------
    concurrent.futures.Executor
        ``Client.get_executor(pure=False)``.

    Raises
    ------
    DaskExtraMissingError
        ``distributed`` is not installed.
    ValueError
        Neither or both of ``scheduler`` and ``local_workers``, or fewer than one worker.
    RouteplannerError
        The scheduler cannot be reached.
    """
    if (scheduler is None) == (local_workers is None):
        raise ValueError("give either a scheduler address or a number of local workers")
    if local_workers is not None and local_workers < 1:
        raise ValueError("a local cluster needs at least one worker")
    if not dask_available():
        raise DaskExtraMissingError()
    import distributed

    if not logging.getLogger().isEnabledFor(logging.INFO):
        # Dask logs every start and stop at INFO; keep them for --verbose runs only
        logging.getLogger("distributed").setLevel(logging.WARNING)
    with contextlib.ExitStack() as stack:
        if local_workers is not None:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=local_workers,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        else:
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout="20s"))
            except OSError as err:
                where = {"address": scheduler, "why": os_reason(err)}
                raise RouteplannerError(Msg("err.dask_unreachable", where)) from err
        yield client.get_executor(pure=False)


def default_workers(tasks: int) -> int:
    """Processes for a local pool: the CPUs this process may use, at most one per task."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, tasks))

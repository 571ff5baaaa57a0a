"""The web app for the agency's staff: catalog, planning, embedding and comparison in a browser.

The app is a Streamlit script (:data:`APP_PATH`) with one module per page. Streamlit is an
optional extra (``pip install 'routeplanner[web]'``); this module does not import it, so the
rest of the package, and the CLI, work without it.

Start it with ``routeplanner web [--port P]`` (which calls :func:`launch`) or, equivalently::

    streamlit run src/routeplanner/web/app.py --server.maxUploadSize 2
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ..exceptions import RouteplannerError

__all__ = [
    "APP_PATH",
    "MAX_UPLOAD_MB",
    "WebExtraMissingError",
    "launch",
    "missing_packages",
    "streamlit_command",
]

#: The Streamlit entry script.
APP_PATH = Path(__file__).with_name("app.py")

#: Largest upload accepted, megabytes (Streamlit's own limit and the app's check).
MAX_UPLOAD_MB = 2


class WebExtraMissingError(RouteplannerError):
    """Streamlit is not installed."""

    exit_code = 1

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__(
            f"the web app needs {', '.join(missing)}: install the 'web' extra with "
            "pip install 'routeplanner[web]' (from a checkout: pip install -e '.[web]')"
        )


def missing_packages() -> list[str]:
    """The web extra's packages that cannot be imported (empty when the app can run)."""
    wanted = {"streamlit": "streamlit"}
    return [dist for mod, dist in wanted.items() if importlib.util.find_spec(mod) is None]


def streamlit_command(
    port: int = 8501, *, address: str = "localhost", headless: bool = False
) -> list[str]:
    """The command line that serves the app.

    Parameters
    ----------
    port : int
        TCP port to listen on.
    address : str
        Interface to bind; ``localhost`` keeps the app on this machine.
    headless : bool
        Do not open a browser window.

    Returns
    -------
    list of str
        ``python -m streamlit run …/app.py`` with the app's server options.
    """
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_PATH),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true" if headless else "false",
        "--server.maxUploadSize", str(MAX_UPLOAD_MB),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--client.showErrorDetails", "none",
        "--client.toolbarMode", "minimal",
        "--theme.base", "light",
    ]  # fmt: skip


def launch(port: int = 8501, *, address: str = "localhost", headless: bool = False) -> int:
    """Serve the web app until interrupted.

    Parameters
    ----------
    port : int
        TCP port (default 8501).
    address : str
        Interface to bind (default ``localhost``).
    headless : bool
        Do not open a browser window.

    Returns
    -------
    int
        The server's exit status.

    Raises
    ------
    WebExtraMissingError
        Streamlit is missing; the message names the ``web`` extra.
    """
    missing = missing_packages()
    if missing:
        raise WebExtraMissingError(missing)
    cmd = streamlit_command(port, address=address, headless=headless)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 130

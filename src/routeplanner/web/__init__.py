"""The web app for the agency's staff: catalog, planning, embedding and comparison in a browser.

The app is a Streamlit script (:data:`APP_PATH`) with one module per page. Streamlit is an
optional extra (``pip install 'routeplanner[web]'``); this module does not import it, so the
rest of the package, and the CLI, work without it.

Start it with ``routeplanner web [--port P]`` (which calls :func:`launch`) or, equivalently::

    streamlit run src/routeplanner/web/app.py --server.headless true --server.maxUploadSize 2
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..exceptions import RouteplannerError

__all__ = [
    "APP_PATH",
    "MAX_UPLOAD_MB",
    "SERVER_ENV",
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
        self.missing = list(missing)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        from ..i18n import t

        return t("err.web_extra", lang, missing=", ".join(self.missing))


def missing_packages() -> list[str]:
    """The web extra's packages that cannot be imported (empty when the app can run)."""
    wanted = {"streamlit": "streamlit"}
    return [dist for mod, dist in wanted.items() if importlib.util.find_spec(mod) is None]


#: Environment of the server: no first-run prompt, no usage statistics.
SERVER_ENV = {
    "STREAMLIT_SERVER_HEADLESS": "true",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
}


def streamlit_command(port: int = 8501, *, address: str = "localhost") -> list[str]:
    """The command line that serves the app.

    The server always runs headless: Streamlit's interactive first run (a "Welcome … Email:"
    prompt on a fresh machine) never starts and no usage statistics are sent;
    :func:`launch` opens the browser itself.

    Parameters
    ----------
    port : int
        TCP port to listen on.
    address : str
        Interface to bind; ``localhost`` keeps the app on this machine.

    Returns
    -------
    list of str
        ``python -m streamlit run …/app.py`` with the app's server options.
    """
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_PATH),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--server.maxUploadSize", str(MAX_UPLOAD_MB),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--client.showErrorDetails", "none",
        "--client.toolbarMode", "minimal",
        "--theme.base", "light",
    ]  # fmt: skip


def _open_when_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    """Open ``url`` in a browser once the server answers its health check."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    webbrowser.open(url)
                    return
        except OSError:
            time.sleep(0.5)


def launch(port: int = 8501, *, address: str = "localhost", headless: bool = False) -> int:
    """Serve the web app until stopped.

    The server is a child process; SIGTERM and SIGINT sent to this process (a service manager
    stopping it, Ctrl-C) are forwarded to it, and this process waits for it to end, so the
    server never outlives its launcher.

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
        The server's exit status (128 + the signal number when a signal ended it).

    Raises
    ------
    WebExtraMissingError
        Streamlit is missing; the message names the ``web`` extra.
    """
    missing = missing_packages()
    if missing:
        raise WebExtraMissingError(missing)
    cmd = streamlit_command(port, address=address)
    proc = subprocess.Popen(cmd, env=os.environ | SERVER_ENV)

    def forward(signum: int, frame: Any) -> None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(ValueError):  # not the main thread: nothing to forward
            previous[sig] = signal.signal(sig, forward)
    try:
        if not headless:
            host = "localhost" if address in ("0.0.0.0", "::") else address
            threading.Thread(
                target=_open_when_ready, args=(f"http://{host}:{port}", proc), daemon=True
            ).start()
        while True:
            try:
                code = proc.wait()
                break
            except KeyboardInterrupt:  # forwarded already; wait for the server to stop
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if proc.poll() is None:  # this process is leaving for another reason
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return code if code >= 0 else 128 - code

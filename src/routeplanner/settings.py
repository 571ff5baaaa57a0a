"""Package-wide settings: where the built-in data lives, and logging."""

from __future__ import annotations

import logging
import os
from pathlib import Path

__all__ = ["TIMEZONE", "default_data_dir", "logger"]

#: Irkutsk local time (UTC+8, no DST); every time in the data and the plans is local.
TIMEZONE = "Asia/Irkutsk"

logger = logging.getLogger("routeplanner")
logger.addHandler(logging.NullHandler())


def default_data_dir() -> Path:
    """Return the folder of the built-in catalog and network.

    ``$ROUTEPLANNER_DATA`` wins; otherwise the copy shipped in the wheel, otherwise the
    repository's ``data/`` (editable installs).

    Returns
    -------
    pathlib.Path
        The data folder.
    """
    env = os.environ.get("ROUTEPLANNER_DATA")
    if env:
        return Path(env)
    shipped = Path(__file__).parent / "_data"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "data"

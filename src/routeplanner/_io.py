"""Atomic file output: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "write_file_set"]


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are ordinary readable files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_file_set(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write a set of files under ``out``, all or none.

    ``files`` maps a relative path (``"season.csv"``, ``"departures/a/map.html"``) to its
    bytes. Every file is written into a temporary folder inside ``out`` first; only when all
    are written are they moved into place, one atomic rename each. If a move fails, the files
    already moved are put back as they were, so a failure never leaves a half-new set.

    Returns
    -------
    list of Path
        The files written, in the order of ``files``.

    Raises
    ------
    ValueError
        A path is absolute or leaves ``out``.
    """
    out = Path(out)
    for name in files:
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise ValueError(f"'{name}' is not a relative path inside the output folder")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".routeplanner-", dir=out))
    try:
        for name, data in files.items():
            target = tmp / "new" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(target, 0o644)
        # keep the previous files (hard links, else copies) to put back if a move fails
        previous = tmp / "previous"
        for name in files:
            if (out / name).is_file():
                (previous / name).parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(out / name, previous / name)
                except OSError:
                    shutil.copy2(out / name, previous / name)
        moved: list[str] = []
        try:
            for name in files:
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp / "new" / name, out / name)
                moved.append(name)
        except BaseException:
            for name in moved:
                if (previous / name).exists():
                    os.replace(previous / name, out / name)
                else:
                    (out / name).unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [out / name for name in files]

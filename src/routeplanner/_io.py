"""Writing output files: one atomic writer for a whole set of files.

Renderers return ``dict[name, bytes]`` (names relative to the output folder, ``/`` for
sub-folders); :func:`write_files` puts such a set on disk all or nothing: every file is written
into a staging folder inside the output folder first and moved into place only when all are
written; if a move fails, the files already moved are put back as they were. Readers see the old
set or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

__all__ = ["STAGING_PREFIX", "atomic_write_bytes", "write_files"]

#: Name prefix of the hidden staging folders :func:`write_files` makes inside the output folder.
STAGING_PREFIX = ".routeplanner-"


def _relative(name: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if not rel.parts or rel.is_absolute() or any(p in ("", ".", "..") for p in rel.parts):
        raise ValueError(f"not a relative file name inside the output folder: {name!r}")
    return rel


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, 0o644)  # an output to share, not a secret (mkstemp would make it 0600)


def write_files(out: Path | str, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` into the folder ``out``, all of them or none.

    Parameters
    ----------
    out : path
        Output folder (created if missing).
    files : mapping
        Relative file name (``"map.html"``, ``"plans/car/map.html"``) to its bytes.

    Returns
    -------
    list of Path
        The files written, in the order of ``files``.

    Raises
    ------
    ValueError
        A name is absolute or leaves the folder.
    OSError
        The folder cannot be written (full disk, read-only, a folder where a file should go);
        the folder is then as it was before the call.
    """
    out = Path(out)
    names = {name: _relative(name) for name in files}
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        for name, rel in names.items():
            target = stage / "new" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, files[name])
        # keep the previous files (hard links, else copies) to put back if a move fails
        previous = stage / "previous"
        for rel in names.values():
            old = out / rel
            if old.is_file():
                (previous / rel).parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(old, previous / rel)
                except OSError:
                    shutil.copy2(old, previous / rel)
        moved: list[PurePosixPath] = []
        made: list[Path] = []
        try:
            for rel in names.values():
                parent = (out / rel).parent
                missing = [p for p in [parent, *parent.parents] if not p.exists()]
                for p in reversed(missing):
                    p.mkdir()
                    made.append(p)
                os.replace(stage / "new" / rel, out / rel)
                moved.append(rel)
        except BaseException:
            for rel in moved:
                if (previous / rel).exists():
                    os.replace(previous / rel, out / rel)
                else:
                    (out / rel).unlink(missing_ok=True)
            for p in reversed(made):
                with contextlib.suppress(OSError):
                    p.rmdir()
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / rel for rel in names.values()]


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write one file atomically (:func:`write_files` with a set of one)."""
    path = Path(path)
    return write_files(path.parent, {path.name: data})[0]

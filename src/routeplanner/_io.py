"""Reading inputs with a size bound, and one atomic writer for a whole set of output files.

Renderers return ``dict[name, bytes]`` (names relative to the output folder, ``/`` for
sub-folders); :func:`write_files` puts such a set on disk all or nothing: every file is written
into a staging folder inside the output folder first and moved into place only when all are
written; if a move fails, the files already moved are put back as they were. Readers see the old
set or the new one, never half of each. A staging folder left by a run that was killed is
recognised (its process is gone) and cleared by the next run (:func:`clear_stale_staging`);
:func:`locked_folder` keeps a second run out of a folder while one is writing into it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from .exceptions import Invalid, OutputBusyError

try:
    import fcntl
except ImportError:  # not on a POSIX system: no folder lock
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LOCK_NAME",
    "STAGING_PREFIX",
    "TooLargeError",
    "atomic_write_bytes",
    "clear_stale_staging",
    "locked_folder",
    "read_limited",
    "write_files",
]

#: Name prefix of the hidden staging folders :func:`write_files` makes inside the output folder
#: (followed by the writing process's id).
STAGING_PREFIX = ".routeplanner-"
#: The lock file :func:`locked_folder` keeps in the output folder while a run writes there.
LOCK_NAME = ".routeplanner.lock"
#: A staging folder whose process cannot be told is stale after this long, seconds.
_STALE_AFTER_S = 600
_STAGE = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def clear_stale_staging(out: Path | str) -> list[Path]:
    """Remove the staging folders a killed run left in ``out``.

    A staging folder is stale when the process named in it no longer runs (or, for one
    without a process id, when it is older than ten minutes).

    Parameters
    ----------
    out : path
        The output folder.

    Returns
    -------
    list of Path
        The folders removed.
    """
    out = Path(out)
    removed = []
    if not out.is_dir():
        return removed
    for entry in out.iterdir():
        if not entry.name.startswith(STAGING_PREFIX) or not entry.is_dir():
            continue
        m = _STAGE.match(entry.name)
        if m is not None:
            stale = int(m.group(1)) != os.getpid() and not _alive(int(m.group(1)))
        else:
            stale = time.time() - entry.stat().st_mtime > _STALE_AFTER_S
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def locked_folder(out: Path | str) -> Iterator[Path]:
    """Hold ``out`` (created if missing) for one run: a second run that asks for the same folder
    while the first holds it gets :class:`~routeplanner.exceptions.OutputBusyError`.

    The lock is an advisory ``flock`` on :data:`LOCK_NAME` inside the folder, released (and the
    file removed) when the block ends, also when the process is killed (the kernel drops the
    lock; the file left behind holds no lock and is reused).

    Raises
    ------
    OutputBusyError
        Another process holds the folder.
    OSError
        The folder cannot be created or written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield out
        return
    path = out / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputBusyError(out, f"process {holder}" if holder.isdigit() else "") from None
        # the file may have been removed by its last holder between open and flock: retry
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield out
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class TooLargeError(Invalid):
    """An input file is larger than its limit (the message says the limit)."""


def read_limited(path: Path | str, limit: int) -> bytes:
    """Read at most ``limit`` bytes of a file; a longer file is refused without reading it all.

    Reading stops at the limit, so a device or a pipe that never ends (``/dev/zero``) costs
    ``limit`` bytes and no more.

    Parameters
    ----------
    path : path
    limit : int
        Largest accepted size, bytes.

    Returns
    -------
    bytes

    Raises
    ------
    TooLargeError
        The file holds more than ``limit`` bytes.
    OSError
        The file cannot be read (missing, a folder, no permission).
    """
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        if limit >= 2**20:
            raise TooLargeError("err.too_large", mib=f"{limit / 2**20:g}")
        raise TooLargeError("err.too_large_bytes", size=limit)
    return data


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
    clear_stale_staging(out)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
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

"""The one atomic writer: a set of files is written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from routeplanner import _io
from routeplanner._io import STAGING_PREFIX, atomic_write_bytes, write_files


def test_writes_a_set_with_sub_folders(tmp_path: Path) -> None:
    written = write_files(tmp_path / "out", {"a.txt": b"A", "plans/x/b.txt": b"B"})
    assert written == [tmp_path / "out" / "a.txt", tmp_path / "out" / "plans" / "x" / "b.txt"]
    assert (tmp_path / "out" / "plans" / "x" / "b.txt").read_bytes() == b"B"
    assert oct((tmp_path / "out" / "a.txt").stat().st_mode & 0o777) == "0o644"
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_replaces_old_files_and_keeps_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old")
    (tmp_path / "keep.txt").write_bytes(b"mine")
    write_files(tmp_path, {"a.txt": b"new"})
    assert (tmp_path / "a.txt").read_bytes() == b"new"
    assert (tmp_path / "keep.txt").read_bytes() == b"mine"


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/x", "", "a/../../b", "."])
def test_refuses_names_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="not a relative file name"):
        write_files(tmp_path / "out", {name: b"x"})
    assert not (tmp_path / "evil.txt").exists()


def test_a_failure_while_moving_puts_the_old_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    real = _io.os.replace
    calls: list[str] = []

    def flaky(a: object, b: object) -> None:
        calls.append(str(b))
        if len(calls) == 3:  # two files already in place, a new folder made for the third
            raise OSError("no space")
        real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(_io.os, "replace", flaky)
    with pytest.raises(OSError, match="no space"):
        write_files(tmp_path, {"a.txt": b"A", "b.txt": b"B", "sub/c.txt": b"C", "d.txt": b"D"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old a"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "old b"


def test_a_failure_while_staging_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io, "_write", full)
    with pytest.raises(OSError, match="No space"):
        write_files(tmp_path, {"a.txt": b"A"})
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_bytes_is_a_set_of_one(tmp_path: Path) -> None:
    assert atomic_write_bytes(tmp_path / "x.html", b"<p>") == tmp_path / "x.html"
    assert (tmp_path / "x.html").read_bytes() == b"<p>"

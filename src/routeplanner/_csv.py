"""Reading CSV tables row by row with typed fields and every problem collected."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._io import TooLargeError, read_limited
from .exceptions import Invalid, Issue, Msg, clip, os_reason

__all__ = [
    "Column",
    "Table",
    "bounded_float",
    "bounded_int",
    "choice",
    "parse_bool",
    "parse_float",
    "parse_hhmm",
    "parse_int",
    "parse_slug",
    "read_table",
]

_SLUG = re.compile(r"^[a-z0-9_]+$")
_MAX_BYTES = 20 * 1024 * 1024


def parse_slug(text: str) -> str:
    """An id: lowercase ASCII letters, digits and underscores."""
    if not _SLUG.match(text):
        raise Invalid("err.csv.slug", value=clip(text, 80))
    return text


def parse_float(text: str) -> float:
    """A finite decimal number (a comma decimal separator is accepted)."""
    try:
        value = float(text.replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        raise Invalid("err.csv.number", value=clip(text, 80)) from None
    if not math.isfinite(value):
        raise Invalid("err.csv.finite", value=clip(text, 80))
    return value


def parse_int(text: str) -> int:
    """A whole number."""
    value = parse_float(text)
    if value != int(value):
        raise Invalid("err.csv.whole", value=clip(text, 80))
    if abs(value) > 10**9:
        raise Invalid("err.csv.too_large", value=clip(text, 80))
    return int(value)


def parse_bool(text: str) -> bool:
    """``true``/``false`` (also yes/no, 1/0, да/нет)."""
    t = text.strip().lower()
    if t in {"true", "yes", "1", "да", "y"}:
        return True
    if t in {"false", "no", "0", "нет", "n"}:
        return False
    raise Invalid("err.csv.bool", value=clip(text, 80))


def parse_hhmm(text: str) -> dt.time:
    """A local time ``HH:MM``."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise Invalid("err.csv.hhmm", value=clip(text, 80))
    return dt.time(int(m.group(1)), int(m.group(2)))


def choice(values: Sequence[str]) -> Callable[[str], str]:
    """A parser accepting exactly one of ``values``."""

    def parse(text: str) -> str:
        if text not in values:
            raise Invalid("err.csv.choice", value=clip(text, 80), known=", ".join(values))
        return text

    return parse


def bounded_int(lo: int, hi: int, what: str | Msg) -> Callable[[str], int]:
    """A parser for a whole number in ``[lo, hi]``; ``what`` names it in messages."""

    def parse(text: str) -> int:
        v = parse_int(text)
        if not lo <= v <= hi:
            raise Invalid("err.csv.between", what=what, value=v, lo=lo, hi=hi, hint="")
        return v

    return parse


def bounded_float(
    lo: float, hi: float, what: str | Msg, hint: str | Msg = ""
) -> Callable[[str], float]:
    """A parser for a finite number in ``[lo, hi]``; ``hint`` is added to the message."""

    def parse(text: str) -> float:
        v = parse_float(text)
        if not lo <= v <= hi:
            raise Invalid(
                "err.csv.between", what=what, value=v, lo=f"{lo:g}", hi=f"{hi:g}", hint=hint
            )
        return v

    return parse


@dataclass(frozen=True)
class Column:
    """A column of a table: its parser, and whether a value is required.

    ``parse`` receives the stripped text and returns the value or raises ``ValueError``
    with a message for the user. An empty optional cell yields ``default``; so does a
    column missing from the header when ``in_header`` is false (a column added later,
    which older user files do not have).
    """

    name: str
    parse: Callable[[str], Any] = str
    required: bool = True
    default: Any = None
    in_header: bool = True


@dataclass
class Table:
    """Parsed rows of one file: ``(line, values)`` pairs of the rows without problems."""

    path: str
    rows: list[tuple[int, dict[str, Any]]]
    rejected: list[dict[str, str]] = field(default_factory=list)
    #: The file could not be read to its end: rows of other files that refer to it are not
    #: checked against it.
    broken: bool = False


def _records(text: str, last: list[int]) -> Iterator[tuple[int, dict[str, str]]]:
    """Records with the line each starts on; ``last`` holds the last line read (for errors)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    line = 1
    last[:] = [line]
    for record in reader:
        start = line + 1
        line = reader.line_num
        last[:] = [line]
        yield start, record


def read_table(
    path: Path, columns: list[Column], issues: list[Issue], *, label: str | None = None
) -> Table:
    """Read ``path`` as CSV, parse each cell with its column, and collect every problem.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file (UTF-8; a BOM is accepted).
    columns : list of Column
        Expected columns; other columns are ignored.
    issues : list of Issue
        Problems are appended here; rows with a problem are left out of the result.
    label : str, optional
        The name used for the file in messages (default: the path).

    Returns
    -------
    Table
    """
    name = label or str(path)
    try:
        raw = read_limited(path, _MAX_BYTES)
    except TooLargeError:
        issues.append(Issue(name, None, None, Msg("err.too_large", {"mib": _MAX_BYTES >> 20})))
        return Table(name, [], broken=True)
    except OSError as err:
        why = {"why": os_reason(err)}
        issues.append(Issue(name, None, None, Msg("err.cannot_read", why)))
        return Table(name, [], broken=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        issues.append(Issue(name, line, None, Msg("err.not_utf8")))
        return Table(name, [])
    if not text.strip():
        issues.append(Issue(name, None, None, Msg("err.csv.empty")))
        return Table(name, [])
    try:
        header = next(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        issues.append(Issue(name, 1, None, Msg("err.csv.bad_header", {"detail": clip(err)})))
        return Table(name, [], broken=True)
    header = [h.strip() for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    for h in dupes:
        issues.append(Issue(name, 1, h, Msg("err.csv.dupe_column")))
    missing = [c.name for c in columns if c.in_header and c.name not in header]
    for c in missing:
        issues.append(Issue(name, 1, c, Msg("err.csv.missing_column")))
    if missing or dupes:
        return Table(name, [])
    rows: list[tuple[int, dict[str, Any]]] = []
    rejected: list[dict[str, str]] = []
    _last_line: list[int] = []
    try:
        for line, record in _records(text, _last_line):
            if None in record:
                issues.append(Issue(name, line, None, Msg("err.csv.extra_cells")))
                continue
            values: dict[str, Any] = {}
            ok = True
            for col in columns:
                cell = (record.get(col.name) or "").strip()
                if not cell:
                    if col.required:
                        issues.append(Issue(name, line, col.name, Msg("err.required")))
                        ok = False
                    values[col.name] = col.default
                    continue
                try:
                    values[col.name] = col.parse(cell)
                except ValueError as err:
                    issues.append(Issue(name, line, col.name, err))
                    ok = False
            if ok:
                rows.append((line, values))
            else:
                rejected.append(record)
    except csv.Error as err:
        # e.g. a cell longer than the csv module's limit: stop here, and tell the caller that
        # the rows after this one were never read (no cascade of "unknown id" problems)
        where = _last_line[0] + 1 if _last_line else None
        detail = Msg("err.csv.long_cell") if "field limit" in str(err) else clip(err)
        message = Msg("err.csv.malformed", {"detail": detail})
        issues.append(Issue(name, where, None, message))
        return Table(name, rows, rejected, broken=True)
    return Table(name, rows, rejected)

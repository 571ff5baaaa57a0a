"""CSV and XLSX output that a spreadsheet never runs: formula injection neutralised.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(…)``, ``=cmd|…``). Following
the OWASP guidance on CSV injection, every such text cell is written with a leading apostrophe
(``'=…``), which spreadsheets show as text; numbers stay numbers. In XLSX files no cell is ever
a formula: text cells are typed as strings whatever they begin with. Every CSV and XLSX the
package writes goes through :func:`csv_bytes` and :func:`xlsx_bytes`.

Both take a pandas DataFrame or a :class:`Table` (plain rows: a plan's files are written
without importing pandas, a third of a second at every start); a table's CSV is the bytes
pandas would write for the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table", "csv_bytes", "is_missing", "safe_cell", "safe_frame", "xlsx_bytes"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet would run.

    Parameters
    ----------
    value : object
        A cell; only ``str`` values are changed.

    Returns
    -------
    object
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class Table:
    """Rows of cells under named columns: a CSV file's or a sheet's content, without pandas.

    Attributes
    ----------
    columns : tuple of str
    rows : tuple of tuple
        One value per column; ``None`` for a missing value.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None
    ) -> Table:
        """A table of ``records`` (dicts): ``columns`` in order, or else every key in order of
        first appearance (as :class:`pandas.DataFrame` builds it); a missing key is ``None``."""
        records = list(records)
        if columns is None:
            columns = list(dict.fromkeys(k for r in records for k in r))
        return cls(tuple(columns), tuple(tuple(r.get(c) for c in columns) for r in records))

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Table:
        """The rows of a DataFrame (its index left out)."""
        return cls(
            tuple(frame.columns),
            tuple(frame.itertuples(index=False, name=None)),  # type: ignore[arg-type]
        )

    def column(self, name: str) -> list[Any]:
        """The values of column ``name``, in row order."""
        j = self.columns.index(name)
        return [r[j] for r in self.rows]

    def with_column(self, name: str, values: Sequence[Any]) -> Table:
        """The table with column ``name`` set to ``values`` (added at the end if new)."""
        if name in self.columns:
            j = self.columns.index(name)
            rows = tuple((*r[:j], v, *r[j + 1 :]) for r, v in zip(self.rows, values, strict=True))
            return Table(self.columns, rows)
        rows = tuple((*r, v) for r, v in zip(self.rows, values, strict=True))
        return Table((*self.columns, name), rows)

    def map_column(self, name: str, f: Callable[[Any], Any]) -> Table:
        """The table with ``f`` applied to every value of column ``name``."""
        return self.with_column(name, [f(v) for v in self.column(name)])

    def renamed(self, f: Callable[[str], str]) -> Table:
        """The table with every column name ``c`` replaced by ``f(c)``."""
        return Table(tuple(f(c) for c in self.columns), self.rows)

    def to_frame(self) -> pd.DataFrame:
        """The table as a :class:`pandas.DataFrame`."""
        import pandas as pd

        return pd.DataFrame.from_records(list(self.rows), columns=list(self.columns))


def is_missing(value: Any) -> bool:
    """Whether a cell is a missing value (``None``, NaN, pandas' NA or NaT)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(value != value)
    return type(value).__name__ in ("NAType", "NaTType")


def _csv_texts(values: Sequence[Any]) -> list[str]:
    """A column's cells as pandas writes them to CSV: its dtype decides (a column of whole
    numbers with a gap, or of numbers of both kinds, is a float column: ``3.0``); missing
    values are empty. Text is made safe (:func:`safe_cell`); numbers never need it."""
    present = [v for v in values if not is_missing(v)]
    numbers = bool(present) and all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_)
        for v in present
    )
    ints = (
        numbers
        and len(present) == len(values)
        and all(isinstance(v, int | np.integer) for v in present)
    )
    if numbers and not ints:  # float64: shortest round-trip text, as numpy writes it
        return ["" if is_missing(v) else repr(float(v)) for v in values]
    return ["" if is_missing(v) else str(safe_cell(v)) for v in values]


def _plain(value: Any) -> bool:
    """Whether :func:`_csv_texts` writes ``value`` as pandas does (text, numbers, booleans,
    dates, missing values; pandas turns datetimes into its own type with its own format)."""
    if isinstance(value, dt.datetime):
        return False
    return value is None or isinstance(
        value, str | int | float | dt.date | np.integer | np.floating | np.bool_
    )


def _table_csv(table: Table) -> str:
    if not all(_plain(v) for row in table.rows for v in row):  # let pandas format the rest
        return safe_frame(table.to_frame()).to_csv(index=False, lineterminator="\r\n")
    columns = [_csv_texts([r[j] for r in table.rows]) for j in range(len(table.columns))]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([str(safe_cell(c)) for c in table.columns])
    writer.writerows([col[i] for col in columns] for i in range(len(table.rows)))
    return buf.getvalue()


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) made safe (:func:`safe_cell`)."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame | Table, *, bom: bool = False) -> bytes:
    """The table as UTF-8 CSV (RFC 4180: CRLF line ends, quoted where needed), text cells made
    safe.

    Parameters
    ----------
    frame : pandas.DataFrame or Table
    bom : bool
        Start with a byte-order mark (Excel then reads the file as UTF-8).

    Returns
    -------
    bytes
    """
    # RFC 4180 line ends: the writer then quotes a cell holding a line break or a carriage
    # return, which would otherwise split its row
    if isinstance(frame, Table):
        text = _table_csv(frame)
    else:
        text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame | Table],
    *,
    freeze: str | None = "A2",
    max_width: int = 60,
) -> bytes:
    """A workbook with one sheet per table; text cells made safe and never formulas.

    The cells hold what :meth:`pandas.DataFrame.to_excel` would write (numbers as numbers,
    dates with a date format, missing values empty), each written by XlsxWriter with its
    explicit type: text is always a string cell, never a formula or a link.

    Parameters
    ----------
    sheets : mapping
        Sheet name to its table, in order.
    freeze : str or None
        The cell above and left of which panes are frozen (``"A2"``: the header row).
    max_width : int
        Widest column, characters (columns are sized to their content).

    Returns
    -------
    bytes
    """
    import xlsxwriter  # a third of openpyxl's import time, and a faster writer

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    formats = {f: book.add_format({"num_format": f}) for f in (_DATE, _DATETIME, "0")}
    for name, frame in sheets.items():
        table = frame if isinstance(frame, Table) else Table.from_frame(frame)
        rows = [[_xlsx_value(safe_cell(c)) for c in table.columns]]
        rows += [[_xlsx_value(safe_cell(v)) for v in row] for row in table.rows]
        ws = book.add_worksheet(name)
        for j in range(len(table.columns)):
            longest = max(len(str(r[j][0])) for r in rows[:200])
            ws.set_column(j, j, min(max_width, max(8, longest + 2)))
        if freeze:
            ws.freeze_panes(freeze)
        for i, row in enumerate(rows):
            for j, (value, fmt) in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(i, j, value)
                elif isinstance(value, bool):
                    ws.write_boolean(i, j, value)
                elif fmt in (_DATE, _DATETIME):
                    ws.write_datetime(i, j, value, formats[fmt])
                else:
                    ws.write_number(i, j, value, formats.get(fmt or ""))
    book.close()
    return buf.getvalue()


_DATE = "YYYY-MM-DD"
_DATETIME = "YYYY-MM-DD HH:MM:SS"


def _xlsx_value(value: Any) -> tuple[Any, str | None]:
    """A table value as its spreadsheet cell and number format, as pandas writes it: missing
    as empty text, infinities as ``inf``, numpy scalars as Python numbers, dates formatted,
    anything else as its text."""
    if is_missing(value):
        return "", None
    if isinstance(value, bool | np.bool_):
        return bool(value), None
    if isinstance(value, int | np.integer):
        return int(value), None
    if isinstance(value, float | np.floating):
        if math.isinf(value):
            return ("inf" if value > 0 else "-inf"), None
        return float(value), None
    if isinstance(value, dt.datetime):
        return value, _DATETIME
    if isinstance(value, dt.date):
        return value, _DATE
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400, "0"
    if isinstance(value, str):
        return value, None
    return str(value), None

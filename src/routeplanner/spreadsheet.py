"""CSV and XLSX output that a spreadsheet never runs: formula injection neutralised.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(…)``, ``=cmd|…``). Following
the OWASP guidance on CSV injection, every such text cell is written with a leading apostrophe
(``'=…``), which spreadsheets show as text; numbers stay numbers. In XLSX files no cell is ever
a formula: text cells are typed as strings whatever they begin with. Every CSV and XLSX the
package writes goes through :func:`csv_bytes` and :func:`xlsx_bytes`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["csv_bytes", "safe_cell", "safe_frame", "xlsx_bytes"]

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


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) made safe (:func:`safe_cell`)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, *, bom: bool = False) -> bytes:
    """The table as UTF-8 CSV (RFC 4180: CRLF line ends, quoted where needed), text cells made
    safe.

    Parameters
    ----------
    frame : pandas.DataFrame
    bom : bool
        Start with a byte-order mark (Excel then reads the file as UTF-8).

    Returns
    -------
    bytes
    """
    # RFC 4180 line ends: the writer then quotes a cell holding a line break or a carriage
    # return, which would otherwise split its row
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
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
        safe = safe_frame(frame)
        rows = [[_xlsx_value(c) for c in safe.columns]]
        rows += [[_xlsx_value(v) for v in row] for row in safe.itertuples(index=False, name=None)]
        ws = book.add_worksheet(name)
        for j in range(len(safe.columns)):
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
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
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

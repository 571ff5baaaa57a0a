"""CSV and XLSX output that a spreadsheet never runs: formula injection neutralised.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(…)``, ``=cmd|…``). Following
the OWASP guidance on CSV injection, every such text cell is written with a leading apostrophe
(``'=…``), which spreadsheets show as text; numbers stay numbers. In XLSX files no cell is ever
a formula: text cells are typed as strings whatever they begin with. Every CSV and XLSX the
package writes goes through :func:`csv_bytes` and :func:`xlsx_bytes`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

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
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # openpyxl reads "=…" text as a formula
                        cell.data_type = "s"
            if freeze:
                ws.freeze_panes = freeze
            for column in ws.columns:
                cells = column[:200]
                longest = max(len(str(c.value)) if c.value is not None else 0 for c in cells)
                ws.column_dimensions[cells[0].column_letter].width = min(
                    max_width, max(8, longest + 2)
                )
    return buf.getvalue()

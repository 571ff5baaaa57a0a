"""Tables for spreadsheets: CSV and XLSX in which text never runs as a formula.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel and
LibreOffice (CSV injection: a site or departure named ``=HYPERLINK(...)``). Text cells are
written as text: in CSV with a leading apostrophe (the OWASP advice; a spreadsheet shows the
text, a program reading the CSV sees the apostrophe), in XLSX as string cells (the text as
it is). Numbers, dates and booleans are written as they are.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["FORMULA_PREFIXES", "csv_bytes", "defuse", "xlsx_bytes"]

#: First characters that make a spreadsheet cell a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def defuse(value: Any) -> Any:
    """``value`` with an apostrophe before text that would start a formula (for CSV)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV, formula-like text cells defused."""
    safe = frame.copy()
    for col in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[col]):  # object or string dtype
            safe[col] = safe[col].map(defuse)
    return safe.to_csv(index=False).encode("utf-8")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per table: header frozen, widths fitted, text kept as text."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False, freeze_panes=(1, 0))
            ws = writer.sheets[name[:31]]
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                        cell.data_type = "s"  # openpyxl made "=..." a formula
            for i, col in enumerate(frame.columns, 1):
                longest = max([len(str(col)), *(len(str(v)) for v in frame[col].tolist()[:200])])
                letter = ws.cell(row=1, column=i).column_letter
                ws.column_dimensions[letter].width = min(60, max(8, longest + 2))
    return buf.getvalue()

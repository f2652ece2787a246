"""A CSV cell a spreadsheet shows as text, never runs (OWASP, "CSV Injection"), and the value it was made from.

Names and answers come from public booking forms: a cell starting `=`, `+`, `-`, `@`, a tab or a carriage return
would be a formula in Excel or LibreOffice. Such a cell is written after a `'`, which a spreadsheet shows as
text and does not keep; `employees plan` takes it off again (`original`), so that a file written and read back
gives the value it was made from. A cell that already starts with `'`s before such a character gets one more, so
that taking one off is always right.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def original(cell: str) -> str:
    """The value a `spreadsheet_safe` cell was made from (any other cell as it is)."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell

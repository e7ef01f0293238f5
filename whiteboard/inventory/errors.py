"""The one error an import raises: one line naming the file, the row and the column."""

from __future__ import annotations

from whiteboard.model.text import clipped, visible

#: Longest problem an error line shows (the value it quotes is cut shorter still).
MAX_PROBLEM_CHARS = 300


class InventoryError(ValueError):
    """One line: `file:ROW: COLUMN: problem` (or `file: problem`)."""


def error(source: str, row: int | None, problem: str, column: str | None = None) -> InventoryError:
    where = visible(str(source)) + (f":{row}" if row is not None else "")
    if column:
        where += f": {visible(column)}"
    return InventoryError(f"{where}: {clipped(problem, MAX_PROBLEM_CHARS)}")

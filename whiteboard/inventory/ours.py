"""Our own CSV: the header names workload fields (see `Workload`); missing columns take the
defaults. The schema-2 columns `hardware_access` and `license_requires_physical` are still read,
mapped as a schema-2 board is (`migrations.split_schema_2_flags`). Cells are separated by commas
(or by `;` or tabs when the header uses those). `id` is optional: without it each id is the slug
of the name, made unique. `depends_on` and `compliance` hold `;`-separated lists; `depends_on`
may name workloads by id or by name. Booleans accept true/false, yes/no, 1/0. An empty cell
takes the field's default: for the usage columns (`hours_per_month`, `runs_per_month`,
`requests_per_month`, `avg_duration_ms`) that is null, which the cost estimate reads as the
default for the workload's traffic; number cells must be finite (no `nan`, `inf`). Any bad row
stops the import with one line `file:LINE: column: problem`; the cells it quotes are shown with
`visible` (a cell can hold line breaks and terminal escapes) and cut.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Collection, Iterator
from typing import Any, get_args

from pydantic import ValidationError

from whiteboard.inventory.errors import InventoryError
from whiteboard.inventory.errors import error as _error
from whiteboard.inventory.sources import delimiter
from whiteboard.model import Board, Workload, slugify
from whiteboard.model.io import describe_validation_error
from whiteboard.model.migrations import split_schema_2_flags
from whiteboard.model.text import quoted

TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "n"})
LIST_FIELDS = frozenset({"depends_on", "compliance"})
#: Yes/no columns of older inventories, mapped onto the fields that replaced them.
SCHEMA_2_COLUMNS = frozenset({"hardware_access", "license_requires_physical"})
#: Unknown columns named in the error; the rest are counted.
UNKNOWN_SHOWN = 5
_WORKLOAD_PATH = re.compile(r"workloads\[(\d+)\]\.?(\w*)")
#: Columns holding a number (int or float, optional or not); their cells must be finite.
NUMBER_COLUMNS = frozenset(
    name
    for name, info in Workload.model_fields.items()
    if set(get_args(info.annotation) or (info.annotation,)) - {type(None)} <= {int, float}
)
__all__ = ["InventoryError", "board_from_csv"]


def board_from_csv(
    text: str, source: str, board_name: str, taken_ids: Collection[str] = ()
) -> Board:
    """Parse and validate the whole inventory; the first problem raises InventoryError."""
    rows = list(_rows(text, source))
    if not rows:
        raise _error(source, None, "has a header but no workloads")
    lines = [line for line, _ in rows]
    raws = [raw for _, raw in rows]
    _assign_ids(raws, taken_ids)
    _check_unique_ids(raws, lines, source)
    _resolve_dependencies(raws, lines, source)
    workloads = [_workload(raw, line, source) for line, raw in zip(lines, raws, strict=True)]
    try:
        return Board(name=board_name[:200], workloads=tuple(workloads))
    except ValidationError as error:
        # Rows were checked one by one above; what is left is named by its row's line.
        where, problem = describe_validation_error(error)
        row = _WORKLOAD_PATH.match(where or "")
        if row is None:
            raise _error(source, None, problem, where) from None
        raise _error(source, lines[int(row[1])], problem, row[2] or None) from None


def _rows(text: str, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise _error(source, None, "is empty; the first line should name the columns") from None
    except csv.Error as error:
        raise _error(source, 1, str(error)) from None
    known = set(Workload.model_fields) | SCHEMA_2_COLUMNS
    unknown = [column for column in header if column not in known]
    if unknown:
        named = ", ".join(quoted(c, 40) for c in unknown[:UNKNOWN_SHOWN])
        if len(unknown) > UNKNOWN_SHOWN:
            named += f" and {len(unknown) - UNKNOWN_SHOWN:,} more"
        raise _error(
            source,
            1,
            f"unknown column{'s' if len(unknown) > 1 else ''} {named}; columns are workload "
            "fields: " + ", ".join(Workload.model_fields),
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise _error(source, 1, f"column {quoted(repeated[0])} appears twice")
    if "name" not in header:
        raise _error(source, 1, "a 'name' column is required")
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _error(source, line, str(error)) from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise _error(source, line, f"has {len(cells)} cells but the header names {len(header)}")
        yield (
            line,
            {
                column: cell.strip()
                for column, cell in zip(header, cells, strict=False)
                if cell.strip()
            },
        )


def _assign_ids(raws: list[dict[str, Any]], taken_ids: Collection[str] = ()) -> None:
    """Rows without an id get the slug of their name, with -2, -3 ... until unique (also
    against `taken_ids`, the ids of the board imported into)."""
    taken = {raw["id"] for raw in raws if raw.get("id")} | set(taken_ids)
    for raw in raws:
        if raw.get("id"):
            continue
        base = slugify(raw.get("name", ""))
        candidate, n = base, 2
        while candidate in taken:
            suffix = f"-{n}"
            candidate = base[: 64 - len(suffix)].rstrip("-_") + suffix
            n += 1
        taken.add(candidate)
        raw["id"] = candidate


def _check_unique_ids(raws: list[dict[str, Any]], lines: list[int], source: str) -> None:
    """Ids given in the file must differ (generated ones always do): name both lines."""
    first_line: dict[str, int] = {}
    for raw, line in zip(raws, lines, strict=True):
        earlier = first_line.setdefault(raw["id"], line)
        if earlier != line:
            problem = f"{quoted(raw['id'])} is already the id on line {earlier}"
            raise _error(source, line, problem, "id")


def _resolve_dependencies(raws: list[dict[str, Any]], lines: list[int], source: str) -> None:
    """Turn `depends_on` names into ids; ids pass through unchanged."""
    ids = {raw["id"] for raw in raws}
    by_name: dict[str, str] = {}
    for raw in raws:
        by_name.setdefault(raw.get("name", ""), raw["id"])
    for raw, line in zip(raws, lines, strict=True):
        if "depends_on" not in raw:
            continue
        resolved = []
        for item in _split(raw["depends_on"]):
            if item in ids:
                resolved.append(item)
            elif item in by_name:
                resolved.append(by_name[item])
            else:
                raise _error(
                    source,
                    line,
                    f"{quoted(item)} is neither the id nor the name of a workload in this file",
                    "depends_on",
                )
        raw["depends_on"] = resolved


def _workload(raw: dict[str, Any], line: int, source: str) -> Workload:
    data: dict[str, Any] = {}
    for column, value in raw.items():
        data[column] = _convert(column, value, line, source)
    try:
        return Workload.model_validate(split_schema_2_flags(data))
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        column = (where or "").split(".")[0].split("[")[0] or _named_column(problem, raw)
        raise _error(source, line, problem, column) from None


def _named_column(problem: str, raw: dict[str, Any]) -> str:
    """The column a row-wide problem is about: the workload's checks across fields start their
    sentence with the field they refuse (`avg_duration_ms (...) is longer than ...`)."""
    first = problem.split(" ", 1)[0]
    return first if first in raw else "row"


def _convert(column: str, value: Any, line: int, source: str) -> Any:
    if column in LIST_FIELDS:
        return list(value) if isinstance(value, list) else _split(value)
    if column in SCHEMA_2_COLUMNS or Workload.model_fields[column].annotation is bool:
        word = value.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _error(
            source,
            line,
            f"{quoted(value)} is not a yes/no value (use true/false, yes/no or 1/0)",
            column,
        )
    if column in NUMBER_COLUMNS and _not_finite(value):
        raise _error(source, line, f"{quoted(value)} is not a finite number", column)
    return value


def _not_finite(text: str) -> bool:
    """'nan', 'inf', '1e999': text Python reads as a float that is no usable quantity."""
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False  # not a number at all: validation names it


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]

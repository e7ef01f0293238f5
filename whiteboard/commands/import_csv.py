"""`whiteboard import INVENTORY.csv -o BOARD`: a board from a customer's inventory export.

The header names workload fields (see `Workload`); missing columns take the defaults. Cells
are separated by commas (or by `;` or tabs when the header uses those). `id` is
optional: without it each id is the slug of the name, made unique. `depends_on` and
`compliance` hold `;`-separated lists; `depends_on` may name workloads by id or by name.
Booleans accept true/false, yes/no, 1/0. Any bad row stops the import before anything is
written, with `file:LINE: column: problem`.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whiteboard.model import Board, Workload, save_board, slugify
from whiteboard.model.io import describe_validation_error

NAME = "import"
HELP = "build a board from an inventory CSV whose header uses workload field names"

MAX_CSV_BYTES = 50 * 1024 * 1024
TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "n"})
LIST_FIELDS = frozenset({"depends_on", "compliance"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inventory", metavar="INVENTORY.csv", help="inventory export (CSV, UTF-8)")
    parser.add_argument(
        "-o", "--output", metavar="BOARD", required=True, help="board file to write (.json)"
    )
    parser.add_argument("--name", help="board name (default: the CSV file's name)")


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError

    source = Path(args.inventory)
    text = _read_text(source)
    name = args.name or source.stem.replace("_", " ").replace("-", " ").strip() or "Imported"
    board = board_from_csv(text, source.name, name)
    try:
        save_board(board, args.output)
    except OSError as error:
        raise UserError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"{args.output}: wrote board '{board.name}' with {len(board.workloads):,} workloads")
    return 0


def _read_text(source: Path) -> str:
    from whiteboard.cli import UserError

    try:
        if source.stat().st_size > MAX_CSV_BYTES:
            raise UserError(f"{source}: is larger than 50 MB; split the inventory first")
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{source}: is a folder, not a CSV file") from None
    except OSError as error:
        raise UserError(f"{source}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{source.name}: is not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); export the CSV as UTF-8"
        ) from None


def board_from_csv(text: str, source: str, board_name: str) -> Board:
    """Parse and validate the whole inventory; the first problem raises UserError."""
    from whiteboard.cli import UserError

    rows = list(_rows(text, source))
    if not rows:
        raise UserError(f"{source}: has a header but no workloads")
    lines = [line for line, _ in rows]
    raws = [raw for _, raw in rows]
    _assign_ids(raws)
    _resolve_dependencies(raws, lines, source)
    workloads = [_workload(raw, line, source) for line, raw in zip(lines, raws, strict=True)]
    try:
        return Board(name=board_name[:200], workloads=tuple(workloads))
    except ValueError as error:
        raise UserError(f"{source}: {error}") from None


def _rows(text: str, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    from whiteboard.cli import UserError

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise UserError(f"{source}: is empty; the first line should name the columns") from None
    except csv.Error as error:
        raise UserError(f"{source}:1: {error}") from None
    known = set(Workload.model_fields)
    unknown = [column for column in header if column not in known]
    if unknown:
        raise UserError(
            f"{source}:1: unknown column{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(c) for c in unknown)}; columns are workload fields: "
            + ", ".join(Workload.model_fields)
        )
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise UserError(f"{source}:1: column {repeated[0]!r} appears twice")
    if "name" not in header:
        raise UserError(f"{source}:1: a 'name' column is required")
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UserError(f"{source}:{line}: {error}") from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise UserError(
                f"{source}:{line}: has {len(cells)} cells but the header names {len(header)}"
            )
        yield (
            line,
            {
                column: cell.strip()
                for column, cell in zip(header, cells, strict=False)
                if cell.strip()
            },
        )


def _delimiter(text: str) -> str:
    """',' normally; ';' or tab when the header uses that instead (European spreadsheet
    exports use ';'; lists inside a cell must then be quoted)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def _assign_ids(raws: list[dict[str, Any]]) -> None:
    """Rows without an id get the slug of their name, with -2, -3 ... until unique."""
    taken = {raw["id"] for raw in raws if raw.get("id")}
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


def _resolve_dependencies(raws: list[dict[str, Any]], lines: list[int], source: str) -> None:
    """Turn `depends_on` names into ids; ids pass through unchanged."""
    from whiteboard.cli import UserError

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
                raise UserError(
                    f"{source}:{line}: depends_on: '{item}' is neither the id nor the name of a "
                    "workload in this file"
                )
        raw["depends_on"] = resolved


def _workload(raw: dict[str, Any], line: int, source: str) -> Workload:
    from whiteboard.cli import UserError

    data: dict[str, Any] = {}
    for column, value in raw.items():
        data[column] = _convert(column, value, line, source)
    try:
        return Workload.model_validate(data)
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        column = (where or "row").split(".")[0].split("[")[0]
        raise UserError(f"{source}:{line}: {column}: {problem}") from None


def _convert(column: str, value: Any, line: int, source: str) -> Any:
    from whiteboard.cli import UserError

    if column in LIST_FIELDS:
        return list(value) if isinstance(value, list) else _split(value)
    if Workload.model_fields[column].annotation is bool:
        word = value.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise UserError(
            f"{source}:{line}: {column}: '{value}' is not a yes/no value "
            "(use true/false, yes/no or 1/0)"
        )
    return value


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]

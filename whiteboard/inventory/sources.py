"""Reading an inventory file into a header and rows of cells, with bounds on everything.

CSV: UTF-8 (a BOM is fine), `,` or else `;` / tab as the header uses. XLSX: read with
python-calamine (Rust, no macros, no formulas evaluated); the zip's directory is checked first
so a "zip bomb" (tiny file, huge sheets) is refused before anything is inflated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whiteboard.inventory.errors import error
from whiteboard.model.io import BoardFileError, read_bounded

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_XLSX_BYTES = 50 * 1024 * 1024
#: What the workbook's parts may inflate to in all, and by how much one part may grow.
MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024
MAX_INFLATE_RATIO = 200
MAX_ROWS = 200_000
#: The sheet RVTools writes VMs to.
RVTOOLS_SHEET = "vInfo"


@dataclass(frozen=True)
class Table:
    """A header (stripped cell texts) and rows: (row number in the file, cells)."""

    header: tuple[str, ...]
    rows: list[tuple[int, list[Any]]]
    sheet: str | None = None


def _bounded(path: Path, limit: int, what: str) -> bytes:
    try:
        return read_bounded(path, limit, what)
    except BoardFileError as problem:
        raise error(path.name, None, str(problem).split(": ", 1)[-1]) from None


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise error(
            source,
            None,
            f"is not UTF-8 text (byte 0x{data[problem.start]:02x} at offset "
            f"{problem.start}); export the CSV as UTF-8",
        ) from None


def delimiter(text: str) -> str:
    """',' normally; ';' or tab when the header uses that instead (European spreadsheet
    exports use ';'; lists inside a cell must then be quoted)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def read_csv_text(path: Path) -> str:
    return decode(_bounded(path, MAX_CSV_BYTES, "inventory files"), path.name or str(path))


def read_csv(text: str, source: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = tuple(cell.strip() for cell in next(reader))
    except StopIteration:
        raise error(source, None, "is empty; the first line should name the columns") from None
    except csv.Error as problem:
        raise error(source, 1, str(problem)) from None
    rows: list[tuple[int, list[Any]]] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            raise error(source, line, str(problem)) from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise error(source, line, f"has {len(cells)} cells but the header names {len(header)}")
        rows.append((line, cells))
        if len(rows) > MAX_ROWS:
            raise error(source, line, f"has more than {MAX_ROWS:,} rows")
    return Table(header, rows)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > MAX_INFLATE_RATIO:
                    raise error(
                        path.name,
                        None,
                        f"part {info.filename!r} inflates {ratio:,.0f}-fold; refused as a zip bomb",
                    )
            if total > MAX_XLSX_INFLATED_BYTES:
                raise error(
                    path.name,
                    None,
                    f"inflates to {total:,} bytes, more than {MAX_XLSX_INFLATED_BYTES:,}",
                )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as problem:
        if isinstance(problem, ValueError) and str(problem).startswith(path.name):
            raise
        raise error(path.name, None, "is not an .xlsx workbook (not a readable zip file)") from None


def read_xlsx(path: Path) -> Table:
    _bounded(path, MAX_XLSX_BYTES, "inventory workbooks")  # size, regular file
    _check_zip(path)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        order = [n for n in names if n == RVTOOLS_SHEET] + [n for n in names if n != RVTOOLS_SHEET]
        for name in order:
            table = _sheet_table(book.get_sheet_by_name(name), path.name, name)
            if table is not None and ("VM" in table.header or name == RVTOOLS_SHEET):
                return table
    except ValueError as problem:
        if str(problem).startswith(path.name):
            raise
        raise error(path.name, None, f"cannot be read as a workbook: {problem}") from None
    except Exception as problem:  # calamine's errors (zip, XML, password) are not a hierarchy
        raise error(path.name, None, f"cannot be read as a workbook: {problem}") from None
    raise error(path.name, None, f"has no '{RVTOOLS_SHEET}' sheet and no sheet with a 'VM' column")


def _sheet_table(sheet: Any, source: str, name: str) -> Table | None:
    if sheet.height > MAX_ROWS + 1:
        raise error(source, None, f"sheet '{name}' has more than {MAX_ROWS:,} rows")
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, list[Any]]] = []
    first = (sheet.start or (0, 0))[0] + 1
    for number, cells in enumerate(sheet.iter_rows(), start=first):
        if header is None:
            if any(cell not in ("", None) for cell in cells):
                header = tuple(str(cell).strip() for cell in cells)
            continue
        if any(cell not in ("", None) for cell in cells):
            rows.append((number, list(cells)))
    if header is None:
        return None
    return Table(header, rows, name)

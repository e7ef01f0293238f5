"""Inventories customers bring (RVTools, Migration Hub, Azure Migrate, our own CSV) read into
workloads, with a report of what was read, skipped and defaulted. No Qt here: the command line
and the window both call `import_inventory`. The mapping rules are in docs/inventory.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whiteboard.inventory.errors import InventoryError, error
from whiteboard.inventory.report import ImportReport, Tally
from whiteboard.model import Workload

FORMATS: tuple[str, ...] = ("whiteboard", "rvtools", "migration_hub", "azure_migrate")
__all__ = ["FORMATS", "ImportReport", "ImportResult", "InventoryError", "import_inventory"]


@dataclass(frozen=True)
class ImportResult:
    workloads: tuple[Workload, ...]
    report: ImportReport


def import_inventory(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    powered_off: Literal["skip", "idle"] = "skip",
    taken_ids: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read the whole file; the first bad row raises InventoryError and nothing is returned."""
    from whiteboard.inventory import azure_migrate, migration_hub, rvtools, vms
    from whiteboard.inventory.detect import detect
    from whiteboard.inventory.sources import read_csv, read_csv_text, read_xlsx

    file = Path(path)
    source = file.name or str(file)
    if format is not None and format not in FORMATS:
        raise error(source, None, f"unknown format {format!r}; formats: {', '.join(FORMATS)}")
    if powered_off not in ("skip", "idle"):
        raise error(source, None, f"powered_off must be 'skip' or 'idle', not {powered_off!r}")
    workbook = file.suffix.lower() in (".xlsx", ".xlsm")
    if workbook and format == "whiteboard":
        raise error(source, None, "a whiteboard inventory is a CSV file, not a workbook")
    if workbook:
        table = read_xlsx(file)
    else:
        text = read_csv_text(file)
        if format == "whiteboard":
            return _ours(text, source, taken_ids, progress)
        table = read_csv(text, source)
    chosen = format or detect(table.header, source)
    if chosen == "whiteboard":
        return _ours(text, source, taken_ids, progress)
    readers: dict[str, vms.RowReader] = {
        "rvtools": rvtools.reader(powered_off),
        "migration_hub": migration_hub.read,
        "azure_migrate": azure_migrate.read,
    }
    if not table.rows:
        raise error(source, None, "has a header but no rows")
    made, report = vms.workloads(table, source, chosen, readers[chosen], taken_ids, progress)
    return ImportResult(made, report)


def _ours(
    text: str,
    source: str,
    taken_ids: Collection[str],
    progress: Callable[[int, int], None] | None,
) -> ImportResult:
    from whiteboard.inventory import ours

    board = ours.board_from_csv(text, source, "import", taken_ids)
    count = len(board.workloads)
    if progress is not None:
        progress(count, count)
    return ImportResult(board.workloads, Tally(source, "whiteboard", rows_read=count).report(count))

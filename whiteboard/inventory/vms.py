"""The shared walk of the VM formats: rows -> workloads, with skips, defaults and errors."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from whiteboard.inventory.errors import error
from whiteboard.inventory.mapping import Ids, Row, column_index
from whiteboard.inventory.report import ImportReport, Tally
from whiteboard.inventory.sources import Table
from whiteboard.model import Workload
from whiteboard.model.io import describe_validation_error

Progress = Callable[[int, int], None] | None
PROGRESS_EVERY = 500
POWERED_OFF = "powered off, which can be imported as idle instead"
TEMPLATE = "VM templates, which are never imported"
NO_NAME = "no name"


@dataclass
class Fields:
    """What a format reads from one row; None means "take the workload's default"."""

    name: str
    kind: str
    os: str
    vcpu: float | None
    memory_gib: float | None
    traffic: str | None
    group: str | None
    #: The file's column each field came from, to name it in an error line.
    columns: Mapping[str, str] = field(default_factory=dict)


#: A format's reader of one row: Fields, or a skip reason (str).
RowReader = Callable[[Row, Tally], "Fields | str"]


def workloads(
    table: Table,
    source: str,
    format_name: str,
    read_row: RowReader,
    taken_ids: Collection[str],
    progress: Progress,
    powered_off_note: Callable[[Tally], None] | None = None,
) -> tuple[tuple[Workload, ...], ImportReport]:
    tally = Tally(source, format_name)
    index = column_index(table.header)
    ids = Ids(taken_ids)
    made: list[Workload] = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
        tally.rows_read += 1
        row = Row(index, cells, number, source)
        fields = read_row(row, tally)
        if isinstance(fields, str):
            tally.skip(fields, row.text("VM", "VMware.VMName", "HostName", "Server name"))
            continue
        made.append(_workload(fields, ids, row))
    if progress is not None:
        progress(total, total)
    if powered_off_note is not None:
        powered_off_note(tally)
    return tuple(made), tally.report(len(made))


def _workload(fields: Fields, ids: Ids, row: Row) -> Workload:
    data: dict[str, Any] = {"name": fields.name[:200], "kind": fields.kind, "os": fields.os}
    for key in ("vcpu", "memory_gib", "traffic"):
        value = getattr(fields, key)
        if value is not None:
            data[key] = value
    if fields.group:
        data["group"] = fields.group[:120]
    try:
        workload = Workload.model_validate({"id": "x", **data})
    except ValidationError as problem:
        where, text = describe_validation_error(problem)
        column = fields.columns.get(where or "", where or "row")
        raise error(row.source, row.number, text, column) from None
    return workload.model_copy(update={"id": ids.new(fields.name)})

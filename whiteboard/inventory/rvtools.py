"""RVTools' vInfo sheet (.xlsx, or its CSV export): one VM a row."""

from __future__ import annotations

from typing import Literal

from whiteboard.inventory.mapping import Row, gib, os_of
from whiteboard.inventory.report import Tally
from whiteboard.inventory.vms import NO_NAME, POWERED_OFF, TEMPLATE, Fields, RowReader

#: Columns that tell a vInfo header apart.
SIGNATURE = ("VM", "Powerstate", "CPUs")
OS_COLUMNS = ("OS according to the VMware Tools", "OS according to the configuration file")
#: The file's column behind each field, for error lines.
COLUMNS = {"vcpu": "CPUs", "memory_gib": "Memory", "name": "VM", "group": "Folder"}


def reader(powered_off: Literal["skip", "idle"]) -> RowReader:
    def read(row: Row, tally: Tally) -> Fields | str:
        name = row.text("VM")
        if not name:
            return NO_NAME
        if row.flag("Template"):
            return TEMPLATE
        state = row.text("Powerstate").lower()
        off = state in ("poweredoff", "powered off", "off", "suspended")
        if off and powered_off == "skip":
            return POWERED_OFF
        vcpu = row.number_of("CPUs")
        if not vcpu:
            tally.default("vcpu")
        memory = gib(row.number_of("Memory"), row, "memory_gib", tally)
        if off:
            traffic = "idle"
            tally.powered_off_idle += 1
        else:
            tally.default("traffic")  # vInfo carries no utilisation
            traffic = None
        group = row.text("Folder", "Resource pool", "Cluster") or None
        if group is None:
            tally.default("group")
        return Fields(
            name=name,
            kind="vm",
            os=os_of((row.text(c) for c in OS_COLUMNS), tally),
            vcpu=vcpu or None,
            memory_gib=memory,
            traffic=traffic,
            group=group,
            columns=COLUMNS,
        )

    return read

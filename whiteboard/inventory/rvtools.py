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


#: vCenter's hidden roots: a VM folder path starts `/<datacenter>/vm/`, a resource pool's
#: `/Resources/` (or `/<cluster>/Resources/`); neither tells one application from another.
VM_ROOT, POOL_ROOT = "vm", "Resources"


def group_of(row: Row) -> str | None:
    """The VM's folder without vCenter's roots ("/DC1/vm/Prod/CRM" -> "Prod/CRM"), else its
    resource pool likewise, else its cluster; None when all are blank or only roots."""
    folder = _path(row.text("Folder"))
    if VM_ROOT in folder[:2]:
        folder = folder[folder.index(VM_ROOT) + 1 :]
    if folder:
        return "/".join(folder)
    pool = _path(row.text("Resource pool"))
    if POOL_ROOT in pool[:2]:
        pool = pool[pool.index(POOL_ROOT) + 1 :]
    if pool:
        return "/".join(pool)
    return row.text("Cluster") or None


def _path(text: str) -> list[str]:
    return [part.strip() for part in text.split("/") if part.strip()]


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
        group = group_of(row)
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

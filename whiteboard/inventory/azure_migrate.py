"""Azure Migrate's import CSV (the "Import using CSV" template of server discovery)."""

from __future__ import annotations

from whiteboard.inventory.mapping import Row, gib, os_of, traffic_of
from whiteboard.inventory.report import Tally
from whiteboard.inventory.vms import NO_NAME, Fields

SIGNATURE = ("*Server name", "*Cores", "*Memory (In MB)", "*OS name", "Server name")
#: The file's column behind each field, for error lines.
COLUMNS = {"vcpu": "*Cores", "memory_gib": "*Memory (In MB)", "name": "*Server name"}


def read(row: Row, tally: Tally) -> Fields | str:
    name = row.text("Server name")
    if not name:
        return NO_NAME
    vcpu = row.number_of("Cores")
    if not vcpu:
        tally.default("vcpu")
    tally.default("group")  # the template has no group column
    return Fields(
        name=name,
        kind="server",
        os=os_of((row.text("OS name"), row.text("OS version")), tally),
        vcpu=vcpu or None,
        memory_gib=gib(row.number_of("Memory (In MB)"), row, "memory_gib", tally),
        # One utilisation figure, no peak: idle below 5 %, else steady.
        traffic=traffic_of(row.number_of("CPU utilization percentage"), None, tally),
        group=None,
        columns=COLUMNS,
    )

"""AWS Migration Hub / Application Discovery Service import template (CSV)."""

from __future__ import annotations

from whiteboard.inventory.errors import error
from whiteboard.inventory.mapping import Row, gib, os_of, traffic_of
from whiteboard.inventory.report import Tally
from whiteboard.inventory.vms import Fields

SIGNATURE = (
    "ExternalId",
    "VMware.MoRefId",
    "CPU.NumberOfLogicalCores",
    "RAM.TotalSizeInMB",
    "CPU.NumberOfProcessors",
    "OS.Name",
    "MACAddress",
)
IDENTIFIERS = ("ExternalId", "IPAddress", "MACAddress", "HostName")
#: The file's column behind each field, for error lines.
COLUMNS = {
    "vcpu": "CPU.NumberOfLogicalCores",
    "memory_gib": "RAM.TotalSizeInMB",
    "group": "ApplicationWave",
}


def read(row: Row, tally: Tally) -> Fields:
    has_moref = bool(row.text("VMware.MoRefId") and row.text("VMware.VCenterId"))
    if not has_moref and not any(row.text(c) for c in IDENTIFIERS):
        raise error(
            row.source,
            row.number,
            "the row has none of ExternalId, IPAddress, MACAddress, HostName, or "
            "VMware.MoRefId with VMware.VCenterId",
            "ExternalId",
        )
    name = row.text(
        "VMware.VMName", "HostName", "ExternalId", "IPAddress", "MACAddress", "VMware.MoRefId"
    )
    vcpu = row.number_of("CPU.NumberOfLogicalCores")
    if not vcpu:
        processors, cores = (
            row.number_of("CPU.NumberOfProcessors"),
            row.number_of("CPU.NumberOfCores"),
        )
        vcpu = processors * cores if processors and cores else cores or processors
    if not vcpu:
        tally.default("vcpu")
    group = row.text("ApplicationWave", "Applications") or None
    if group is None:
        tally.default("group")
    return Fields(
        name=name,
        kind="server",
        os=os_of((row.text("OS.Name"), row.text("OS.Version")), tally),
        vcpu=vcpu or None,
        memory_gib=gib(row.number_of("RAM.TotalSizeInMB"), row, "memory_gib", tally),
        traffic=traffic_of(
            row.number_of("CPU.UsagePct.Avg"), row.number_of("CPU.UsagePct.Max"), tally
        ),
        group=group,
        columns=COLUMNS,
    )

"""Realistic inventory files for the tests and the bench: full header sets, odd values."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The vInfo columns of an RVTools 4.x export, in its order (older exports say "MB").
RVTOOLS_VINFO = (
    "VM",
    "Powerstate",
    "Template",
    "SRM Placeholder",
    "Config status",
    "DNS Name",
    "Connection state",
    "Guest state",
    "Heartbeat",
    "Consolidation Needed",
    "PowerOn",
    "Suspend time",
    "Creation date",
    "Change Version",
    "CPUs",
    "Memory",
    "NICs",
    "Disks",
    "Total disk capacity MiB",
    "Fixed Passthru HotPlug",
    "min Required EVC Mode Key",
    "Latency Sensitivity",
    "Op Notification Timeout",
    "EnableUUID",
    "CBT",
    "Primary IP Address",
    "Network #1",
    "Network #2",
    "Network #3",
    "Network #4",
    "Network #5",
    "Network #6",
    "Network #7",
    "Network #8",
    "Num Monitors",
    "Video Ram KiB",
    "Resource pool",
    "Folder ID",
    "Folder",
    "vApp",
    "DAS protection",
    "FT State",
    "FT Role",
    "FT Latency",
    "FT Bandwidth",
    "FT Secondary Latency",
    "Vm Failover In Progress",
    "Provisioned MiB",
    "In Use MiB",
    "Unshared MiB",
    "HA Restart Priority",
    "HA Isolation Response",
    "HA VM Monitoring",
    "Cluster rule(s)",
    "Cluster rule name(s)",
    "Boot Required",
    "Boot delay",
    "Boot retry delay",
    "Boot retry enabled",
    "Boot BIOS setup",
    "Reboot PowerOff",
    "EFI Secure boot",
    "Firmware",
    "HW version",
    "HW upgrade status",
    "HW upgrade policy",
    "HW target",
    "Path",
    "Log directory",
    "Snapshot directory",
    "Suspend directory",
    "Annotation",
    "com.vrlcm.snapshot",
    "Datacenter",
    "Cluster",
    "Host",
    "OS according to the configuration file",
    "OS according to the VMware Tools",
    "Customization Info",
    "Guest Detailed Data",
    "VM ID",
    "SMBIOS UUID",
    "VM UUID",
    "VI SDK Server type",
    "VI SDK API Version",
    "VI SDK Server",
    "VI SDK UUID",
)
MIGRATION_HUB = (
    "ExternalId",
    "CPU.NumberOfProcessors",
    "CPU.NumberOfCores",
    "CPU.NumberOfLogicalCores",
    "OS.Name",
    "OS.Version",
    "VMware.MoRefId",
    "VMware.VCenterId",
    "VMware.HostId",
    "VMware.VMName",
    "RAM.TotalSizeInMB",
    "RAM.UsedSizeInMB.Avg",
    "RAM.UsedSizeInMB.Max",
    "CPU.UsagePct.Avg",
    "CPU.UsagePct.Max",
    "DiskReadsPerSecondInKB.Avg",
    "DiskWritesPerSecondInKB.Avg",
    "DiskReadsPerSecondInKB.Max",
    "DiskWritesPerSecondInKB.Max",
    "DiskReadsOpsPerSecond.Avg",
    "DiskWritesOpsPerSecond.Avg",
    "DiskReadsOpsPerSecond.Max",
    "DiskWritesOpsPerSecond.Max",
    "NetworkReadsPerSecondInKB.Avg",
    "NetworkWritesPerSecondInKB.Avg",
    "NetworkReadsPerSecondInKB.Max",
    "NetworkWritesPerSecondInKB.Max",
    "MACAddress",
    "IPAddress",
    "HostName",
    "Applications",
    "ApplicationWave",
    "Tags",
)
AZURE_MIGRATE = (
    "*Server name",
    "IP addresses",
    "*Cores",
    "*Memory (In MB)",
    "*OS name",
    "OS version",
    "OS architecture",
    "Server type",
    "CPU utilization percentage",
    "Memory utilization percentage",
    "Network adapters",
    "Network In throughput",
    "Network Out throughput",
    "Boot type",
    "Number of disks",
    *(
        f"Disk {n} {what}"
        for n in (1, 2)
        for what in (
            "size (In GB)",
            "read throughput (MB per second)",
            "write throughput (MB per second)",
            "read IOPS",
            "write IOPS",
        )
    ),
    "Storage in use (In GB)",
    "Machine type",
    "Virtualization type",
    "Host name",
    "Serial number",
)

OSES = (
    "Microsoft Windows Server 2019 (64-bit)",
    "Red Hat Enterprise Linux 8 (64-bit)",
    "Ubuntu Linux (64-bit)",
    "CentOS 7 (64-bit)",
    "",
    "Other (32-bit)",
    "SUSE Linux Enterprise 15 (64-bit)",
    "Microsoft Windows Server 2012 (64-bit)",
)


def rvtools_rows(count: int, mb: bool = False) -> Iterator[dict[str, Any]]:
    """`count` VMs: every 10th powered off, every 25th a template, every 50th named twice,
    a comma and a non-ASCII name, a blank OS, a weird OS."""
    for i in range(count):
        name = f"vm-{i:05d}"
        if i % 50 == 7:
            name = f"vm-{i - 1:05d}"  # the name of the row before: a duplicate
        if i == 3:
            name = "web, frontend"
        if i == 4:
            name = "Zürich-Ñandú 数据库"
        row = {
            "VM": name,
            "Powerstate": "poweredOff" if i % 10 == 9 else "poweredOn",
            "Template": i % 25 == 24,
            "CPUs": 2 + i % 7,
            "Memory": 4096 * (1 + i % 4),
            "Provisioned MiB": 40960 + i,
            "In Use MiB": 20480,
            "OS according to the configuration file": OSES[i % len(OSES)],
            "OS according to the VMware Tools": "" if i % 3 else OSES[(i + 1) % len(OSES)],
            "Folder": f"/Datacenter/vm/app-{i % 12}" if i % 13 else "",
            "Resource pool": f"/Resources/pool-{i % 5}",
            "Cluster": "cl-1",
            "Host": f"esx{i % 8}.example.com",
            "Datacenter": "dc-1",
            "Annotation": "line one\nline two" if i % 17 == 0 else "",
            "VM UUID": f"4210{i:028x}",
            "VI SDK Server": "vcenter.example.com",
        }
        if mb:
            row["Provisioned MB"] = row.pop("Provisioned MiB")
            row["In Use MB"] = row.pop("In Use MiB")
        yield row


def _header(mb: bool) -> tuple[str, ...]:
    if not mb:
        return RVTOOLS_VINFO
    return tuple(c.replace(" MiB", " MB") for c in RVTOOLS_VINFO)


def write_rvtools_xlsx(path: Path, count: int, mb: bool = False, sheets_before: int = 2) -> Path:
    import xlsxwriter

    header = _header(mb)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for n in range(sheets_before):  # RVTools' workbook has vInfo first; put others first here
        book.add_worksheet(f"other{n}").write_row(0, 0, ("Name", "Value"))
    sheet = book.add_worksheet("vInfo")
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rvtools_rows(count, mb), start=1):
        sheet.write_row(r, 0, [row.get(c, "") for c in header])
    book.add_worksheet("vCPU").write_row(0, 0, ("VM", "CPUs"))
    book.close()
    return path


def write_csv(path: Path, header: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def write_rvtools_csv(path: Path, count: int, mb: bool = True) -> Path:
    return write_csv(path, _header(mb), rvtools_rows(count, mb))


def migration_hub_rows(count: int) -> Iterator[dict[str, Any]]:
    for i in range(count):
        yield {
            "ExternalId": f"srv-{i}" if i % 4 else "",
            "HostName": f"host{i}.corp" if i % 4 == 0 else "",
            "VMware.VMName": f"app-server-{i}" if i % 2 else "",
            "CPU.NumberOfLogicalCores": "" if i % 5 == 0 else 4,
            "CPU.NumberOfProcessors": 2,
            "CPU.NumberOfCores": 2,
            "RAM.TotalSizeInMB": 8192,
            "OS.Name": ("Windows", "Linux", "RHEL", "Plan 9")[i % 4],
            "OS.Version": "2016",
            "CPU.UsagePct.Avg": ("", 2, 20, 10)[i % 4],
            "CPU.UsagePct.Max": ("", 10, 30, 90)[i % 4],
            "ApplicationWave": f"wave-{i % 3}" if i % 2 else "",
            "Applications": "billing;crm",
            "Tags": "env:prod",
        }


def azure_migrate_rows(count: int) -> Iterator[dict[str, Any]]:
    for i in range(count):
        yield {
            "*Server name": f"az-vm-{i}",
            "IP addresses": f"10.0.0.{i % 250};10.1.0.{i % 250}",
            "*Cores": 2 + i % 3,
            "*Memory (In MB)": 16384,
            "*OS name": ("Windows Server 2016 Datacenter", "Ubuntu 20.04", "zOS")[i % 3],
            "OS version": "",
            "OS architecture": "x64",
            "CPU utilization percentage": ("", 3, 45)[i % 3],
            "Number of disks": 1,
            "Disk 1 size (In GB)": 128,
        }

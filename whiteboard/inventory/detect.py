"""Which format a file is, from its own header."""

from __future__ import annotations

from collections.abc import Sequence

from whiteboard.inventory import azure_migrate, migration_hub, rvtools
from whiteboard.inventory.errors import error
from whiteboard.model import Workload
from whiteboard.model.text import quoted

WORKLOAD_COLUMNS = frozenset(Workload.model_fields) | {
    "hardware_access",
    "license_requires_physical",
}


def detect(header: Sequence[str], source: str) -> str:
    columns = set(header)
    if "VM" in columns and any(c in columns for c in rvtools.SIGNATURE[1:]):
        return "rvtools"
    if any(c in columns for c in azure_migrate.SIGNATURE):
        return "azure_migrate"
    if any(c in columns for c in migration_hub.SIGNATURE):
        return "migration_hub"
    if columns & WORKLOAD_COLUMNS:  # our own CSV: its reader names what is missing or unknown
        return "whiteboard"
    shown = ", ".join(quoted(c, 30) for c in list(header)[:4])
    raise error(
        source,
        1,
        f"the header ({shown}{', …' if len(header) > 4 else ''}) is none of the known "
        "inventories: RVTools vInfo (VM, Powerstate, CPUs), Migration Hub (ExternalId, "
        "CPU.NumberOfLogicalCores, ...), Azure Migrate (*Server name, *Cores), or a whiteboard "
        "CSV (name, ...); see docs/inventory.md or pass --format",
    )

"""Schema migrations, run on the raw dict before validation.

One function per step: ``MIGRATIONS[n]`` turns a schema-n dict into a schema-(n+1) dict. Each step
has a fixture file of its source version under tests/fixtures/ and a test that loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from whiteboard.model.board import SCHEMA_VERSION

RawBoard = dict[str, Any]
Migration = Callable[[RawBoard], RawBoard]


def _v1_to_v2(raw: RawBoard) -> RawBoard:
    """Schema 2 adds `edition`. Every board written before it shows the 2018 story's five
    targets, so that is the edition it keeps (a new board starts on the newest)."""
    raw.setdefault("edition", "2018")
    return raw


def _v2_to_v3(raw: RawBoard) -> RawBoard:
    """Schema 3 splits two flags that each covered two needs, and says how callers reach a
    workload. Mapped conservatively, so a migrated board is never placed anywhere it could not
    be placed before; the architect relaxes what the old flag over-claimed:

    - `hardware_access: true` -> both `hardware_counters` and `hardware_virtualisation`;
    - `license_requires_physical: true` -> `licence: "no_hypervisor"` (bare metal only, as
      before), else `"none"`; a per-core licence is then re-declared as `byol_per_core`;
    - `interface`: a workload with a run time is a job nobody connects to (`"none"`); an
      always-on one (null run time) keeps its listener open (`"long_lived_connections"`), which
      blocks functions exactly as before; a stateless HTTP API is re-declared as
      `request_response`.

    Anything that is not a workload object is left for validation to report.
    """
    workloads = raw.get("workloads")
    if isinstance(workloads, list):
        raw["workloads"] = [_workload_v2_to_v3(w) if isinstance(w, dict) else w for w in workloads]
    return raw


def _workload_v2_to_v3(workload: dict[str, Any]) -> dict[str, Any]:
    new = split_schema_2_flags(workload)
    always_on = new.get("max_runtime_s") is None
    new.setdefault("interface", "long_lived_connections" if always_on else "none")
    return new


def split_schema_2_flags(workload: dict[str, Any]) -> dict[str, Any]:
    """`hardware_access` and `license_requires_physical` onto the schema-3 fields they covered
    (see `_v2_to_v3`); fields already given win. Also used for inventory files that still
    carry the old columns."""
    new = dict(workload)
    # A value that is not true or false stays where it was, for validation to name.
    if isinstance(hardware := new.get("hardware_access", False), bool):
        new.pop("hardware_access", None)
        new.setdefault("hardware_counters", hardware)
        new.setdefault("hardware_virtualisation", hardware)
    if isinstance(licence := new.get("license_requires_physical", False), bool):
        new.pop("license_requires_physical", None)
        new.setdefault("licence", "no_hypervisor" if licence else "none")
    return new


def _v3_to_v4(raw: RawBoard) -> RawBoard:
    """Schema 4 adds how much a workload runs, for the cost estimate: `hours_per_month`,
    `runs_per_month`, `requests_per_month` and `avg_duration_ms`. A schema-3 board said
    nothing about it, so every one stays null and the estimate uses the documented defaults
    for the workload's traffic and run time (`whiteboard.cost.usage`): nothing to rewrite."""
    return raw


def _v4_to_v5(raw: RawBoard) -> RawBoard:
    """Schema 5 adds a workload's `group` (the application, wave or folder an inventory puts it
    in), which big boards are gathered by. A schema-4 board had none: every workload's group
    stays null, so nothing to rewrite."""
    return raw


def _v5_to_v6(raw: RawBoard) -> RawBoard:
    """Schema 6 adds the TCP `port` a workload listens on, which the Terraform stubs open to
    its callers. A schema-5 board named none: every port stays null (the usual port for the
    workload's kind), so nothing to rewrite."""
    return raw


MIGRATIONS: Mapping[int, Migration] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
}


class SchemaVersionError(ValueError):
    """The file's schema_version is missing, malformed, or newer than this app reads."""


def read_version(raw: Mapping[str, Any]) -> int:
    if "schema_version" not in raw:
        raise SchemaVersionError("schema_version: is missing (is this a whiteboard board file?)")
    version = raw["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise SchemaVersionError(f"schema_version: should be a whole number, not {version!r}")
    if version < 1:
        raise SchemaVersionError(
            f"schema_version: {version} is not a version whiteboard ever wrote"
        )
    return version


def migrate(
    raw: RawBoard,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current: int = SCHEMA_VERSION,
) -> RawBoard:
    """Bring a raw board dict up to `current`, one step at a time."""
    version = read_version(raw)
    if version > current:
        raise SchemaVersionError(
            f"made by a newer whiteboard (schema {version}); this one reads up to {current}"
        )
    while version < current:
        step = migrations.get(version)
        if step is None:
            raise SchemaVersionError(f"no migration from schema {version} to {version + 1}")
        raw = step(dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw

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


MIGRATIONS: Mapping[int, Migration] = {1: _v1_to_v2}


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

"""The vocabularies of the board file: target ids, edition ids, pillar ids and enum words.

These are contracts (see docs/architecture.md): extend them, never rename them. Target, edition
and pillar ids are not typed here: they are read from the catalog (`whiteboard/catalog/
targets.json`), the one place that lists them, so adding a target is a change to data. The
catalog package itself validates the whole file with pydantic; this module reads only the ids,
with no import of the catalog package, so the model can use them without an import cycle.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any, Literal

#: The catalog file as a resource (the same file `whiteboard.catalog` validates in full).
_CATALOG_JSON = resources.files("whiteboard") / "catalog" / "targets.json"
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_EDITION_ID = re.compile(r"^[0-9]{4}$")


class VocabularyError(Exception):
    """The catalog's id lists are broken: a packaging bug, reported with the field."""


def _ids(entries: Any, field: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"targets.json: {field} should be a non-empty list")
    ids: list[str] = []
    for index, entry in enumerate(entries):
        value = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(value, str) or not pattern.match(value):
            raise VocabularyError(f"targets.json: {field}[{index}].id is not a valid id")
        if value in ids:
            raise VocabularyError(f"targets.json: {field}[{index}].id '{value}' is repeated")
        ids.append(value)
    return tuple(ids)


def _read_catalog() -> dict[str, Any]:
    raw = json.loads(_CATALOG_JSON.read_bytes())
    if not isinstance(raw, dict):
        raise VocabularyError("targets.json: the top level should be an object")
    return raw


def _edition_targets(editions: list[dict[str, Any]], known: tuple[str, ...]) -> dict[str, tuple]:
    found: dict[str, tuple[str, ...]] = {}
    for edition in editions:
        targets = edition.get("targets")
        if not isinstance(targets, list) or not all(t in known for t in targets):
            raise VocabularyError(f"targets.json: edition {edition['id']} names unknown targets")
        found[edition["id"]] = tuple(targets)
    return found


_RAW = _read_catalog()
_TARGETS = _ids(_RAW.get("targets"), "targets", _ID)
_EDITIONS = _ids(_RAW.get("editions"), "editions", _EDITION_ID)
_PILLARS: list[dict[str, Any]] = _RAW.get("pillars") or []

#: A target id of the catalog (any edition); the board file's placements use these.
TargetId = Literal[_TARGETS]  # type: ignore[valid-type]
#: An edition of the story: which targets the board shows, scores and exports.
EditionId = Literal[_EDITIONS]  # type: ignore[valid-type]
#: Every target of the catalog, by abstraction rank (left to right on the slide).
TARGET_IDS: tuple[str, ...] = _TARGETS
EDITION_IDS: tuple[str, ...] = _EDITIONS
#: Edition id -> its targets, left to right. Boards written before editions existed tell the
#: first; a new board tells the newest.
EDITION_TARGETS: dict[str, tuple[str, ...]] = _edition_targets(_RAW["editions"], _TARGETS)
FIRST_EDITION: str = _EDITIONS[0]
NEWEST_EDITION: str = _EDITIONS[-1]
PILLAR_IDS: tuple[str, ...] = _ids(_PILLARS, "pillars", _ID)
PillarId = Literal[PILLAR_IDS]  # type: ignore[valid-type]

#: Pillar id -> the name people read ("Operational excellence"), its short form for radar
#: spokes and narrow columns ("Operations"), and its weight on a new board.
PILLAR_TITLES: dict[str, str] = {p["id"]: str(p["name"]) for p in _PILLARS}
PILLAR_SHORT_NAMES: dict[str, str] = {p["id"]: str(p["short_name"]) for p in _PILLARS}
DEFAULT_WEIGHTS: dict[str, float] = {p["id"]: float(p["default_weight"]) for p in _PILLARS}
#: The name in running text ("operational excellence").
PILLAR_NAMES: dict[str, str] = {pillar: title.lower() for pillar, title in PILLAR_TITLES.items()}


def _largest(limit: str) -> float:
    """The largest value any target of the catalog documents for a size limit: a workload's
    size is validated against it, so the cap is the catalog's, never a second constant."""
    values = [
        value
        for target in _RAW["targets"]
        if isinstance(value := target.get("limits", {}).get(limit, {}).get("value"), int | float)
        and not isinstance(value, bool)
    ]
    if not values:
        raise VocabularyError(f"targets.json: no target documents {limit}")
    return float(max(values))


#: The biggest single unit any target offers (vCPU, GiB): the upper bound of a workload's size.
LARGEST_VCPU: float = _largest("max_vcpu")
LARGEST_MEMORY_GIB: float = _largest("max_memory_gib")

Architecture = Literal["pet", "cattle"]
OperatingSystem = Literal["linux", "windows"]
Traffic = Literal["steady", "spiky", "event_driven", "idle"]
OpsMaturity = Literal["low", "medium", "high"]
#: What the licence asks of the hosts: nothing; cores or sockets counted for a bring-your-own
#: licence (a Dedicated Host or bare metal); or no hypervisor at all (bare metal only).
Licence = Literal["none", "byol_per_core", "no_hypervisor"]
#: How callers reach it: nothing connects (batch, workers), one request gets one response
#: (HTTP, APIs behind a listener), or connections stay open (websockets, TCP sessions, leases).
Interface = Literal["none", "request_response", "long_lived_connections"]

"""The compute targets, the pillars and the editions of the story, as data validated on load.

`targets.json` beside this module is the one place that says what a target is: its names, rank,
traits, limits (each with the page it came from and the day it was checked), slide data,
Terraform data and its row of every scoring rule. Loading checks more than the shape: every
target's Terraform template and icons must exist, and every edition's story must reveal each of
its targets, so a target that lacks something the code needs fails here, by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from whiteboard.catalog.schema import (
    Catalog,
    Edition,
    Layer,
    LayerId,
    Limit,
    Limits,
    Pillar,
    Rule,
    ScoringRows,
    Target,
)
from whiteboard.model.io import describe_validation_error

#: A resource, not a path: it reads the same from a checkout, a wheel or a zip import.
CATALOG_FILE: Traversable = resources.files(__name__) / "targets.json"
#: What a story must reveal of each target it shows, as element ids of the compute slide.
STORY_MUST_REVEAL = ("column:{id}", "layer:{id}:hardware", "note:{id}")


class CatalogError(Exception):
    """The catalog file is broken: a packaging bug, reported with file, target and field."""


def load_catalog(
    path: Traversable = CATALOG_FILE, *, data: Callable[[str], Path] | None = None
) -> Catalog:
    """Read, validate and check the catalog. `data(name)` finds the `assets` or `templates`
    folder (the installed ones by default)."""
    try:
        raw = json.loads(path.read_bytes())
        catalog = Catalog.model_validate(raw)
    except ValueError as error:  # ValidationError is a ValueError, as is bad JSON
        if not isinstance(error, ValidationError):
            raise CatalogError(f"{path.name}: is not valid JSON: {error}") from None
        where, problem = describe_validation_error(error)
        raise CatalogError(f"{path.name}: {_named(where, raw)}: {problem}") from None
    if data is None:
        from whiteboard.paths import data_folder

        data = data_folder
    problem = first_missing_piece(catalog, data("templates"), data("assets"))
    if problem:
        raise CatalogError(f"{path.name}: {problem}")
    return catalog


def _named(where: str | None, raw: object) -> str:
    """'targets[5].scoring.gpu_fit' -> "target 'x' (targets[5]): scoring.gpu_fit"."""
    if not where or not where.startswith("targets["):
        return where or "top level"
    index = int(where[len("targets[") : where.index("]")])
    rest = where[where.index("]") + 1 :].lstrip(".")
    try:
        target_id = raw["targets"][index]["id"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return where
    return f"target '{target_id}' (targets[{index}]): {rest or 'entry'}"


def first_missing_piece(catalog: Catalog, templates: Path, assets: Path) -> str | None:
    """The first thing a target needs that is not there, as one sentence; None when complete."""
    for target in catalog.targets:
        template = templates / "terraform" / target.terraform.template
        if not template.is_file():
            return f"target '{target.id}': terraform.template {template.name} does not exist"
        for field in ("header_icon", "service_icon"):
            icon = getattr(target.slide, field)
            if not (assets / "icons" / f"{icon}.svg").is_file():
                return f"target '{target.id}': slide.{field} {icon}.svg does not exist"
    for edition in catalog.editions:
        story = assets / "story" / edition.story
        try:
            steps = json.loads(story.read_text(encoding="utf-8"))["steps"]
            reveals = [pattern for step in steps for pattern in step["reveals"]]
        except (OSError, ValueError, KeyError, TypeError):
            return f"edition {edition.id}: story {edition.story} is missing or unreadable"
        for target_id in edition.targets:
            for element in STORY_MUST_REVEAL:
                wanted = element.format(id=target_id)
                if not any(fnmatchcase(wanted, pattern) for pattern in reveals):
                    return (
                        f"edition {edition.id}: no step of {edition.story} reveals {wanted}, "
                        f"so target '{target_id}' would show before the story reaches it"
                    )
    return None


@cache
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()


__all__ = [
    "CATALOG_FILE",
    "Catalog",
    "CatalogError",
    "Edition",
    "Layer",
    "LayerId",
    "Limit",
    "Limits",
    "Pillar",
    "Rule",
    "ScoringRows",
    "Target",
    "default_catalog",
    "first_missing_piece",
    "load_catalog",
]

"""The compute targets and their documented limits, as data validated on load.

The data lives in `targets.json` beside this module; every limit carries the page it came from
and the day it was checked, so a number on screen can always be traced to its source.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from whiteboard.model.io import describe_validation_error
from whiteboard.model.vocab import TARGET_IDS, OperatingSystem, TargetId

#: A resource, not a path: it reads the same from a checkout, a wheel or a zip import.
CATALOG_FILE: Traversable = resources.files(__name__) / "targets.json"

AbstractionLevel = Literal["physical", "instance", "container", "function"]
LayerId = Literal[
    "hardware",
    "virtualisation",
    "guest_os",
    "container_data_plane",
    "container_control_plane",
    "runtime_scaling",
    "code",
]
Billing = Literal["per_instance_second", "per_task_second", "per_request"]

LimitValue = bool | int | float | list[str] | None


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Limit(_Frozen):
    """One documented fact about a target, with where it was read and when."""

    value: LimitValue = Field(description="The limit; null means no practical limit.")
    unit: str = Field(description="Unit of the value: s, GiB, vCPU, bool, ...")
    summary: str = Field(min_length=1, description="The limit in one sentence of our own.")
    source: HttpUrl = Field(description="Public page that documents it.")
    checked_on: dt.date = Field(description="Day the source was last read.")


class Limits(_Frozen):
    """The limits the scoring needs, the same set for every target."""

    max_runtime_s: Limit
    max_vcpu: Limit
    max_memory_gib: Limit
    max_ephemeral_storage_gib: Limit
    gpu: Limit
    hardware_access: Limit
    privileged: Limit
    license_physical_hosts: Limit
    operating_systems: Limit
    long_lived_listeners: Limit
    cold_starts: Limit
    control_plane_fee_usd_per_hour: Limit
    compliance_programs: Limit

    def items(self) -> list[tuple[str, Limit]]:
        return [(name, getattr(self, name)) for name in type(self).model_fields]


class Service(_Frozen):
    name: str = Field(min_length=1, description="Service as shown on the slide.")
    role: str = Field(min_length=1, description="What it does at this level, in a few words.")
    year: int = Field(ge=1980, le=2100, description="Year it became available.")


class Layer(_Frozen):
    id: LayerId
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Target(_Frozen):
    id: TargetId
    display_name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=12, description="Column label.")
    abstraction_level: AbstractionLevel
    year: int = Field(ge=1980, le=2100, description="Year the target became available.")
    year_note: str
    services: tuple[Service, ...] = Field(min_length=1)
    provider_layers: tuple[LayerId, ...] = Field(description="Layers the provider runs.")
    billing: Billing
    limits: Limits

    def provider_runs(self, layer: LayerId) -> bool:
        return layer in self.provider_layers

    @property
    def operating_systems(self) -> tuple[OperatingSystem, ...]:
        return tuple(self.limits.operating_systems.value or ())  # type: ignore[arg-type]


class Catalog(_Frozen):
    catalog_version: int = Field(ge=1)
    layers: tuple[Layer, ...]
    targets: tuple[Target, ...]

    @model_validator(mode="after")
    def _complete_and_ordered(self) -> Catalog:
        ids = tuple(target.id for target in self.targets)
        if ids != TARGET_IDS:
            raise ValueError(f"targets must be {', '.join(TARGET_IDS)} in that order, not {ids}")
        if self.layers[-1].id != "code":
            raise ValueError("the last layer must be 'code' (always the customer's)")
        for target in self.targets:
            if "code" in target.provider_layers:
                raise ValueError(f"{target.id}: the provider never runs the customer's code")
        return self

    def target(self, target_id: TargetId) -> Target:
        return self.targets[TARGET_IDS.index(target_id)]

    def layer(self, layer_id: LayerId) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)


class CatalogError(Exception):
    """The catalog file is broken: a packaging bug, reported with file and field."""


def load_catalog(path: Traversable = CATALOG_FILE) -> Catalog:
    try:
        return Catalog.model_validate_json(path.read_bytes())
    except ValidationError as error:
        where, problem = describe_validation_error(error)
        raise CatalogError(f"{path.name}: {where or 'top level'}: {problem}") from None


@cache
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()


__all__ = [
    "CATALOG_FILE",
    "Catalog",
    "CatalogError",
    "Layer",
    "LayerId",
    "Limit",
    "Limits",
    "Target",
    "default_catalog",
    "load_catalog",
]

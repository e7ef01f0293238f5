"""What the price table may say: pydantic models of its prices, instance types and hosts.

The table is data (`prices.json` beside this module), validated on load like the catalog. Every
figure carries the page or offer file it came from and the day it was read; a figure no AWS
page or offer file confirmed is marked `"confirmed": false`, still used in the estimate, and
shown as unconfirmed wherever the estimate is.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

#: What an instance type is for: which sizing table it belongs to.
InstanceRole = Literal["compute", "general", "memory", "high_memory", "gpu", "metal", "metal_gpu"]

#: The prices every estimate needs, by id (the table may hold more).
REQUIRED_PRICES = (
    "lambda_request",
    "lambda_gb_second_x86",
    "lambda_gb_second_arm",
    "lambda_storage_gb_second",
    "lambda_managed_request",
    "fargate_vcpu_hour_linux_x86",
    "fargate_gb_hour_linux_x86",
    "fargate_vcpu_hour_linux_arm",
    "fargate_gb_hour_linux_arm",
    "fargate_vcpu_hour_windows",
    "fargate_gb_hour_windows",
    "fargate_windows_licence_vcpu_hour",
    "fargate_storage_gb_hour",
    "ec2_windows_licence_vcpu_hour",
    "eks_cluster_hour",
    "eks_cluster_hour_extended",
)


class Frozen(BaseModel):
    """Built on first use (`defer_build`): the price table is validated once, as one document, so
    one validator for the whole file is built then, not one per class at import."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Sourced(Frozen):
    source: HttpUrl = Field(description="Public page or offer file the figure was read from.")
    checked_on: dt.date = Field(description="Day the source was last read.")
    confirmed: bool = Field(default=True, description="False: no AWS source states it.")
    #: How an unconfirmed figure was arrived at, so a reviewer knows what to check.
    note: str | None = Field(default=None, max_length=300)


class Price(Sourced):
    """One unit price, in the unit AWS bills (per request, per GB-second, per hour, per cent)."""

    usd: float = Field(ge=0, description="USD per unit; for a percentage, the per cent.")
    unit: str = Field(min_length=1, max_length=40, description="request, GB-second, hour, %...")
    summary: str = Field(min_length=1, description="What it is, in one sentence of our own.")


class InstanceType(Sourced):
    """One EC2 instance type with its published size and on-demand Linux price."""

    type: str = Field(pattern=r"^[a-z0-9-]+\.[a-z0-9-]+$")
    role: InstanceRole
    vcpu: int = Field(gt=0)
    memory_gib: float = Field(gt=0)
    usd_per_hour: float = Field(gt=0)


class DedicatedHost(Sourced):
    """An EC2 Dedicated Host: a whole server of one family, billed per host-hour."""

    family: str = Field(pattern=r"^[a-z0-9-]+$")
    #: Physical cores a per-core licence counts, and the vCPUs and memory the host holds.
    cores: int = Field(gt=0)
    vcpu: int = Field(gt=0)
    memory_gib: float = Field(gt=0)
    usd_per_hour: float = Field(gt=0)


class PriceTable(Frozen):
    price_table_version: int = Field(ge=1)
    region: str = Field(pattern=r"^[a-z]{2}(-[a-z]+)+-\d$")
    #: Hours in the estimate's month (AWS's own calculator uses 730).
    hours_per_month: float = Field(gt=0, le=744)
    prices: dict[str, Price]
    instances: tuple[InstanceType, ...] = Field(min_length=1)
    dedicated_hosts: tuple[DedicatedHost, ...]

    @model_validator(mode="after")
    def _complete(self) -> PriceTable:
        missing = [name for name in REQUIRED_PRICES if name not in self.prices]
        if missing:
            raise ValueError(f"prices: {missing[0]} is missing (every estimate needs it)")
        types = [i.type for i in self.instances]
        repeated = next((t for t in types if types.count(t) > 1), None)
        if repeated:
            raise ValueError(f"instances: {repeated} is listed twice")
        for role in ("compute", "general", "memory", "gpu", "metal"):
            if not any(i.role == role for i in self.instances):
                raise ValueError(f"instances: no instance type has the role {role!r}")
        return self

    def price(self, price_id: str) -> Price:
        return self.prices[price_id]

    def monthly(self, price_id: str) -> float:
        """USD a month of an hourly price paid all month (a cluster's control plane)."""
        return self.price(price_id).usd * self.hours_per_month

    @property
    def basis(self) -> str:
        """How every figure is priced, for the views: 'on demand, us-east-1'."""
        return f"on demand, {self.region}"

    def by_role(self, *roles: InstanceRole) -> tuple[InstanceType, ...]:
        """The instance types of these roles, smallest first (vCPU, then memory)."""
        return tuple(
            sorted(
                (i for i in self.instances if i.role in roles),
                key=lambda i: (i.vcpu, i.memory_gib, i.usd_per_hour),
            )
        )

"""What the catalog file may say: pydantic models of targets, their limits, traits, slide and
Terraform data, scoring rule rows, the pillars and the editions of the story.

Every field a target needs is required: a target that lacks a rule row, a limit or its slide
data fails to load with the target and the missing piece named, instead of scoring 0 or
borrowing another target's behaviour. A rule row that does not apply is written as `null`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, PrivateAttr, model_validator

from whiteboard.model.vocab import EditionId, OperatingSystem, PillarId, TargetId

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
#: Who provisions, patches and replaces the hosts the workload runs on.
HostManager = Literal["customer", "provider"]
#: What keeps one workload apart from another tenant's or from its neighbours.
Isolation = Literal["physical_host", "instance", "shared_host", "micro_vm"]
#: How callers reach a workload: over the network (ports, security groups) or by invoking it.
Reach = Literal["network", "invocation"]
#: The sizing rule of the Terraform stubs; export/sizing.py has one function per word.
Sizing = Literal[
    "metal_instance",
    "virtual_instance",
    "ecs_task_on_hosts",
    "ecs_task_on_managed_instances",
    "fargate_task",
    "function",
    "function_on_managed_instances",
]
#: The IAM role the workload's code runs as.
RoleKind = Literal["instance", "task", "function"]

LimitValue = bool | int | float | list[str] | None


class Frozen(BaseModel):
    """Built on first use (`defer_build`): the catalog is validated once, as one document, so
    one validator for the whole file is built then, not one per class at import."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Limit(Frozen):
    """One documented fact about a target, with where it was read and when.

    An unconfirmed fact (no AWS page found that states it) is shown as such and never used as
    a hard limit: the feasibility check treats it as no limit.
    """

    value: LimitValue = Field(description="The limit; null means no practical limit.")
    unit: str = Field(description="Unit of the value: s, GiB, vCPU, bool, ...")
    summary: str = Field(min_length=1, description="The limit in one sentence of our own.")
    source: HttpUrl = Field(description="Public page that documents it.")
    checked_on: dt.date = Field(description="Day the source was last read.")
    confirmed: bool = Field(default=True, description="False: no page was found that states it.")


class Limits(Frozen):
    """The limits the scoring needs, the same set for every target."""

    max_runtime_s: Limit
    #: Longest run of one asynchronous or event-source invocation (null: as max_runtime_s).
    max_async_runtime_s: Limit
    max_vcpu: Limit
    max_memory_gib: Limit
    max_ephemeral_storage_gib: Limit
    #: Sizes for Windows where they differ (null: the same as above).
    windows_max_vcpu: Limit
    windows_max_memory_gib: Limit
    windows_max_ephemeral_storage_gib: Limit
    #: Operating systems whose units can have a volume attached for scratch beyond the local
    #: storage (e.g. an ECS-managed EBS volume on a Fargate task); [] for none.
    scratch_volume_os: Limit
    gpu: Limit
    hardware_counters: Limit
    hardware_virtualisation: Limit
    privileged: Limit
    #: A bring-your-own licence counted per core or socket can be used (Dedicated Hosts).
    licence_byol_per_core: Limit
    #: Software whose licence or support forbids any hypervisor can run.
    licence_no_hypervisor: Limit
    operating_systems: Limit
    #: Always-on processes that hold connections open (websockets, TCP sessions, leases).
    long_lived_listeners: Limit
    #: Longest synchronous request the usual listener waits for (API Gateway), null: no limit.
    sync_request_timeout_s: Limit
    cold_starts: Limit
    #: CPU given in proportion to memory: MiB of memory per vCPU (Lambda), null: sized apart.
    memory_mib_per_vcpu: Limit
    #: Spot capacity: its largest discount in per cent, null for none; and for which OSes.
    spot_discount_pct: Limit
    spot_os: Limit
    compliance_programs: Limit

    def items(self) -> list[tuple[str, Limit]]:
        return [(name, getattr(self, name)) for name in type(self).model_fields]


class Service(Frozen):
    name: str = Field(min_length=1, description="Service as shown on the slide.")
    role: str = Field(min_length=1, description="What it does at this level, in a few words.")
    year: int = Field(ge=1980, le=2100, description="Year it became available.")


class Layer(Frozen):
    id: LayerId
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Traits(Frozen):
    """What kind of place the target is; rules and exporters key on these, never on its id."""

    billing: Billing
    host_managed_by: HostManager
    isolation: Isolation
    ephemeral: bool = Field(description="Units are replaced at will (tasks, functions).")
    reached_by: Reach
    unit_noun: str = Field(min_length=1, description="One unit of compute: 'one task'.")
    hosts_in_customer_account: bool = Field(
        description="The hosts are EC2 instances in the customer's account (even when AWS "
        "manages them), not the provider's own fleet."
    )


class SlideData(Frozen):
    header_icon: str = Field(min_length=1, description="Icon file name in assets/icons.")
    service_icon: str = Field(min_length=1)
    column_note: str = Field(min_length=1, max_length=80, description="Caption under the column.")
    chart_x: float = Field(gt=0, lt=1, description="X on the pets/cattle chart (0..1).")


class TerraformData(Frozen):
    template: str = Field(pattern=r"^[a-z0-9_]+\.tf\.j2$", description="In templates/terraform.")
    sizing: Sizing
    role: RoleKind


class CostData(Frozen):
    """How the target is paid for: the price table's ids (`whiteboard/cost/prices.json`) of
    the fees beyond the units themselves. How the units are sized and priced follows the
    target's sizing rule (`terraform.sizing`), the same rule that sizes its Terraform stub."""

    #: Charged once per cluster, whatever runs in it (an EKS control plane); None: no such fee.
    cluster_fee: str | None
    #: A per-cent fee on the instances' price (managed instances); None: none.
    management_fee: str | None
    #: The 1-year Compute Savings Plan discount that applies here; None: none.
    savings_plan: str | None
    summary: str = Field(min_length=1, max_length=200, description="How it bills, one sentence.")


class Rule(Frozen):
    """One scoring rule row: points and the reason shown with them."""

    points: float = Field(ge=-100, le=100)
    label: str = Field(min_length=1, max_length=120)


class TrafficPoints(Frozen):
    steady: float
    spiky: float
    event_driven: float
    idle: float


class ArchitecturePoints(Frozen):
    pet: float
    cattle: float


class ScoringRows(Frozen):
    """The target's row of every per-target rule table (docs/scoring.md explains each)."""

    architecture_fit: ArchitecturePoints
    #: What it takes to give the workload hardware counters or virtualisation here.
    hardware_counters_fit: Rule | None
    hardware_virtualisation_fit: Rule | None
    isolation: Rule | None
    privileged_shared_host: Rule | None
    cattle_replacement: Rule | None
    pet_fragility: Rule | None
    stateful: Rule | None
    multi_az_by_default: Rule | None
    gpu_fit: Rule | None
    big_memory_fit: Rule | None
    scale_speed: Rule | None
    #: A per-core bring-your-own licence on this target (None: not a licence question here).
    licence_byol_fit: Rule | None
    pet_replatform_cost: Rule | None
    utilisation: TrafficPoints


#: A target id: the shipped catalog's ids are the board file's vocabulary (`TargetId`); a
#: catalog under test may describe others, which then must be complete like the rest.
TARGET_ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class Target(Frozen):
    id: str = Field(pattern=TARGET_ID_PATTERN)
    rank: int = Field(ge=1, description="Abstraction rank: left to right on the slide.")
    display_name: str = Field(min_length=1, max_length=40, description="In sentences, headings.")
    short_name: str = Field(min_length=1, max_length=14, description="Column labels, tables.")
    abstraction_level: AbstractionLevel
    year: int = Field(ge=1980, le=2100, description="Year the target became available.")
    year_note: str
    services: tuple[Service, ...] = Field(min_length=1)
    provider_layers: tuple[LayerId, ...] = Field(description="Layers the provider runs.")
    traits: Traits
    slide: SlideData
    terraform: TerraformData
    cost: CostData
    limits: Limits
    scoring: ScoringRows

    def provider_runs(self, layer: LayerId) -> bool:
        return layer in self.provider_layers

    @property
    def billing(self) -> Billing:
        return self.traits.billing

    @property
    def operating_systems(self) -> tuple[OperatingSystem, ...]:
        return tuple(self.limits.operating_systems.value or ())  # type: ignore[arg-type]


class Pillar(Frozen):
    id: PillarId
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=16)
    default_weight: float = Field(ge=0, le=100)


class Edition(Frozen):
    """One telling of the story: its build-up steps and the targets it shows, scores, exports."""

    id: EditionId
    name: str = Field(min_length=1, max_length=60)
    story: str = Field(pattern=r"^[a-z0-9_-]+\.json$", description="File in assets/story.")
    targets: tuple[str, ...] = Field(min_length=2)


class ComplianceRegime(Frozen):
    """A compliance regime a workload may name, and the AWS programme that attests it (SOX is
    supported through SOC 1 reports; no service is listed for SOX itself)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")
    name: str = Field(min_length=1, max_length=40)
    programme: str = Field(description="Id in the targets' compliance_programs lists.")
    summary: str = Field(min_length=1)
    source: HttpUrl
    checked_on: dt.date


class Catalog(Frozen):
    catalog_version: int = Field(ge=1)
    pillars: tuple[Pillar, ...]
    compliance_regimes: tuple[ComplianceRegime, ...]
    editions: tuple[Edition, ...] = Field(min_length=1)
    layers: tuple[Layer, ...]
    targets: tuple[Target, ...]
    #: (the targets tuple it was built from, id -> target); rebuilt when `model_copy` swaps
    #: the targets, so a test's modified catalog never answers with the old ones.
    _by_id: tuple[tuple[Target, ...], dict[str, Target]] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        ids = [target.id for target in self.targets]
        repeated = next((i for i in ids if ids.count(i) > 1), None)
        if repeated:
            raise ValueError(f"target '{repeated}' is described twice")
        ranks = [target.rank for target in self.targets]
        if ranks != sorted(set(ranks)):
            raise ValueError("targets must be listed by rank, each rank once")
        if self.layers[-1].id != "code":
            raise ValueError("the last layer must be 'code' (always the customer's)")
        for target in self.targets:
            if "code" in target.provider_layers:
                raise ValueError(f"{target.id}: the provider never runs the customer's code")
        order = [target.id for target in self.targets]
        for edition in self.editions:
            missing = [t for t in edition.targets if t not in order]
            if missing:
                raise ValueError(f"edition {edition.id} names unknown target {missing[0]}")
            if list(edition.targets) != sorted(edition.targets, key=order.index):
                raise ValueError(f"edition {edition.id}: targets must be in rank order")
        return self

    def target(self, target_id: TargetId) -> Target:
        index = self._by_id
        if index is None or index[0] is not self.targets:
            index = self._by_id = (self.targets, {t.id: t for t in self.targets})
        return index[1][target_id]

    def layer(self, layer_id: LayerId) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)

    def edition(self, edition_id: EditionId) -> Edition:
        return next(edition for edition in self.editions if edition.id == edition_id)

    def edition_targets(self, edition_id: EditionId) -> tuple[Target, ...]:
        """The targets of one edition, left to right."""
        return tuple(self.target(t) for t in self.edition(edition_id).targets)

    def display_names(self, edition_id: EditionId) -> dict[TargetId, str]:
        """Target id -> display name (sentences, headings), for one edition in slide order."""
        return {t.id: t.display_name for t in self.edition_targets(edition_id)}

    def short_names(self, edition_id: EditionId) -> dict[TargetId, str]:
        """Target id -> short name (column labels, tables), for one edition in slide order."""
        return {t.id: t.short_name for t in self.edition_targets(edition_id)}

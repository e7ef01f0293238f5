"""A workload: one thing the customer runs, described well enough to place and score it."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from whiteboard.model.vocab import (
    LARGEST_MEMORY_GIB,
    LARGEST_VCPU,
    Architecture,
    Interface,
    Licence,
    OperatingSystem,
    OpsMaturity,
    Traffic,
)

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$"
_SLUG_RE = re.compile(SLUG_PATTERN)

#: Longest group name (an inventory's folder path or application name).
MAX_GROUP_CHARS = 120
#: The biggest unit any target of the catalog offers (see `vocab.LARGEST_VCPU`).
MAX_VCPU = LARGEST_VCPU
MAX_MEMORY_GIB = LARGEST_MEMORY_GIB
MAX_EPHEMERAL_STORAGE_GIB = 65_536
#: One year: anything longer is an always-on service and should say so with null.
MAX_RUNTIME_S = 365 * 24 * 3600
#: The hours of the longest month; a million runs (one every 2.6 s); a trillion requests.
MAX_HOURS_PER_MONTH = 31 * 24
MAX_RUNS_PER_MONTH = 1_000_000
MAX_REQUESTS_PER_MONTH = 10**12
#: The TCP ports a workload may listen on (0 is no port; 65535 the last).
MIN_PORT, MAX_PORT = 1, 65_535

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="Lower-case letters, digits, '-' or '_', 1-64 characters."),
]


#: Validation context key: the data comes from a board file (JSON), where types are strict.
FROM_FILE = "from_file"


def slugify(text: str, fallback: str = "workload") -> str:
    """Turn a display name into a slug usable as a workload id. Accented Latin letters lose
    their accents ("für Österreich" -> "fur-osterreich"); letters without an ASCII form are
    dropped."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_letters(text).lower()).strip("-")[:64].strip("-_")
    return slug if _SLUG_RE.match(slug) else fallback


#: Latin letters that decomposition leaves whole, spelled as people write them in ASCII.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ı": "i"}
)  # fmt: skip


def ascii_letters(text: str) -> str:
    """`text` with accents taken off Latin letters (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


class Workload(BaseModel):
    """One workload of the customer's estate. Frozen: edits make a new value."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Slug = Field(description="Unique slug naming the workload inside its board.")
    name: str = Field(min_length=1, max_length=200, description="Display name.")
    kind: str = Field(
        default="service",
        min_length=1,
        max_length=60,
        description="Free label for what it is: web, api, batch, database, ml, ...",
    )
    group: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_GROUP_CHARS,
        description="The application, wave or folder it belongs to (null: none); the slide, "
        "chart and handout gather big boards by it.",
    )
    architecture: Architecture = Field(
        default="pet",
        description="'pet': hand-cared, long-lived hosts; 'cattle': disposable, replaceable units.",
    )
    stateful: bool = Field(
        default=False, strict=True, description="Keeps state on its own compute."
    )
    max_runtime_s: int | None = Field(
        default=None,
        ge=1,
        le=MAX_RUNTIME_S,
        description="Seconds one execution runs at most (a job's run; for request_response, "
        "one request); null for a process that runs continuously.",
    )
    interface: Interface = Field(
        default="request_response",
        description="How callers reach it: 'none' (batch, workers), 'request_response' "
        "(HTTP/API behind a listener), 'long_lived_connections' (websockets, TCP sessions).",
    )
    hours_per_month: float | None = Field(
        default=None,
        gt=0,
        le=MAX_HOURS_PER_MONTH,
        description="Hours a month a service runs (null: all month); the cost estimate reads it.",
    )
    runs_per_month: int | None = Field(
        default=None,
        ge=0,
        le=MAX_RUNS_PER_MONTH,
        description="Runs a month of a job (null: the default for its traffic).",
    )
    requests_per_month: int | None = Field(
        default=None,
        ge=0,
        le=MAX_REQUESTS_PER_MONTH,
        description="Requests (or messages) a month a service answers (null: the default for "
        "its traffic); what a function is paid by.",
    )
    avg_duration_ms: float | None = Field(
        default=None,
        gt=0,
        le=MAX_RUNTIME_S * 1000,
        description="Milliseconds one request takes on average (null: the default).",
    )
    port: int | None = Field(
        default=None,
        ge=MIN_PORT,
        le=MAX_PORT,
        description="TCP port it listens on for its callers (null: the usual port for its "
        "kind, e.g. 5432 for a database); the Terraform stubs open exactly this port.",
    )
    vcpu: float = Field(default=1.0, gt=0, le=MAX_VCPU, description="vCPUs one unit needs.")
    memory_gib: float = Field(
        default=2.0, gt=0, le=MAX_MEMORY_GIB, description="Memory one unit needs, GiB."
    )
    ephemeral_storage_gib: float = Field(
        default=20.0,
        ge=0,
        le=MAX_EPHEMERAL_STORAGE_GIB,
        description="Scratch disk one unit needs, GiB.",
    )
    gpu: bool = Field(default=False, strict=True, description="Needs a GPU.")
    hardware_counters: bool = Field(
        default=False,
        strict=True,
        description="Reads the processor's hardware performance counters (profilers, HPC tuning).",
    )
    hardware_virtualisation: bool = Field(
        default=False,
        strict=True,
        description="Runs its own hypervisor or VMs: KVM, Intel VT-x / AMD-V, emulators.",
    )
    privileged: bool = Field(
        default=False,
        strict=True,
        description="Privileged containers, kernel modules, host networking or daemon sets.",
    )
    licence: Licence = Field(
        default="none",
        description="What its licence asks of the hosts: 'byol_per_core' counts cores or "
        "sockets (Dedicated Host or bare metal); 'no_hypervisor' forbids any hypervisor.",
    )
    os: OperatingSystem = Field(default="linux", description="Operating system it runs on.")
    traffic: Traffic = Field(default="steady", description="Shape of its load over time.")
    compliance: tuple[Slug, ...] = Field(
        default=(), fail_fast=True, description="Compliance regimes in scope, e.g. pci, hipaa."
    )
    ops_maturity: OpsMaturity = Field(
        default="medium", description="How mature the team running it is at operations."
    )
    depends_on: tuple[Slug, ...] = Field(
        default=(),
        fail_fast=True,
        description="Ids of workloads of the same board that this one calls.",
    )

    @field_validator(
        "vcpu",
        "memory_gib",
        "ephemeral_storage_gib",
        "max_runtime_s",
        "hours_per_month",
        "runs_per_month",
        "requests_per_month",
        "avg_duration_ms",
        "port",
        mode="before",
    )
    @classmethod
    def _no_booleans_for_numbers(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, bool):
            raise ValueError(f"should be a number, not {str(value).lower()}")
        if isinstance(value, str) and (info.context or {}).get(FROM_FILE):
            # Typed text (a form field, a CSV cell) is parsed as a number; in a board file a
            # quoted "4" is a mistake or a trick, not a number.
            raise ValueError(f"should be a number, not the text {value[:40]!r}")
        return value

    @field_validator("compliance", mode="before")
    @classmethod
    def _lower_compliance(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(v.strip().lower() if isinstance(v, str) else v for v in value)
        return value

    @field_validator("compliance", "depends_on")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        for item in value:
            if item in seen:
                raise ValueError(f"'{item}' is listed twice")
            seen.add(item)
        return value

    @model_validator(mode="after")
    def _not_its_own_dependency(self) -> Workload:
        if self.id in self.depends_on:
            raise ValueError(f"'{self.id}' cannot depend on itself")
        return self

    @field_validator("avg_duration_ms")
    @classmethod
    def _average_within_longest(cls, average: float | None, info: ValidationInfo) -> float | None:
        """Checked only where a board gives the average (a field validator, not one run on
        every workload: estates of 200,000 load without it)."""
        longest = info.data.get("max_runtime_s")
        if longest is not None and average is not None and average > longest * 1000:
            raise ValueError(
                f"avg_duration_ms ({average:g} ms) is longer than max_runtime_s allows "
                f"({longest:g} s): an average cannot exceed the longest"
            )
        return average

    @property
    def always_on(self) -> bool:
        """Runs continuously (no run time of its own), whatever its interface."""
        return self.max_runtime_s is None

    @property
    def runs_as_job(self) -> bool:
        """Runs that end and nobody connects to: a batch job, a scheduled task."""
        return self.interface == "none" and self.max_runtime_s is not None


def _hardware_access(data: dict[str, object]) -> bool:
    return data.get("hardware_counters") is True or data.get("hardware_virtualisation") is True


def _license_requires_physical(data: dict[str, object]) -> bool:
    return data.get("licence", "none") != "none"


#: Flags board files carry for readers of schema-2 boards, with how each is derived from a
#: workload's fields (a dict: a raw workload of a file, or a dumped one). They are not fields of
#: the model: `io` writes them where true and checks and drops them on reading.
DERIVED_FIELDS = {
    "hardware_access": _hardware_access,
    "license_requires_physical": _license_requires_physical,
}

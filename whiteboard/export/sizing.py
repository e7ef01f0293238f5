"""Sizing a workload for its target: instance types, Fargate task sizes, Lambda settings.

Each function returns the size plus the notes a reviewer needs when the workload does not fit
(the stub then uses the largest size and says so, rather than failing the whole export).
Instance tables list current-generation x86 types, smallest first; the figures are the
published vCPU and memory of each type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from whiteboard.catalog import default_catalog
from whiteboard.model import Workload

#: (type, vCPU, memory GiB), smallest first. Bare metal: whole hosts, no hypervisor.
METAL_TYPES: tuple[tuple[str, int, int], ...] = (
    ("c5.metal", 96, 192),
    ("m5.metal", 96, 384),
    ("i3.metal", 72, 512),
    ("r5.metal", 96, 768),
    ("m7i.metal-48xl", 192, 768),
    ("r7i.metal-48xl", 192, 1536),
    ("x2iedn.metal", 128, 4096),
    ("u-6tb1.metal", 448, 6144),
    ("u-12tb1.metal", 448, 12288),
    ("u-24tb1.metal", 448, 24576),
)
METAL_GPU_TYPES: tuple[tuple[str, int, int], ...] = (("g4dn.metal", 96, 384),)

#: Instance sizes: (suffix, vCPU); memory is vCPU times the family's GiB per vCPU.
_SIZES = (
    ("large", 2),
    ("xlarge", 4),
    ("2xlarge", 8),
    ("4xlarge", 16),
    ("8xlarge", 32),
    ("12xlarge", 48),
    ("16xlarge", 64),
    ("24xlarge", 96),
    ("48xlarge", 192),
)
#: (family, GiB per vCPU): compute, general purpose, memory optimised.
_FAMILIES = (("c7i", 2), ("m7i", 4), ("r7i", 8))
#: GPU instances (type, vCPU, memory GiB).
GPU_TYPES: tuple[tuple[str, int, int], ...] = (
    ("g5.xlarge", 4, 16),
    ("g5.2xlarge", 8, 32),
    ("g5.4xlarge", 16, 64),
    ("g5.8xlarge", 32, 128),
    ("g5.16xlarge", 64, 256),
    ("g5.24xlarge", 96, 384),
    ("g5.48xlarge", 192, 768),
)
#: Memory-heavy beyond r7i.48xlarge (1,536 GiB).
_HIGH_MEMORY = (("x2iedn.32xlarge", 128, 4096), ("u-6tb1.112xlarge", 448, 6144))

#: Fargate: task CPU units -> the memory values (MiB) that CPU size accepts.
FARGATE_SIZES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (256, (512, 1024, 2048)),
    (512, tuple(range(1024, 4097, 1024))),
    (1024, tuple(range(2048, 8193, 1024))),
    (2048, tuple(range(4096, 16385, 1024))),
    (4096, tuple(range(8192, 30721, 1024))),
    (8192, tuple(range(16384, 61441, 4096))),
    (16384, tuple(range(32768, 122881, 8192))),
)
# The hard limits come from the catalog (with their sources), so the stubs and the scoring
# cannot disagree; the minimums and the CPU ratio are sizing details the catalog does not need.
_FARGATE = default_catalog().target("fargate").limits
_LAMBDA = default_catalog().target("lambda").limits

FARGATE_MIN_STORAGE_GIB = 21
FARGATE_MAX_STORAGE_GIB = int(_FARGATE.max_ephemeral_storage_gib.value)  # type: ignore[arg-type]

LAMBDA_MIN_MEMORY_MB = 128
LAMBDA_MAX_MEMORY_MB = int(_LAMBDA.max_memory_gib.value * 1024)  # type: ignore[operator]
#: Lambda gives one full vCPU at 1,769 MB of memory and scales CPU with memory.
LAMBDA_MB_PER_VCPU = 1_769
LAMBDA_MAX_TIMEOUT_S = int(_LAMBDA.max_runtime_s.value)  # type: ignore[arg-type]
LAMBDA_MIN_STORAGE_MB = 512
LAMBDA_MAX_STORAGE_MB = int(_LAMBDA.max_ephemeral_storage_gib.value * 1024)  # type: ignore[operator]


@dataclass(frozen=True, slots=True)
class InstanceSize:
    instance_type: str
    vcpu: int
    memory_gib: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskSize:
    cpu: int
    memory_mib: int
    #: None: the default 20 GiB of Fargate task storage is enough.
    storage_gib: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FunctionSize:
    memory_mb: int
    timeout_s: int
    storage_mb: int
    notes: tuple[str, ...] = ()


def _first_fit(
    table: tuple[tuple[str, int, int], ...], vcpu: float, memory_gib: float
) -> InstanceSize:
    for name, cpus, memory in table:
        if cpus >= vcpu and memory >= memory_gib:
            return InstanceSize(name, cpus, memory)
    name, cpus, memory = max(table, key=lambda row: (row[2], row[1]))
    note = (
        f"needs {vcpu:g} vCPU and {memory_gib:g} GiB, more than the largest type here "
        f"({name}: {cpus} vCPU, {memory} GiB); split it or revisit the placement"
    )
    return InstanceSize(name, cpus, memory, (note,))


def _virtual_types() -> tuple[tuple[str, int, int], ...]:
    rows = [
        (f"{family}.{suffix}", cpus, cpus * per_cpu)
        for suffix, cpus in _SIZES
        for family, per_cpu in _FAMILIES
    ]
    return (*rows, *_HIGH_MEMORY)


VIRTUAL_TYPES = _virtual_types()


def metal_instance(workload: Workload) -> InstanceSize:
    """The smallest *.metal host that holds the workload."""
    table = METAL_GPU_TYPES if workload.gpu else METAL_TYPES
    return _first_fit(table, workload.vcpu, workload.memory_gib)


def virtual_instance(workload: Workload, overhead_gib: float = 0.0) -> InstanceSize:
    """The smallest virtual instance (compute, general or memory family) that holds it."""
    table = GPU_TYPES if workload.gpu else VIRTUAL_TYPES
    return _first_fit(table, workload.vcpu, workload.memory_gib + overhead_gib)


def ecs_task_size(workload: Workload) -> tuple[int, int]:
    """Task CPU units and memory MiB for ECS on EC2 (any values the host can hold)."""
    cpu = max(128, math.ceil(workload.vcpu * 1024))
    memory = max(256, math.ceil(workload.memory_gib * 1024))
    return cpu, memory


def fargate_task_size(workload: Workload) -> TaskSize:
    """The smallest valid Fargate CPU/memory pair covering the workload, and its storage."""
    notes: list[str] = []
    need_cpu = workload.vcpu * 1024
    need_memory = workload.memory_gib * 1024
    chosen: tuple[int, int] | None = None
    for cpu, memories in FARGATE_SIZES:
        if cpu < need_cpu:
            continue
        fitting = [memory for memory in memories if memory >= need_memory]
        if fitting:
            chosen = (cpu, fitting[0])
            break
    if chosen is None:
        cpu, memories = FARGATE_SIZES[-1]
        chosen = (cpu, memories[-1])
        notes.append(
            f"needs {workload.vcpu:g} vCPU and {workload.memory_gib:g} GiB; the largest Fargate "
            f"task has {cpu // 1024} vCPU and {memories[-1] // 1024} GiB"
        )
    storage: int | None = None
    if workload.ephemeral_storage_gib > 20:
        storage = min(
            FARGATE_MAX_STORAGE_GIB,
            max(FARGATE_MIN_STORAGE_GIB, math.ceil(workload.ephemeral_storage_gib)),
        )
        if workload.ephemeral_storage_gib > FARGATE_MAX_STORAGE_GIB:
            notes.append(
                f"needs {workload.ephemeral_storage_gib:g} GiB of scratch disk; Fargate tasks "
                f"have at most {FARGATE_MAX_STORAGE_GIB} GiB (mount EFS for the rest)"
            )
    return TaskSize(chosen[0], chosen[1], storage, tuple(notes))


def lambda_size(workload: Workload) -> FunctionSize:
    """Memory (which also buys CPU), timeout and /tmp size of a function."""
    notes: list[str] = []
    wanted = max(workload.memory_gib * 1024, workload.vcpu * LAMBDA_MB_PER_VCPU)
    memory = max(LAMBDA_MIN_MEMORY_MB, math.ceil(wanted))
    if memory > LAMBDA_MAX_MEMORY_MB:
        notes.append(
            f"needs {workload.vcpu:g} vCPU and {workload.memory_gib:g} GiB; a function has at "
            f"most {LAMBDA_MAX_MEMORY_MB} MB (about 6 vCPU)"
        )
        memory = LAMBDA_MAX_MEMORY_MB
    if workload.max_runtime_s is None:
        timeout = LAMBDA_MAX_TIMEOUT_S
        notes.append("is an always-on service; a function runs at most 15 minutes per call")
    elif workload.max_runtime_s > LAMBDA_MAX_TIMEOUT_S:
        timeout = LAMBDA_MAX_TIMEOUT_S
        notes.append(
            f"runs up to {workload.max_runtime_s} s; a function stops after "
            f"{LAMBDA_MAX_TIMEOUT_S} s (split the work or use Fargate)"
        )
    else:
        timeout = workload.max_runtime_s
    storage = max(LAMBDA_MIN_STORAGE_MB, math.ceil(workload.ephemeral_storage_gib * 1024))
    if storage > LAMBDA_MAX_STORAGE_MB:
        notes.append(
            f"needs {workload.ephemeral_storage_gib:g} GiB of scratch disk; /tmp holds at most "
            f"{LAMBDA_MAX_STORAGE_MB // 1024} GiB"
        )
        storage = LAMBDA_MAX_STORAGE_MB
    return FunctionSize(memory, timeout, storage, tuple(notes))

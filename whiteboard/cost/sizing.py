"""Sizing a workload for its target: instance types, task sizes, function settings.

Each function returns the size plus the notes a reviewer needs when the workload does not fit
(the stub then uses the largest size and says so, rather than failing the whole export). The
Terraform stubs and the cost estimate size a workload with the same functions, so the stub
names the instance type the estimate prices. Instance tables are the price table's
current-generation x86 types with their published vCPU, memory and price.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TypeVar

from whiteboard.catalog import Limit, Limits, default_catalog
from whiteboard.cost.prices import default_prices
from whiteboard.cost.schema import DedicatedHost, InstanceRole
from whiteboard.model import Workload

_Size = TypeVar("_Size")
#: Entries each sizing memo keeps before it starts afresh.
MEMO_MAX = 100_000


def memoised_on(
    *fields: str,
) -> Callable[[Callable[..., _Size]], Callable[..., _Size]]:
    """Memoise a sizing function of a workload on the workload `fields` it reads (and its
    other arguments): estates repeat the same few shapes, and the estimate sizes every
    workload on every target. `tests/cost/test_sizing.py` reads each function's code and
    fails when it reads a field it does not declare."""
    read = attrgetter(*fields)

    def wrap(function: Callable[..., _Size]) -> Callable[..., _Size]:
        memo: dict[tuple[object, ...], _Size] = {}

        @functools.wraps(function)
        def sized(workload: Workload, *args: object) -> _Size:
            key = (read(workload), args)
            found = memo.get(key)
            if found is None:
                if len(memo) >= MEMO_MAX:
                    memo.clear()
                found = memo[key] = _interned(function(workload, *args))
            return found

        sized.reads = fields  # type: ignore[attr-defined]
        return sized

    return wrap


_INTERNED: dict[tuple[object, ...], object] = {}


def _interned(size: _Size) -> _Size:
    """One object per distinct size, so sizes compare and hash by identity (see InstanceSize)."""
    key = (type(size), *(getattr(size, name) for name in size.__slots__))  # type: ignore[attr-defined]
    if len(_INTERNED) >= MEMO_MAX:
        _INTERNED.clear()
    return _INTERNED.setdefault(key, size)  # type: ignore[return-value]


#: The instance types come from the price table (`prices.json`), the one place that lists their
#: published size and price: (type, vCPU, memory GiB, USD per hour), smallest first.
InstanceRow = tuple[str, int, float, float]


def instance_rows(*roles: InstanceRole) -> tuple[InstanceRow, ...]:
    """The price table's instance types of these roles, smallest first."""
    return tuple(
        (i.type, i.vcpu, i.memory_gib, i.usd_per_hour) for i in default_prices().by_role(*roles)
    )


_CONFIRMED = {i.type: i.confirmed for i in default_prices().instances}


def price_confirmed(instance_type: str) -> bool:
    """Whether an AWS source confirmed the type's price (False for a type not listed)."""
    return _CONFIRMED.get(instance_type, False)


#: Bare metal: whole hosts, no hypervisor.
METAL_TYPES = instance_rows("metal")
METAL_GPU_TYPES = instance_rows("metal_gpu")
#: Compute, general purpose and memory optimised sizes, then the high-memory ones (U7i).
VIRTUAL_TYPES = instance_rows("compute", "general", "memory", "high_memory")
GPU_TYPES = instance_rows("gpu")

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


def _limits_for_sizing(rule: str) -> Limits:
    """The limits of the one target whose stubs are sized by `rule` (its `terraform.sizing`).

    The hard limits come from the catalog (with their sources), so the stubs and the scoring
    cannot disagree; the minimums and the CPU ratios are sizing details the catalog does not
    need. Looking the target up by its sizing rule keeps target ids out of this module.
    """
    found = [t for t in default_catalog().targets if t.terraform.sizing == rule]
    if len(found) != 1:
        raise LookupError(f"{len(found)} targets of the catalog are sized by {rule!r}, not one")
    return found[0].limits


_FARGATE = _limits_for_sizing("fargate_task")
_LAMBDA = _limits_for_sizing("function")
_MANAGED_TASK = _limits_for_sizing("ecs_task_on_managed_instances")
_MANAGED_FUNCTION = _limits_for_sizing("function_on_managed_instances")

FARGATE_MIN_STORAGE_GIB = 21
FARGATE_MAX_STORAGE_GIB = int(_FARGATE.max_ephemeral_storage_gib.value)  # type: ignore[arg-type]
#: Windows tasks take at least 1 vCPU ("The CPU units cannot be less than 1 vCPU when you use
#: Windows containers on Fargate": https://docs.aws.amazon.com/AmazonECS/latest/APIReference/
#: API_TaskDefinition.html, checked 2026-12-02); their largest size, their fixed storage and
#: whether a volume attaches come from the catalog.
FARGATE_WINDOWS_MIN_CPU = 1024


def _fargate_largest(os: str) -> tuple[float, float]:
    """(vCPU, GiB) of the largest task for `os`, from the catalog's limits."""
    vcpu, memory = _FARGATE.max_vcpu.value, _FARGATE.max_memory_gib.value
    if os == "windows":
        vcpu = _FARGATE.windows_max_vcpu.value or vcpu
        memory = _FARGATE.windows_max_memory_gib.value or memory
    return float(vcpu), float(memory)  # type: ignore[arg-type]


LAMBDA_MIN_MEMORY_MB = 128
LAMBDA_MAX_MEMORY_MB = int(_LAMBDA.max_memory_gib.value * 1024)  # type: ignore[operator]
#: Lambda gives one full vCPU at 1,769 MB of memory and scales CPU with memory.
LAMBDA_MB_PER_VCPU = 1_769
LAMBDA_MAX_TIMEOUT_S = int(_LAMBDA.max_runtime_s.value)  # type: ignore[arg-type]
LAMBDA_MIN_STORAGE_MB = 512
LAMBDA_MAX_STORAGE_MB = int(_LAMBDA.max_ephemeral_storage_gib.value * 1024)  # type: ignore[operator]

#: ECS task minimums on EC2 capacity (the same as ECS on your own hosts).
ECS_MIN_TASK_CPU = 128
ECS_MIN_TASK_MEMORY_MIB = 256
#: Memory each managed host keeps for its operating system and the ECS agent.
MANAGED_HOST_RESERVED_MIB = 512
#: The same room on ECS hosts you run yourself: a host must hold a task plus this.
ECS_HOST_RESERVED_GIB = MANAGED_HOST_RESERVED_MIB / 1024
#: Root and image space of each managed host, before the tasks' own scratch space.
MANAGED_HOST_BASE_STORAGE_GIB = 30
#: Host sizes (vCPU) the capacity provider may choose between, and the most memory per vCPU of
#: the families it picks from (memory optimised: 8 GiB per vCPU).
_HOST_VCPUS = (2, 4, 8, 16, 32, 48, 64, 96, 128, 192, 448)
_HOST_MAX_GIB_PER_VCPU = 8

#: Lambda Managed Instances: the smallest function is 1 vCPU with 2 GiB; memory per vCPU is one
#: of these ratios (compute, general purpose, memory optimised hosts).
MANAGED_FUNCTION_MIN_VCPU = 1
MANAGED_FUNCTION_GIB_PER_VCPU = (2, 4, 8)
MANAGED_FUNCTION_MIN_MEMORY_MB = MANAGED_FUNCTION_MIN_VCPU * MANAGED_FUNCTION_GIB_PER_VCPU[0] * 1024
MANAGED_FUNCTION_MAX_TIMEOUT_S = int(_MANAGED_FUNCTION.max_runtime_s.value)  # type: ignore[arg-type]
#: /tmp of a function on managed instances: reported, not documented (the catalog says which).
_MANAGED_TMP = _MANAGED_FUNCTION.max_ephemeral_storage_gib


#: The sizes below are compared by identity (eq=False): the sizing memos hand out one object
#: per shape, and the estimate's memo keys hold them, so hashing them must stay in C.
@dataclass(frozen=True, slots=True, eq=False)
class InstanceSize:
    instance_type: str
    vcpu: int
    memory_gib: float
    #: On-demand Linux price of the type (the price table's).
    usd_per_hour: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class TaskSize:
    cpu: int
    memory_mib: int
    #: None: the default 20 GiB of Fargate task storage is enough.
    storage_gib: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class FunctionSize:
    memory_mb: int
    timeout_s: int
    storage_mb: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class ManagedFunctionSize:
    """A function on Lambda Managed Instances: its execution environment's size.

    `memory_mb` is always `vcpu * memory_gib_per_vcpu` GiB, so the environment gets whole
    vCPUs at one of the ratios Lambda offers. There is no /tmp size to choose.
    """

    memory_mb: int
    vcpu: int
    memory_gib_per_vcpu: int
    timeout_s: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HostRequirements:
    """What a capacity provider of managed hosts may launch (EC2 attribute-based selection)."""

    vcpu_min: int
    vcpu_max: int
    memory_min_mib: int
    memory_max_mib: int
    #: Size of each host's tasks volume (images, writable layers, scratch), shared by its tasks.
    storage_gib: int
    gpu: bool


def _first_fit(table: tuple[InstanceRow, ...], vcpu: float, memory_gib: float) -> InstanceSize:
    """The cheapest type that holds the need (the smaller on a tie), else the largest with a
    note: right-sized to what EC2 sells, the same type the stub and the estimate name."""
    fitting = [row for row in table if row[1] >= vcpu and row[2] >= memory_gib]
    if fitting:
        name, cpus, memory, price = min(fitting, key=lambda row: (row[3], row[1], row[2]))
        return InstanceSize(name, cpus, _whole(memory), price)
    name, cpus, memory, price = max(table, key=lambda row: (row[2], row[1]))
    note = (
        f"needs {vcpu:g} vCPU and {memory_gib:g} GiB, more than the largest type here "
        f"({name}: {cpus} vCPU, {memory:g} GiB); split it or revisit the placement"
    )
    return InstanceSize(name, cpus, _whole(memory), price, (note,))


#: Container hosts are kept this full on average: a task pays for its share of a host plus
#: the room packing leaves free (an assumption the estimate states).
PACKING_EFFICIENCY = 0.8


def host_share(workload: Workload, host: InstanceSize) -> float:
    """The part of a host a task pays for: its larger share of CPU or memory, over the
    packing efficiency, at most the whole host."""
    used = max(workload.vcpu / host.vcpu, workload.memory_gib / host.memory_gib)
    return min(1.0, used / PACKING_EFFICIENCY)


def dedicated_host(hosts: tuple[DedicatedHost, ...], workload: Workload) -> DedicatedHost:
    """The cheapest Dedicated Host that holds the workload, else the biggest."""
    fitting = [h for h in hosts if h.vcpu >= workload.vcpu and h.memory_gib >= workload.memory_gib]
    pool = fitting or [max(hosts, key=lambda h: (h.memory_gib, h.vcpu))]
    return min(pool, key=lambda h: h.usd_per_hour)


def _whole(memory: float) -> float | int:
    return int(memory) if float(memory).is_integer() else memory


@memoised_on("gpu", "vcpu", "memory_gib")
def metal_instance(workload: Workload) -> InstanceSize:
    """The smallest *.metal host that holds the workload."""
    table = METAL_GPU_TYPES if workload.gpu else METAL_TYPES
    return _first_fit(table, workload.vcpu, workload.memory_gib)


@memoised_on("gpu", "vcpu", "memory_gib")
def virtual_instance(workload: Workload, overhead_gib: float = 0.0) -> InstanceSize:
    """The smallest virtual instance (compute, general or memory family) that holds it."""
    table = GPU_TYPES if workload.gpu else VIRTUAL_TYPES
    return _first_fit(table, workload.vcpu, workload.memory_gib + overhead_gib)


def ecs_host_instance(workload: Workload) -> InstanceSize:
    """The cheapest virtual instance that holds one task of the workload and what the host
    keeps for its operating system and the ECS agent: the host type the stub of a task on
    hosts asks for and its estimate prices a share of."""
    return virtual_instance(workload, ECS_HOST_RESERVED_GIB)


def ecs_task_size(workload: Workload) -> tuple[int, int]:
    """Task CPU units and memory MiB for ECS on EC2 (any values the host can hold)."""
    cpu = max(128, math.ceil(workload.vcpu * 1024))
    memory = max(256, math.ceil(workload.memory_gib * 1024))
    return cpu, memory


@memoised_on("os", "vcpu", "memory_gib", "ephemeral_storage_gib")
def fargate_task_size(workload: Workload) -> TaskSize:
    """The smallest valid Fargate CPU/memory pair for the workload's OS covering the workload,
    and its storage."""
    notes: list[str] = []
    max_vcpu, max_memory = _fargate_largest(workload.os)
    windows = workload.os == "windows"
    sizes = [
        (cpu, tuple(m for m in memories if m <= max_memory * 1024))
        for cpu, memories in FARGATE_SIZES
        if cpu <= max_vcpu * 1024 and (not windows or cpu >= FARGATE_WINDOWS_MIN_CPU)
    ]
    need_cpu = workload.vcpu * 1024
    need_memory = workload.memory_gib * 1024
    chosen: tuple[int, int] | None = None
    for cpu, memories in sizes:
        if cpu < need_cpu:
            continue
        fitting = [memory for memory in memories if memory >= need_memory]
        if fitting:
            chosen = (cpu, fitting[0])
            break
    if chosen is None:
        # Too big: the nearest valid pair, the most CPU (which also offers the most memory)
        # with the least memory that covers the need, never a pair Fargate would refuse.
        cpu, memories = sizes[-1]
        memory = next((m for m in memories if m >= need_memory), memories[-1])
        chosen = (cpu, memory)
        on = f" {workload.os.capitalize()}" if windows else ""
        notes.append(
            f"needs {workload.vcpu:g} vCPU and {workload.memory_gib:g} GiB, more than a{on} "
            f"Fargate task has (at most {sizes[-1][0] // 1024} vCPU and "
            f"{sizes[-1][1][-1] // 1024} GiB): sized to the nearest valid task, {cpu // 1024} "
            f"vCPU and {memory // 1024} GiB"
        )
    storage = _fargate_storage(workload, notes)
    return TaskSize(chosen[0], chosen[1], storage, tuple(notes))


def _fargate_storage(workload: Workload, notes: list[str]) -> int | None:
    """The task's ephemeral storage (None: the default), adding a note for scratch the task
    cannot hold: on an ECS-managed EBS volume where the catalog allows one for the OS."""
    need = workload.ephemeral_storage_gib
    fixed = _FARGATE.windows_max_ephemeral_storage_gib.value
    if workload.os == "windows" and fixed is not None:
        if need > fixed:
            notes.append(
                f"needs {need:g} GiB of scratch disk; Windows tasks have a fixed {fixed} GiB and "
                "take no EBS volume"
            )
        return None
    if need <= 20:
        return None
    storage = min(FARGATE_MAX_STORAGE_GIB, max(FARGATE_MIN_STORAGE_GIB, math.ceil(need)))
    if need > FARGATE_MAX_STORAGE_GIB:
        volume = workload.os in (_FARGATE.scratch_volume_os.value or ())  # type: ignore[operator]
        rest = (
            "attach an ECS-managed EBS volume for the rest (set on the service or task run, "
            "not in the task definition)"
            if volume
            else "mount EFS for the rest"
        )
        notes.append(
            f"needs {need:g} GiB of scratch disk; Fargate tasks have at most "
            f"{FARGATE_MAX_STORAGE_GIB} GiB: {rest}"
        )
    return storage


@memoised_on("memory_gib", "vcpu", "max_runtime_s", "ephemeral_storage_gib")
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


def _over_limit(needed: float, limit: Limit) -> bool:
    """Whether `needed` exceeds a confirmed, numeric limit (unconfirmed ones never bind)."""
    value = limit.value
    return (
        limit.confirmed
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and needed > value
    )


@memoised_on("vcpu", "memory_gib")
def managed_instances_task_size(workload: Workload) -> TaskSize:
    """Task CPU units and memory MiB on ECS Managed Instances.

    Any values the chosen hosts can hold are valid (no Fargate pairs). Task storage is not set
    per task: the capacity provider sizes each host's tasks volume (see managed_instances_hosts).
    """
    notes: list[str] = []
    vcpu, memory_gib = workload.vcpu, workload.memory_gib
    max_vcpu, max_memory = _MANAGED_TASK.max_vcpu, _MANAGED_TASK.max_memory_gib
    if _over_limit(vcpu, max_vcpu) or _over_limit(memory_gib, max_memory):
        notes.append(
            f"needs {vcpu:g} vCPU and {memory_gib:g} GiB; the largest managed host has "
            f"{max_vcpu.value} vCPU and {max_memory.value} GiB"
        )
        if _over_limit(vcpu, max_vcpu):
            vcpu = float(max_vcpu.value)  # type: ignore[arg-type]
        if _over_limit(memory_gib, max_memory):
            memory_gib = float(max_memory.value)  # type: ignore[arg-type]
    cpu = max(ECS_MIN_TASK_CPU, math.ceil(vcpu * 1024))
    memory = max(ECS_MIN_TASK_MEMORY_MIB, math.ceil(memory_gib * 1024))
    return TaskSize(cpu, memory, None, tuple(notes))


def managed_instances_hosts(workloads: Sequence[Workload]) -> HostRequirements:
    """Instance requirements of one capacity provider that must hold any one of these tasks.

    The smallest host allowed holds the largest task (plus what the host keeps for itself);
    the largest allowed has room for about two of them, so tasks pack without the provider
    choosing hosts far bigger than the board needs.
    """
    if not workloads:
        raise ValueError("a capacity provider needs at least one workload")
    sizes = [managed_instances_task_size(w) for w in workloads]
    vcpu_min = max(1, max(math.ceil(size.cpu / 1024) for size in sizes))
    memory_min = max(size.memory_mib for size in sizes) + MANAGED_HOST_RESERVED_MIB
    fitting = [
        cpus
        for cpus in _HOST_VCPUS
        if cpus >= 2 * vcpu_min and cpus * _HOST_MAX_GIB_PER_VCPU * 1024 >= memory_min
    ]
    vcpu_max = max(vcpu_min, fitting[0] if fitting else _HOST_VCPUS[-1])
    memory_max = max(memory_min, vcpu_max * _HOST_MAX_GIB_PER_VCPU * 1024)
    scratch = max(math.ceil(w.ephemeral_storage_gib) for w in workloads)
    return HostRequirements(
        vcpu_min=vcpu_min,
        vcpu_max=vcpu_max,
        memory_min_mib=memory_min,
        memory_max_mib=memory_max,
        storage_gib=MANAGED_HOST_BASE_STORAGE_GIB + scratch,
        gpu=any(w.gpu for w in workloads),
    )


def _managed_function_shape(vcpu: float, memory_gib: float) -> tuple[int, int]:
    """(vCPU, GiB per vCPU) of the smallest environment that holds the need.

    Fewest vCPUs first, then least memory: on the compute, general and memory families a vCPU
    costs more than the memory that comes with it, so a memory-heavy function is cheaper at 8
    GiB per vCPU than spread over more vCPUs at 2.
    """
    need_vcpu = max(MANAGED_FUNCTION_MIN_VCPU, math.ceil(vcpu))
    shapes = [
        (max(need_vcpu, math.ceil(memory_gib / ratio)), ratio)
        for ratio in MANAGED_FUNCTION_GIB_PER_VCPU
    ]
    return min(shapes, key=lambda shape: (shape[0], shape[0] * shape[1]))


@memoised_on("vcpu", "memory_gib", "max_runtime_s", "ephemeral_storage_gib")
def managed_instances_function_size(workload: Workload) -> ManagedFunctionSize:
    """Memory, vCPU ratio and timeout of a function on Lambda Managed Instances."""
    notes: list[str] = []
    vcpu, ratio = _managed_function_shape(workload.vcpu, workload.memory_gib)
    memory_mb = vcpu * ratio * 1024
    max_vcpu, max_memory = _MANAGED_FUNCTION.max_vcpu, _MANAGED_FUNCTION.max_memory_gib
    above_vcpu = isinstance(max_vcpu.value, int | float) and vcpu > max_vcpu.value
    above_memory = isinstance(max_memory.value, int | float) and memory_mb > max_memory.value * 1024
    if above_vcpu or above_memory:
        if max_vcpu.confirmed and max_memory.confirmed:
            vcpu = min(vcpu, int(max_vcpu.value), int(max_memory.value) // ratio)  # type: ignore[arg-type]
            memory_mb = vcpu * ratio * 1024
            notes.append(
                f"needs {workload.vcpu:g} vCPU and {workload.memory_gib:g} GiB; a function on "
                f"managed instances has at most {max_vcpu.value} vCPU and {max_memory.value} GiB"
            )
        else:
            # Reported but not documented: keep the size, let the reviewer check it.
            notes.append(
                f"needs {vcpu} vCPU and {memory_mb // 1024} GiB per execution environment; "
                f"{max_vcpu.value} vCPU and {max_memory.value} GiB is the largest size reported, "
                "not documented: check the current limit before applying"
            )
    if workload.max_runtime_s is None:
        timeout = MANAGED_FUNCTION_MAX_TIMEOUT_S
        notes.append(
            "is an always-on service; on managed instances a function still runs per "
            f"invocation, each at most {MANAGED_FUNCTION_MAX_TIMEOUT_S} s"
        )
    elif workload.max_runtime_s > MANAGED_FUNCTION_MAX_TIMEOUT_S:
        timeout = MANAGED_FUNCTION_MAX_TIMEOUT_S
        notes.append(
            f"runs up to {workload.max_runtime_s} s; an invocation stops after "
            f"{MANAGED_FUNCTION_MAX_TIMEOUT_S} s (split the work or use ECS tasks)"
        )
    else:
        timeout = max(1, workload.max_runtime_s)
    tmp_gib = _MANAGED_TMP.value
    if isinstance(tmp_gib, int | float) and workload.ephemeral_storage_gib > tmp_gib:
        known = "" if _MANAGED_TMP.confirmed else " (reported, not documented)"
        notes.append(
            f"needs {workload.ephemeral_storage_gib:g} GiB of scratch disk; functions on "
            f"managed instances have {tmp_gib:g} GiB of /tmp{known}, shared by concurrent "
            "invocations"
        )
    return ManagedFunctionSize(memory_mb, vcpu, ratio, timeout, tuple(notes))

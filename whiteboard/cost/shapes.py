"""What an estimate depends on once the workload is sized: workloads that size alike cost alike.

Estates of thousands of workloads vary in their raw fields (vCPU, GiB, scratch disk) far more
than in what they buy: a few instance types, task sizes and function memories, and a few
usage patterns. `estimate` memoises on the key below, so a board pays for the line items of
each distinct shape once. A key holds everything its sizing rule reads of the workload on that
target: the sized unit (or the parts of it the rule prices), the notes it repeats, the
operating system and the flags the rule looks at; `estimate` adds the usage.
`tests/cost/test_shapes.py` holds memoised estimates to fresh ones on variants of every field
the estimate reads.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from whiteboard.catalog import Target
from whiteboard.cost import sizing
from whiteboard.model import Workload


def fallback_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """The sizing notes an estimate repeats: the workload is bigger than anything the target
    sells ("needs 96 vCPU and ..."), so it is priced at the largest size."""
    if not notes:
        return ()
    return tuple(note for note in notes if note.startswith("needs ") and " vCPU" in note)


def spot_applies(w: Workload, target: Target) -> bool:
    """Runs that can be interrupted and retried, on a target with Spot for their OS."""
    if w.architecture != "cattle" or w.stateful:
        return False
    limits = target.limits
    return bool(limits.spot_discount_pct.value) and w.os in (limits.spot_os.value or ())  # type: ignore[operator]


def priced_without_gpu(w: Workload, target: Target) -> bool:
    """It needs a GPU the target does not have: the estimate says it is priced without."""
    return w.gpu and not target.limits.gpu.value


def _kept(w: Workload) -> bool:
    """A pet keeps its host between runs (billed all month, `estimate._kept_usage`)."""
    return w.architecture == "pet"


def _metal(w: Workload, target: Target) -> Hashable:
    return (sizing.metal_instance(w), w.os, w.licence, _kept(w), spot_applies(w, target))


def _virtual(w: Workload, target: Target) -> Hashable:
    if w.licence == "byol_per_core":  # rare: keyed on the need, whatever the table's hosts
        return ("dedicated_host", w.vcpu, w.memory_gib, spot_applies(w, target))
    return (sizing.virtual_instance(w), w.os, _kept(w), spot_applies(w, target))


def _packed(w: Workload, target: Target) -> Hashable:
    host = sizing.ecs_host_instance(w)
    return (host, sizing.host_share(w, host), w.os, w.licence, spot_applies(w, target))


def _fargate(w: Workload, target: Target) -> Hashable:
    size = sizing.fargate_task_size(w)
    return (
        size.cpu,
        size.memory_mib,
        size.storage_gib,
        fallback_notes(size.notes),
        w.os,
        priced_without_gpu(w, target),
        spot_applies(w, target),
    )


def _function(w: Workload, target: Target) -> Hashable:
    size = sizing.lambda_size(w)
    return (
        size.memory_mb,
        size.storage_mb,
        fallback_notes(size.notes),
        w.interface == "request_response",
        priced_without_gpu(w, target),
        spot_applies(w, target),
    )


def _function_on_instances(w: Workload, target: Target) -> Hashable:
    size = sizing.managed_instances_function_size(w)
    return (
        size.vcpu,
        size.memory_gib_per_vcpu,
        priced_without_gpu(w, target),
        spot_applies(w, target),
    )


#: Sizing rules whose units are billed by the hour or second, whatever the requests: their
#: estimates read only the billed time of the usage (`Usage.billed_time`).
BILLED_BY_TIME: frozenset[str] = frozenset(
    {
        "metal_instance",
        "virtual_instance",
        "ecs_task_on_hosts",
        "ecs_task_on_managed_instances",
        "fargate_task",
    }
)

#: Sizing rule (the catalog's `terraform.sizing`) -> the shape of a workload under it.
_SHAPES: dict[str, Callable[[Workload, Target], Hashable]] = {
    "metal_instance": _metal,
    "virtual_instance": _virtual,
    "ecs_task_on_hosts": _packed,
    "ecs_task_on_managed_instances": _packed,
    "fargate_task": _fargate,
    "function": _function,
    "function_on_managed_instances": _function_on_instances,
}

_SPOT = ("architecture", "stateful", "os")
#: Sizing rule -> the workload fields its shape reads, itself and through the sizing functions
#: it calls (`tests/cost/test_shapes.py` reads the code against these): shapes are memoised on
#: them, since working a shape out costs more than looking it up.
SHAPE_READS: dict[str, tuple[str, ...]] = {
    "metal_instance": ("licence", "gpu", "vcpu", "memory_gib", *_SPOT),
    "virtual_instance": ("licence", "gpu", "vcpu", "memory_gib", *_SPOT),
    "ecs_task_on_hosts": ("licence", "gpu", "vcpu", "memory_gib", *_SPOT),
    "ecs_task_on_managed_instances": ("licence", "gpu", "vcpu", "memory_gib", *_SPOT),
    "fargate_task": ("vcpu", "memory_gib", "ephemeral_storage_gib", "gpu", *_SPOT),
    "function": (
        "memory_gib",
        "vcpu",
        "max_runtime_s",
        "ephemeral_storage_gib",
        "interface",
        "gpu",
        *_SPOT,
    ),
    "function_on_managed_instances": (
        "vcpu",
        "memory_gib",
        "max_runtime_s",
        "ephemeral_storage_gib",
        "gpu",
        *_SPOT,
    ),
}


def shape_of(w: Workload, target: Target) -> Hashable:
    """The workload's shape on the target: what its estimate there depends on, but the usage.
    Not memoised here: each `estimate` lane memoises it on the SHAPE_READS of its rule."""
    return _SHAPES[target.terraform.sizing](w, target)

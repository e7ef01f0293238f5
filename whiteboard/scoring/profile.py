"""The workload fields the scoring reads, declared once for every memo.

The scoring memoises heavily (estates repeat the same shapes), so each memo is keyed on the
fields its rules read. Those fields are declared here and nowhere else: the memo keys are built
from these tuples, and `tests/scoring/test_profile.py` reads the code of every rule and fails
when a rule reads a field its declaration leaves out, so a forgotten field can never return a
stale score.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from whiteboard.cost.estimate import ESTIMATE_READS
from whiteboard.model import Workload
from whiteboard.scoring.rules import BIG_MEMORY_GIB, HEADROOM_SHARE

if TYPE_CHECKING:
    from whiteboard.scoring.feasibility import TargetFacts

#: The fields the hard limits read.
FEASIBILITY_READS: tuple[str, ...] = (
    "max_runtime_s",
    "interface",
    "vcpu",
    "memory_gib",
    "ephemeral_storage_gib",
    "gpu",
    "hardware_counters",
    "hardware_virtualisation",
    "privileged",
    "licence",
    "os",
)


def _in_field_order(fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in Workload.model_fields if name in fields)


#: Pillar id -> the fields its rule reads. The operational-excellence memo also keys on
#: `feasibility.unconfirmed_key` (a subset of FEASIBILITY_READS, per targets).
PILLAR_READS: dict[str, tuple[str, ...]] = {
    "operational_excellence": (
        "ops_maturity",
        "architecture",
        "ephemeral_storage_gib",
        "os",
        "hardware_counters",
        "hardware_virtualisation",
    ),
    "security": ("ops_maturity", "compliance", "privileged"),
    "reliability": ("architecture", "stateful", "interface", "max_runtime_s"),
    "performance_efficiency": ("gpu", "vcpu", "memory_gib", "traffic", "interface", "os"),
    #: The estimates' fields (`cost.estimate.ESTIMATE_READS`), the hard limits' (the points are
    #: relative to the cheapest target that can run it) and those of the rows beside them.
    "cost_optimization": _in_field_order(
        (*ESTIMATE_READS, *FEASIBILITY_READS, "architecture", "licence")
    ),
    "sustainability": ("traffic", "vcpu"),
}

#: Every field any rule reads, in the workload's own field order: two workloads with the same
#: values score the same. The rest (id, name, kind, group) is never read, and depends_on arrives
#: through the dependency risk.
PROFILE_FIELDS: tuple[str, ...] = tuple(
    name
    for name in Workload.model_fields
    if name in set(FEASIBILITY_READS).union(*PILLAR_READS.values())
)

#: Properties of `Workload` the rules may read, with the fields each one is made of.
DERIVED_READS: dict[str, tuple[str, ...]] = {
    "always_on": ("max_runtime_s",),
    "runs_as_job": ("interface", "max_runtime_s"),
}


def getter(fields: tuple[str, ...]) -> Callable[[Workload], tuple[object, ...]]:
    """A fast function from a workload to the values of `fields`, always as a tuple."""
    if len(fields) == 1:
        name = fields[0]
        return lambda w: (getattr(w, name),)
    return attrgetter(*fields)  # type: ignore[return-value]


#: The workload's profile: the values of PROFILE_FIELDS.
profile = getter(PROFILE_FIELDS)


# -- Coarse keys --------------------------------------------------------------------------------
#
# A key may hold less than the values of the declared fields, as long as it keeps everything
# the rule can tell apart: a number the rule only compares with thresholds is kept as which
# thresholds it passes, and a field a rule reads only in one case is kept only in that case.
# Estates of thousands of workloads then share far more entries. The property test
# `test_memoised_rules_match_fresh_ones` compares memoised results with fresh ones.


def coarse_keys(targets: Sequence[TargetFacts]) -> dict[str, Callable[[Workload], Hashable]]:
    """Pillar id -> its memo key function for these targets (see the note above)."""
    keys: dict[str, Callable[[Workload], Hashable]] = {
        pillar: getter(fields) for pillar, fields in PILLAR_READS.items()
    }
    scratch = sorted(
        {
            size[2]
            for t in targets
            for os, size in t.sizes.items()
            if size[2] is not None and os in t.scratch_volume_os
        }
    )
    plain_ops = getter(
        ("ops_maturity", "architecture", "os", "hardware_counters", "hardware_virtualisation")
    )

    def ops(w: Workload) -> Hashable:
        return (plain_ops(w), bisect_left(scratch, w.ephemeral_storage_gib))

    halves, limits = [], []
    for index in (0, 1):  # vCPU, memory
        sizes = {s[index] for t in targets for s in t.sizes.values() if s[index] is not None}
        halves.append(sorted(HEADROOM_SHARE * size for size in sizes))
        limits.append(sorted(sizes))
    plain_performance = getter(("gpu", "traffic", "interface", "os"))

    def performance(w: Workload) -> Hashable:
        """Sizes only as the headroom bands and the big-memory line they fall in."""
        return (
            plain_performance(w),
            bisect_left(halves[0], w.vcpu),
            bisect_left(limits[0], w.vcpu),
            bisect_left(halves[1], w.memory_gib),
            bisect_left(limits[1], w.memory_gib),
            w.memory_gib >= BIG_MEMORY_GIB,
        )

    keys["operational_excellence"] = ops
    keys["performance_efficiency"] = performance
    return keys

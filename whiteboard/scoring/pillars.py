"""Pillar scores: the rules of rules.py applied to one workload on one target.

Each pillar function returns the factors that apply on one target (the cost rule, whose points
are relative across targets, returns them for every target at once); `_column` sums them onto
the base score and clamps to 0..100. The weights live in rules.py, the wording of fixed labels too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import NamedTuple

from whiteboard.catalog import Rule
from whiteboard.cost.estimate import Estimate
from whiteboard.model import PILLAR_IDS, PillarId, Workload
from whiteboard.scoring import rules as r
from whiteboard.scoring.costs import cost_factors, runnable_estimates
from whiteboard.scoring.dependencies import DependencyRisk
from whiteboard.scoring.feasibility import (
    TargetFacts,
    number,
    unconfirmed_key,
    unconfirmed_needs,
    violations_per_target,
)
from whiteboard.scoring.profile import PILLAR_READS, coarse_keys, getter
from whiteboard.scoring.results import Factor

Factors = list[Factor]
Targets = tuple[TargetFacts, ...]
Costs = tuple[Estimate | None, ...]


def operational_excellence(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    steps = t.provider_layer_count - r.OPS_NEUTRAL_LAYERS
    if steps:
        points = steps * r.OPS_POINTS_PER_LAYER[w.ops_maturity]
        if steps > 0:
            label = (
                f"The provider runs {t.provider_layer_count} of {t.layer_count} layers: "
                f"less heavy lifting for a {w.ops_maturity}-maturity team"
            )
        else:
            label = (
                f"The team runs {t.layer_count - t.provider_layer_count} of {t.layer_count} "
                f"layers itself, from the {t.first_customer_layer} up, with "
                f"{w.ops_maturity} ops maturity"
            )
        factors.append(Factor(label, points, specific=False))
    fit = getattr(t.rules.architecture_fit, w.architecture)
    if fit:
        # A pet gains where it can keep its host; cattle lose where hosts are hand-built.
        keeps_host = (fit > 0) == (w.architecture == "pet")
        factors.append(Factor(r.ARCHITECTURE_FIT_LABELS[(w.architecture, keeps_host)], fit))
    _scratch_volume(factors, w, t)
    if w.hardware_counters:
        _row(factors, t.rules.hardware_counters_fit)
    if w.hardware_virtualisation:
        _row(factors, t.rules.hardware_virtualisation_fit)
    needs = unconfirmed_needs(w, t)
    if needs:
        factors.append(
            Factor(
                f"{r.UNCONFIRMED_PREFIX} that {t.short_name} gives {' or '.join(needs)}: "
                "check before relying on it",
                r.UNCONFIRMED_FIT,
                doubt=True,
            )
        )
    return factors


def _scratch_volume(factors: Factors, w: Workload, t: TargetFacts) -> None:
    storage = t.sizes[w.os][2]
    if storage is not None and w.ephemeral_storage_gib > storage and w.os in t.scratch_volume_os:
        factors.append(
            Factor(
                f"Scratch beyond {number(storage)} GiB goes on a volume attached to each "
                f"{t.unit_noun.removeprefix('one ')} (an ECS-managed EBS volume): one more "
                "thing to size and pay for",
                r.SCRATCH_VOLUME_OPS,
            )
        )


def security(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    if "guest_os" in t.provider_layers:
        points, label = r.SECURITY_PROVIDER_PATCHES
        factors.append(Factor(label, points, specific=False))
    else:
        factors.append(
            Factor(
                f"The team patches the operating system itself, with {w.ops_maturity} ops maturity",
                r.SECURITY_SELF_PATCH[w.ops_maturity],
                specific=False,
            )
        )
    for regime in w.compliance:
        _compliance(factors, regime, t)
    _row(factors, t.rules.isolation)
    if w.privileged:
        _row(factors, t.rules.privileged_shared_host)
    return factors


def _compliance(factors: Factors, regime: str, t: TargetFacts) -> None:
    """Only a regime the target is not (or not surely) in scope for is a reason: being in
    scope is what every in-scope target shares, and a regime AWS lists for no service at all
    (one not in the catalog) is the team's evidence wherever it runs."""
    known = t.regimes.get(regime)
    if known is None:
        return
    name, programme = known
    if programme in t.compliance_programs:
        return
    if not t.compliance_confirmed:
        factors.append(
            Factor(
                f"The {name} scope of {t.short_name} is not confirmed in AWS Services in "
                "Scope: check it before regulated data lands there",
                r.COMPLIANCE_UNCONFIRMED,
                doubt=True,
            )
        )
    else:
        factors.append(
            Factor(
                f"{t.short_name} is not in AWS's {name} scope: regulated data needs an "
                "exception or another home",
                r.COMPLIANCE_NOT_LISTED,
            )
        )


def reliability(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    if w.architecture == "cattle":
        _row(factors, t.rules.cattle_replacement)
    else:
        _row(factors, t.rules.pet_fragility)
    if w.stateful:
        _row(factors, t.rules.stateful)
    _row(factors, t.rules.multi_az_by_default)
    timeout = t.sync_request_timeout_s
    runtime = w.max_runtime_s
    if (
        w.interface == "request_response"
        and timeout is not None
        and runtime is not None
        and runtime > timeout
    ):
        factors.append(
            Factor(
                f"API Gateway stops waiting after {number(timeout)} s; requests of up to "
                f"{number(runtime)} s need a function URL or a load balancer in front",
                r.SYNC_TIMEOUT_POINTS,
            )
        )
    return factors


def dependency_factors(risk: DependencyRisk) -> tuple[Factor, ...]:
    """Reliability a workload inherits from fragile dependencies; the same on every target."""
    factors: Factors = [
        _direct_factor(dep, why) for dep, why in risk.direct[: r.DEPENDENCY_DIRECT_CAP]
    ]
    if risk.indirect_count:
        shown = risk.indirect[: r.DEPENDENCY_INDIRECT_CAP]
        more = risk.indirect_count - len(shown)
        names = ", ".join(shown) + (f" and {more} more" if more else "")
        one = risk.indirect_count == 1
        sentence = "a single point of failure" if one else "single points of failure"
        factors.append(
            Factor(
                f"Further down its dependencies: {names}, {sentence}",
                min(risk.indirect_count, r.DEPENDENCY_INDIRECT_CAP) * r.DEPENDENCY_INDIRECT_POINTS,
            )
        )
    return tuple(factors)


_DIRECT: dict[tuple[str, str], Factor] = {}


def _direct_factor(dep: str, why: str) -> Factor:
    """One factor per fragile dependency, shared by every workload that calls it (so the
    views and the JSON writer, which cache per factor, meet it again)."""
    found = _DIRECT.get((dep, why))
    if found is None:
        if len(_DIRECT) >= MEMO_MAX:
            _DIRECT.clear()
        label = f"Depends on {dep}, {why}: its outage is this one's"
        found = _DIRECT[(dep, why)] = Factor(label, r.DEPENDENCY_DIRECT_POINTS)
    return found


def performance_efficiency(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    if w.gpu:
        _row(factors, t.rules.gpu_fit)
    if w.memory_gib >= r.BIG_MEMORY_GIB:
        _row(factors, t.rules.big_memory_fit)
    _headroom(factors, w, t)
    points = r.COLD_START[w.interface][w.traffic] if t.cold_starts else 0.0
    if points:
        factors.append(
            Factor(
                f"Cold starts: {r.COLD_START_WORDS[w.traffic]}; {r.COLD_START_REMEDY}",
                points,
            )
        )
    if w.traffic in r.BURST_TRAFFIC:
        _row(factors, t.rules.scale_speed)
    return factors


def cost_optimization(w: Workload, targets: Targets) -> PillarColumn:
    """A column rule: each target's monthly dollars against the cheapest runnable target
    (scoring/costs.py), plus the costs an estimate leaves out: re-architecting a pet, and a
    per-core licence counted by the host's cores. The column keeps the estimates, for the
    views and the board totals.

    Memoised on the estimates and those two fields: estates repeat shapes, so thousands of
    workloads with distinct fields share a few hundred estimates (and their columns)."""
    broken = violations_per_target(w, targets)
    estimates = runnable_estimates(w, targets, broken)
    key = (targets, estimates, w.architecture == "pet", w.licence == "byol_per_core")
    column = _COST_COLUMNS.get(key)
    if column is None:
        if len(_COST_COLUMNS) >= MEMO_MAX:
            _COST_COLUMNS.clear()
        column = _COST_COLUMNS[key] = _cost_column(targets, estimates, key[2], key[3])
    return column


def _cost_column(targets: Targets, estimates: Costs, pet: bool, byol: bool) -> PillarColumn:
    """The cost column of a set of estimates: built straight from the memoised factors, as a
    board of thousands of distinct workloads builds thousands of these."""
    extras = _cost_extras(targets, pet, byol)
    totals, reasons = [], []
    for own, extra in zip(cost_factors(targets, estimates), extras, strict=True):
        factors = own + extra if extra else own
        if len(factors) > 1:
            factors = tuple(sorted(factors, key=_impact))
        total = r.BASE_SCORE
        for factor in factors:
            total += factor.points
        totals.append(total)
        reasons.append(factors)
    return PillarColumn(
        tuple(totals), tuple(_clamp(total) for total in totals), tuple(reasons), estimates
    )


def _cost_extras(targets: Targets, pet: bool, byol: bool) -> tuple[tuple[Factor, ...], ...]:
    """Per target, the rows beside the dollars: re-architecting a pet, a per-core licence."""
    key = (targets, pet, byol)
    found = _COST_EXTRAS.get(key)
    if found is None:
        rows = []
        for t in targets:
            factors: Factors = []
            if pet:
                _row(factors, t.rules.pet_replatform_cost)
            if byol:
                _row(factors, t.rules.licence_byol_fit)
            rows.append(tuple(factors))
        found = _COST_EXTRAS[key] = tuple(rows)
    return found


_COST_EXTRAS: dict[tuple[Targets, bool, bool], tuple[tuple[Factor, ...], ...]] = {}
_COST_COLUMNS: dict[tuple[Targets, Costs, bool, bool], PillarColumn] = {}


def sustainability(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    points = getattr(t.rules.utilisation, w.traffic)
    if points:
        label = r.UTILISATION_LABELS[points > 0]
        factors.append(Factor(label.format(traffic=r.TRAFFIC_WORDS[w.traffic]), points))
    if t.whole_host and w.vcpu < r.SMALL_ON_METAL_VCPU:
        factors.append(
            Factor(
                "Most of a dedicated host stays powered on with nothing to do",
                r.SMALL_ON_METAL_SUSTAINABILITY,
            )
        )
    return factors


PillarRule = Callable[[Workload, TargetFacts], Factors]
#: A rule that scores every target at once, because its points are relative across them; its
#: column keeps the estimates its points come from.
ColumnRule = Callable[[Workload, Targets], "PillarColumn"]

PILLAR_RULES: dict[PillarId, PillarRule | ColumnRule] = {
    "operational_excellence": operational_excellence,
    "security": security,
    "reliability": reliability,
    "performance_efficiency": performance_efficiency,
    "cost_optimization": cost_optimization,
    "sustainability": sustainability,
}
COLUMN_RULES: frozenset[PillarId] = frozenset({"cost_optimization"})

#: What each rule reads of the workload, as its memo key: built from the one declaration in
#: `profile.PILLAR_READS` (a test reads each rule's code against it).
PILLAR_KEYS: dict[PillarId, Callable[[Workload], Hashable]] = {
    pillar: getter(PILLAR_READS[pillar]) for pillar in PILLAR_RULES
}
assert tuple(PILLAR_RULES) == tuple(PILLAR_KEYS) == PILLAR_IDS


class PillarColumn(NamedTuple):
    """One pillar of one workload on every target (in catalog order)."""

    #: Sums of base and factors before clamping, so inherited points can still be added.
    totals: tuple[float, ...]
    #: Whole-number scores within 0..100.
    scores: tuple[float, ...]
    #: Factors, biggest first.
    reasons: tuple[tuple[Factor, ...], ...]
    #: The cost column only: each target's monthly estimate (None where it cannot run).
    costs: Costs | None = None


Memo = dict[tuple[object, ...], PillarColumn]
#: Estates repeat the same shapes, so hits are the norm. One memo per targets tuple, so a custom
#: catalog (or another edition) never shares entries with the default one. Each memo holds two
#: kinds of key (see `pillar_results`): (pillar, the declared fields' values) and
#: (pillar, None, the coarse key, the doubt key), next to the key functions for its targets.
_MEMOS: dict[Targets, tuple[Memo, _Keyed]] = {}
MEMO_MAX = 100_000
_KEYED = tuple((pillar, rule, PILLAR_KEYS[pillar]) for pillar, rule in PILLAR_RULES.items())


_Keyed = tuple[tuple[PillarId, PillarRule, Callable, Callable], ...]


def _keyed_for(targets: Targets) -> _Keyed:
    """Each pillar with its rule, its exact key (the declared fields, read in C) and its coarse
    key for these targets (`profile.coarse_keys`, Python, read only on an exact-key miss)."""
    coarse = coarse_keys(targets)
    return tuple(
        (pillar, rule, PILLAR_KEYS[pillar], coarse[pillar]) for pillar, rule in PILLAR_RULES.items()
    )


_OPS = "operational_excellence"


def pillar_results(
    w: Workload, targets: Targets, memo: Memo | bool | None = True
) -> dict[PillarId, PillarColumn]:
    """Pillar id -> its column over the targets, before dependency risk.
    `memo=None` computes afresh; a dict is used as the memo instead of the shared one.

    Two levels: the exact values of the fields a rule declares find most columns at C speed;
    on a miss the coarse key finds the column another workload with an equivalent profile
    already paid for, and only then is the rule run."""
    if memo is None:
        return {pillar: _computed(pillar, rule, w, targets) for pillar, rule, _ in _KEYED}
    if memo is True:
        found = _MEMOS.get(targets)
        if found is None:
            found = _MEMOS[targets] = ({}, _keyed_for(targets))
        memo, keyed = found
    else:
        keyed = _keyed_for(targets)
    if len(memo) >= MEMO_MAX:
        memo.clear()
    doubt = unconfirmed_key(w, targets)
    results: dict[PillarId, PillarColumn] = {}
    for pillar, rule, exact_of, coarse_of in keyed:
        ops = pillar == _OPS
        exact = (pillar, exact_of(w), doubt) if ops else (pillar, exact_of(w))
        column = memo.get(exact)
        if column is None:
            coarse = (pillar, None, coarse_of(w), doubt if ops else None)
            column = memo.get(coarse)
            if column is None:
                column = memo[coarse] = _computed(pillar, rule, w, targets)
            memo[exact] = column
        results[pillar] = column
    return results


def _computed(
    pillar: PillarId, rule: PillarRule | ColumnRule, w: Workload, targets: Targets
) -> PillarColumn:
    if pillar in COLUMN_RULES:
        return rule(w, targets)  # type: ignore[arg-type, return-value]
    return _column([rule(w, t) for t in targets])  # type: ignore[arg-type, misc]


def dependency_points(risk: DependencyRisk) -> float:
    """The points `dependency_factors` adds up to, without writing its sentences (the quick
    path scores thousands of workloads and reads no reasons)."""
    points = min(len(risk.direct), r.DEPENDENCY_DIRECT_CAP) * r.DEPENDENCY_DIRECT_POINTS
    if risk.indirect_count:
        points += min(risk.indirect_count, r.DEPENDENCY_INDIRECT_CAP) * r.DEPENDENCY_INDIRECT_POINTS
    return points


_SHIFTED: dict[tuple[int, float], tuple[PillarColumn, tuple[float, ...]]] = {}


def scores_with_points(column: PillarColumn, points: float) -> tuple[float, ...]:
    """The column's clamped scores after adding `points` on every target (no reasons).

    Memoised on the (memoised, so shared) column's identity, checked on every hit so a reused
    id can never answer for another column."""
    key = (id(column), points)
    found = _SHIFTED.get(key)
    if found is not None and found[0] is column:
        return found[1]
    if len(_SHIFTED) >= MEMO_MAX:
        _SHIFTED.clear()
    low, high = r.SCORE_MIN, r.SCORE_MAX
    scores = tuple(float(round(min(high, max(low, total + points)))) for total in column.totals)
    _SHIFTED[key] = (column, scores)
    return scores


def with_dependencies(column: PillarColumn, inherited: tuple[Factor, ...]) -> PillarColumn:
    """A reliability column with the inherited dependency factors added on every target."""
    points = sum(f.points for f in inherited)
    totals = tuple(total + points for total in column.totals)
    reasons = tuple(tuple(sorted((*own, *inherited), key=_impact)) for own in column.reasons)
    return PillarColumn(totals, tuple(_clamp(total) for total in totals), reasons)


def _column(per_target: list[Factors]) -> PillarColumn:
    totals = []
    for factors in per_target:
        total = r.BASE_SCORE
        for factor in factors:
            total += factor.points
        totals.append(total)
        factors.sort(key=_impact)
    return PillarColumn(
        tuple(totals),
        tuple(_clamp(total) for total in totals),
        tuple(tuple(factors) for factors in per_target),
    )


def _clamp(total: float) -> float:
    """Whole numbers within 0..100."""
    return float(round(min(r.SCORE_MAX, max(r.SCORE_MIN, total))))


def _impact(factor: Factor) -> float:
    return -abs(factor.points)


def _row(factors: Factors, row: Rule | None) -> None:
    """A target's row of a rule table; null in the catalog means the rule does not apply."""
    if row is not None and row.points:
        factors.append(Factor(row.label, row.points))


def _headroom(factors: Factors, w: Workload, t: TargetFacts) -> None:
    vcpu, memory, _storage = t.sizes[w.os]
    on = " Windows" if w.os == "windows" else ""
    for need, limit, what in ((w.vcpu, vcpu, "vCPU"), (w.memory_gib, memory, "memory")):
        if limit is not None and r.HEADROOM_SHARE * limit < need <= limit:
            factors.append(
                Factor(
                    f"Uses over half of {t.short_name}'s largest{on} {what} size: little headroom",
                    r.HEADROOM_POINTS,
                )
            )

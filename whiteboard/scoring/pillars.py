"""Pillar scores: the rules of rules.py applied to one workload on one target.

Each pillar function returns the factors that apply; `pillar_scores` sums them onto the base
score and clamps to 0..100. The weights live in rules.py, the wording of fixed labels too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import NamedTuple

from whiteboard.catalog import Rule
from whiteboard.model import PILLAR_IDS, PillarId, Workload
from whiteboard.scoring import rules as r
from whiteboard.scoring.dependencies import DependencyRisk
from whiteboard.scoring.feasibility import (
    TargetFacts,
    number,
    unconfirmed_key,
    unconfirmed_needs,
)
from whiteboard.scoring.results import Factor

Factors = list[Factor]


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
        factors.append(Factor(label, points))
    fit = getattr(t.rules.architecture_fit, w.architecture)
    if fit:
        # A pet gains where it can keep its host; cattle lose where hosts are hand-built.
        keeps_host = (fit > 0) == (w.architecture == "pet")
        factors.append(Factor(r.ARCHITECTURE_FIT_LABELS[(w.architecture, keeps_host)], fit))
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


def security(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    patched = [words for layer, words in r.PATCHED_LAYERS.items() if layer in t.provider_layers]
    if patched:
        listed = ", ".join(patched[:-1]) + (" and " if len(patched) > 1 else "") + patched[-1]
        factors.append(
            Factor(
                f"The provider patches {listed} for the team",
                len(patched) * r.SECURITY_PER_PATCHED_LAYER,
            )
        )
    if "guest_os" not in t.provider_layers:
        factors.append(
            Factor(
                f"The team patches the operating system itself, with {w.ops_maturity} ops maturity",
                r.SECURITY_SELF_PATCH[w.ops_maturity],
            )
        )
    for regime in w.compliance:
        title = r.COMPLIANCE_NAMES.get(regime, regime.upper())
        if regime in t.compliance_programs:
            factors.append(
                Factor(
                    f"{t.short_name} is in {title} scope; the provider attests "
                    f"{t.provider_layer_count} of {t.layer_count} layers",
                    t.provider_layer_count * r.COMPLIANCE_POINTS_PER_PROVIDER_LAYER,
                )
            )
        elif not t.compliance_confirmed:
            factors.append(
                Factor(
                    f"{title} scope of {t.short_name} is not confirmed yet: plan to evidence it",
                    r.COMPLIANCE_NOT_LISTED,
                )
            )
        else:
            factors.append(
                Factor(
                    f"{title} is not on {t.short_name}'s compliance list: all evidence is yours",
                    r.COMPLIANCE_NOT_LISTED,
                )
            )
    _row(factors, t.rules.isolation)
    if w.privileged:
        _row(factors, t.rules.privileged_shared_host)
    return factors


def reliability(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    if w.architecture == "cattle":
        _row(factors, t.rules.cattle_replacement)
    else:
        _row(factors, t.rules.pet_fragility)
    if w.stateful:
        _row(factors, t.rules.stateful)
    _row(factors, t.rules.multi_az_by_default)
    return factors


def dependency_factors(risk: DependencyRisk) -> tuple[Factor, ...]:
    """Reliability a workload inherits from fragile dependencies; the same on every target."""
    factors: Factors = [
        Factor(f"Depends on {dep}, {why}: its outage is this one's", r.DEPENDENCY_DIRECT_POINTS)
        for dep, why in risk.direct[: r.DEPENDENCY_DIRECT_CAP]
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


def performance_efficiency(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    if w.gpu:
        _row(factors, t.rules.gpu_fit)
    if w.memory_gib >= r.BIG_MEMORY_GIB:
        _row(factors, t.rules.big_memory_fit)
    if t.hardware_access and w.hardware_access:
        factors.append(Factor(r.HARDWARE_ACCESS_FIT[1], r.HARDWARE_ACCESS_FIT[0]))
    if t.whole_host and w.vcpu >= r.BIG_CPU_VCPU:
        factors.append(Factor(r.BIG_CPU_ON_METAL[1], r.BIG_CPU_ON_METAL[0]))
    _headroom(factors, w, t)
    if t.cold_starts and r.COLD_START[w.traffic]:
        factors.append(
            Factor(
                f"Cold starts add latency to {r.TRAFFIC_WORDS[w.traffic]}",
                r.COLD_START[w.traffic],
            )
        )
    if w.traffic in r.BURST_TRAFFIC:
        _row(factors, t.rules.scale_speed)
    return factors


def cost_optimization(w: Workload, t: TargetFacts) -> Factors:
    factors: Factors = []
    fit = getattr(t.rules.billing_fit, w.traffic)
    if fit:
        label = r.BILLING_LABELS[(t.billing, fit > 0)]
        factors.append(Factor(label.format(traffic=r.TRAFFIC_WORDS[w.traffic]), fit))
    if w.traffic == "idle" and w.max_runtime_s is not None:
        _row(factors, t.rules.job_stops_capacity)
    if w.traffic == "steady" and w.vcpu >= r.HEAVY_VCPU:
        _row(factors, t.rules.steady_heavy)
    if w.architecture == "pet":
        _row(factors, t.rules.pet_replatform_cost)
    fee = t.control_plane_fee_usd_per_hour
    if fee:
        factors.append(
            Factor(
                f"A Kubernetes control plane costs USD {fee:.2f} per cluster-hour "
                f"(about USD {fee * 730:,.0f} a month)",
                fee * r.CONTROL_PLANE_POINTS_PER_USD_HOUR,
            )
        )
    if t.whole_host:
        if w.license_requires_physical:
            factors.append(Factor(r.LICENCE_ON_METAL[1], r.LICENCE_ON_METAL[0]))
        if w.vcpu < r.SMALL_ON_METAL_VCPU:
            factors.append(
                Factor(
                    f"A whole physical host for {number(w.vcpu)} vCPU: most of it is paid for "
                    "and idle",
                    r.SMALL_ON_METAL_COST,
                )
            )
    return factors


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

PILLAR_RULES: dict[PillarId, PillarRule] = {
    "operational_excellence": operational_excellence,
    "security": security,
    "reliability": reliability,
    "performance_efficiency": performance_efficiency,
    "cost_optimization": cost_optimization,
    "sustainability": sustainability,
}

#: What each rule reads of the workload, as its memo key. A rule must read nothing its key
#: leaves out; the tests compare memoised results with fresh ones on random workloads.
PILLAR_KEYS: dict[PillarId, Callable[[Workload], Hashable]] = {
    # The unconfirmed-fact doubt also reads the fields `unconfirmed_key` adds for the targets.
    "operational_excellence": lambda w: (w.ops_maturity, w.architecture),
    "security": lambda w: (w.ops_maturity, w.compliance, w.privileged),
    "reliability": lambda w: (w.architecture, w.stateful),
    "performance_efficiency": lambda w: (
        w.gpu,
        w.vcpu,
        w.memory_gib,
        w.hardware_access,
        w.traffic,
    ),
    "cost_optimization": lambda w: (
        w.traffic,
        w.vcpu,
        w.license_requires_physical,
        w.max_runtime_s is None,
        w.architecture,
    ),
    "sustainability": lambda w: (w.traffic, w.vcpu),
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


Targets = tuple[TargetFacts, ...]
Memo = dict[tuple[object, ...], PillarColumn]
#: Estates repeat the same shapes, so hits are the norm. One memo per targets tuple, so a custom
#: catalog (or another edition) never shares entries with the default one; each memo's keys are
#: (pillar, the fields its rule reads).
_MEMOS: dict[Targets, Memo] = {}
MEMO_MAX = 100_000
_KEYED = tuple((pillar, rule, PILLAR_KEYS[pillar]) for pillar, rule in PILLAR_RULES.items())
_OPS = "operational_excellence"


def pillar_results(
    w: Workload, targets: Targets, memo: Memo | bool | None = True
) -> dict[PillarId, PillarColumn]:
    """Pillar id -> its column over the targets, before dependency risk.
    `memo=None` computes afresh; a dict is used as the memo instead of the shared one."""
    if memo is None:
        return {pillar: _column([rule(w, t) for t in targets]) for pillar, rule, _ in _KEYED}
    if memo is True:
        memo = _MEMOS.get(targets)
        if memo is None:
            memo = _MEMOS[targets] = {}
    if len(memo) >= MEMO_MAX:
        memo.clear()
    doubt = unconfirmed_key(w, targets)
    results: dict[PillarId, PillarColumn] = {}
    for pillar, rule, key_of in _KEYED:
        key = (pillar, key_of(w), doubt) if pillar == _OPS else (pillar, key_of(w))
        found = memo.get(key)
        if found is None:
            found = memo[key] = _column([rule(w, t) for t in targets])
        results[pillar] = found
    return results


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
    for need, limit, what in (
        (w.vcpu, t.max_vcpu, "vCPU"),
        (w.memory_gib, t.max_memory_gib, "memory"),
    ):
        if limit is not None and r.HEADROOM_SHARE * limit < need <= limit:
            factors.append(
                Factor(
                    f"Uses over half of {t.short_name}'s largest {what} size: little headroom",
                    r.HEADROOM_POINTS,
                )
            )

"""The recommendation: the best feasible target, the runner-up, the margin and one line why."""

from __future__ import annotations

from collections.abc import Mapping

from whiteboard.model import PILLAR_IDS, PillarId, TargetId
from whiteboard.scoring.feasibility import TargetFacts, number
from whiteboard.scoring.results import Factor, TargetScore
from whiteboard.scoring.rules import CLOSE_CALL_MARGIN

#: Pillar names as people read them (British spelling, as in the rest of the product).
PILLAR_NAMES: dict[PillarId, str] = {
    "operational_excellence": "operational excellence",
    "security": "security",
    "reliability": "reliability",
    "performance_efficiency": "performance efficiency",
    "cost_optimization": "cost optimisation",
    "sustainability": "sustainability",
}

Recommendation = tuple[TargetId | None, TargetId | None, float | None, str]


def recommend(
    targets: Mapping[TargetId, TargetScore],
    keys: Mapping[TargetId, float],
    facts: Mapping[TargetId, TargetFacts],
    weights: Mapping[PillarId, float],
) -> Recommendation:
    """(recommended, runner-up, margin, why). Only feasible targets are ever ranked.

    `keys` is the weighted pillar sum per target; ties go to the target further left on the
    slide, so the order never depends on the weights' rounding.
    """
    order = {target_id: i for i, target_id in enumerate(targets)}
    ranked = sorted(
        (t for t, score in targets.items() if score.feasible),
        key=lambda t: (-keys[t], order[t]),
    )
    if not ranked:
        return None, None, None, _nothing_fits(targets, keys, facts)
    best = ranked[0]
    if len(ranked) == 1:
        return best, None, None, _only_one(best, targets, keys, facts)
    runner_up = ranked[1]
    margin = round(targets[best].overall - targets[runner_up].overall, 1)
    why = _lead(targets[best], targets[runner_up], margin, facts, weights)
    return best, runner_up, margin, why


def _nothing_fits(
    targets: Mapping[TargetId, TargetScore],
    keys: Mapping[TargetId, float],
    facts: Mapping[TargetId, TargetFacts],
) -> str:
    closest = min(targets, key=lambda t: (len(targets[t].violations), -keys[t]))
    return (
        f"No target can run it; even the closest, {facts[closest].short_name}, breaks a limit: "
        f"{targets[closest].violations[0]}"
    )


def _only_one(
    best: TargetId,
    targets: Mapping[TargetId, TargetScore],
    keys: Mapping[TargetId, float],
    facts: Mapping[TargetId, TargetFacts],
) -> str:
    others = [t for t in targets if t != best]
    nearest = max(others, key=lambda t: (-len(targets[t].violations), keys[t]))
    return f"Only {facts[best].short_name} can run it. {targets[nearest].violations[0]}"


def _lead(
    best: TargetScore,
    runner: TargetScore,
    margin: float,
    facts: Mapping[TargetId, TargetFacts],
    weights: Mapping[PillarId, float],
) -> str:
    name, other = facts[best.target].short_name, facts[runner.target].short_name
    pillar = _deciding_pillar(best, runner, weights)
    because = _because(best.reasons[pillar], runner.reasons[pillar], other)
    if margin == 0:
        return (
            f"Tie: {name} and {other} score the same overall; on {PILLAR_NAMES[pillar]}{because}."
        )
    if margin < CLOSE_CALL_MARGIN:
        return (
            f"Close call: {name} edges out {other} by {_points(margin)}, "
            f"on {PILLAR_NAMES[pillar]}{because}."
        )
    return f"{name} leads {other} by {_points(margin)}, mostly on {PILLAR_NAMES[pillar]}{because}."


def _points(margin: float) -> str:
    return "1 point" if margin == 1 else f"{number(margin)} points"


def _deciding_pillar(
    best: TargetScore, runner: TargetScore, weights: Mapping[PillarId, float]
) -> PillarId:
    """The pillar whose workload-specific factors (run time, licence, traffic, size, team) open
    the widest weighted gap; only when none favours the leader, the widest gap of all (then the
    generic layer and patching factors explain it)."""
    specific = {
        p: weights[p] * (_specific_sum(best.reasons[p]) - _specific_sum(runner.reasons[p]))
        for p in PILLAR_IDS
    }
    pillar = max(specific, key=lambda p: specific[p])
    if specific[pillar] > 0:
        return pillar
    gaps = {p: weights[p] * (best.pillars[p] - runner.pillars[p]) for p in PILLAR_IDS}
    return max(gaps, key=lambda p: gaps[p])


def _specific_sum(factors: tuple[Factor, ...]) -> float:
    return sum(f.points for f in factors if f.specific)


def _because(ours: tuple[Factor, ...], theirs: tuple[Factor, ...], other: str) -> str:
    """' (reason)' naming the factor that best explains a lead on one pillar, or ''."""
    factor, is_ours = _deciding_factor(ours, theirs)
    if factor is None:
        return ""
    return f" ({factor.label})" if is_ours else f" ({other}: {factor.label})"


def _deciding_factor(
    ours: tuple[Factor, ...], theirs: tuple[Factor, ...]
) -> tuple[Factor | None, bool]:
    """Our biggest plus the other lacks, or their biggest minus we lack, whichever weighs more;
    with whether it is ours."""
    their_labels = {f.label for f in theirs}
    our_labels = {f.label for f in ours}
    gains = [f for f in ours if f.points > 0 and f.label not in their_labels]
    losses = [f for f in theirs if f.points < 0 and f.label not in our_labels]
    if any(f.specific for f in (*gains, *losses)):
        gains = [f for f in gains if f.specific]
        losses = [f for f in losses if f.specific]
    best_gain = max(gains, key=lambda f: f.points, default=None)
    worst_loss = min(losses, key=lambda f: f.points, default=None)
    if best_gain is not None and (worst_loss is None or best_gain.points >= -worst_loss.points):
        return best_gain, True
    return worst_loss, False

"""What scoring returns. Reasons are data: every number carries the factors that made it.

These types are the contract between scoring and everything downstream (window, CLI, handout,
slides), so they hold plain values only and never a reference back into the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from whiteboard.cost.estimate import Estimate
from whiteboard.model.vocab import PillarId, TargetId


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason behind a pillar score: a short sentence and its signed contribution in points."""

    label: str
    points: float
    #: True for the doubt a fact no AWS page confirmed raises (never a hard limit, see
    #: `feasibility.unconfirmed_needs`): views show it as a caveat on a fit.
    doubt: bool = False
    #: False for a factor every workload gets the same way on the target (how many layers the
    #: provider runs, who patches the OS): the one-line why prefers a factor specific to the
    #: workload (its run time, licence, traffic, size, team).
    specific: bool = True

    def __str__(self) -> str:
        return f"{self.points:+.0f} {self.label}"


@dataclass(frozen=True, slots=True)
class TargetScore:
    """How one workload fares on one target."""

    target: TargetId
    feasible: bool
    #: One sentence per broken hard limit, citing the limit and the workload's value.
    violations: tuple[str, ...]
    #: Pillar id -> 0..100, all six pillars always present.
    pillars: Mapping[PillarId, float]
    #: Pillar id -> the factors that moved that pillar away from its base.
    reasons: Mapping[PillarId, tuple[Factor, ...]]
    #: Weighted mean of `pillars` under the board's weights, 0..100.
    overall: float
    #: What it costs here a month, on demand, with its line items; None where it cannot run
    #: (nothing sold here runs it, so there is nothing to price) or when not estimated.
    estimate: Estimate | None = None

    def doubt(self) -> Factor | None:
        """The reason that says this fit rests on an unconfirmed fact, if any."""
        return next((f for fs in self.reasons.values() for f in fs if f.doubt), None)

    def cannot_run(self) -> tuple[str, ...]:
        """'Cannot run: <sentence>' for each broken hard limit, the first one first; () when the
        target can run the workload. Every view leads with these before the target's pillar
        scores, which it shows greyed: they can be high, and must never look like a fit."""
        return tuple(f"{CANNOT_RUN}: {violation}" for violation in self.violations)


#: The words every view puts first for a target that breaks a hard limit.
CANNOT_RUN = "Cannot run"


def runnable_first(scores: Iterable[TargetScore]) -> list[TargetScore]:
    """The targets that can run the workload, then those that cannot, each group in the order
    given: no list or table ever ranks an impossible placement above a possible one."""
    return sorted(scores, key=lambda score: not score.feasible)


@dataclass(frozen=True, slots=True)
class WorkloadScore:
    """One workload against every target of the board's edition, with the recommendation."""

    workload_id: str
    placed_on: TargetId | None
    #: Target id -> its score; every target of the edition present, in slide order.
    targets: Mapping[TargetId, TargetScore]
    recommended: TargetId | None
    runner_up: TargetId | None
    #: Overall points between recommended and runner-up (None when there is no runner-up).
    margin: float | None
    #: One line for people: why the recommendation, or why nothing fits.
    why: str

    @property
    def placed(self) -> TargetScore | None:
        return self.targets[self.placed_on] if self.placed_on else None


@dataclass(frozen=True, slots=True)
class BoardCosts:
    """The board's monthly on-demand USD per target: the placed workloads where they are and
    where they are recommended (the same workloads in both), and those not placed yet."""

    #: Target id -> USD a month of the workloads placed there (those that can run there).
    current: Mapping[TargetId, float]
    #: Target id -> USD a month of the placed workloads, each on its recommended target.
    recommended: Mapping[TargetId, float]
    #: Target id -> USD a month of the workloads not placed yet, on their recommendations.
    unplaced: Mapping[TargetId, float]
    #: One EKS control plane a month, shared by every target that charges one (0: none), and
    #: whether each of the two columns above pays it (a workload there on such a target).
    cluster_fee: float
    cluster_fee_current: bool
    cluster_fee_recommended: bool
    #: False when a figure rests on a price no AWS source confirmed.
    confirmed: bool
    #: Placements left out of `current`: the workload cannot run where it is placed.
    unpriced: int = 0

    @property
    def current_fee(self) -> float:
        """USD a month of the control plane the placements pay (0 when they pay none)."""
        return self.cluster_fee if self.cluster_fee_current else 0.0

    @property
    def recommended_fee(self) -> float:
        return self.cluster_fee if self.cluster_fee_recommended else 0.0

    @property
    def current_total(self) -> float:
        return sum(self.current.values()) + self.current_fee

    @property
    def recommended_total(self) -> float:
        return sum(self.recommended.values()) + self.recommended_fee

    @property
    def unplaced_total(self) -> float:
        return sum(self.unplaced.values())


@dataclass(frozen=True, slots=True)
class BoardSummary:
    placements_per_target: Mapping[TargetId, int]
    unplaced: int
    #: Pillar id -> mean score of the placed workloads on their placements.
    pillar_averages: Mapping[PillarId, float]
    #: (workload id, target id, first violation) for every placement that breaks a hard limit.
    infeasible_placements: tuple[tuple[str, TargetId, str], ...]
    #: Sentences naming the workloads whose failure hurts most (dependency graph).
    weakest_links: tuple[str, ...]
    #: The few sentences a reviewer should read first.
    top_risks: tuple[str, ...]
    #: Each dependency cycle as the list of workload ids around it.
    cycles: tuple[tuple[str, ...], ...] = ()
    #: What the placements cost a month, against the recommended ones (None: not estimated).
    costs: BoardCosts | None = None


@dataclass(frozen=True, slots=True)
class BoardScore:
    board_name: str
    weights: Mapping[PillarId, float]
    #: Workload id -> its score, in board order.
    workloads: Mapping[str, WorkloadScore]
    summary: BoardSummary
    #: The board's edition and its targets, left to right (the keys of every `targets`).
    edition: str
    targets: tuple[TargetId, ...]
    extra: Mapping[str, object] = field(default_factory=dict)

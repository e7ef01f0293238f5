"""The scoring engine: one workload on every target, the recommendation, the whole board.

`Scorer` does the board-wide work (dependency graph, fragile workloads) once and lazily, then
scores a workload on demand in well under a millisecond, so the window can call it on every
drag frame. `Scorer.updated(board)` carries that work over to the next edit of the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter, mul

from whiteboard.catalog import Catalog, default_catalog
from whiteboard.gcpause import collector_paused
from whiteboard.model import PILLAR_IDS, Board, PillarId, TargetId, Workload
from whiteboard.scoring.dependencies import (
    NO_RISK,
    DependencyIndex,
    DependencyRisk,
    fragile_map,
    fragility,
)
from whiteboard.scoring.feasibility import (
    TargetFacts,
    target_facts,
    violations,
    violations_per_target,
)
from whiteboard.scoring.pillars import (
    Costs,
    PillarColumn,
    dependency_factors,
    dependency_points,
    pillar_results,
    scores_with_points,
    with_dependencies,
)
from whiteboard.scoring.profile import profile
from whiteboard.scoring.quick import QuickScore, overall_of, quick_score
from whiteboard.scoring.recommend import recommend
from whiteboard.scoring.results import BoardScore, BoardSummary, TargetScore, WorkloadScore
from whiteboard.scoring.weights import resolve_weights

#: Profiles `Scorer.stream` remembers at once (each holds a whole workload's scores).
STREAM_MEMO_MAX = 512
PILLAR_MAPS_MAX = 50_000
_RELIABILITY = PILLAR_IDS.index("reliability")
_COST = PILLAR_IDS.index("cost_optimization")


def _costs(cost_column: PillarColumn) -> Costs:
    """The estimates the cost column was scored from (None per target where it cannot run)."""
    costs = cost_column.costs
    assert costs is not None, "the cost column keeps its estimates"
    return costs


_FACTS_CACHE: dict[tuple[int, str], tuple[Catalog, dict[TargetId, TargetFacts]]] = {}


def _facts_for(catalog: Catalog, edition: str) -> dict[TargetId, TargetFacts]:
    """The edition's targets, flattened once per catalog and edition (memo keys hold them)."""
    key = (id(catalog), edition)
    cached = _FACTS_CACHE.get(key)
    if cached is None or cached[0] is not catalog:
        cached = (catalog, target_facts(catalog, edition))
        _FACTS_CACHE[key] = cached
    return cached[1]


class Scorer:
    """Scores the workloads of one board under one set of weights.

    `weights` (pillar -> number, may be partial) is merged over the board's own weights;
    a bad weight raises `WeightsError`. Results are cached per workload.
    """

    def __init__(
        self,
        board: Board,
        weights: Mapping[str, float] | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.board = board
        self.catalog = catalog if catalog is not None else default_catalog()
        self._override = dict(weights) if weights else None
        self.weights: dict[PillarId, float] = resolve_weights(board.weights, self._override)
        self._weight_list = [self.weights[p] for p in PILLAR_IDS]
        self._weight_sum = sum(self._weight_list)
        self._facts = _facts_for(self.catalog, board.edition)
        self._targets = tuple(self._facts.values())
        self._index: DependencyIndex | None = None
        self._scores: dict[str, WorkloadScore] = {}
        self._by_profile: dict[tuple[object, ...], WorkloadScore] = {}
        self._quick: dict[str, QuickScore] = {}
        self._id_positions: dict[str, int] | None = None
        self._target_index: dict[TargetId, int] = {}
        #: Pillar scores -> the one mapping of them every TargetScore with those scores shares
        #: (a board repeats a few thousand rows of six numbers; nobody edits a score's mapping).
        self._pillar_maps: dict[tuple[float, ...], dict[PillarId, float]] = {}

    # -- the API the window, CLI and exporters use ----------------------------------------------

    def workload(self, workload_id: str) -> WorkloadScore:
        """The workload on every target of the edition, with its recommendation; KeyError for
        unknown ids."""
        cached = self._scores.get(workload_id)
        if cached is None:
            cached = self._score_workload(self._workload_named(workload_id))
            self._scores[workload_id] = cached
        return cached

    def target(self, workload_id: str, target_id: TargetId) -> TargetScore:
        """The workload on one target (KeyError for an unknown workload or target)."""
        if target_id not in self._facts:
            raise KeyError(target_id)
        return self.workload(workload_id).targets[target_id]

    @property
    def target_ids(self) -> tuple[TargetId, ...]:
        """The targets of the board's edition, left to right."""
        return tuple(self._facts)

    @property
    def short_names(self) -> dict[TargetId, str]:
        """Target id -> the catalog's short name, for the edition's targets in slide order."""
        return self.catalog.short_names(self.board.edition)

    def recommended(self, workload_id: str) -> TargetId | None:
        """Just the recommended target: the same answer as `workload(id).recommended`, without
        building reasons and sentences (for placing thousands of workloads at once)."""
        cached = self._scores.get(workload_id)
        if cached is not None:
            return cached.recommended
        return self.quick(workload_id).recommended

    def recommendations(self) -> dict[str, TargetId | None]:
        """Workload id -> its recommended target, for the whole board at once."""
        return {wid: quick.recommended for wid, quick in self.overview().items()}

    def quick(self, workload_id: str) -> QuickScore:
        """The workload's numbers on every target (see `QuickScore`), cached per workload."""
        found = self._quick.get(workload_id)
        if found is None and workload_id in self._scores:
            found = self._quick[workload_id] = _quick_from_full(self._scores[workload_id])
        if found is None:
            workload = self._workload_named(workload_id)
            scores, costs = self._pillar_scores(workload, self._risk(workload))
            found = self._quick[workload_id] = quick_score(
                self._targets,
                list(zip(*scores, strict=True)),
                violations_per_target(workload, self._targets),
                self._weight_list,
                self.board.placement(workload_id),
                costs,
            )
        return found

    def placed_numbers(self, workload_id: str, target: TargetId) -> tuple[float, bool]:
        """(overall, can run there) of the workload on `target`, from its quick score: what a
        group card reads of each of its thousands of workloads."""
        index = self._target_index.get(target)
        if index is None:
            self._target_index = {t.id: i for i, t in enumerate(self._targets)}
            index = self._target_index[target]
        quick = self.quick(workload_id)
        return quick.overall[index], quick.first_violation[index] is None

    def overview(self) -> dict[str, QuickScore]:
        """Workload id -> its quick score, for the whole board, in board order."""
        with collector_paused():
            return {wid: self.quick(wid) for wid in self.board.workload_ids}

    def summary(self) -> BoardSummary:
        """The board summary (placements, averages, risks, weakest links, cycles)."""
        from whiteboard.scoring.summary import summarise

        with collector_paused():
            return summarise(self.board, self.overview(), self._dependencies(), self._facts)

    def board_score(self) -> BoardScore:
        """Every workload in board order, plus the board summary."""
        with collector_paused():
            scores = {wid: self.workload(wid) for wid in self.board.workload_ids}
        return BoardScore(
            board_name=self.board.name,
            weights=dict(self.weights),
            workloads=scores,
            summary=self.summary(),
            edition=self.board.edition,
            targets=tuple(self._facts),
        )

    def stream(self) -> Iterator[WorkloadScore]:
        """Every workload in full, in board order, made one at a time and not kept (only its
        quick score is, for `summary`): for writing the scores of a big board out with flat
        memory (`scoring.stream`). Workloads of one profile still share a result, through a
        memo of at most STREAM_MEMO_MAX entries."""
        memo: dict[tuple[object, ...], WorkloadScore] = {}
        quick = self._quick
        for workload in self.board.workloads:
            cached = self._scores.get(workload.id)
            if cached is None:
                if len(memo) >= STREAM_MEMO_MAX:
                    memo.clear()
                cached = self._score_workload(workload, memo)
            if workload.id not in quick:  # what `summary` reads, kept
                quick[workload.id] = _quick_from_full(cached)
            yield cached

    def updated(self, board: Board, changed: Iterable[str] | None = None) -> Scorer:
        """A scorer for an edited version of this board, reusing what the edit did not touch.

        `changed` names the workloads the edit touched (content or placement); without it they
        are found by comparison (a few milliseconds on 10,000 workloads). Untouched workloads
        keep their scores and the dependency graph is kept. When the edit makes a workload
        fragile (or no longer fragile), the workloads that depend on it are rescored. A change
        of weights, of the set or order of workloads, or of a dependency starts afresh.
        """
        new = Scorer(board, self._override, self.catalog)
        old = self.board
        if (
            new.weights != self.weights
            or board.edition != old.edition
            or len(board.workloads) != len(old.workloads)
        ):
            return new
        touched = set(changed) if changed is not None else _touched(old, board)
        positions = self._positions()
        for wid in touched:
            at = positions.get(wid)
            if at is None or board.workloads[at].id != wid:
                return new
            if old.workloads[at].depends_on != board.workloads[at].depends_on:
                return new
        stale = set(touched)
        new._id_positions = positions
        new._by_profile = self._by_profile
        if self._index is not None:
            index = self._index
            reasons = {
                wid: _reason(board, board.workloads[positions[wid]], self._facts)
                for wid in touched
                if index.is_depended_on(wid)
            }
            flips = {wid: why for wid, why in reasons.items() if index.fragile.get(wid) != why}
            if flips:
                index = index.with_fragility(flips)
                stale |= index.dependants(flips)
            new._index = index
        new._scores = self._scores.copy()  # a C-level copy: 10,000 entries in ~0.1 ms
        new._quick = self._quick.copy()
        for wid in stale:
            new._scores.pop(wid, None)
            new._quick.pop(wid, None)
        return new

    # -- internals ------------------------------------------------------------------------------

    def _positions(self) -> dict[str, int]:
        if self._id_positions is None:
            self._id_positions = {w.id: i for i, w in enumerate(self.board.workloads)}
        return self._id_positions

    def _workload_named(self, workload_id: str) -> Workload:
        """By the positions carried over by `updated`, else by the board's own index (built
        once per Board object), so a fresh scorer pays no 10,000-entry setup."""
        if self._id_positions is not None:
            return self.board.workloads[self._id_positions[workload_id]]
        return self.board.workload(workload_id)

    def _dependencies(self) -> DependencyIndex:
        if self._index is None:
            board, facts = self.board, self._facts
            fragile = fragile_map(board, lambda w: _placed(board, w, facts))
            self._index = DependencyIndex(board, fragile)
        return self._index

    def _risk(self, workload: Workload) -> DependencyRisk:
        if not workload.depends_on:
            return NO_RISK
        return self._dependencies().risk(workload)

    def _pillar_scores(
        self, workload: Workload, risk: DependencyRisk
    ) -> tuple[list[tuple[float, ...]], Costs]:
        """The six pillars' scores over the targets with dependency risk, without reasons, and
        the estimates the cost pillar read."""
        columns = pillar_results(workload, self._targets)
        scores = [column.scores for column in columns.values()]
        if risk is not NO_RISK:
            points = dependency_points(risk)
            if points:
                scores[_RELIABILITY] = scores_with_points(columns["reliability"], points)
        return scores, _costs(columns["cost_optimization"])

    def _columns(self, workload: Workload, risk: DependencyRisk) -> list[PillarColumn]:
        """The six pillar columns over the targets, with inherited dependency risk applied."""
        columns = list(pillar_results(workload, self._targets).values())
        if risk is not NO_RISK:
            inherited = dependency_factors(risk)
            if inherited:
                columns[_RELIABILITY] = with_dependencies(columns[_RELIABILITY], inherited)
        return columns

    def _score_workload(
        self, workload: Workload, memo: dict[tuple[object, ...], WorkloadScore] | None = None
    ) -> WorkloadScore:
        """Score one workload; workloads of the same profile share one result (in `memo`, by
        default the scorer's own)."""
        by_profile = self._by_profile if memo is None else memo
        risk = self._risk(workload)
        key = (*profile(workload), risk)
        same = by_profile.get(key)
        placed_on = self.board.placement(workload.id)
        if same is not None:
            return WorkloadScore(
                workload_id=workload.id,
                placed_on=placed_on,
                targets=same.targets,
                recommended=same.recommended,
                runner_up=same.runner_up,
                margin=same.margin,
                why=same.why,
            )
        score = self._score_profile(workload, risk, placed_on)
        by_profile[key] = score
        return score

    def _score_profile(
        self, workload: Workload, risk: DependencyRisk, placed_on: TargetId | None
    ) -> WorkloadScore:
        targets_facts = self._targets
        columns = self._columns(workload, risk)
        broken = violations_per_target(workload, targets_facts)
        estimates = _costs(columns[_COST])
        weights, weight_sum = self._weight_list, self._weight_sum
        targets: dict[TargetId, TargetScore] = {}
        keys: dict[TargetId, float] = {}
        rows = zip(
            targets_facts,
            broken,
            zip(*(column.scores for column in columns), strict=True),
            zip(*(column.reasons for column in columns), strict=True),
            estimates,
            strict=True,
        )
        pillar_maps = self._pillar_maps
        for facts, violated, scores, reasons, cost in rows:
            key = sum(map(mul, weights, scores))
            keys[facts.id] = key
            pillars = pillar_maps.get(scores)
            if pillars is None:
                if len(pillar_maps) >= PILLAR_MAPS_MAX:
                    pillar_maps.clear()
                pillars = pillar_maps[scores] = dict(zip(PILLAR_IDS, scores))  # noqa: B905
            targets[facts.id] = TargetScore(
                facts.id,
                not violated,
                violated,
                pillars,
                dict(zip(PILLAR_IDS, reasons)),  # noqa: B905 (six columns, six pillars)
                overall_of(key, weight_sum, feasible=not violated),
                cost,
            )
        best, runner_up, margin, why = recommend(targets, keys, self._facts, self.weights)
        return WorkloadScore(
            workload_id=workload.id,
            placed_on=placed_on,
            targets=targets,
            recommended=best,
            runner_up=runner_up,
            margin=margin,
            why=why,
        )


def _touched(old: Board, new: Board) -> set[str]:
    """Ids of workloads whose content or placement differs between two boards of the same
    length. Tuple and dict comparison run in C and check identity first, so an edit that
    only moves a card costs a fraction of a millisecond even on 10,000 workloads."""
    ids: set[str] = set()
    if old.workloads != new.workloads:
        pairs = zip(old.workloads, new.workloads, strict=True)
        ids = {wid for a, b in pairs if a is not b for wid in (a.id, b.id)}
    if old.placements != new.placements:
        ids |= {wid for wid, _ in old.placements.items() ^ new.placements.items()}
    return ids


def _placed(
    board: Board, workload: Workload, facts: Mapping[TargetId, TargetFacts]
) -> tuple[TargetFacts | None, bool]:
    target_id = board.placement(workload.id)
    if target_id is None:
        return None, True
    placed = facts[target_id]
    return placed, not violations(workload, placed)


def _reason(board: Board, workload: Workload, facts: Mapping[TargetId, TargetFacts]) -> str | None:
    return fragility(workload, *_placed(board, workload, facts))


def score_board(
    board: Board,
    weights: Mapping[str, float] | None = None,
    catalog: Catalog | None = None,
) -> BoardScore:
    """Score every workload of the board on every target, with recommendations and summary."""
    return Scorer(board, weights, catalog).board_score()


def _quick_from_full(score: WorkloadScore) -> QuickScore:
    """The numbers of a full score, so a board scored in full is not scored again for its
    summary (the two agree by construction: same pillars, same `overall_of`)."""
    ordered = list(score.targets.values())
    return QuickScore(
        score.placed_on,
        score.recommended,
        tuple([ts.overall for ts in ordered]),
        tuple([_in_pillar_order(ts.pillars) for ts in ordered]),
        tuple([ts.violations[0] if ts.violations else None for ts in ordered]),
        tuple([ts.estimate for ts in ordered]),
    )


_in_pillar_order = itemgetter(*PILLAR_IDS)

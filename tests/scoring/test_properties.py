"""Properties over random workloads and weights (hypothesis; strategies built with st.builds)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from whiteboard.catalog import default_catalog
from whiteboard.model import PILLAR_IDS, Board, Workload
from whiteboard.scoring import Scorer
from whiteboard.scoring.feasibility import target_facts, violations, violations_per_target
from whiteboard.scoring.pillars import pillar_results

workloads = st.builds(
    Workload,
    id=st.just("w"),
    name=st.just("Workload"),
    architecture=st.sampled_from(["pet", "cattle"]),
    stateful=st.booleans(),
    max_runtime_s=st.one_of(st.none(), st.integers(1, 100_000)),
    vcpu=st.sampled_from([0.25, 1, 2, 4, 6, 8, 16, 32, 96, 448]),
    memory_gib=st.sampled_from([0.5, 2, 10, 16, 64, 120, 244, 1024, 24_576]),
    ephemeral_storage_gib=st.sampled_from([0, 1, 10, 200, 4000]),
    gpu=st.booleans(),
    hardware_counters=st.booleans(),
    hardware_virtualisation=st.booleans(),
    privileged=st.booleans(),
    licence=st.sampled_from(["none", "byol_per_core", "no_hypervisor"]),
    interface=st.sampled_from(["none", "request_response", "long_lived_connections"]),
    os=st.sampled_from(["linux", "windows"]),
    traffic=st.sampled_from(["steady", "spiky", "event_driven", "idle"]),
    compliance=st.lists(st.sampled_from(["pci", "hipaa", "sox"]), unique=True, max_size=2).map(
        tuple
    ),
    ops_maturity=st.sampled_from(["low", "medium", "high"]),
)
weights = st.fixed_dictionaries({pillar: st.integers(0, 10) for pillar in PILLAR_IDS}).filter(
    lambda w: any(w.values())
)
FACTS = tuple(target_facts(default_catalog(), "2026").values())
FACTS_2018 = tuple(target_facts(default_catalog(), "2018").values())


def _board(workload: Workload, weight: dict[str, int] | None = None) -> Board:
    return Board(name="Property", workloads=(workload,), weights=weight or {})


@settings(max_examples=150, deadline=None)
@given(workloads)
def test_scores_stay_within_0_and_100(workload: Workload) -> None:
    for ts in Scorer(_board(workload)).workload("w").targets.values():
        assert all(0 <= value <= 100 for value in ts.pillars.values())
        assert 0 <= ts.overall <= 100


@settings(max_examples=150, deadline=None)
@given(workloads, weights)
def test_an_infeasible_target_is_never_recommended(workload: Workload, weight) -> None:
    ws = Scorer(_board(workload, weight)).workload("w")
    for choice in (ws.recommended, ws.runner_up):
        assert choice is None or ws.targets[choice].feasible
    assert (ws.recommended is None) == (not any(ts.feasible for ts in ws.targets.values()))


@settings(max_examples=150, deadline=None)
@given(workloads, weights, st.sampled_from(PILLAR_IDS), st.integers(1, 20))
def test_raising_a_weight_never_lowers_that_pillar_of_the_recommendation(
    workload: Workload, weight, pillar: str, bump: int
) -> None:
    before = Scorer(_board(workload, weight)).workload("w")
    raised = {**weight, pillar: min(100, weight[pillar] + bump)}
    after = Scorer(_board(workload, raised)).workload("w")
    if before.recommended is None:
        assert after.recommended is None
        return
    assert after.recommended is not None
    old = before.targets[before.recommended].pillars[pillar]
    assert after.targets[after.recommended].pillars[pillar] >= old


@settings(max_examples=150, deadline=None)
@given(workloads)
def test_memoised_rules_match_fresh_ones(workload: Workload) -> None:
    assert pillar_results(workload, FACTS) == pillar_results(workload, FACTS, memo=None)
    assert violations_per_target(workload, FACTS) == tuple(violations(workload, t) for t in FACTS)


@settings(max_examples=60, deadline=None)
@given(workloads, workloads)
def test_workloads_of_one_profile_score_alike(first: Workload, second: Workload) -> None:
    """The per-board profile memo may only join workloads whose scores are truly equal."""
    twin = first.model_copy(update={"id": "twin", "name": "Twin"})
    other = second.model_copy(update={"id": "other", "name": "Other"})
    board = Board(name="Twins", workloads=(first, twin, other))
    scorer = Scorer(board)
    a, b, c = (scorer.workload(wid) for wid in ("w", "twin", "other"))
    assert a.targets == b.targets and a.recommended == b.recommended
    alone = Scorer(Board(name="Alone", workloads=(other,))).workload("other")
    assert c.targets == alone.targets


@settings(max_examples=100, deadline=None)
@given(workloads, weights)
def test_the_quick_recommendation_agrees_with_the_full_one(workload: Workload, weight) -> None:
    board = Board(
        name="Quick",
        workloads=(
            Workload(id="base", name="Base", architecture="pet"),
            workload.model_copy(update={"depends_on": ("base",)}),
        ),
        weights=weight,
    )
    assert Scorer(board).recommended("w") == Scorer(board).workload("w").recommended


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 11),
            st.sampled_from([None, "bare_metal", "ec2", "containers", "fargate", "lambda"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_drops_rescored_through_updated_match_a_fresh_scorer(moves) -> None:
    """Moving cards one by one (with or without naming the moved card) never leaves a stale
    score, even when a move makes a depended-on workload fragile or sound again."""
    from whiteboard.model import load_board
    from whiteboard.paths import DEMO_BOARD

    board = load_board(DEMO_BOARD)
    scorer = Scorer(board)
    scorer.board_score()
    for index, target, named in moves:
        wid = board.workload_ids[index]
        workload = board.workload(wid)
        if wid == "orders-db":
            workload = workload.model_copy(update={"architecture": "cattle"})
            board = board.with_workload(workload)
        board = board.with_placement(wid, target)
        scorer = scorer.updated(board, (wid,) if named else None)
    fresh = Scorer(board)
    for wid in board.workload_ids:
        assert scorer.workload(wid) == fresh.workload(wid)


def test_updated_after_a_weight_change_scores_as_a_fresh_scorer(demo_board: Board) -> None:
    """The window relies on `updated` for every edit, weight sliders included."""
    scorer = Scorer(demo_board)
    for workload_id in demo_board.workload_ids:
        scorer.workload(workload_id)  # warm every cache the update could wrongly keep
    heavier = demo_board.with_weights({"cost_optimization": 5.0, "security": 0.5})
    updated = scorer.updated(heavier)
    fresh = Scorer(heavier)
    for workload_id in demo_board.workload_ids:
        assert updated.workload(workload_id) == fresh.workload(workload_id)
    assert updated.workload("web-shop") != scorer.workload("web-shop")


#: Other values of each profile field, for workloads that differ from a drawn one in one field.
VARIANTS: dict[str, tuple[object, ...]] = {
    "architecture": ("pet", "cattle"),
    "stateful": (True, False),
    "max_runtime_s": (None, 10, 60, 900, 5400, 7200),
    "interface": ("none", "request_response", "long_lived_connections"),
    "vcpu": (0.25, 1, 2, 4, 6, 8, 16, 32, 96, 448),
    "memory_gib": (0.5, 1, 2, 10, 16, 64, 120, 244, 256, 1024),
    "ephemeral_storage_gib": (0, 10, 20, 175, 200, 250, 4000),
    "gpu": (True, False),
    "hardware_counters": (True, False),
    "hardware_virtualisation": (True, False),
    "privileged": (True, False),
    "licence": ("none", "byol_per_core", "no_hypervisor"),
    "os": ("linux", "windows"),
    "traffic": ("steady", "spiky", "event_driven", "idle"),
    "compliance": ((), ("pci",), ("sox",)),
    "ops_maturity": ("low", "medium", "high"),
    "hours_per_month": (None, 1, 200, 730),
    "runs_per_month": (None, 0, 30, 1000),
    "requests_per_month": (None, 0, 1000, 10**8),
    "avg_duration_ms": (None, 10, 200, 5000),
}


@settings(max_examples=25, deadline=None)
@given(workloads)
def test_memo_keys_tell_apart_every_value_a_rule_can(workload: Workload) -> None:
    """A memo key may be coarser than the fields it covers, never so coarse that a workload
    one field away reads another's result: each variant goes through one shared memo."""
    from whiteboard.scoring.profile import PROFILE_FIELDS

    assert set(VARIANTS) == set(PROFILE_FIELDS)
    for facts in (FACTS, FACTS_2018):
        memo: dict = {}
        pillar_results(workload, facts, memo=memo)
        for field, values in VARIANTS.items():
            for value in values:
                variant = workload.model_copy(update={field: value})
                fresh = pillar_results(variant, facts, memo=None)
                assert pillar_results(variant, facts, memo=memo) == fresh, (field, value)

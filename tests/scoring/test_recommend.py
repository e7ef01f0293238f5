"""Recommendations, weights and the one-line why."""

from __future__ import annotations

import pytest

from whiteboard.catalog import default_catalog
from whiteboard.model import Board
from whiteboard.scoring import Scorer, WeightsError, parse_weights, resolve_weights, score_board

from .conftest import lone


@pytest.mark.parametrize(
    ("workload_id", "expected"),
    [
        ("orders-db", {"ec2"}),  # a Dedicated Host carries its per-core licence
        ("thumbnails", {"lambda"}),
        ("webhooks", {"lambda"}),
        ("erp-legacy", {"ec2"}),
        ("ml-training", {"ec2", "containers"}),
        ("perf-lab", {"bare_metal"}),
        ("nightly-etl", {"fargate", "containers", "ec2"}),
        ("log-shipper", {"containers", "ec2"}),
        ("web-shop", {"fargate", "containers", "lambda"}),
    ],
)
def test_demo_recommendations_make_sense(
    demo_scorer: Scorer, workload_id: str, expected: set[str]
) -> None:
    assert demo_scorer.workload(workload_id).recommended in expected


def test_runner_up_and_margin_follow_the_overall_scores(demo_scorer: Scorer) -> None:
    ws = demo_scorer.workload("thumbnails")
    assert ws.runner_up is not None and ws.runner_up != ws.recommended
    assert ws.targets[ws.runner_up].feasible
    best, second = ws.targets[ws.recommended].overall, ws.targets[ws.runner_up].overall
    assert ws.margin == pytest.approx(best - second)
    feasible = sorted((ts.overall for ts in ws.targets.values() if ts.feasible), reverse=True)
    assert feasible[:2] == [best, second]
    assert ws.why.startswith("Lambda leads Fargate by ")


def test_a_single_feasible_target_says_so(demo_board: Board) -> None:
    appliance = lone(demo_board.workload("orders-db"), licence="no_hypervisor")
    ws = Scorer(appliance).workload("orders-db")
    assert (ws.recommended, ws.runner_up, ws.margin) == ("bare_metal", None, None)
    assert ws.why.startswith("Only Bare metal can run it.")


def test_nothing_fits_means_no_recommendation(demo_board: Board) -> None:
    catalog = default_catalog()
    metal = catalog.target("bare_metal")
    limits = metal.limits.model_copy(
        update={"gpu": metal.limits.gpu.model_copy(update={"value": False})}
    )
    targets = tuple(
        t.model_copy(update={"limits": limits}) if t.id == "bare_metal" else t
        for t in catalog.targets
    )
    no_gpu_metal = catalog.model_copy(update={"targets": targets})
    board = lone(demo_board.workload("perf-lab"), gpu=True, licence="no_hypervisor").with_edition(
        "2018"
    )
    ws = Scorer(board, catalog=no_gpu_metal).workload("perf-lab")
    assert not any(ts.feasible for ts in ws.targets.values())
    assert (ws.recommended, ws.runner_up, ws.margin) == (None, None, None)
    assert ws.why.startswith("No target can run it; even the closest")


def test_placed_on_infeasible_target_is_never_recommended(demo_board: Board) -> None:
    # Weighted towards operations, Lambda's pillars outrank every target that can run the job.
    demo_scorer = Scorer(demo_board, {"operational_excellence": 3})
    ws = demo_scorer.workload("nightly-etl")
    assert ws.placed_on == "lambda"
    assert ws.recommended != "lambda"
    lam = ws.targets["lambda"]
    # Its pillars alone would outrank the recommendation, yet it can never win ...
    weighted = sum(demo_scorer.weights[p] * lam.pillars[p] for p in lam.pillars)
    assert weighted / sum(demo_scorer.weights.values()) > ws.targets[ws.recommended].overall
    # ... and its overall shows 0, so no card or column ranks it above a target that can run it.
    assert lam.overall == 0.0 and not lam.feasible and lam.violations


def test_overall_is_the_weighted_mean(demo_board: Board) -> None:
    score = score_board(demo_board, {"cost_optimization": 3, "security": 2})
    ts = score.workloads["payments"].targets["fargate"]
    weights = score.weights
    expected = sum(weights[p] * ts.pillars[p] for p in weights) / sum(weights.values())
    assert ts.overall == pytest.approx(expected, abs=0.05)
    assert weights["cost_optimization"] == 3 and weights["reliability"] == 1


def test_cost_weight_moves_the_choice_towards_the_cheaper_target(demo_board: Board) -> None:
    plain = Scorer(demo_board).workload("reports")
    costly = Scorer(demo_board, {"cost_optimization": 10}).workload("reports")
    best_cost = lambda ws: ws.targets[ws.recommended].pillars["cost_optimization"]  # noqa: E731
    assert best_cost(costly) >= best_cost(plain)


def test_parse_weights_reads_pillar_number_pairs() -> None:
    assert parse_weights(" cost_optimization=3, security=2.5 ,") == {
        "cost_optimization": 3.0,
        "security": 2.5,
    }


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("cost=3", "'cost' is not a pillar"),
        ("security", "should look like pillar=number"),
        ("security=high", "security=high is not a number"),
        ("security=-1", "should be between 0 and 100"),
        ("security=nan", "should be between 0 and 100"),
        ("security=1,security=2", "security is given twice"),
        ("", "no pillar=number pairs"),
    ],
)
def test_parse_weights_rejects_bad_text_in_one_sentence(text: str, phrase: str) -> None:
    with pytest.raises(WeightsError) as caught:
        parse_weights(text)
    assert phrase in str(caught.value)
    assert "\n" not in str(caught.value)


def test_weights_cannot_all_be_zero(demo_board: Board) -> None:
    zero = dict.fromkeys(
        (
            "operational_excellence",
            "security",
            "reliability",
            "performance_efficiency",
            "cost_optimization",
        ),
        0,
    )
    with pytest.raises(WeightsError, match="at least one pillar"):
        resolve_weights(demo_board.weights, zero)


def test_every_workload_gets_its_editions_targets_in_slide_order(demo_scorer: Scorer) -> None:
    assert len(demo_scorer.board.targets) == 5  # the demo tells the 2018 story
    for wid in demo_scorer.board.workload_ids:
        assert tuple(demo_scorer.workload(wid).targets) == demo_scorer.board.targets


def test_quick_scores_agree_with_full_scores(demo_board: Board) -> None:
    scorer = Scorer(demo_board, {"security": 2})
    for wid, quick in scorer.overview().items():
        full = Scorer(demo_board, {"security": 2}).workload(wid)
        assert (quick.placed_on, quick.recommended) == (full.placed_on, full.recommended)
        for i, target in enumerate(demo_board.targets):
            ts = full.targets[target]
            assert quick.overall[i] == ts.overall
            assert quick.pillars[i] == tuple(ts.pillars.values())
            assert quick.first_violation[i] == (ts.violations[0] if ts.violations else None)

"""The dependency graph: cycles, inherited risk, weakest links, and the board summary."""

from __future__ import annotations

import subprocess
import sys

from whiteboard.model import Board, Workload
from whiteboard.scoring import Scorer, score_board
from whiteboard.scoring.dependencies import dependency_cycles

from .conftest import edited


def _chain_board(*, cycle: bool = False) -> Board:
    workloads = (
        Workload(id="a", name="A", architecture="cattle", depends_on=("b",)),
        Workload(id="b", name="B", architecture="cattle", depends_on=("c",)),
        Workload(id="c", name="C", architecture="cattle", depends_on=("a",) if cycle else ()),
        Workload(id="d", name="D", architecture="pet", depends_on=("c",)),
    )
    return Board(name="Chain", workloads=workloads)


def test_cycles_are_found_and_start_at_the_first_workload() -> None:
    assert dependency_cycles(_chain_board(cycle=True)) == (("a", "b", "c"),)
    assert dependency_cycles(_chain_board()) == ()


def test_cycles_appear_in_the_summary_and_top_risks() -> None:
    summary = score_board(_chain_board(cycle=True)).summary
    assert summary.cycles == (("a", "b", "c"),)
    assert "Dependency cycle: a -> b -> c -> a." in summary.top_risks


def test_scoring_works_on_a_cycle_through_a_pet() -> None:
    board = edited(_chain_board(cycle=True), "c", architecture="pet")
    scorer = Scorer(board)
    labels = [f.label for f in scorer.target("a", "fargate").reasons["reliability"]]
    assert any("Further down its dependencies: c" in label for label in labels)
    labels_c = [f.label for f in scorer.target("c", "fargate").reasons["reliability"]]
    assert not any("dependencies: c" in label for label in labels_c)


def test_weakest_link_names_the_pet_everyone_needs(demo_board: Board) -> None:
    summary = score_board(demo_board).summary
    assert summary.weakest_links[0].startswith(
        "orders-db is a single point of failure for 6 workloads (4 directly)"
    )
    assert summary.weakest_links[0] in summary.top_risks


def test_no_fragile_dependency_means_no_weakest_link(demo_board: Board) -> None:
    board = edited(demo_board, "orders-db", architecture="cattle")
    board = edited(board, "orders-db", stateful=False)
    assert score_board(board).summary.weakest_links == ()


def test_summary_counts_placements_and_infeasible_ones(demo_board: Board) -> None:
    summary = score_board(demo_board).summary
    assert summary.placements_per_target == {
        "bare_metal": 1,
        "ec2": 1,
        "containers": 2,
        "fargate": 1,
        "lambda": 2,
    }
    assert summary.unplaced == 5
    assert [(w, t) for w, t, _ in summary.infeasible_placements] == [("nightly-etl", "lambda")]
    assert summary.top_risks[0].startswith("Nightly sales ETL (nightly-etl) cannot run on Lambda")
    assert set(summary.pillar_averages) == set(demo_board.weights)


def _networkx_loaded_after_scoring(depends_on: str) -> bool:
    code = (
        "import sys\n"
        "from whiteboard.model import Board, Workload\n"
        "from whiteboard.scoring import score_board\n"
        "board = Board(name='B', workloads=(Workload(id='x', name='X', depends_on=('z',)), "
        f"Workload(id='y', name='Y', depends_on={depends_on}), "
        "Workload(id='z', name='Z', depends_on=('x',))))\n"
        "score_board(board)\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return out.stdout.strip() == "True"


def test_networkx_is_never_imported_not_even_for_a_cycle() -> None:
    """Cycles are found without a graph library (its import alone took 0.1-0.2 s)."""
    assert not _networkx_loaded_after_scoring("()")
    assert not _networkx_loaded_after_scoring("('x',)")


def test_updated_scorer_matches_a_fresh_one(demo_board: Board) -> None:
    scorer = Scorer(demo_board)
    scorer.board_score()
    for wid, target in (("reports", "ec2"), ("orders-db", "ec2"), ("thumbnails", None)):
        board = demo_board.with_placement(wid, target)
        for changed in (None, (wid,)):
            again = scorer.updated(board, changed)
            fresh = Scorer(board)
            for other in board.workload_ids:
                assert again.workload(other) == fresh.workload(other)


def test_updated_rescoring_reflects_an_edit(demo_board: Board) -> None:
    scorer = Scorer(demo_board)
    scorer.board_score()
    board = edited(demo_board, "thumbnails", max_runtime_s=3600)
    ws = scorer.updated(board, ("thumbnails",)).workload("thumbnails")
    assert not ws.targets["lambda"].feasible
    assert ws.recommended != "lambda"

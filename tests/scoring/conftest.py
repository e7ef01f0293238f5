"""Helpers for the scoring tests: demo workloads, edited copies, a scorer per board."""

from __future__ import annotations

import pytest

from whiteboard.model import Board, Workload
from whiteboard.scoring import Scorer


def edited(board: Board, workload_id: str, **fields: object) -> Board:
    """The board with one workload's fields changed."""
    workload = board.workload(workload_id)
    return board.with_workload(workload.model_copy(update=fields))


def lone(workload: Workload, **fields: object) -> Board:
    """A board holding just this workload (dependencies dropped), with fields changed."""
    changed = workload.model_copy(update={"depends_on": (), **fields})
    return Board(name="One workload", workloads=(Workload.model_validate(changed.model_dump()),))


@pytest.fixture(scope="session")
def demo_scorer(demo_board: Board) -> Scorer:
    return Scorer(demo_board)

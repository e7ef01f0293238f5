"""Fixtures of the export tests: rendered stubs of the demo and of the hostile board."""

from __future__ import annotations

import pytest

from tests.export.boards import hostile_board
from whiteboard.export.terraform import render_terraform
from whiteboard.model import Board


@pytest.fixture(scope="session")
def hostile() -> Board:
    return hostile_board()


@pytest.fixture(scope="session")
def hostile_files(hostile: Board) -> dict[str, str]:
    return render_terraform(hostile)


@pytest.fixture(scope="session")
def demo_files(demo_board: Board) -> dict[str, str]:
    return render_terraform(demo_board)

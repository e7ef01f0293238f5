"""Shared fixtures. Qt runs offscreen in every test (set before any Qt import)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from whiteboard.model import Board, load_board
from whiteboard.paths import DEMO_BOARD

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def demo_board() -> Board:
    return load_board(DEMO_BOARD)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES

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


@pytest.fixture(scope="session", autouse=True)
def _qapplication_before_any_test():
    """Create the QApplication pytest-qt expects before any test runs.

    Headless renderers (PNG export, presenter frames) create a bare QGuiApplication when none
    exists; if one of them ran first, every later pytest-qt test would find the wrong class.
    """
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])

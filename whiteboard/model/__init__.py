"""The board document: workloads, placements, weights; loading, saving and migrations."""

from whiteboard.model.board import SCHEMA_VERSION, Board
from whiteboard.model.io import BoardFileError, board_to_json, load_board, save_board
from whiteboard.model.vocab import (
    DEFAULT_WEIGHTS,
    PILLAR_IDS,
    TARGET_IDS,
    PillarId,
    TargetId,
)
from whiteboard.model.workload import Workload, slugify

__all__ = [
    "DEFAULT_WEIGHTS",
    "PILLAR_IDS",
    "SCHEMA_VERSION",
    "TARGET_IDS",
    "Board",
    "BoardFileError",
    "PillarId",
    "TargetId",
    "Workload",
    "board_to_json",
    "load_board",
    "save_board",
    "slugify",
]

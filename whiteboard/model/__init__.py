"""The board document: workloads, placements, weights; loading, saving and migrations."""

from whiteboard.model.board import SCHEMA_VERSION, Board
from whiteboard.model.io import BoardFileError, board_to_json, load_board, save_board
from whiteboard.model.vocab import (
    DEFAULT_WEIGHTS,
    EDITION_IDS,
    NEWEST_EDITION,
    PILLAR_IDS,
    TARGET_IDS,
    EditionId,
    PillarId,
    TargetId,
)
from whiteboard.model.workload import Workload, slugify

__all__ = [
    "DEFAULT_WEIGHTS",
    "EDITION_IDS",
    "NEWEST_EDITION",
    "PILLAR_IDS",
    "SCHEMA_VERSION",
    "TARGET_IDS",
    "Board",
    "BoardFileError",
    "EditionId",
    "PillarId",
    "TargetId",
    "Workload",
    "board_to_json",
    "load_board",
    "save_board",
    "slugify",
]

"""`whiteboard validate BOARD`: check a board file and print a one-line summary."""

from __future__ import annotations

import argparse
from collections import Counter

from whiteboard.model import TARGET_IDS, Board, load_board

NAME = "validate"
HELP = "check a board file and print a one-line summary"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")


def summary_line(board: Board, source: str) -> str:
    placed = Counter(board.placements.values())
    spread = ", ".join(f"{target} {placed[target]}" for target in TARGET_IDS if placed[target])
    unplaced = len(board.workloads) - len(board.placements)
    return (
        f"{source}: valid board '{board.name}': {len(board.workloads)} workloads, "
        f"{len(board.placements)} placed ({spread or 'none'}), {unplaced} unplaced"
    )


def run(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    print(summary_line(board, args.board))
    return 0

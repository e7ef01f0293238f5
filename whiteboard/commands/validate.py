"""`whiteboard validate BOARD`: check a board file and print a one-line summary."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from whiteboard.model import Board, load_board
from whiteboard.model.text import visible

NAME = "validate"
HELP = "check a board file and print a one-line summary"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")


def summary_line(board: Board, source: str) -> str:
    """One line, whatever the name holds: line breaks and terminal escapes are shown escaped."""
    placed = Counter(board.placements.values())
    spread = ", ".join(f"{target} {placed[target]}" for target in board.targets if placed[target])
    unplaced = len(board.workloads) - len(board.placements)
    return (
        f"{visible(source)}: valid board '{visible(board.name)}' ({board.edition} edition): "
        f"{len(board.workloads)} workloads, {len(board.placements)} placed "
        f"({spread or 'none'}), {unplaced} unplaced"
    )


def cycle_warnings(board: Board, source: str) -> list[str]:
    """One warning line per dependency cycle (a board with cycles is valid but suspicious)."""
    if not any(workload.depends_on for workload in board.workloads):
        return []
    from whiteboard.scoring.cycles import dependency_cycles

    return [
        f"{visible(source)}: warning: dependency cycle: {' -> '.join((*cycle, cycle[0]))}"
        for cycle in dependency_cycles(board)
    ]


def run(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    print(summary_line(board, args.board))
    for warning in cycle_warnings(board, args.board):
        print(warning, file=sys.stderr)
    return 0

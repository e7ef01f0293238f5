"""`whiteboard score BOARD`: every workload on every target, with reasons and recommendations."""

from __future__ import annotations

import argparse
import sys

NAME = "score"
HELP = "score every workload on every target against the Well-Architected pillars"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table for people (default) or json for tools",
    )
    parser.add_argument(
        "--details",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="table: a block of reasons for every workload (default: for every workload on "
        "boards of up to 60, else only for the workloads in trouble)",
    )
    add_weights_argument(parser)


def add_weights_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weights",
        metavar="PILLAR=N,...",
        help="override the board's pillar weights, e.g. cost_optimization=3,security=2",
    )


def weights_from_args(args: argparse.Namespace) -> dict[str, float] | None:
    """The parsed --weights option; bad text becomes a UserError (one line, exit 2: the
    error quotes the text with `visible`, whatever it holds)."""
    from whiteboard.cli import UserError
    from whiteboard.scoring import WeightsError, parse_weights

    if args.weights is None:
        return None
    try:
        return dict(parse_weights(args.weights))
    except WeightsError as error:
        raise UserError(f"--{error}") from None


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError
    from whiteboard.model import load_board
    from whiteboard.model.text import visible
    from whiteboard.scoring import Scorer, WeightsError

    board = load_board(args.board)
    weights = weights_from_args(args)
    try:
        scorer = Scorer(board, weights)
    except WeightsError as error:
        raise UserError(f"{visible(args.board)}: {error}") from None
    if args.format == "json":
        from whiteboard.scoring.stream import write_board_score_json

        # Written as it is scored; only characters a terminal acts on get escaped.
        write_board_score_json(scorer, sys.stdout)
    else:
        from whiteboard.scoring.report import render_report

        sys.stdout.write(render_report(scorer, args.details))
    return 0

"""`whiteboard recommend BOARD -o OUT`: write the board with every workload on its best target."""

from __future__ import annotations

import argparse

from whiteboard.commands import check_output
from whiteboard.commands.score import add_weights_argument, weights_from_args

NAME = "recommend"
HELP = "write a copy of the board with each workload placed on its recommended target"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="board file to write (.json)"
    )
    parser.add_argument(
        "--only-unplaced",
        action="store_true",
        help="keep existing placements; place only the workloads that have none",
    )
    add_weights_argument(parser)


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError
    from whiteboard.model import load_board, save_board
    from whiteboard.model.text import visible
    from whiteboard.scoring import Scorer, WeightsError

    check_output(args.output, "-o")
    board = load_board(args.board)
    try:
        scorer = Scorer(board, weights_from_args(args))
    except WeightsError as error:
        raise UserError(f"{visible(args.board)}: {error}") from None
    placements = dict(board.placements)
    changed = kept = nothing_fits = 0
    recommended = scorer.recommendations()
    for wid in board.workload_ids:
        current = board.placement(wid)
        if args.only_unplaced and current is not None:
            kept += 1
            continue
        best = recommended[wid]
        if best is None:
            nothing_fits += 1
        elif best != current:
            placements[wid] = best
            changed += 1
    result = board.with_fields(placements=placements)
    try:
        save_board(result, args.output)
    except OSError as error:
        raise UserError(
            f"{visible(args.output)}: cannot write: {visible(error.strerror or str(error))}"
        ) from None
    print(_summary(visible(args.output), len(board.workloads), changed, kept, nothing_fits))
    return 0


def _summary(output: str, total: int, changed: int, kept: int, nothing_fits: int) -> str:
    parts = [f"{changed:,} placed or moved to their recommended target"]
    if kept:
        parts.append(f"{kept:,} already placed and kept")
    if nothing_fits:
        parts.append(f"{nothing_fits:,} left as they were: no target can run them")
    return f"{output}: wrote {total:,} workloads; " + "; ".join(parts)

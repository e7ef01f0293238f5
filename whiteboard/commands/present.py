"""`whiteboard present BOARD`: the compute story's build-up full screen, then the board's
workloads column by column, with the presenter's notes on the second screen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from whiteboard.model import Board, load_board

if TYPE_CHECKING:
    from whiteboard.export import Transaction

NAME = "present"
HELP = "present a board full screen: the eight-step build-up, then its workloads"

FRAME_SIZE = (1920, 1080)

KEYS_HELP = (
    "keys: Right, Down, Page Down, Space or Enter = next; Left, Up, Page Up or Backspace = "
    "previous; Home/End; a number then Enter jumps; B or . = black screen, W = white "
    "(again to return); Esc leaves"
)


def _step(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"step must be 0 or more, not {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")
    parser.add_argument(
        "--step", type=_step, default=0, help="start at this step (0 = the empty slide)"
    )
    parser.add_argument(
        "--window", action="store_true", help="present in a window instead of full screen"
    )
    parser.epilog = KEYS_HELP


def run(args: argparse.Namespace) -> int:
    board = load_board(args.board)
    from whiteboard.gui.presenter import run_presentation
    from whiteboard.slides.playback import script_for_board

    script = script_for_board(board)
    return run_presentation(script, full_screen=not args.window, step=args.step)


def render_frames(board: Board) -> list[tuple[str, bytes]]:
    """Every step's final state as a 1920x1080 PNG, with its file name, in order
    (`step-01-the-line.png`, ...). Nothing is written: see `write_frames`."""
    from whiteboard.render.qt_image import scene_to_png
    from whiteboard.slides.playback import script_for_board

    script = script_for_board(board)
    return [
        (script.frame_name(step), scene_to_png(script.scene, *FRAME_SIZE, step=step))
        for step in range(1, script.last + 1)
    ]


def write_frames(
    frames: list[tuple[str, bytes]],
    folder: str | os.PathLike[str],
    transaction: Transaction | None = None,
) -> list[Path]:
    """`whiteboard export BOARD --frames DIR`: the frames' paths in `folder` (made if missing;
    its parent must exist). With `transaction`, the frames join it and its caller commits;
    without, they are written in one transaction of their own (all of them or none)."""
    from whiteboard.export import Transaction, check_folder_destination

    target = Path(folder)
    own = transaction is None
    plan = Transaction() if transaction is None else transaction
    if own:
        check_folder_destination(target, "--frames")
    plan.make_folder(target)
    paths = [target / name for name, _ in frames]
    for path, (_, png) in zip(paths, frames, strict=True):
        plan.write(path, png)
    if own:
        plan.commit()
    return paths

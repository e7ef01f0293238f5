"""`whiteboard [BOARD] [--screenshot FILE]`: open the window (the default with no sub-command).

Qt is imported only when the command runs, so `whiteboard.commands` imports without Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from whiteboard.commands import check_output

NAME = "gui"
HELP = "open the whiteboard window on a board (the default when no sub-command is given)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "board",
        metavar="BOARD",
        nargs="?",
        type=Path,
        help="board file (.json); the demo board when omitted",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="render the window offscreen at 1600x900 to this PNG file and exit",
    )


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    if args.screenshot is not None:
        check_output(args.screenshot, "--screenshot", "PNG file")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not _has_display():
        from whiteboard.cli import UserError
        from whiteboard.model import load_board

        if args.board is not None:
            load_board(args.board)  # a bad file is the more useful message

        raise UserError(
            "no display to open the window on (DISPLAY is not set); "
            "use --screenshot FILE to render it offscreen"
        )
    from whiteboard.gui.app import run_window

    try:
        return run_window(args.board, args.screenshot)
    except OSError as error:
        if args.screenshot is None:
            raise
        from whiteboard.cli import UserError
        from whiteboard.model.atomic import reason
        from whiteboard.model.text import visible

        why = reason(error)
        raise UserError(f"--screenshot {visible(str(args.screenshot))}: {why}") from None


def run_from_argv(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="whiteboard", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))

"""`whiteboard export BOARD ...`: diagrams, PDF handout and Terraform stubs in one call."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whiteboard.model import Board

NAME = "export"
HELP = "export diagrams (PNG/SVG), a PDF handout and Terraform stubs"

#: (flag, metavar, help). Options are data so more outputs (e.g. presenter frames) add a row.
OUTPUTS: list[tuple[str, str, str]] = [
    (
        "--png",
        "FILE",
        "the compute slide as PNG (1920x1080); the pets/cattle chart goes beside it with "
        "'-chart' before the extension (slide.png -> slide-chart.png)",
    ),
    ("--svg", "FILE", "the compute slide as SVG, and the chart as FILE with a '-chart' suffix"),
    ("--pdf", "FILE", "the PDF handout: story steps, chart, summary, workloads, Terraform"),
    ("--terraform", "DIR", "Terraform stubs for the placed workloads, one folder"),
    (
        "--frames",
        "DIR",
        "the presenter's build-up, one 1920x1080 PNG per step in order (step-01-the-line.png, ...)",
    ),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", metavar="BOARD", help="board file (.json)")
    outputs = parser.add_argument_group("outputs (any combination, at least one)")
    for flag, metavar, text in OUTPUTS:
        outputs.add_argument(flag, metavar=metavar, type=Path, help=text)
    parser.add_argument(
        "--step",
        metavar="N",
        type=int,
        help="build-up step the diagrams show (default: the finished slide)",
    )
    parser.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="PDF page size (default: a4)"
    )
    parser.epilog = (
        "Files are replaced only when every export succeeded. "
        "Example: whiteboard export board.json --pdf handout.pdf --terraform stubs/"
    )


def _render_frames(board: Board) -> list[tuple[str, bytes]]:
    from whiteboard.commands.present import render_frames

    return render_frames(board)


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError
    from whiteboard.export import ExportError, ExportOptions, export_all
    from whiteboard.model import load_board

    options = ExportOptions(
        png=args.png,
        svg=args.svg,
        pdf=args.pdf,
        terraform=args.terraform,
        step=args.step,
        paper=args.paper,
    )
    if not options.any and args.frames is None:
        raise UserError(
            "export: nothing to export: give --png, --svg, --pdf, --terraform or --frames"
        )
    board = load_board(args.board)
    try:
        frames = _render_frames(board) if args.frames is not None else []
        written = export_all(board, options) if options.any else []
        if args.frames is not None:
            from whiteboard.commands.present import write_frames

            print(f"wrote {len(write_frames(frames, args.frames))} frames to {args.frames}")
    except ExportError as error:
        raise UserError(f"export: {error}") from None
    except OSError as error:
        where = error.filename or "output"
        raise UserError(f"export: {where}: {error.strerror or error}") from None
    folder = options.terraform
    for path in written:
        if folder is None or path.parent != folder:
            print(f"wrote {path}")
    if folder is not None:
        count = sum(1 for path in written if path.parent == folder)
        print(f"wrote {count} Terraform files to {folder}")
    return 0

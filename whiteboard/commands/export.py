"""`whiteboard export BOARD ...`: diagrams, PDF handout and Terraform stubs in one call."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from whiteboard.export import APPENDICES, DETAILS, FULL_HANDOUT_MAX, MAX_HANDOUT_WORKLOADS

if TYPE_CHECKING:
    from whiteboard.export import ExportOptions, Transaction

NAME = "export"
HELP = (
    "export diagrams (PNG/SVG), a PDF handout, Terraform stubs, an editable PowerPoint "
    "build-up and a Well-Architected custom lens"
)

#: (flag, metavar, help). Options are data so more outputs (e.g. presenter frames) add a row.
OUTPUTS: list[tuple[str, str, str]] = [
    (
        "--png",
        "FILE",
        "the compute slide as PNG (1920x1080); the pets/cattle chart goes beside it with "
        "'-chart' before the extension (slide.png -> slide-chart.png)",
    ),
    ("--svg", "FILE", "the compute slide as SVG, and the chart as FILE with a '-chart' suffix"),
    (
        "--pdf",
        "FILE",
        "the PDF handout: story steps, chart, summary, workloads, Terraform "
        f"(boards of up to {MAX_HANDOUT_WORKLOADS:,} workloads)",
    ),
    (
        "--terraform",
        "DIR",
        "Terraform stubs for the placed workloads, one folder; DIR/.whiteboard-manifest.json "
        "records what was generated, and only those files, unchanged, are ever replaced or "
        "removed",
    ),
    (
        "--pptx",
        "FILE",
        "an editable PowerPoint build-up: one slide per step with native shapes and text, "
        "Morph transitions between them, the story as speaker notes, then the chart, a summary "
        "and one slide per target",
    ),
    (
        "--wa-lens",
        "DIR",
        "a Well-Architected custom lens (lens.json), one answers file per workload and a "
        "script that loads them with the AWS CLI (load-lens.sh); see docs/wa-lens.md",
    ),
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
        "--pptx-template",
        metavar="FILE",
        type=Path,
        help="the customer's own .potx/.pptx for --pptx: its slide size, master and theme",
    )
    parser.add_argument(
        "--step",
        metavar="N",
        type=int,
        help="build-up step the diagrams show (default: the finished slide)",
    )
    parser.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="PDF page size (default: a4)"
    )
    parser.add_argument(
        "--detail",
        choices=DETAILS,
        help="the handout's per-workload sections: every workload in full, only those that "
        "cannot run where placed or are misplaced (the others one line each), or none "
        f"(default: all up to {FULL_HANDOUT_MAX} workloads, attention above)",
    )
    parser.add_argument(
        "--appendix",
        choices=APPENDICES,
        help="the handout's Terraform appendix: the stubs' full text, a table of the files "
        f"per target, or none (default: full up to {FULL_HANDOUT_MAX} workloads, summary above)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="in the --terraform folder, overwrite files whiteboard did not generate or that "
        "were changed since (by default the export refuses and writes nothing)",
    )
    parser.epilog = (
        "Files are replaced only when every export succeeded. "
        "Example: whiteboard export board.json --pdf handout.pdf --terraform stubs/"
    )


def run(args: argparse.Namespace) -> int:
    from whiteboard.cli import UserError
    from whiteboard.export import ExportError, ExportOptions

    options = ExportOptions(
        png=args.png,
        svg=args.svg,
        pdf=args.pdf,
        terraform=args.terraform,
        pptx=args.pptx,
        pptx_template=args.pptx_template,
        wa_lens=args.wa_lens,
        step=args.step,
        paper=args.paper,
        detail=args.detail,
        appendix=args.appendix,
        force=args.force,
    )
    if not options.any and args.frames is None:
        raise UserError(
            "export: nothing to export: give --png, --svg, --pdf, --terraform, --pptx, "
            "--wa-lens or --frames"
        )
    try:
        transaction, written = _export(args, options)
    except ExportError as error:
        hint = " (--force overrides this)" if error.forceable else ""
        raise UserError(f"export: {error}; nothing was written{hint}") from None
    except OSError as error:
        where = error.filename or "output"
        raise UserError(f"export: {where}: {error.strerror or error}") from None
    _report(args, options, transaction, written)
    return 0


def _export(args: argparse.Namespace, options: ExportOptions) -> tuple[Transaction, list[Path]]:
    """Check every destination, render everything, write it all in one transaction."""
    from whiteboard.export import Transaction, check_folder_destination, check_options, export_all
    from whiteboard.model import load_board

    board = load_board(args.board)
    if args.frames is not None:
        check_folder_destination(args.frames, "--frames")
    if options.any:
        check_options(board, options)
    transaction = Transaction()
    if args.frames is not None:
        from whiteboard.commands.present import render_frames, write_frames

        write_frames(render_frames(board), args.frames, transaction)
    if options.any:
        return transaction, export_all(board, options, transaction=transaction)
    return transaction, transaction.commit()


def _report(
    args: argparse.Namespace,
    options: ExportOptions,
    transaction: Transaction,
    written: list[Path],
) -> None:
    folders = {folder for folder in (options.terraform, args.frames) if folder is not None}
    lens = options.wa_lens
    for path in written:
        if path.parent not in folders and not (lens is not None and path.is_relative_to(lens)):
            print(f"wrote {path}")
    if lens is not None:
        answers = sum(1 for path in written if path.parent == lens / "answers")
        print(f"wrote the Well-Architected lens and {answers:,} answers files to {lens}")
    if args.frames is not None:
        count = sum(1 for path in written if path.parent == args.frames)
        print(f"wrote {count} frames to {args.frames}")
    if options.terraform is not None:
        count = sum(1 for path in written if path.parent == options.terraform)
        print(f"wrote {count} Terraform files to {options.terraform}")
    if transaction.forced:
        names = ", ".join(path.name for path in transaction.forced)
        print(f"whiteboard: --force: overwrote {names} in {options.terraform}", file=sys.stderr)
    for path in transaction.kept:
        print(
            f"whiteboard: kept {path}: no longer generated, but changed since whiteboard "
            "made it; delete it if its resources should go",
            file=sys.stderr,
        )

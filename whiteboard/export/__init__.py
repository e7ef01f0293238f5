"""Exports: what people take home from a workshop. Pure functions, no Qt at import time.

    from whiteboard.export import ExportOptions, export_all
    written = export_all(board, ExportOptions(pdf=Path("handout.pdf"), terraform=Path("tf")),
                         progress=lambda done, total, label: ...)

Every requested output is rendered in memory first; only when all of them succeeded are the
files written (each atomically), so a failure never leaves a half-replaced set behind. PNG
export paints with Qt: call `export_all` from the thread that owns the Qt application (or from
a process without one). `progress(done, total, label)` is called before each piece of work
and once more with done == total at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whiteboard.model import Board

Paper = Literal["a4", "letter"]
Progress = Callable[[int, int, str], None]
#: Pixel size of exported PNG images (the scenes' own 16:9 size).
PNG_SIZE = (1920, 1080)


class ExportError(Exception):
    """Bad export options (an unknown step, a folder where a file should be): one line."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export where. Paths left as None are not exported."""

    png: Path | None = None
    svg: Path | None = None
    pdf: Path | None = None
    terraform: Path | None = None
    #: Build-up step the diagrams show; None: the finished slide.
    step: int | None = None
    paper: Paper = "a4"
    #: Date on the handout's cover; None: today.
    date: dt.date | None = None

    @property
    def any(self) -> bool:
        return any(path is not None for path in (self.png, self.svg, self.pdf, self.terraform))


def chart_path(path: Path) -> Path:
    """Where the pets/cattle chart goes beside the slide: `board.png` -> `board-chart.png`."""
    return path.with_name(f"{path.stem}-chart{path.suffix}")


def _check_file_target(path: Path, what: str) -> None:
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; --{what} needs a file name")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: folder {path.parent} does not exist")


def _check_paths(options: ExportOptions) -> None:
    if not options.any:
        raise ExportError("nothing to export: give --png, --svg, --pdf or --terraform")
    for what in ("png", "svg", "pdf"):
        path = getattr(options, what)
        if path is not None:
            _check_file_target(path, what)
    folder = options.terraform
    if folder is not None and folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file; --terraform needs a folder")


def _check_step(options: ExportOptions, last_step: int) -> None:
    if options.step is not None and not 0 <= options.step <= last_step:
        raise ExportError(f"--step {options.step}: the compute slide has steps 0 to {last_step}")


def export_all(
    board: Board, options: ExportOptions, progress: Progress | None = None
) -> list[Path]:
    """Render every requested output, then write them all; the paths written, in order."""
    from whiteboard.export import images
    from whiteboard.model.atomic import write_atomic

    report = progress or (lambda done, total, label: None)
    _check_paths(options)
    drawn = bool(options.svg or options.png or options.pdf)
    work = ["score"] if drawn else []
    work += ["svg"] if options.svg else []
    work += ["png"] if options.png else []
    work += ["terraform"] if options.terraform or options.pdf else []
    work += ["pdf"] if options.pdf else []
    total = len(work) + 1
    done = 0

    def step(label: str) -> None:
        nonlocal done
        report(done, total, label)
        done += 1

    files: dict[Path, bytes] = {}
    scores = None
    if drawn:
        # Scoring and layout only when something is drawn: stubs alone need neither.
        from whiteboard.scoring import score_board
        from whiteboard.slides.chart import pets_cattle_chart
        from whiteboard.slides.compute import compute_slide

        step("Scoring the board")
        scores = score_board(board)
        slide = compute_slide(board, scores)
        chart = pets_cattle_chart(board, scores)
        _check_step(options, slide.last_step)
    if options.svg:
        step("Drawing SVG diagrams")
        files.update(images.svg_files(options.svg, slide, chart, options.step))
    if options.png:
        step("Drawing PNG diagrams")
        files.update(images.png_files(options.png, slide, chart, options.step, PNG_SIZE))
    stubs: dict[str, str] | None = None
    if options.terraform or options.pdf:
        from whiteboard.export.terraform import render_terraform

        step("Rendering Terraform stubs")
        stubs = render_terraform(board)
    if options.pdf:
        from whiteboard.export.handout import render_handout

        step("Laying out the handout")
        files[options.pdf] = render_handout(
            board, scores, paper=options.paper, date=options.date, terraform_files=stubs
        )
    written: list[Path] = []
    for path, data in files.items():
        write_atomic(path, data)
        written.append(path)
    if options.terraform and stubs is not None:
        from whiteboard.export.terraform import write_files

        written += write_files(options.terraform, stubs)
    report(total, total, "Done")
    return written


__all__ = ["ExportError", "ExportOptions", "Paper", "Progress", "chart_path", "export_all"]

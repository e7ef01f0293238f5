"""Exports: what people take home from a workshop. Pure functions, no Qt at import time.

    from whiteboard.export import ExportOptions, export_all
    written = export_all(board, ExportOptions(pdf=Path("handout.pdf"), terraform=Path("tf")),
                         progress=lambda done, total, label: ...)

Every requested output is rendered in memory first; only when all of them succeeded are the
files written, as one transaction (`export/transaction.py`): each staged beside its destination,
then all moved into place, so a failure (a full disk, say) leaves every old file as it was and
names the file it failed on. PNG export paints with Qt: call `export_all` from the thread that
owns the Qt application (or from a process without one). `progress(done, total, label)` is
called before each piece of work and once more with done == total at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whiteboard.export.transaction import (
    ExportError,
    Transaction,
    check_distinct,
    check_file_destination,
    check_folder_destination,
)
from whiteboard.model import Board
from whiteboard.model.preferences import ExportChoices

Paper = Literal["a4", "letter"]
Progress = Callable[[int, int, str], None]
#: Pixel size of exported PNG images (the scenes' own 16:9 size).
PNG_SIZE = (1920, 1080)
#: Largest board the PDF handout is made for, refused before any work. Each workload gets a
#: section of about 2.5 pages, and the layout grows linearly at about 9 ms and 0.25 MB per
#: workload (a whole `whiteboard export --pdf` of 2,000 workloads: some 5,000 pages, 18 s,
#: 0.5 GB peak), so 50,000 would take minutes and gigabytes. Diagrams and Terraform stubs
#: have no such limit: for 50,000 workloads they take 10-16 s and under 0.7 GB.
MAX_HANDOUT_WORKLOADS = 2_000
#: The handout's per-workload detail: every workload in full, only those that need attention
#: (the rest one line each), or none; and its Terraform appendix: the stubs' text, a table of
#: the files, or nothing.
Detail = Literal["all", "attention", "none"]
Appendix = Literal["full", "summary", "none"]
DETAILS: tuple[Detail, ...] = ("all", "attention", "none")
APPENDICES: tuple[Appendix, ...] = ("full", "summary", "none")
#: Boards up to this many workloads get the whole handout by default (every workload in full,
#: the stubs' text); larger ones the attention detail and the appendix summary.
FULL_HANDOUT_MAX = 50


def resolve_detail(choice: Detail | None, count: int) -> Detail:
    """The detail asked for, or for None (automatic) by the board's size."""
    return choice or ("all" if count <= FULL_HANDOUT_MAX else "attention")


def resolve_appendix(choice: Appendix | None, count: int) -> Appendix:
    """The appendix asked for, or for None (automatic) by the board's size."""
    return choice or ("full" if count <= FULL_HANDOUT_MAX else "summary")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export where. Paths left as None are not exported."""

    png: Path | None = None
    svg: Path | None = None
    pdf: Path | None = None
    terraform: Path | None = None
    #: An editable PowerPoint build-up, and the customer's own template for it.
    pptx: Path | None = None
    pptx_template: Path | None = None
    #: A folder for the Well-Architected custom lens, its answers and its load script.
    wa_lens: Path | None = None
    #: Build-up step the diagrams show; None: the finished slide.
    step: int | None = None
    paper: Paper = "a4"
    #: Date on the handout's cover; None: today.
    date: dt.date | None = None
    #: The handout's per-workload detail and Terraform appendix; None (automatic): in full up
    #: to `handout_overview.FULL_HANDOUT_MAX` workloads, "attention" and "summary" above.
    detail: Detail | None = None
    appendix: Appendix | None = None
    #: Replace files in the Terraform folder that this app did not generate, or that were
    #: changed since, and ignore an unreadable manifest there (see `terraform_files.stage_files`).
    force: bool = False

    @property
    def any(self) -> bool:
        outputs = (self.png, self.svg, self.pdf, self.terraform, self.pptx, self.wa_lens)
        return any(path is not None for path in outputs)


def export_choices(options: ExportOptions) -> ExportChoices:
    """What `options` asked for, as the export dialog remembers it for next time."""
    return ExportChoices(
        png=options.png is not None,
        svg=options.svg is not None,
        pdf=options.pdf is not None,
        terraform=options.terraform is not None,
        pptx=options.pptx is not None,
        wa_lens=options.wa_lens is not None,
        paper=options.paper,
        detail=options.detail or "auto",
        appendix=options.appendix or "auto",
    )


def chart_path(path: Path) -> Path:
    """Where the pets/cattle chart goes beside the slide: `board.png` -> `board-chart.png`."""
    return path.with_name(f"{path.stem}-chart{path.suffix}")


def check_options(board: Board, options: ExportOptions) -> None:
    """Everything that can be refused before rendering: nothing asked for, a destination that
    cannot be written, a board too large for the handout. Raises ExportError."""
    if not options.any:
        raise ExportError(
            "nothing to export: give --png, --svg, --pdf, --terraform, --pptx or --wa-lens"
        )
    files: list[Path] = []
    for what in ("svg", "png", "pdf"):
        path = getattr(options, what)
        if path is not None:
            paths = [path] if what == "pdf" else [path, chart_path(path)]
            for each in paths:
                check_file_destination(each, f"--{what}")
            files += paths
    if options.pptx is not None:
        check_file_destination(options.pptx, "--pptx")
        files.append(options.pptx)
    if options.pptx_template is not None and not options.pptx_template.is_file():
        raise ExportError(f"{options.pptx_template}: --pptx-template needs a .pptx or .potx file")
    check_distinct(files)
    if options.terraform is not None:
        check_folder_destination(options.terraform, "--terraform")
    if options.wa_lens is not None:
        check_folder_destination(options.wa_lens, "--wa-lens")
    count = len(board.workloads)
    if options.pdf is not None and count > MAX_HANDOUT_WORKLOADS:
        raise ExportError(
            f"{options.pdf}: the handout is made for at most {MAX_HANDOUT_WORKLOADS:,} "
            f"workloads and this board has {count:,}; export diagrams or Terraform stubs, "
            "or split the board"
        )


def _check_step(options: ExportOptions, last_step: int) -> None:
    if options.step is not None and not 0 <= options.step <= last_step:
        raise ExportError(f"--step {options.step}: the compute slide has steps 0 to {last_step}")


def export_all(
    board: Board,
    options: ExportOptions,
    progress: Progress | None = None,
    transaction: Transaction | None = None,
) -> list[Path]:
    """Render every requested output, then write them all in one transaction; the paths
    written, in order. Files already in `transaction` (say, presenter frames) are written in
    the same commit, and its `forced`/`kept` lists say what the Terraform folder needed."""
    from whiteboard.export import images

    report = progress or (lambda done, total, label: None)
    check_options(board, options)
    plan = transaction if transaction is not None else Transaction()
    drawn = bool(options.svg or options.png or options.pdf or options.pptx)
    scored = drawn or options.wa_lens is not None
    work = ["score"] if scored else []
    work += ["svg"] if options.svg else []
    work += ["png"] if options.png else []
    work += ["pptx"] if options.pptx else []
    work += ["wa_lens"] if options.wa_lens else []
    work += ["terraform"] if options.terraform or options.pdf else []
    work += ["pdf"] if options.pdf else []
    total = len(work) + 2
    done = 0

    def step(label: str) -> None:
        nonlocal done
        report(done, total, label)
        done += 1

    scores = None
    if scored:
        # Scoring only when something is drawn or judged: stubs alone need none.
        from whiteboard.scoring import score_board

        step("Scoring the board")
        scores = score_board(board)
    if drawn:
        from whiteboard.slides.chart import pets_cattle_chart
        from whiteboard.slides.compute import compute_slide

        slide = compute_slide(board, scores)
        chart = pets_cattle_chart(board, scores)
        _check_step(options, slide.last_step)
    if options.svg:
        step("Drawing SVG diagrams")
        for path, data in images.svg_files(options.svg, slide, chart, options.step).items():
            plan.write(path, data)
    if options.png:
        step("Drawing PNG diagrams")
        pngs = images.png_files(options.png, slide, chart, options.step, PNG_SIZE)
        for path, data in pngs.items():
            plan.write(path, data)
    if options.pptx:
        from whiteboard.export.pptx_deck import render_pptx

        step("Building the PowerPoint build-up")
        assert scores is not None
        plan.write(options.pptx, render_pptx(board, scores, template=options.pptx_template))
    if options.wa_lens:
        from whiteboard.export.wa_lens import render_wa_lens

        step("Writing the Well-Architected lens")
        assert scores is not None
        _stage_lens(plan, options.wa_lens, render_wa_lens(board, scores))
    stubs: dict[str, str] | None = None
    if options.terraform or options.pdf:
        from whiteboard.export.terraform import render_terraform
        from whiteboard.export.terraform_files import stage_files

        step("Rendering Terraform stubs")
        stubs = render_terraform(board)
        if options.terraform:
            # Checked before the handout's long layout: a refused folder costs no waiting.
            stage_files(options.terraform, stubs, plan, force=options.force)
    if options.pdf:
        from whiteboard.export.handout import render_handout

        step("Laying out the handout")
        handout = render_handout(
            board,
            scores,
            paper=options.paper,
            date=options.date,
            terraform_files=stubs,
            detail=options.detail,
            appendix=options.appendix,
        )
        plan.write(options.pdf, handout)
    step("Writing the files")
    written = plan.commit()
    report(total, total, "Done")
    return written


def _stage_lens(plan: Transaction, folder: Path, files: dict[str, bytes]) -> None:
    """The lens folder and its sub-folders made at commit, each file written in it."""
    plan.make_folder(folder)
    made: set[Path] = {folder}
    for relative in sorted(files):
        path = folder / relative
        for parent in reversed(path.relative_to(folder).parents[:-1]):
            sub = folder / parent
            if sub not in made:
                plan.make_folder(sub)
                made.add(sub)
        plan.write(path, files[relative])


__all__ = [
    "APPENDICES",
    "DETAILS",
    "FULL_HANDOUT_MAX",
    "MAX_HANDOUT_WORKLOADS",
    "Appendix",
    "Detail",
    "ExportError",
    "ExportOptions",
    "Paper",
    "Progress",
    "Transaction",
    "chart_path",
    "check_options",
    "export_all",
    "export_choices",
    "resolve_appendix",
    "resolve_detail",
]

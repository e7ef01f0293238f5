"""Run every bench/bench_*.py and print one markdown table of all figures against their targets.

    python bench/run.py                          # the table on stdout (what `make bench` runs)
    python bench/run.py --write bench/RESULTS.md # also write it, ready to commit
    python bench/run.py --only model --only export

Each script runs as a child with `--json` (see _common.py for the protocol) under a timeout. A
script that is missing, crashes, times out or prints something that is not a result shows up as
a row saying so; the runner itself does not fail. Exit status: 0, or 1 with `--strict` when any
figure misses its target or any script did not deliver.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _common import (
    BENCH_DIR,
    PROJECT_ROOT,
    ProtocolError,
    Result,
    child_env,
    format_peak,
    format_target,
    format_value,
    format_verdict,
    markdown_table,
    run_child,
    runs_note,
)

DEFAULT_TIMEOUT_S = 900.0

#: The figures the reliability issue asks for, by the script that owns them. Listed in the table
#: as missing while their script is not there yet (a fresh clone of an early branch).
EXPECTED: dict[str, tuple[str, ...]] = {
    "bench_window.py": (
        "cold start to first painted window",
        "drag frame time p50/p95 with 100, 2,000 and 10,000 cards",
    ),
    "bench_presenter.py": ("presenter transition frame time",),
    "bench_scoring.py": (
        "score and recommend 10,000 workloads",
        "import a 10,000-row CSV",
        "`score --format json` against its floor (bench/json_floor.py)",
        "validate, score and recommend at 10,000 / 30,000 / 70,000 workloads with peak memory",
    ),
    "bench_export.py": ("300-workload PDF handout", "1,000-workload Terraform"),
    "bench_handout.py": ("300-workload handout with the defaults: at most 60 pages in 5 s",),
    "bench_model.py": ("load/save a 10,000-workload board", "validate (whole process)"),
    "bench_pptx.py": ("demo board as an editable PowerPoint build-up in under 2 s",),
    "bench_peer.py": (
        "export --png/--svg against mingrammer/diagrams at 12 / 300 / 1,000 workloads (ratio)",
    ),
}


@dataclass
class ScriptOutcome:
    """What one script delivered: its results, or why it did not."""

    script: str
    results: list[Result] = field(default_factory=list)
    problem: str | None = None
    seconds: float = 0.0
    peak_mb: float | None = None


def discover(folder: Path = BENCH_DIR) -> list[str]:
    return sorted(path.name for path in folder.glob("bench_*.py"))


def run_script(script: Path, timeout: float) -> ScriptOutcome:
    """Run one bench script with --json; never raises for anything the script does."""
    outcome = ScriptOutcome(script.name)
    if not script.is_file():
        outcome.problem = "missing: the script is not in this tree yet"
        return outcome
    try:
        child = run_child(
            [sys.executable, str(script), "--json"],
            timeout=timeout,
            env=child_env(),
            cwd=PROJECT_ROOT,
        )
    except OSError as error:
        outcome.problem = f"could not start: {error}"
        return outcome
    outcome.seconds = child.seconds
    outcome.peak_mb = child.peak_mb
    bad_lines = []
    for line in child.stdout.splitlines():
        if not line.strip().startswith("{"):
            continue
        try:
            outcome.results.append(Result.from_json(line))
        except ProtocolError as error:
            bad_lines.append(f"bad result line ({error})")
    if child.timed_out:
        outcome.problem = f"timed out after {timeout:.0f} s"
    elif child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no error output"])[-1]
        outcome.problem = f"failed (exit {child.returncode}): {last[:200]}"
    elif bad_lines:
        outcome.problem = bad_lines[0]
    elif not outcome.results:
        outcome.problem = "printed no results"
    return outcome


def machine_line() -> str:
    """Cores, Python, Qt, OS and date: what a reader needs to compare two tables."""
    try:
        from PySide6 import QtCore

        qt = f"Qt {QtCore.qVersion()} (PySide6 {QtCore.__version__})"
    except ImportError:
        qt = "Qt not installed"
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {qt}, "
        f"{platform.system()} {platform.release()} ({platform.machine()}), {now}"
    )


def table(outcomes: Sequence[ScriptOutcome]) -> str:
    rows: list[tuple[str, str, str, str, str]] = []
    for outcome in outcomes:
        for result in outcome.results:
            if result.runs == 0:  # a row that says what did not run (e.g. a missing peer)
                rows.append((result.name, "–", "–", "–", "–"))
                continue
            measured = format_value(result.value, result.unit) + runs_note(result)
            peak = format_peak(result.peak_mb)
            if result.peak_mb is None and outcome.peak_mb is not None:
                peak = f"{format_peak(outcome.peak_mb)} (whole script)"
            rows.append(
                (result.name, measured, format_target(result), format_verdict(result), peak)
            )
        if outcome.problem:
            figures = EXPECTED.get(outcome.script, ())
            what = "; ".join(figures) if figures and not outcome.results else "its figures"
            rows.append((f"{outcome.script}: {what}", "–", "–", f"**{outcome.problem}**", "–"))
    return markdown_table(("benchmark", "measured", "target", "result", "peak memory"), rows)


def report(outcomes: Sequence[ScriptOutcome]) -> str:
    results = [r for o in outcomes for r in o.results]
    failed = [r.name for r in results if r.passed is False]
    broken = [o.script for o in outcomes if o.problem]
    with_target = [r for r in results if r.passed is not None]
    summary = (
        f"{sum(r.passed is True for r in with_target)} of {len(with_target)} figures with a "
        "target meet it"
    )
    if len(results) > len(with_target):
        summary += f" ({len(results) - len(with_target)} more are reported without one)"
    if failed:
        summary += f"; missed: {', '.join(failed)}"
    if broken:
        summary += f"; not delivered: {', '.join(broken)}"
    return "\n".join(
        (
            "# Benchmark results",
            "",
            machine_line(),
            "",
            "Timings are medians of the runs shown; peak memory is the peak resident set of the "
            "process that did the work. Produced by `make bench` (bench/run.py).",
            "",
            table(outcomes),
            "",
            summary + ".",
            "",
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", metavar="PATH", help="also write the report to PATH")
    parser.add_argument(
        "--only",
        action="append",
        metavar="AREA",
        help="run only bench_AREA.py (repeatable)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help=f"seconds each script may take (default {DEFAULT_TIMEOUT_S:.0f})",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed or a script fails"
    )
    args = parser.parse_args(argv)

    found = discover()
    names = [f"bench_{area}.py" for area in args.only] if args.only else found
    if not args.only:
        names += sorted(set(EXPECTED) - set(found))
    outcomes = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        outcome = run_script(BENCH_DIR / name, args.timeout)
        status = outcome.problem or f"{len(outcome.results)} figures"
        print(f"  {name}: {status} ({outcome.seconds:.1f} s)", file=sys.stderr, flush=True)
        outcomes.append(outcome)

    text = report(outcomes)
    print(text)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    all_good = all(o.problem is None for o in outcomes) and all(
        r.passed is not False for o in outcomes for r in o.results
    )
    return 0 if all_good or not args.strict else 1


if __name__ == "__main__":
    raise SystemExit(main())

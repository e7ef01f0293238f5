"""Shared helpers for the bench/bench_<area>.py scripts and the runner, bench/run.py.

Protocol: `python bench/bench_<area>.py --json` prints one JSON object per line, the fields of
`Result`. Without `--json` the same figures are printed as a readable table.

Typical use in a bench script::

    from _common import Result, bench_main, time_runs

    def load_big_board() -> Result:
        times = time_runs(lambda: load_board(path), runs=5, warmup=1)
        return Result.timed("load a board", times, unit="s", target=1.0)

    if __name__ == "__main__":
        raise SystemExit(bench_main({"load": load_big_board}))

`bench_main` runs every benchmark in a child process of its own (the script again, with
`--only NAME`) so that each figure gets the peak memory of that work alone, measured by the
parent with `os.wait4` (the rusage of exactly that child: `ru_maxrss`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import resource
import signal
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, cast

if TYPE_CHECKING:
    from whiteboard.model import Board

#: "x" is a ratio of two timings (e.g. ours / a peer's: 0.5 x is twice as fast).
Unit = Literal["s", "ms", "MB", "x"]
UNITS: tuple[Unit, ...] = ("s", "ms", "MB", "x")
BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
T = TypeVar("T")

# Bench scripts run from a fresh clone too, before `pip install -e .`.
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(1, str(PROJECT_ROOT))


class ProtocolError(ValueError):
    """A line a bench script printed is not a valid result object."""


@dataclass(frozen=True)
class Result:
    """One measured figure, as printed (one JSON object per line) by `--json`."""

    name: str
    value: float
    unit: Unit
    target: float | None = None
    lower_is_better: bool = True
    peak_mb: float | None = None
    runs: int = 1

    @classmethod
    def timed(
        cls,
        name: str,
        seconds: Sequence[float],
        unit: Unit = "s",
        target: float | None = None,
        peak_mb: float | None = None,
    ) -> Result:
        """The median of several timings (given in seconds), shown in `unit` ('s' or 'ms')."""
        scale = 1000.0 if unit == "ms" else 1.0
        return cls(
            name=name,
            value=median(seconds) * scale,
            unit=unit,
            target=target,
            peak_mb=peak_mb,
            runs=len(seconds),
        )

    @property
    def passed(self) -> bool | None:
        """True/False against the target; None when there is no target."""
        if self.target is None:
            return None
        if self.lower_is_better:
            return self.value <= self.target
        return self.value >= self.target

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> Result:
        """Parse one protocol line; ProtocolError names what is wrong with it."""
        try:
            raw = json.loads(line)
        except ValueError as error:
            raise ProtocolError(f"not JSON: {error}") from None
        if not isinstance(raw, dict):
            raise ProtocolError("not a JSON object")
        try:
            result = cls(
                name=_typed(raw, "name", str),
                value=float(_typed(raw, "value", (int, float))),
                unit=cast(Unit, _typed(raw, "unit", str)),
                target=_optional_number(raw, "target"),
                lower_is_better=bool(raw.get("lower_is_better", True)),
                peak_mb=_optional_number(raw, "peak_mb"),
                runs=int(_typed(raw, "runs", int)) if "runs" in raw else 1,
            )
        except (KeyError, TypeError) as error:
            raise ProtocolError(str(error.args[0])) from None
        if result.unit not in UNITS:
            raise ProtocolError(f"unit should be one of {', '.join(UNITS)}, not {result.unit!r}")
        if not math.isfinite(result.value):
            raise ProtocolError(f"value is not a finite number: {result.value}")
        return result


def _typed(raw: Mapping[str, object], key: str, kind: type | tuple[type, ...]) -> object:
    if key not in raw:
        raise KeyError(f"missing field {key!r}")
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"field {key!r} has the wrong type: {value!r}")
    return value


def _optional_number(raw: Mapping[str, object], key: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    return float(cast(float, _typed(raw, key, (int, float))))


# -- statistics --------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def percentile(values: Sequence[float], percent: float) -> float:
    """Linear-interpolated percentile (numpy's default), e.g. percentile(frames, 95)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be within 0..100, not {percent}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * percent / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def time_runs(
    fn: Callable[[], object],
    runs: int = 5,
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Seconds of `runs` calls of `fn`, after `warmup` untimed calls.

    `clock` is wall time by default; `time.process_time` gives this process's CPU time, which a
    busy shared machine disturbs far less.
    """
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append(clock() - start)
    return times


# -- memory ------------------------------------------------------------------------------------


def _maxrss_mb(maxrss: int) -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def self_peak_rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return _maxrss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def traced_peak_mb(fn: Callable[[], T]) -> tuple[T, float]:
    """Run `fn` under tracemalloc: its result and the peak of Python allocations it made, MB."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    try:
        value = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return value, (peak - base) / (1024 * 1024)


@dataclass(frozen=True)
class ChildRun:
    """What one child process did: exit code (negative: killed by that signal), output, cost."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool
    #: User + system CPU time of the child (from the same rusage).
    cpu_seconds: float = 0.0


#: Runs argv[2:] in a grandchild and writes its rusage and wall time to the file argv[1]. A
#: process started straight from a big parent (pytest, a bench that built a 10,000-workload
#: board) inherits that parent's peak RSS in its own ru_maxrss (Linux keeps the high-water mark
#: across fork and exec); a grandchild forked from this small launcher starts clean.
_LAUNCHER = """
import os, signal, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        sys.stderr.write(f"cannot run {sys.argv[2]}: {error}\\n")
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime} "
                 f"{time.perf_counter() - start}")
code = os.waitstatus_to_exitcode(status)
if code < 0:
    if -code not in (signal.SIGKILL, signal.SIGSTOP):
        signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def run_child(
    argv: Sequence[str],
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> ChildRun:
    """Run a command to its end (killed after `timeout` s) and measure its own peak RSS.

    The command runs under a small launcher that reads its rusage with `os.wait4`: the peak RSS
    of exactly that process, not the largest of all children (RUSAGE_CHILDREN) and not the
    caller's own size inherited through fork. Output goes to temp files, so a chatty child
    cannot block on a full pipe.
    """
    import subprocess

    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory(prefix="bench-child-") as folder,
    ):
        report = Path(folder) / "rusage"
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(report), *argv],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
        )
        deadline = start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                _kill_group(process.pid)
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        maxrss, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        if report.is_file():
            fields = report.read_text().split()
            maxrss, cpu, seconds = int(fields[0]), float(fields[1]), float(fields[2])
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=_maxrss_mb(maxrss),
            timed_out=timed_out,
            cpu_seconds=cpu,
        )


def _kill_group(pid: int) -> None:
    """Kill the child and anything it started (it leads its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


#: Where the children keep their compiled byte code: a user's installed app has it, so a
#: whole-process figure must not include recompiling every module on every run (as it would
#: where PYTHONDONTWRITEBYTECODE is set, or the source tree is read-only).
PYCACHE_DIR = Path(tempfile.gettempdir()) / "whiteboard-bench-pycache"


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child: this one, with the project importable, Qt offscreen and
    byte code cached (PYCACHE_DIR)."""
    env = dict(os.environ)
    paths = [str(PROJECT_ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(PYCACHE_DIR))
    env.update(extra or {})
    return env


def timed_command(
    name: str,
    argv: Sequence[str],
    runs: int,
    target: float,
    *,
    cwd: Path | str | None = None,
    timeout: float = 60,
) -> Result:
    """A command as a user runs it, whole process, `runs` times: the median wall time, and the
    most memory any run took."""
    times, peaks = [], []
    for _ in range(runs):
        child = run_child(list(argv), timeout=timeout, env=child_env(), cwd=cwd)
        if child.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv[1:]))} failed: {child.stderr.strip()}")
        times.append(child.seconds)
        peaks.append(child.peak_mb)
    return Result.timed(name, times, target=target, peak_mb=round(max(peaks), 1))


# -- test data ---------------------------------------------------------------------------------


@contextlib.contextmanager
def board_folder(board_expression: str, prefix: str = "bench-") -> Iterator[Path]:
    """A temporary folder holding board.json, saved by a child process from
    `board_expression` (Python, run with bench/ on the path, e.g. "synthetic_board(300)" after
    `from _common import *`), so building the board stays out of the measured process."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        code = (
            "import sys; from _common import synthetic_board; "
            "from whiteboard.model import save_board; "
            f"save_board({board_expression}, sys.argv[1] + '/board.json')"
        )
        env = child_env({"PYTHONPATH": f"{BENCH_DIR}{os.pathsep}{child_env()['PYTHONPATH']}"})
        child = run_child([sys.executable, "-c", code, folder], timeout=300, env=env)
        if child.returncode != 0:
            raise RuntimeError(f"could not write the test board: {child.stderr.strip()}")
        yield Path(folder)


def process_runs(
    argv: Sequence[str], folder: Path | str, runs: int, what: str
) -> tuple[list[float], list[float]]:
    """(seconds, peak MB) of `runs` whole processes of `argv` in `folder`."""
    times, peaks = [], []
    for _ in range(runs):
        child = run_child(list(argv), timeout=300, env=child_env(), cwd=folder)
        if child.returncode != 0:
            raise RuntimeError(f"{what} failed: {child.stderr.strip()}")
        times.append(child.seconds)
        peaks.append(child.peak_mb)
    return times, peaks


def synthetic_board(
    count: int, seed: int = 0, name: str | None = None, edition: str = "2026"
) -> Board:
    """A valid board of `count` varied workloads, most placed, some with dependencies, told in
    `edition` (2026: seven targets; 2018: the five of the original story).

    Deterministic for a (count, seed, edition), so every bench measures the same document.
    """
    import random

    from whiteboard.model import Board, Workload
    from whiteboard.model.vocab import EDITION_TARGETS

    targets = EDITION_TARGETS[edition]

    rng = random.Random(seed)
    kinds = ("web", "api", "batch", "database", "ml", "queue-worker", "cache", "etl")
    workloads = []
    for index in range(count):
        workload_id = f"w{index:05d}-{kinds[index % len(kinds)]}"
        earlier = [w.id for w in workloads[max(0, index - 50) : index]]
        architecture = rng.choice(("pet", "cattle"))
        stateful = rng.random() < 0.3
        runtime = rng.choice((None, None, 60, 900, 3600))
        workloads.append(
            Workload(
                id=workload_id,
                name=f"{kinds[index % len(kinds)].title()} service {index} — <tier {index % 7}>",
                kind=kinds[index % len(kinds)],
                architecture=architecture,
                stateful=stateful,
                max_runtime_s=runtime,
                # Jobs nobody connects to; services answer requests (the same draws as before
                # the field existed, so the estate keeps its shape).
                interface="none" if runtime is not None else "request_response",
                vcpu=rng.choice((0.25, 0.5, 1, 2, 4, 16, 96)),
                memory_gib=rng.choice((0.5, 1, 2, 8, 32, 384)),
                ephemeral_storage_gib=rng.choice((0, 10, 20, 200)),
                gpu=rng.random() < 0.05,
                hardware_counters=(hardware := rng.random() < 0.03),
                hardware_virtualisation=hardware,
                privileged=rng.random() < 0.05,
                licence="no_hypervisor" if rng.random() < 0.02 else "none",
                os=rng.choice(("linux", "linux", "windows")),
                traffic=rng.choice(("steady", "spiky", "event_driven", "idle")),
                compliance=tuple(rng.sample(("pci", "hipaa", "sox", "gdpr"), rng.randint(0, 2))),
                ops_maturity=rng.choice(("low", "medium", "high")),
                depends_on=tuple(rng.sample(earlier, min(len(earlier), rng.randint(0, 3)))),
            )
        )
    placements = {w.id: rng.choice(targets) for w in workloads if rng.random() < 0.8}
    return Board(
        name=name or f"Synthetic estate of {count} workloads",
        edition=edition,
        workloads=tuple(workloads),
        placements=placements,
        notes="Generated for benchmarks.",
    )


# -- output ------------------------------------------------------------------------------------


def format_value(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.1f} {unit}"


def format_target(result: Result) -> str:
    if result.target is None:
        return "–"
    sign = "≤" if result.lower_is_better else "≥"
    return f"{sign} {format_value(result.target, result.unit)}"


def format_verdict(result: Result) -> str:
    return {True: "pass", False: "**FAIL**", None: "–"}[result.passed]


def format_peak(peak_mb: float | None) -> str:
    return "–" if peak_mb is None else f"{peak_mb:.0f} MB"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured markdown table; `|` inside cells is escaped."""
    lines = [_row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def results_table(results: Iterable[Result]) -> str:
    """The readable form of a script's results (what it prints without --json)."""
    return markdown_table(
        ("benchmark", "measured", "target", "result", "peak memory"),
        (
            (
                r.name,
                format_value(r.value, r.unit) + runs_note(r),
                format_target(r),
                format_verdict(r),
                format_peak(r.peak_mb),
            )
            for r in results
        ),
    )


# -- a bench script's main ---------------------------------------------------------------------

Benchmark = Callable[[], "Result | Sequence[Result]"]


def _as_list(produced: Result | Sequence[Result]) -> list[Result]:
    return [produced] if isinstance(produced, Result) else list(produced)


def bench_main(
    benchmarks: Mapping[str, Benchmark],
    argv: Sequence[str] | None = None,
    child_timeout: float = 600.0,
) -> int:
    """The command line of a bench script: `--json`, `--only NAME`, `--in-process`.

    By default each benchmark runs in a child (this script with `--only NAME --json`) and its
    results get that child's peak RSS where they carry none of their own.
    """
    parser = argparse.ArgumentParser(description="Run this area's benchmarks.")
    parser.add_argument("--json", action="store_true", help="one JSON result per line")
    parser.add_argument("--only", choices=sorted(benchmarks), help="run just this one, here")
    parser.add_argument(
        "--in-process", action="store_true", help="run all here (no per-figure peak memory)"
    )
    args = parser.parse_args(argv)
    script = Path(sys.argv[0]).resolve()
    if args.only or args.in_process:
        names = [args.only] if args.only else list(benchmarks)
        results = [r for name in names for r in _as_list(benchmarks[name]())]
    else:
        results = []
        for name in benchmarks:
            child = run_child(
                [sys.executable, str(script), "--only", name, "--json"],
                timeout=child_timeout,
                env=child_env(),
            )
            if child.returncode != 0:
                last = (child.stderr.strip().splitlines() or ["no output"])[-1]
                why = "timed out" if child.timed_out else f"exit {child.returncode}"
                print(f"{script.name}: benchmark {name!r} failed ({why}): {last}", file=sys.stderr)
                return 1
            for line in child.stdout.splitlines():
                if line.strip():
                    result = Result.from_json(line)
                    if result.peak_mb is None:
                        result = replace(result, peak_mb=round(child.peak_mb, 1))
                    results.append(result)
    if args.json:
        for result in results:
            print(result.to_json(), flush=True)
    else:
        print(results_table(results))
    return 0


def runs_note(result: Result) -> str:
    """How the figure was taken: a median of whole runs, or a percentile over many samples."""
    if result.runs <= 1:
        return ""
    if re.search(r"\b(p\d\d|max|min)\b", result.name):
        return f" (over {result.runs} samples)"
    return f" (median of {result.runs})"

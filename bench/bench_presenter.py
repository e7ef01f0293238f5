"""Presenter benchmarks: frame times of the build-up animations at 1920x1080, offscreen.

Run: `python bench/bench_presenter.py` (a table) or `--json` (the bench protocol, see _common.py).

Every step of the presentation is entered by its animation; the animation is paused and moved
through its whole duration 20 ms at a time (50 fps), and each frame is timed from moving the
animation (the Python that sets opacity, offsets and growing lines) to the end of a synchronous
repaint of the whole 1920x1080 view (Qt itself repaints only what changed, so this is an upper
bound). The p95 over all frames of all steps must stay under 20 ms. The CPU figure is the same
frames in this process's CPU time: it does not grow when other jobs share the machine.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import Result, bench_main, percentile, synthetic_board

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from whiteboard.slides.playback import Script

WIDTH, HEIGHT = 1920, 1080
FRAME_MS = 20
FRAME_TARGET_MS = 20.0
#: Key press to the first frame of the next step on screen (previews for the notes included).
STEP_TARGET_MS = 100.0
#: A busy workshop board: every column of the slide full of cards.
BUSY_WORKLOADS = 60


def _application() -> QCoreApplication:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


def _frames(script: Script) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per frame of every build-up of `script` at 50 fps. The CPU
    time is this process's own, so it stays meaningful on a machine other jobs share."""
    from whiteboard.gui.presenter_player import StepPlayer
    from whiteboard.gui.presenter_window import AudienceWindow

    app = _application()
    player = StepPlayer(script)
    window = AudienceWindow(player.graphics_scene, "bench")
    player.backdrop = window.view
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    viewport = window.view.viewport()
    frames: list[float] = []
    cpu: list[float] = []
    try:
        for _ in range(2):  # the first pass warms caches (fonts, text fitting, item pixmaps)
            frames.clear()
            cpu.clear()
            for step in range(1, script.last + 1):
                player.enter_step(step)
                group = player.animation
                if group is None:
                    continue
                group.pause()
                for t in range(0, group.totalDuration() + FRAME_MS, FRAME_MS):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    group.setCurrentTime(min(t, group.totalDuration()))
                    viewport.repaint()
                    frames.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                player.finish()
    finally:
        player.stop()
        window.close()
    return frames, cpu


def _step_changes(script: Script) -> list[float]:
    """Milliseconds from a Right key to the first frame painted, through `Presentation`."""
    from whiteboard.gui.presenter import Presentation

    app = _application()
    presentation = Presentation(script)
    presentation.start(full_screen=False)
    presentation.audience.resize(WIDTH, HEIGHT)
    app.processEvents()
    viewport = presentation.audience.view.viewport()
    times = []
    try:
        for _ in range(script.last):
            start = time.perf_counter()
            presentation.press("Right")
            viewport.repaint()
            times.append((time.perf_counter() - start) * 1000)
    finally:
        presentation.close()
    return times


def _demo_script() -> Script:
    from whiteboard.model import load_board
    from whiteboard.paths import DEMO_BOARD
    from whiteboard.slides.playback import script_for_board

    _application()
    return script_for_board(load_board(DEMO_BOARD))


def _busy_script() -> Script:
    from whiteboard.slides.playback import script_for_board

    _application()
    return script_for_board(synthetic_board(BUSY_WORKLOADS, seed=5))


def _frame_results(label: str, measured: tuple[list[float], list[float]]) -> list[Result]:
    frames, cpu = measured
    return [
        Result(
            name=f"build-up frame p95, {label} (1920x1080)",
            value=round(percentile(frames, 95), 2),
            unit="ms",
            target=FRAME_TARGET_MS,
            runs=len(frames),
        ),
        Result(
            name=f"build-up frame max, {label} (1920x1080)",
            value=round(max(frames), 2),
            unit="ms",
            runs=len(frames),
        ),
        Result(
            name=f"build-up frame CPU p95, {label} (1920x1080)",
            value=round(percentile(cpu, 95), 2),
            unit="ms",
            target=FRAME_TARGET_MS,
            runs=len(cpu),
        ),
    ]


def demo_frames() -> list[Result]:
    return _frame_results("demo board", _frames(_demo_script()))


def busy_frames() -> list[Result]:
    return _frame_results(f"{BUSY_WORKLOADS} workloads", _frames(_busy_script()))


def step_change() -> Result:
    times = _step_changes(_demo_script())
    return Result(
        name="key to first frame of the next step, demo board",
        value=round(percentile(times, 95), 2),
        unit="ms",
        target=STEP_TARGET_MS,
        runs=len(times),
    )


if __name__ == "__main__":
    raise SystemExit(bench_main({"demo": demo_frames, "busy": busy_frames, "step": step_change}))

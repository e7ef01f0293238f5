"""Pausing the cyclic garbage collector around bulk work, and keeping it off what lasts.

Scoring and serialising a big board allocate hundreds of thousands of small, acyclic objects
(dicts, tuples, strings). Each allocation burst triggers collections, and the full ones walk
the whole, growing heap: on 10,000 workloads that costs up to half of the run, for nothing.
Pausing is not enough on its own: the first allocation after the pause walks everything the
block left, once, and the interpreter walks the whole heap again as it exits. A one-shot
process (the headless commands, `whiteboard.cli.entry`) keeps what it makes until it ends, so
it freezes it instead (`gc.freeze`): the collector never walks those objects again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: True in a one-shot process: what a paused block leaves is frozen (see the module note).
_freeze_after_pause = False


def keep_what_bulk_work_leaves() -> None:
    """Freeze what each paused block leaves, from now on. Only for a process that ends when
    its work does (a headless command): frozen cycles are never collected, which in the
    window, where boards are rescored for hours, would let garbage pile up."""
    global _freeze_after_pause
    _freeze_after_pause = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the collector inside the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _freeze_after_pause:
                gc.freeze()
            gc.enable()

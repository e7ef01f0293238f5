"""3,000 mutated board files: each is a board or one clear line, within 5 s and 500 MB.

The boards come from the hypothesis strategies in `strategies.py`; each example then takes the
field mutations of `test_bad_input.py` and one of the attacks that once got through: a repeated
key, a long list of empty objects, a long dependency chain, numbers written as text, deep
nesting. Time and the peak of Python allocations (tracemalloc) are measured around the load
alone. The same attacks at full size (a million empty objects, 18 MB of them, a 200,000-long
chain) each run in a process of their own in `test_hostile_boards.py` and
`test_dependency_cost.py`, where the whole process's peak memory is measured.

`FUZZ_REPORT=FILE` appends one JSON line per example (kind, outcome, seconds, peak MB);
`bench/bench_fuzz.py` runs this file that way and reports the worst figures.
"""

from __future__ import annotations

import json
import os
import random
import time
import tracemalloc
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.strategies import boards
from tests.reliability.test_bad_input import _dumps, _slots, mutations
from whiteboard.model import Board, BoardFileError, board_to_json
from whiteboard.model.io import board_from_bytes

EXAMPLES = 3_000
SECONDS = 5.0
PEAK_MB = 500.0

ATTACKS = ("fields", "repeated key", "empty objects", "long chain", "text numbers", "nested")


def _repeat_a_key(text: str, rng: random.Random) -> str:
    """Write one key of one object twice (JSON allows it; json.loads keeps the last)."""
    for key in rng.sample(['"workloads": ', '"name": ', '"vcpu": ', '"placements": '], 4):
        at = text.find(key)
        if at >= 0:
            return (
                text[:at] + key + "[], " + text[at:]
                if key != '"name": '
                else (text[:at] + key + '"shadow", ' + text[at:])
            )
    return text[:-1] + ', "name": "twice"}'


def _empty_objects(raw: dict[str, Any], rng: random.Random) -> None:
    raw[rng.choice(["workloads", "workloads", "weights", "placements"])] = [{}] * rng.choice(
        [10, 1_000, 20_000]
    )


def _long_chain(raw: dict[str, Any], rng: random.Random) -> None:
    """A valid board whose workloads depend on each other in one line."""
    length = rng.choice([10, 500, 3_000])
    raw["workloads"] = [
        {"id": f"w{i}", "name": f"W {i}", "depends_on": [f"w{i + 1}"] if i + 1 < length else []}
        for i in range(length)
    ]
    raw["placements"] = {}


def _text_numbers(raw: dict[str, Any], rng: random.Random) -> None:
    for workload in raw.get("workloads") or []:
        workload[rng.choice(["vcpu", "memory_gib", "max_runtime_s"])] = rng.choice(["4", "1e3"])


def _attacked(raw: dict[str, Any], attack: str, rng: random.Random) -> bytes:
    if attack == "repeated key":
        return _repeat_a_key(json.dumps(raw), rng).encode("utf-8")
    if attack == "nested":
        return _hand_nested(raw, rng)  # json.dumps itself recurses: build the text by hand
    {"empty objects": _empty_objects, "long chain": _long_chain, "text numbers": _text_numbers}[
        attack
    ](raw, rng)
    return _dumps(raw)


def _hand_nested(raw: dict[str, Any], rng: random.Random) -> bytes:
    depth = rng.choice([100, 5_000, 50_000])
    raw["notes"] = "@@NEST@@"
    text = json.dumps({k: v for k, v in raw.items() if k != "workloads" or rng.random() < 0.5})
    return text.replace('"@@NEST@@"', "[" * depth + "]" * depth).encode("utf-8")


def _report(line: dict[str, object]) -> None:
    target = os.environ.get("FUZZ_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.data(),
    board=boards(max_workloads=4),
    attack=st.sampled_from(ATTACKS),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_mutated_board_is_a_board_or_one_line_in_bounded_time_and_memory(
    data: st.DataObject, board: Board, attack: str, seed: int
) -> None:
    rng = random.Random(seed)
    raw = json.loads(board_to_json(board))
    if attack == "fields":
        for _ in range(rng.randint(1, 3)):
            if not _slots(raw):
                break
            try:
                data.draw(mutations(raw))(raw)
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        payload = _dumps(raw)
    else:
        payload = _attacked(raw, attack, rng)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome: Board | BoardFileError = board_from_bytes(payload, "fuzz.json")
    except BoardFileError as error:
        outcome = error
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1024 / 1024
    _report(
        {
            "attack": attack,
            "bytes": len(payload),
            "outcome": "board" if isinstance(outcome, Board) else "error",
            "seconds": round(seconds, 4),
            "peak_mb": round(peak_mb, 2),
        }
    )
    assert seconds < SECONDS, f"{attack}: {seconds:.1f} s"
    assert peak_mb < PEAK_MB, f"{attack}: {peak_mb:.0f} MB"
    if isinstance(outcome, BoardFileError):
        message = str(outcome)
        assert message.startswith("fuzz.json") and "\n" not in message and message.isprintable()
        assert len(message) < 900
    else:
        # Accepted: it saves and loads back as the same board.
        assert board_from_bytes(board_to_json(outcome).encode("utf-8")) == outcome

"""`whiteboard score --format json` written as it is scored (`scoring.stream`) is byte for byte
the text the whole document gave (`serialize.board_score_to_json`, then `json_visible`), on
boards with every feature the output shows."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.model import Board, Workload, save_board
from whiteboard.model.text import json_visible
from whiteboard.model.vocab import EDITION_TARGETS
from whiteboard.scoring import Scorer, stream
from whiteboard.scoring.serialize import board_score_to_json

#: Names that `json_visible` must escape: bidi override, ESC, line separator, DEL, C1, emoji.
AWKWARD = 'Ev\u202eil \x1b[31m\u2028 ünïcode \U0001f600 "q" \\ \x7f\x85'


def featured_board(count: int, edition: str = "2026", seed: int = 0) -> Board:
    """Workloads of every shape: jobs and services, usage fields, licences, GPUs, Windows,
    compliance (one regime no catalog lists), dependencies with a cycle, groups, odd names."""
    rng = random.Random(seed)
    workloads: list[Workload] = []
    for index in range(count):
        earlier = [w.id for w in workloads[max(0, index - 20) : index]]
        runtime = rng.choice((None, None, 60, 900, 3600, 7200))
        fields: dict[str, object] = {
            "id": f"w{index:04d}",
            "name": AWKWARD if index % 17 == 3 else f"Workload {index} <tier {index % 5}>",
            "kind": rng.choice(("web", "batch", "database", "ml")),
            "architecture": rng.choice(("pet", "cattle")),
            "stateful": rng.random() < 0.3,
            "max_runtime_s": runtime,
            "interface": "none"
            if runtime is not None
            else rng.choice(("request_response", "request_response", "long_lived_connections")),
            "vcpu": rng.choice((0.25, 0.5, 1, 2, 4, 16, 96)),
            "memory_gib": rng.choice((0.5, 1, 2, 8, 32, 384)),
            "ephemeral_storage_gib": rng.choice((0, 10, 20, 200)),
            "gpu": rng.random() < 0.08,
            "hardware_counters": rng.random() < 0.05,
            "privileged": rng.random() < 0.08,
            "licence": rng.choice(("none", "none", "none", "no_hypervisor", "byol_per_core")),
            "os": rng.choice(("linux", "linux", "windows")),
            "traffic": rng.choice(("steady", "spiky", "event_driven", "idle")),
            "compliance": tuple(rng.sample(("pci", "hipaa", "sox", "not-a-regime"), 2))
            if rng.random() < 0.3
            else (),
            "ops_maturity": rng.choice(("low", "medium", "high")),
            "depends_on": tuple(rng.sample(earlier, min(len(earlier), rng.randint(0, 3)))),
        }
        if rng.random() < 0.2:
            fields["group"] = f"wave {index % 3}"
        if rng.random() < 0.2 and runtime is None:
            fields["hours_per_month"] = rng.choice((1.5, 200, 730))
        if rng.random() < 0.2:
            fields["requests_per_month"] = rng.choice((0, 5_000_000, 123_456_789))
        if rng.random() < 0.2 and runtime is not None:
            fields["runs_per_month"] = rng.choice((0, 30, 720))
        if rng.random() < 0.2 and (runtime is None or runtime >= 1):
            fields["avg_duration_ms"] = rng.choice((12.5, 300))
        workloads.append(Workload(**fields))
    if count > 8:  # a cycle: w0002 -> w0008 -> w0002
        workloads[2] = workloads[2].model_copy(update={"depends_on": (workloads[8].id,)})
        workloads[8] = workloads[8].model_copy(update={"depends_on": (workloads[2].id,)})
    targets = EDITION_TARGETS[edition]
    placements = {w.id: rng.choice(targets) for w in workloads if rng.random() < 0.8}
    return Board(
        name=f"Featured {AWKWARD}",
        edition=edition,
        workloads=tuple(workloads),
        placements=placements,
        weights={"cost_optimization": 2.5, "security": 0, "sustainability": 3},
    )


def whole_document(board: Board, weights: dict[str, float] | None = None) -> str:
    """The text as it was made before streaming: the whole score, then the whole document."""
    return json_visible(board_score_to_json(Scorer(board, weights).board_score()))


def streamed(board: Board, weights: dict[str, float] | None = None) -> str:
    out = io.StringIO()
    stream.write_board_score_json(Scorer(board, weights), out)
    return out.getvalue()


@pytest.mark.parametrize("edition", ["2026", "2018"])
def test_streamed_json_is_the_whole_documents_text(edition: str) -> None:
    board = featured_board(120, edition)
    expected = whole_document(board)
    assert streamed(board) == expected
    assert "\\u202e" in expected and "\\u2028" in expected  # the escapes are exercised
    assert len(json.loads(expected)["summary"]["cycles"]) == 1


def test_streamed_json_matches_under_overridden_weights() -> None:
    board = featured_board(60, seed=3)
    weights = {"cost_optimization": 3.0, "reliability": 0.5}
    assert streamed(board, weights) == whole_document(board, weights)


@pytest.mark.parametrize("count", [0, 1, 6, 7, 8, 14, 15])
def test_batches_join_alike_whatever_the_count(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every count around a multiple of the batch size (an empty last batch once wrote a
    stray separator)."""
    monkeypatch.setattr(stream, "LINES_PER_WRITE", 7)
    board = featured_board(count, seed=count)
    assert streamed(board) == whole_document(board)


def test_workloads_of_one_profile_share_their_text() -> None:
    """Copies differing only in what no rule reads share one score (the engine's memo) and one
    piece of text; the output still names each."""
    one = featured_board(1, seed=5).workloads[0]
    copies = tuple(one.model_copy(update={"id": f"copy-{i}", "name": f"C{i}"}) for i in range(5))
    board = Board(name="Copies", workloads=copies, placements={"copy-1": "ec2"})
    text = streamed(board)
    assert text == whole_document(board)
    assert [w["id"] for w in json.loads(text)["workloads"]] == [w.id for w in copies]


def test_the_command_writes_the_streamed_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = featured_board(30, seed=7)
    path = tmp_path / "board.json"
    save_board(board, path)
    assert main(["score", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().out == whole_document(board)

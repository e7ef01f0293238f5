"""Never a board too big to reopen: save writes only files load reads, in a compact format that
still diffs one workload per line (issue 18).

The boards at the limit are built once per module: 40,000 workloads take a few seconds.
"""

from __future__ import annotations

import difflib
import errno
import json
import re
from pathlib import Path

import pytest

from whiteboard.model import Board, Workload, board_to_json, load_board, save_board
from whiteboard.model import io as board_io
from whiteboard.model.io import (
    EMPTY_DEFAULTS,
    MAX_FILE_BYTES,
    MAX_WORKLOADS,
    BoardTooLargeError,
)
from whiteboard.model.vocab import EDITION_TARGETS

FIXTURES = Path(__file__).parent.parent / "fixtures"
KINDS = ("web", "api", "batch", "database", "ml", "queue-worker", "cache", "etl")
TRAFFIC = ("steady", "spiky", "event_driven", "idle")
COMPLIANCE = ("pci", "hipaa", "sox", "gdpr")


def estate(count: int, *, long_ids: bool = False, groups: bool = False) -> Board:
    """`count` workloads shaped like a real estate (jobs and services, sizes, a few
    dependencies and compliance regimes, most placed), every name 200 characters: the longest
    a name may be. `long_ids` and `groups` make ids (64) and groups (120) their longest too."""
    targets = EDITION_TARGETS["2026"]
    workloads = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        prefix = f"{kind}-{index:05d}"
        job = index % 3 == 0
        workloads.append(
            Workload(
                id=f"{prefix}-{'x' * (63 - len(prefix))}" if long_ids else prefix,
                name=f"{kind.title()} service {index} — Zürich <tier {index % 7}> ".ljust(200, "."),
                kind=kind,
                group=f"/Datacenter/vm/app-{index % 90}/".ljust(120, "g") if groups else None,
                architecture="cattle" if index % 2 else "pet",
                stateful=index % 10 < 3,
                max_runtime_s=900 if job else None,
                interface="none" if job else "request_response",
                vcpu=(0.25, 0.5, 1, 2, 4, 16, 96)[index % 7],
                memory_gib=(0.5, 1, 2, 8, 32, 384)[index % 6],
                ephemeral_storage_gib=(0, 10, 20, 200)[index % 4],
                os="windows" if index % 3 == 2 else "linux",
                traffic=TRAFFIC[index % 4],
                compliance=COMPLIANCE[: index % 3],
                ops_maturity=("low", "medium", "high")[index % 3],
                depends_on=tuple(w.id for w in workloads[-(index % 4) :]) if index % 4 else (),
            )
        )
    placements = {w.id: targets[i % len(targets)] for i, w in enumerate(workloads) if i % 5}
    return Board(name="Estate at the limit", workloads=tuple(workloads), placements=placements)


@pytest.fixture(scope="module")
def at_the_limit() -> Board:
    return estate(MAX_WORKLOADS)


def _old_file(tmp_path: Path) -> tuple[Path, bytes]:
    """A board file already on disk, for a refused save to leave alone."""
    path = tmp_path / "estate.json"
    save_board(Board(name="Yesterday", workloads=(Workload(id="a", name="A"),)), path)
    return path, path.read_bytes()


# -- the limit ----------------------------------------------------------------------------------


def test_a_board_at_the_workload_limit_with_long_names_saves_and_reopens(
    tmp_path: Path, at_the_limit: Board
) -> None:
    path = tmp_path / "estate.json"
    save_board(at_the_limit, path)
    assert path.stat().st_size <= MAX_FILE_BYTES
    assert load_board(path) == at_the_limit


def test_one_workload_over_the_limit_is_refused_with_nothing_written(
    tmp_path: Path, at_the_limit: Board
) -> None:
    path, before = _old_file(tmp_path)
    over = at_the_limit.with_workload(Workload(id="one-more", name="One more"))
    with pytest.raises(BoardTooLargeError) as refused:
        save_board(over, path)
    assert refused.value.errno == errno.EFBIG and refused.value.filename == str(path)
    assert refused.value.strerror == (
        f"the board has {MAX_WORKLOADS + 1:,} workloads, more than the {MAX_WORKLOADS:,} a board "
        "file holds; split it into smaller boards"
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["estate.json"]  # no temp file either


def test_a_board_whose_file_would_be_over_the_byte_limit_is_refused_with_nothing_written(
    tmp_path: Path,
) -> None:
    """Within the workload limit, but every id, name and group at its longest: ~26 MB."""
    path, before = _old_file(tmp_path)
    board = estate(MAX_WORKLOADS, long_ids=True, groups=True)
    with pytest.raises(BoardTooLargeError) as refused:
        save_board(board, path)
    reason = refused.value.strerror
    assert reason is not None and "\n" not in reason
    assert re.match(
        r"its file would be 3\d\.\d MB, more than the 20 MB a board file may be;", reason
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["estate.json"]


def test_save_accepts_exactly_the_files_load_accepts(
    tmp_path: Path, demo_board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.json"
    size = len(board_to_json(demo_board).encode("utf-8"))
    monkeypatch.setattr(board_io, "MAX_FILE_BYTES", size)
    save_board(demo_board, path)
    assert load_board(path) == demo_board
    monkeypatch.setattr(board_io, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(BoardTooLargeError, match=rf"would be {size:,} bytes, more than the"):
        save_board(demo_board, path)
    with pytest.raises(board_io.BoardFileError, match="board files are at most"):
        load_board(path)


# -- the format ---------------------------------------------------------------------------------


def test_the_file_holds_one_workload_per_line(demo_board: Board) -> None:
    lines = board_to_json(demo_board).splitlines()
    ids = [json.loads(line.rstrip(","))["id"] for line in lines if line.startswith('{"')]
    assert ids == list(demo_board.workload_ids)
    for workload_id, target in demo_board.placements.items():
        assert f'"{workload_id}":"{target}"' in lines or f'"{workload_id}":"{target}",' in lines


def test_saves_are_deterministic_and_one_edit_changes_one_line(
    tmp_path: Path, demo_board: Board
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    save_board(demo_board, first)
    save_board(load_board(first), second)
    assert first.read_bytes() == second.read_bytes()

    web = demo_board.workloads[0]
    edited = demo_board.with_workload(web.model_copy(update={"vcpu": web.vcpu * 2}))
    diff = [
        line
        for line in difflib.unified_diff(
            board_to_json(demo_board).splitlines(), board_to_json(edited).splitlines(), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(diff) == 2 and f'"id":"{web.id}"' in diff[0] and f'"id":"{web.id}"' in diff[1]


def test_only_empty_defaults_are_left_out_and_load_fills_them_back() -> None:
    bare = Workload(id="bare", name="Bare")
    assert all(getattr(bare, name) in (None, False, ()) for name in EMPTY_DEFAULTS)
    board = Board(name="B", workloads=(bare,))
    text = board_to_json(board)
    assert board_io.board_from_bytes(text.encode("utf-8")) == board
    (line,) = (line for line in text.splitlines() if line.startswith('{"'))
    written = json.loads(line)
    assert written.keys() == set(Workload.model_fields) - EMPTY_DEFAULTS.keys()
    assert written["vcpu"] == 1.0 and written["os"] == "linux"  # defaults that mean something


def test_zeros_are_written_and_not_taken_for_false(tmp_path: Path) -> None:
    zero = Workload(
        id="zero",
        name="Zero",
        interface="none",
        max_runtime_s=60,
        runs_per_month=0,
        requests_per_month=0,
        ephemeral_storage_gib=0,
        stateful=True,
        gpu=True,
        hardware_counters=True,
        licence="byol_per_core",
        compliance=("pci",),
        hours_per_month=1.5,
        avg_duration_ms=10,
        group="g",
    )
    board = Board(name="Z", workloads=(zero, Workload(id="other", name="O", depends_on=("zero",))))
    path = tmp_path / "z.json"
    save_board(board, path)
    assert load_board(path) == board
    assert '"runs_per_month":0,' in path.read_text(encoding="utf-8")


def test_files_in_the_older_formats_still_load(tmp_path: Path) -> None:
    """The fixtures of every schema (hand-written, or saved indented with every field as saves
    were before) load, and saved again load back equal."""
    for version in range(1, 6):
        fixture = FIXTURES / f"board_v{version}.json"
        board = load_board(fixture)
        again = tmp_path / fixture.name
        save_board(board, again)
        assert load_board(again) == board, fixture.name
    old = (FIXTURES / "board_v5.json").read_text(encoding="utf-8")
    assert '\n  "workloads": [\n    {"architecture": "cattle", "avg_duration_ms": ' in old
    assert (tmp_path / "board_v5.json").stat().st_size < 0.7 * len(old.encode("utf-8"))

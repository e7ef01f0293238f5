"""An export is all-or-nothing: a full disk or a read-only folder leaves every old file as it
was, no temp files behind, and one line that names the file at fault; bad destinations and
boards too large for the handout are refused before any rendering.

The full disk and the read-only folder are real where the tests may mount a small tmpfs (as
root: `mount -t tmpfs -o size=...`, remounted `ro` for the read-only case; as root a chmod
0o555 folder would still be writable). Where mounting is not permitted those tests skip, and
the simulated ones (an fsync that fails with ENOSPC, a temp file that cannot be created, a
rename that fails half-way) still run.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.conftest import mount_command
from whiteboard.cli import main
from whiteboard.export import MAX_HANDOUT_WORKLOADS, ExportError, ExportOptions, export_all
from whiteboard.model import Board, Workload, board_to_json, save_board

Snapshot = dict[str, bytes]
OUTPUTS = ("s.svg", "s-chart.svg", "p.png", "p-chart.png", "h.pdf")


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> Snapshot:
    """Every file under `folder`, dot-files (temp files, the manifest) included."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in skip
    }


def export_args(board: Path, out: Path) -> list[str]:
    return [
        "export",
        str(board),
        "--svg",
        str(out / "s.svg"),
        "--png",
        str(out / "p.png"),
        "--pdf",
        str(out / "h.pdf"),
        "--terraform",
        str(out / "tf"),
    ]


@pytest.fixture
def boards(demo_board: Board, tmp_path: Path) -> tuple[Path, Path]:
    """The demo board, and the same board renamed: every output of the two differs."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    save_board(demo_board, first)
    save_board(demo_board.with_fields(name="Other Outfitters"), second)
    return first, second


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), repr(err)
    assert ".tmp" not in err, err  # never the name of a temp file
    return err.strip()


# -- a small real disk (tmpfs), where permitted --------------------------------------------------


def fill_up(disk: Path, leave: int) -> Path:
    """Fill `disk` with one file, then give back about `leave` bytes."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    chunk = b"\0" * 65536
    try:
        while True:
            os.write(fd, chunk)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def _pages(size: int, page: int = 4096) -> int:
    return -(-size // page) * page


def test_a_full_disk_leaves_every_old_file_and_no_temp_files(
    small_disk: Callable[[str], Path],
    boards: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = boards
    disk = small_disk("8m")
    assert main(export_args(first, disk)) == 0
    before = snapshot(disk)
    assert ".whiteboard-manifest.json" in {Path(name).name for name in before}
    # Room for the new SVGs only: they are staged, then the PNG finds the disk full.
    dry = tmp_path / "dry"
    dry.mkdir()
    assert main(export_args(second, dry)) == 0
    room = sum(_pages((dry / name).stat().st_size) for name in ("s.svg", "s-chart.svg"))
    filler = fill_up(disk, room + 4096)
    capsys.readouterr()

    assert main(export_args(second, disk)) == 2
    line = one_line(capsys.readouterr().err)
    assert "no space left on device" in line
    assert any(f"{disk / name}: no space" in line for name in OUTPUTS[2:]), line
    assert snapshot(disk, skip=("filler",)) == before  # byte for byte, and no temp files

    # With room again the same export goes through and changes every file: the check above
    # would have seen a half-done export.
    filler.unlink()
    assert main(export_args(second, disk)) == 0
    after = snapshot(disk)
    assert all(after[name] != before[name] for name in OUTPUTS)
    assert set(after) == set(before)


def test_a_read_only_mount_gives_one_line_naming_the_destination(
    small_disk: Callable[[str], Path],
    boards: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = boards
    disk = small_disk("8m")
    assert main(export_args(first, disk)) == 0
    before = snapshot(disk)
    if not mount_command("-o", "remount,ro", str(disk)):
        pytest.skip("remounting read-only is not permitted here")
    capsys.readouterr()
    for args in (export_args(second, disk), ["export", str(second), "--frames", str(disk / "f")]):
        assert main(args) == 2
        line = one_line(capsys.readouterr().err)
        assert "read-only file system" in line
        assert str(disk / "s.svg") in line or str(disk / "f") in line, line
    assert snapshot(disk) == before


# -- the same failures, simulated (run everywhere) ----------------------------------------------


def _fail_on_call(
    real: Callable[..., object], number: int, error: OSError
) -> Callable[..., object]:
    """`real`, except that its `number`th call raises `error`."""
    calls = 0

    def failing(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == number:
            raise error
        return real(*args, **kwargs)

    return failing


def _earlier_export(board: Path, out: Path) -> Snapshot:
    assert main(export_args(board, out)) == 0
    return snapshot(out)


def staging_order(board: Board, out: Path) -> list[Path]:
    """The destinations of `export_args`, in the order the transaction stages and moves them:
    diagrams, the stubs and their manifest (checked before the handout's long layout), the
    handout."""
    from whiteboard.export.terraform import render_terraform
    from whiteboard.export.terraform_files import MANIFEST_NAME

    stubs = [out / "tf" / name for name in [*render_terraform(board), MANIFEST_NAME]]
    return [*(out / name for name in OUTPUTS[:4]), *stubs, out / "h.pdf"]


@pytest.mark.parametrize("failing", ["first", "second", "png", "a stub", "last"])
def test_simulated_enospc_while_staging_replaces_nothing(
    demo_board: Board,
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failing: str,
) -> None:
    first, second = boards
    out = tmp_path / "out"
    out.mkdir()
    before = _earlier_export(first, out)
    order = staging_order(demo_board, out)
    index = {"first": 0, "second": 1, "png": 2, "a stub": 5, "last": len(order) - 1}[failing]
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    # One fsync per staged file: the (index + 1)th finds the disk full.
    monkeypatch.setattr(os, "fsync", _fail_on_call(os.fsync, index + 1, full))
    capsys.readouterr()

    assert main(export_args(second, out)) == 2
    line = one_line(capsys.readouterr().err)
    assert f"{order[index]}: no space left on device" in line, line
    assert snapshot(out) == before


def test_a_failure_while_moving_files_in_puts_the_moved_ones_back(
    demo_board: Board,
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = boards
    out = tmp_path / "out"
    out.mkdir()
    before = _earlier_export(first, out)
    order = staging_order(demo_board, out)
    busy = OSError(errno.EBUSY, os.strerror(errno.EBUSY))
    # Every rename but the last (the handout's) has put a new file in place when it fails.
    monkeypatch.setattr(os, "replace", _fail_on_call(os.replace, len(order), busy))
    capsys.readouterr()

    assert main(export_args(second, out)) == 2
    line = one_line(capsys.readouterr().err)
    assert f"{out / 'h.pdf'}: device or resource busy" in line, line
    assert snapshot(out) == before


def test_a_folder_refusing_temp_files_is_named_not_the_temp_file(
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import tempfile

    first, second = boards
    out = tmp_path / "out"
    out.mkdir()
    before = _earlier_export(first, out)

    def refused(*args: object, prefix: str = "", dir: str = "", **kwargs: object) -> object:
        name = os.path.join(dir, f"{prefix}q1i54dqd.tmp")
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    capsys.readouterr()
    assert main(["export", str(second), "--svg", str(out / "s.svg")]) == 2
    line = one_line(capsys.readouterr().err)
    assert f"{out / 's.svg'}: permission denied" in line, line
    assert snapshot(out) == before


def test_a_read_only_folder_is_refused_before_rendering(
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Simulated with os.access: as root a chmod 0o555 folder stays writable.
    out = tmp_path / "locked"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == out else real_access(path, mode)
    )
    monkeypatch.setattr("whiteboard.scoring.score_board", _must_not_run)
    for flag, target in (("--pdf", "h.pdf"), ("--terraform", "tf"), ("--frames", "frames")):
        assert main(["export", str(boards[0]), flag, str(out / target)]) == 2
        line = one_line(capsys.readouterr().err)
        assert f"{out / target}: cannot " in line and "permission denied" in line, line
    assert list(out.iterdir()) == []


# -- destinations checked up front ---------------------------------------------------------------


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("rendering started before the destinations were checked")


@pytest.mark.parametrize(
    ("flag", "target", "message"),
    [
        ("--svg", "missing/s.svg", "does not exist"),
        ("--png", "missing/p.png", "does not exist"),
        ("--pdf", "missing/h.pdf", "does not exist"),
        ("--terraform", "missing/tf", "does not exist"),
        ("--frames", "missing/frames", "does not exist"),
        ("--svg", "folder", "is a folder"),
        ("--png", "folder", "is a folder"),
        ("--pdf", "folder", "is a folder"),
        ("--pdf", "file.txt/h.pdf", "is a file, not a folder"),
        ("--terraform", "file.txt", "is a file"),
        ("--frames", "file.txt", "is a file"),
        ("--frames", "file.txt/frames", "is a file, not a folder"),
    ],
)
def test_bad_destinations_are_one_line_and_exit_2(
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flag: str,
    target: str,
    message: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "folder").mkdir()
    (out / "file.txt").write_text("keep", encoding="utf-8")
    before = sorted(out.rglob("*"))
    monkeypatch.setattr("whiteboard.scoring.score_board", _must_not_run)
    monkeypatch.setattr("whiteboard.commands.present.render_frames", _must_not_run)

    assert main(["export", str(boards[0]), flag, str(out / target)]) == 2
    line = one_line(capsys.readouterr().err)
    assert f"{out / target}: " in line and message in line, line
    assert sorted(out.rglob("*")) == before
    assert (out / "file.txt").read_text(encoding="utf-8") == "keep"


def test_frames_join_the_same_transaction(
    boards: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A handout that cannot be written stops the frames too: one commit for both."""
    import tempfile

    out = tmp_path / "out"
    out.mkdir()
    (out / "h.pdf").write_bytes(b"old handout")
    real_mkstemp = tempfile.mkstemp

    def full_for_the_handout(*args: object, prefix: str = "", **kwargs: object) -> object:
        if prefix.startswith(".h.pdf."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_for_the_handout)
    args = ["export", str(boards[0]), "--frames", str(out / "frames"), "--pdf", str(out / "h.pdf")]
    assert main(args) == 2
    assert f"{out / 'h.pdf'}: no space left on device" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in out.iterdir()) == ["h.pdf"]  # the new frames folder is gone
    assert (out / "h.pdf").read_bytes() == b"old handout"


# -- boards too large for an export --------------------------------------------------------------


def _big_board(count: int) -> Board:
    workloads = tuple(Workload(id=f"w{index:05d}", name=f"W {index}") for index in range(count))
    return Board(name="Estate", workloads=workloads)


def test_a_board_too_large_for_the_handout_is_refused_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    board = _big_board(40_000)
    path = tmp_path / "estate.json"
    # Compact: indented, as save_board writes it, this board is over the 20 MB a board may be.
    compact = json.dumps(json.loads(board_to_json(board)), separators=(",", ":"))
    path.write_text(compact, encoding="utf-8")
    monkeypatch.setattr("whiteboard.scoring.score_board", _must_not_run)
    monkeypatch.setattr("whiteboard.export.terraform.render_terraform", _must_not_run)

    started = time.perf_counter()
    with pytest.raises(ExportError, match=f"at most {MAX_HANDOUT_WORKLOADS:,} workloads"):
        export_all(board, ExportOptions(pdf=tmp_path / "h.pdf", svg=tmp_path / "s.svg"))
    assert time.perf_counter() - started < 1.0

    assert main(["export", str(path), "--pdf", str(tmp_path / "h.pdf")]) == 2
    line = one_line(capsys.readouterr().err)
    assert f"at most {MAX_HANDOUT_WORKLOADS:,} workloads" in line and "40,000" in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["estate.json"]


def test_the_handout_limit_itself_is_allowed() -> None:
    from whiteboard.export import check_options

    options = ExportOptions(pdf=Path("h.pdf"))
    check_options(_big_board(MAX_HANDOUT_WORKLOADS), options)
    with pytest.raises(ExportError, match="split the board"):
        check_options(_big_board(MAX_HANDOUT_WORKLOADS + 1), options)

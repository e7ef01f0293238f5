"""`Transaction`: staged beside each destination, moved in together, put back on a failure."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.export import ExportError, Transaction
from whiteboard.export.transaction import reason
from whiteboard.paths import DEMO_BOARD


def test_writes_deletes_and_lists_only_listed_files(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("stale", encoding="utf-8")
    (tmp_path / "keep.txt").write_text("old", encoding="utf-8")
    transaction = Transaction()
    transaction.make_folder(tmp_path / "new")
    transaction.write(tmp_path / "keep.txt", b"new")
    transaction.write(tmp_path / "new" / "a.txt", b"a")
    transaction.write(tmp_path / ".record", b"r", listed=False)
    transaction.delete(tmp_path / "old.txt")
    assert transaction.commit() == [tmp_path / "keep.txt", tmp_path / "new" / "a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".record", "keep.txt", "new"]
    assert (tmp_path / "keep.txt").read_bytes() == b"new"


def test_a_failed_commit_puts_back_deleted_files_and_removes_new_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "old.txt").write_text("stale", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    transaction = Transaction()
    transaction.make_folder(tmp_path / "new")
    transaction.write(tmp_path / "new" / "a.txt", b"a")
    transaction.write(tmp_path / "b.txt", b"new b")
    transaction.delete(tmp_path / "old.txt")
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        if Path(source).name == "old.txt":  # the delete, after both files were moved in
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError, match=r"old\.txt: input/output error"):
        transaction.commit()
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "old.txt"]
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "old b"


def test_a_symlinked_destination_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.svg"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    transaction = Transaction()
    transaction.write(link, b"new")
    assert transaction.commit() == [link]
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_an_existing_files_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "h.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    transaction = Transaction()
    transaction.write(path, b"new")
    transaction.commit()
    assert path.stat().st_mode & 0o777 == 0o640


def test_two_outputs_for_one_file_are_refused_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.svg"
    (tmp_path / "alias.svg").symlink_to(target)
    args = ["export", str(DEMO_BOARD), "--svg", str(target), "--png", str(tmp_path / "alias.svg")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "is the destination of two outputs" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.svg"]


def test_reasons_are_words_without_file_names() -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/x/.h.pdf.abc.tmp")
    assert reason(full) == "no space left on device"
    assert reason(OSError(errno.EROFS, os.strerror(errno.EROFS))) == "read-only file system"

"""`whiteboard export` and `export_all`: any combination, atomic, clear errors, progress."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.export import ExportError, ExportOptions, chart_path, export_all
from whiteboard.model import Board
from whiteboard.paths import DEMO_BOARD


def test_chart_goes_beside_the_slide_with_a_suffix() -> None:
    assert chart_path(Path("out/board.png")) == Path("out/board-chart.png")
    assert chart_path(Path("slide")) == Path("slide-chart")


def test_every_output_in_one_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "export",
            str(DEMO_BOARD),
            "--png",
            str(tmp_path / "b.png"),
            "--svg",
            str(tmp_path / "b.svg"),
            "--pdf",
            str(tmp_path / "h.pdf"),
            "--terraform",
            str(tmp_path / "tf"),
            "--paper",
            "letter",
        ]
    )
    assert code == 0
    for name in ("b.png", "b-chart.png", "b.svg", "b-chart.svg", "h.pdf"):
        assert (tmp_path / name).stat().st_size > 1000, name
    assert (tmp_path / "b.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "tf" / "main.tf").exists()
    root = ET.fromstring((tmp_path / "b.svg").read_bytes())
    assert root.tag.endswith("svg")
    assert "Terraform files to" in capsys.readouterr().out


def test_step_limits_what_the_diagrams_show(tmp_path: Path) -> None:
    assert main(["export", str(DEMO_BOARD), "--svg", str(tmp_path / "s.svg"), "--step", "1"]) == 0
    early = (tmp_path / "s.svg").read_text(encoding="utf-8")
    assert main(["export", str(DEMO_BOARD), "--svg", str(tmp_path / "s.svg")]) == 0
    final = (tmp_path / "s.svg").read_text(encoding="utf-8")
    assert "Web shop front end" in final and "Web shop front end" not in early


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "nothing to export"),
        (["--svg", "{tmp}/x.svg", "--step", "99"], "--step 99: the compute slide has steps 0 to"),
        (["--pdf", "{tmp}/missing/h.pdf"], "does not exist"),
        (["--pdf", "{tmp}"], "is a folder"),
        (["--terraform", "{tmp}/file.txt"], "is a file"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    (tmp_path / "file.txt").write_text("keep", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    assert main(["export", str(DEMO_BOARD), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "keep"


def test_bad_board_is_reported_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "bad.json"
    board.write_text(json.dumps({"name": "x", "workloads": [{"id": "A"}]}), encoding="utf-8")
    assert main(["export", str(board), "--pdf", str(tmp_path / "h.pdf")]) == 2
    assert "bad.json" in capsys.readouterr().err
    assert not (tmp_path / "h.pdf").exists()


def test_a_failing_export_replaces_nothing(
    demo_board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg, pdf = tmp_path / "b.svg", tmp_path / "h.pdf"
    svg.write_text("old svg", encoding="utf-8")
    pdf.write_bytes(b"old pdf")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr("whiteboard.export.handout.render_handout", broken)
    with pytest.raises(RuntimeError):
        export_all(demo_board, ExportOptions(svg=svg, pdf=pdf))
    assert svg.read_text(encoding="utf-8") == "old svg"
    assert pdf.read_bytes() == b"old pdf"


def test_export_all_reports_progress_and_returns_written_paths(
    demo_board: Board, tmp_path: Path
) -> None:
    calls: list[tuple[int, int, str]] = []
    written = export_all(
        demo_board,
        ExportOptions(svg=tmp_path / "b.svg", terraform=tmp_path / "tf"),
        progress=lambda done, total, label: calls.append((done, total, label)),
    )
    assert written[:2] == [tmp_path / "b.svg", tmp_path / "b-chart.svg"]
    assert all(path.exists() for path in written)
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones) and dones[0] == 0
    assert calls[-1][0] == calls[-1][1]


def test_export_all_without_outputs_is_an_export_error(demo_board: Board) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        export_all(demo_board, ExportOptions())


def test_help_documents_the_chart_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "-chart" in capsys.readouterr().out


def test_hostile_names_survive_every_format(hostile: Board, tmp_path: Path) -> None:
    import struct

    # Five wide columns, so the short names fit their cards whole (seven narrow ones cut them).
    hostile = hostile.with_edition("2018")

    options = ExportOptions(
        png=tmp_path / "h.png",
        svg=tmp_path / "h.svg",
        pdf=tmp_path / "h.pdf",
        terraform=tmp_path / "tf",
    )
    export_all(hostile, options)
    width, height = struct.unpack(">II", (tmp_path / "h.png").read_bytes()[16:24])
    assert (width, height) == (1920, 1080)
    for svg in ("h.svg", "h-chart.svg"):
        root = ET.fromstring((tmp_path / svg).read_bytes())
        text = " ".join(" ".join(root.itertext()).split())
        assert "Москва платежи" in text, svg
    assert (tmp_path / "tf" / "lambda.tf").exists()

"""`whiteboard export --pptx FILE [--pptx-template FILE] --wa-lens DIR`: the PowerPoint
build-up and the Well-Architected lens written with the other outputs, in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx import Presentation

from whiteboard.cli import main
from whiteboard.paths import DEMO_BOARD


def test_the_deck_and_the_lens_come_out_of_one_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, lens = tmp_path / "deck.pptx", tmp_path / "lens"
    code = main(["export", str(DEMO_BOARD), "--pptx", str(deck), "--wa-lens", str(lens)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"wrote {deck}" in out
    assert "answers files to" in out and str(lens) in out
    assert len(Presentation(str(deck)).slides) > 10
    assert json.loads((lens / "lens.json").read_text("utf-8"))["schemaVersion"] == "2021-11-01"
    assert (lens / "load-lens.sh").is_file() and (lens / "README.md").is_file()
    assert list((lens / "answers").glob("*.json"))


def test_a_bad_template_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "corporate.potx"
    template.write_bytes(b"not a zip at all")
    deck, pdf = tmp_path / "deck.pptx", tmp_path / "handout.pdf"
    args = ["export", str(DEMO_BOARD), "--pptx", str(deck), "--pdf", str(pdf)]
    code = main([*args, "--pptx-template", str(template)])
    err = capsys.readouterr().err
    assert code == 2
    assert "corporate.potx" in err and err.count("\n") == 1 and "Traceback" not in err
    assert not deck.exists() and not pdf.exists()


def test_a_missing_template_is_refused_before_anything_is_drawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.pptx"
    code = main(
        [
            "export",
            str(DEMO_BOARD),
            "--pptx",
            str(deck),
            "--pptx-template",
            str(tmp_path / "nowhere.potx"),
        ]
    )
    assert code == 2
    assert "nowhere.potx" in capsys.readouterr().err
    assert not deck.exists()


def test_the_lens_folder_must_not_be_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "lens"
    taken.write_text("mine", encoding="utf-8")
    assert main(["export", str(DEMO_BOARD), "--wa-lens", str(taken)]) == 2
    assert "needs a folder" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "mine"

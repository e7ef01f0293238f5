"""`whiteboard validate`: a one-line summary, or one clear line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from whiteboard.cli import main
from whiteboard.model import SCHEMA_VERSION
from whiteboard.paths import DEMO_BOARD


def test_valid_board_prints_one_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DEMO_BOARD)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) >= 1
    assert (
        "valid board 'Alpine Outfitters - compute workshop' (2018 edition): 12 workloads, 7 placed"
        in out[0]
    )


def _demo() -> dict:
    return json.loads(DEMO_BOARD.read_text(encoding="utf-8"))


CASES = {
    "missing.json": None,
    "truncated.json": DEMO_BOARD.read_bytes()[:300],
    "garbage.json": bytes(range(256)),
    "types.json": json.dumps({**_demo(), "name": 42}).encode(),
    "target.json": json.dumps({**_demo(), "placements": {"web-shop": "mainframe"}}).encode(),
    "dangling.json": json.dumps(
        {**_demo(), "workloads": [{"id": "a", "name": "A", "depends_on": ["b"]}], "placements": {}}
    ).encode(),
    "dupes.json": json.dumps(
        {**_demo(), "workloads": [{"id": "a", "name": "A"}] * 2, "placements": {}}
    ).encode(),
    "newer.json": json.dumps({**_demo(), "schema_version": SCHEMA_VERSION + 1}).encode(),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    if CASES[name] is not None:
        path.write_bytes(CASES[name])
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert name in lines[0]
    assert "Traceback" not in captured.err


def test_help_lists_every_subcommand() -> None:
    from whiteboard.cli import COMMAND_MODULES, build_parser

    text = build_parser().format_help()
    for module in COMMAND_MODULES:
        from importlib import import_module

        assert import_module(f"whiteboard.commands.{module}").NAME in text


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "whiteboard", "validate", str(DEMO_BOARD)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "valid board" in result.stdout

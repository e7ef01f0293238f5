"""Each headless command imports only what it uses: the window's toolkit never, the PDF
library and the graph library not for checking or scoring a board (each import costs a tenth
of a second or more before any work, issue 18)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from whiteboard.paths import DEMO_BOARD

#: Runs the command in-process, then prints which of the heavy packages it loaded.
PROBE = """
import contextlib, io, json, sys
from whiteboard.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
heavy = ("PySide6", "reportlab", "networkx", "jinja2", "pptx")
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def loaded_by(*argv: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    return result["loaded"]


@pytest.fixture(scope="module")
def cyclic_board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board plus a dependency cycle: validate and score then walk the graph."""
    board = json.loads(DEMO_BOARD.read_text(encoding="utf-8"))
    first, second = board["workloads"][0], board["workloads"][1]
    first["depends_on"] = [second["id"]]
    second["depends_on"] = [first["id"]]
    path = tmp_path_factory.mktemp("imports") / "cyclic.json"
    path.write_text(json.dumps(board), encoding="utf-8")
    return path


def test_validate_loads_no_toolkit_no_pdf_and_no_graph_library(cyclic_board: Path) -> None:
    assert loaded_by("validate", str(DEMO_BOARD)) == []
    assert loaded_by("validate", str(cyclic_board)) == []


def test_validate_loads_none_of_the_scoring(cyclic_board: Path) -> None:
    code = PROBE.replace(
        "[m for m in heavy if m in sys.modules]",
        '[m for m in sys.modules if m.startswith(("whiteboard.scoring.", "whiteboard.cost"))]',
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "validate", str(cyclic_board)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(out.stdout)["loaded"] == ["whiteboard.scoring.cycles"]


@pytest.mark.parametrize("form", [[], ["--format", "json"]])
def test_score_loads_no_toolkit_and_no_pdf(cyclic_board: Path, form: list[str]) -> None:
    assert loaded_by("score", str(cyclic_board), *form) == []


def test_the_probe_sees_an_import() -> None:
    """The probe itself can fail: a command that does load the toolkit is reported."""
    code = PROBE.replace("code = main(sys.argv[1:])", "import reportlab; code = 0")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout)["loaded"] == ["reportlab"]

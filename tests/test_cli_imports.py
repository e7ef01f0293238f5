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


def test_svg_export_loads_no_toolkit_no_pdf_no_templates_and_no_graph_library(
    tmp_path: Path,
) -> None:
    assert loaded_by("export", str(DEMO_BOARD), "--svg", str(tmp_path / "demo.svg")) == []
    assert (tmp_path / "demo.svg").is_file()


@pytest.mark.parametrize(
    "argv",
    [["validate", str(DEMO_BOARD)], ["score", str(DEMO_BOARD), "--format", "json"]],
)
def test_a_command_builds_only_its_own_parser(argv: list[str]) -> None:
    """No other sub-command's module, nor what those import (the inventory readers, the
    exporters and their preferences), is loaded to parse one command's line."""
    code = PROBE.replace(
        "[m for m in heavy if m in sys.modules]",
        "[m for m in sys.modules if m.startswith(('whiteboard.commands.', 'whiteboard.inventory',"
        " 'whiteboard.export', 'whiteboard.model.preferences'))]",
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout)["loaded"] == [f"whiteboard.commands.{argv[0]}"]


def test_the_probe_sees_an_import() -> None:
    """The probe itself can fail: a command that does load the toolkit is reported."""
    code = PROBE.replace("code = main(sys.argv[1:])", "import reportlab; code = 0")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout)["loaded"] == ["reportlab"]


#: Runs `entry(argv)` as the console script does, recording each run of the collector that
#: starts while pydantic and the board model are being imported.
ENTRY_PROBE = """
import contextlib, gc, io, json, sys
runs = []
gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(
    "pydantic" in sys.modules and "whiteboard.model.io" not in sys.modules))
from whiteboard.cli import entry
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    entry(sys.argv[1:])
print(json.dumps({"plugin": "fake_wb_plugin" in sys.modules, "runs": runs}))
"""


def _entry(argv: list[str], env: dict[str, str] | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An environment with a pydantic plugin installed (an entry point in group `pydantic`)."""
    import os

    info = tmp_path / "fake_wb_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-wb-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nfake = fake_wb_plugin:plugin\n")
    (tmp_path / "fake_wb_plugin.py").write_text(
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    return env


def test_the_command_loads_no_pydantic_plugin(plugin_env: dict[str, str]) -> None:
    """An installed plugin is not imported (logfire's costs ~0.1 s), unless the user asks for
    plugins: a PYDANTIC_DISABLE_PLUGINS of their own is left as it is."""
    assert not _entry(["validate", str(DEMO_BOARD)], plugin_env)["plugin"]
    asked = {**plugin_env, "PYDANTIC_DISABLE_PLUGINS": "some_other_plugin"}
    assert _entry(["validate", str(DEMO_BOARD)], asked)["plugin"]


def test_a_headless_command_imports_the_model_without_collecting() -> None:
    """The imports of start-up run with the collector off (and are frozen after): in a
    headless command no collection runs before the board model is imported."""
    runs = _entry(["validate", str(DEMO_BOARD)])["runs"]
    assert not any(runs), f"{runs.count(True)} collections ran during the imports"

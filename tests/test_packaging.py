"""The app as people install it: an sdist, a wheel built from that sdist, installed non-editable
into a fresh virtual environment and run from a folder that is not the checkout.

The fresh environment gets the wheel only (`--no-deps`); the app's dependencies come from the
test environment through a `.pth` line, which adds that folder to `sys.path` without running
its `.pth` files, so the checkout's editable install is not visible there. Every sub-command and
every export format runs; each output is read back (PNG magic, SVG parsed, PDF opened with its
outline, `.tf` parsed).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.export.tfcheck import parse

ROOT = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.slow

#: What the wheel must carry besides the code, by path inside it.
DATA_FILES = (
    "whiteboard/catalog/targets.json",
    "whiteboard/cost/prices.json",
    "whiteboard/assets/boards/demo.json",
    "whiteboard/assets/boards/architect-cases.json",
    "whiteboard/assets/story/compute.json",
    "whiteboard/assets/fonts/DejaVuSans.ttf",
    "whiteboard/assets/fonts/DejaVuSans-Bold.ttf",
    "whiteboard/assets/fonts/DroidSansFallbackFull.ttf",
    "whiteboard/assets/fonts/NanumGothic.ttf",
    "whiteboard/assets/fonts/LICENSES.md",
    "whiteboard/assets/fonts/NotoSansDevanagari-Regular.ttf",
    "whiteboard/assets/fonts/NotoSansArabic-Regular.ttf",
    "whiteboard/assets/fonts/NotoEmoji-Regular.ttf",
    "whiteboard/assets/fonts/OFL-1.1.txt",
    "whiteboard/docs/scoring.md",
    "whiteboard/templates/terraform/_wiring.j2",
    "whiteboard/templates/terraform/load_balancer.tf.j2",
    "whiteboard/assets/icons/server.svg",
    "whiteboard/assets/icons/function.svg",
    "whiteboard/templates/terraform/versions.tf.j2",
    "whiteboard/templates/terraform/main.tf.j2",
    "whiteboard/templates/terraform/lambda.tf.j2",
    "whiteboard/templates/terraform/README.md.j2",
)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stderr}"
    return result.stdout


def _hatchling(target: str, source: Path, out: Path) -> Path:
    _run([sys.executable, "-m", "hatchling", "build", "-t", target, "-d", str(out)], cwd=source)
    (built,) = out.glob("*.tar.gz" if target == "sdist" else "*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the sdist, so the sdist is proven to hold everything too."""
    work = tmp_path_factory.mktemp("build")
    sdist = _hatchling("sdist", ROOT, work / "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (source,) = (work / "unpacked").iterdir()
    return _hatchling("wheel", source, work / "wheel")


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh venv holding the wheel; returns the environment to run its commands in."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "--quiet", "--no-deps", "--no-index", str(wheel)], cwd=venv)
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(_run([str(python), "-c", ask], cwd=venv).strip())
    (purelib / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = tmp_path_factory.mktemp("home")
    return {
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
        "VENV": str(venv),
    }


def test_the_wheel_carries_fonts_icons_story_demo_board_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in DATA_FILES if name not in names]
    assert missing == []
    for kind in ("terraform", "wa_lens"):
        templates = {n for n in names if n.startswith(f"whiteboard/templates/{kind}/")}
        assert len(templates) == len(list((ROOT / "templates" / kind).iterdir())), kind
    assert not any(name.startswith(("tests/", "assets/", "templates/")) for name in names)


def test_the_installed_app_works_from_any_folder(installed: dict[str, str], tmp_path: Path) -> None:
    env = installed
    where = _run(
        ["python", "-c", "import whiteboard.paths as p; print(p.__file__); print(p.DEMO_BOARD)"],
        cwd=tmp_path,
        env=env,
    ).split()
    assert all(path.startswith(env["VENV"]) for path in where), where
    demo = tmp_path / "demo.json"
    demo.write_bytes(Path(where[1]).read_bytes())

    assert _run(["whiteboard", "--version"], tmp_path, env).startswith("whiteboard ")
    assert "12 workloads" in _run(["whiteboard", "validate", "demo.json"], tmp_path, env)
    score = _run(["whiteboard", "score", "demo.json"], tmp_path, env)
    assert "lambda" in score.lower()
    # The packaged price table is found and read: the report carries the monthly dollars.
    assert "Monthly cost on demand (USD)" in score
    export = ["whiteboard", "export", "demo.json", "--png", "d.png", "--svg", "d.svg"]
    export += ["--pdf", "h.pdf", "--terraform", "tf", "--frames", "frames"]
    export += ["--pptx", "deck.pptx", "--wa-lens", "lens"]
    _run(export, tmp_path, env)
    _run(["whiteboard", "demo.json", "--screenshot", "shot.png"], tmp_path, env)

    frames = sorted((tmp_path / "frames").iterdir())
    assert len(frames) >= 8
    for path in [tmp_path / "d.png", tmp_path / "d-chart.png", tmp_path / "shot.png", *frames]:
        assert path.read_bytes()[:8] == PNG_MAGIC, path.name
    for name in ("d.svg", "d-chart.svg"):
        assert ET.parse(tmp_path / name).getroot().tag.endswith("svg")
    reader = PdfReader(io.BytesIO((tmp_path / "h.pdf").read_bytes()))
    assert len(reader.pages) > 10 and reader.outline
    tf_files = sorted((tmp_path / "tf").glob("*.tf"))
    assert {p.name for p in tf_files} >= {"versions.tf", "main.tf", "variables.tf", "lambda.tf"}
    for path in tf_files:
        assert isinstance(parse(path.read_text(encoding="utf-8")), dict), path.name
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) > 10
    lens = json.loads((tmp_path / "lens" / "lens.json").read_text(encoding="utf-8"))
    assert lens["schemaVersion"] == "2021-11-01" and (tmp_path / "lens" / "load-lens.sh").is_file()


def test_the_wheel_runs_as_a_zip_import(wheel: Path, tmp_path: Path) -> None:
    """A wheel is a zip: imported straight from it, the data is unpacked to a private folder."""
    demo = tmp_path / "demo.json"
    demo.write_bytes((ROOT / "assets" / "boards" / "demo.json").read_bytes())
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(wheel), sysconfig.get_paths()["purelib"]]),
        "QT_QPA_PLATFORM": "offscreen",
    }
    code = "import whiteboard, sys; assert '.whl' in whiteboard.__file__; " + (
        "from whiteboard.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    # -S: no site-packages of this venv (and so no editable install); PYTHONPATH gives the rest.
    export = ["export", "demo.json", "--svg", "d.svg", "--pdf", "h.pdf", "--terraform", "tf"]
    export += ["--pptx", "deck.pptx", "--wa-lens", "lens"]
    _run([sys.executable, "-S", "-c", code, *export], tmp_path, env)
    assert (tmp_path / "deck.pptx").stat().st_size and (tmp_path / "lens" / "README.md").is_file()
    assert ET.parse(tmp_path / "d.svg").getroot().tag.endswith("svg")
    assert PdfReader(tmp_path / "h.pdf").pages
    assert (tmp_path / "tf" / "main.tf").is_file()

"""Guard rails: Qt stays at the edge (gui/ and render/), the rest imports without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import whiteboard

PACKAGE = Path(whiteboard.__file__).parent
QT_ALLOWED = {"gui", "render"}
QT_MODULES = ("PySide6", "shiboken6")


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in QT_ALLOWED
    ]


def test_no_core_module_imports_qt() -> None:
    offenders = []
    for path in _core_files():
        imported = _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if any(name.split(".")[0] in QT_MODULES for name in imported):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == [], f"Qt imported outside gui/ and render/: {offenders}"


def test_the_walk_finds_a_qt_import_when_there_is_one() -> None:
    tree = ast.parse("from PySide6.QtWidgets import QWidget\nimport os\n")
    assert "PySide6.QtWidgets" in _imported_modules(tree)


def test_core_packages_import_without_loading_qt() -> None:
    core = sorted(
        {
            ".".join(("whiteboard", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
                ".__init__"
            )
            for path in _core_files()
            if path.name != "__main__.py"
        }
    )
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"

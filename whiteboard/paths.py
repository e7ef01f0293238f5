"""Where the app's data lives: `assets/` (fonts, icons, story, demo board) and `templates/`.

In a source checkout they are top-level folders beside the package. The wheel (and a wheel built
from the sdist) carries them inside the package as `whiteboard/assets` and
`whiteboard/templates` (hatchling's `force-include`, see pyproject.toml), so an installed app
finds them through `importlib.resources`. An editable install has no copy inside the package and
falls back to the checkout beside it; a zip import is unpacked once to a private temporary
folder, because fonts and templates are handed to libraries that want real file paths.

Nothing here looks at the current directory.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "whiteboard"
DATA_FOLDERS = ("assets", "templates")


class MissingDataError(RuntimeError):
    """The installation lacks a data folder: a broken wheel, not bad user input."""


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for child in source.iterdir():
        if child.is_dir():
            _copy_tree(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())


def _unpacked(data: Traversable, name: str) -> Path:
    """A real folder holding `data` (a folder inside a zip), removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PACKAGE}-{name}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _copy_tree(data, folder)
    return folder


def data_folder(name: str) -> Path:
    """The folder `name` (one of DATA_FOLDERS) as installed with the package, or beside it in a
    checkout. Raises MissingDataError naming what was looked for."""
    bundled = resources.files(PACKAGE) / name
    if bundled.is_dir():
        return bundled if isinstance(bundled, Path) else _unpacked(bundled, name)
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise MissingDataError(
        f"the {name}/ folder is missing: looked in the installed package ({bundled}) "
        f"and beside it ({checkout}); reinstall whiteboard"
    )


ASSETS_DIR = data_folder("assets")
TEMPLATES_DIR = data_folder("templates")
DEMO_BOARD = ASSETS_DIR / "boards" / "demo.json"


def is_shipped(path: Path) -> bool:
    """True for a file that comes with the app (the demo board, anything under its data
    folders): such a file opens as an untitled copy, so Save never writes into the install."""
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        return False
    return any(resolved.is_relative_to(folder.resolve()) for folder in (ASSETS_DIR, TEMPLATES_DIR))

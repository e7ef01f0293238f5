"""Where the project's data folders live.

`assets/` and `templates/` sit beside the package (see DESIGN.md); the project is installed in
editable mode by the Makefile, so they are found relative to this file.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEMO_BOARD = ASSETS_DIR / "boards" / "demo.json"

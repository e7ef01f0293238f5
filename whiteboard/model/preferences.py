"""The app's preferences: recent files, the export dialog's last choices, the window's geometry.

A small JSON file of our own, written atomically and read as untrusted input (size-capped,
regular files only, every value type-checked). Qt's QSettings is not used for anything: PySide6
unpickles `@Variant(...)` values when it reads them, so a tampered settings file could run code
or abort the app at start. A preferences file that is missing starts from the defaults
silently; one that is corrupt, huge, not a regular file or of the wrong shape is ignored with
one warning sentence, and the app starts with the defaults.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from whiteboard.model.atomic import write_atomic
from whiteboard.model.io import BoardFileError, describe_validation_error, read_bounded

FILE_NAME = "preferences.json"
MAX_BYTES = 64 * 1024
MAX_RECENT = 8

#: A path as stored: one line, no NUL, not absurdly long.
StoredPath = Annotated[
    str, StringConstraints(min_length=1, max_length=4096, pattern=r"^[^\x00-\x1f]+$")
]


class _Frozen(BaseModel):
    """Built on first use (`defer_build`): the exporters import `ExportChoices` for its type, and
    a headless export never reads the preferences, so it need not build their validators."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True, defer_build=True)


class ExportChoices(_Frozen):
    """What the export dialog had ticked last time."""

    png: bool = False
    svg: bool = False
    pdf: bool = True
    terraform: bool = False
    pptx: bool = False
    wa_lens: bool = False
    paper: Literal["a4", "letter"] = "a4"
    #: The handout's workload detail and Terraform appendix; "auto": by the board's size.
    detail: Literal["auto", "all", "attention", "none"] = "auto"
    appendix: Literal["auto", "full", "summary", "none"] = "auto"


class Preferences(_Frozen):
    recent_files: tuple[StoredPath, ...] = Field(default=(), max_length=MAX_RECENT)
    #: The window's saved geometry, as Qt's saveGeometry() bytes in base64.
    window_geometry: str = Field(default="", max_length=4096, pattern=r"^[A-Za-z0-9+/=]*$")
    export: ExportChoices = Field(default_factory=ExportChoices)


def load_preferences(path: Path) -> tuple[Preferences, str | None]:
    """The preferences in `path` and, when the file was there but unusable, why (one sentence).
    Never raises for anything the file holds."""
    if not os.path.lexists(path):
        return Preferences(), None
    try:
        data = read_bounded(path, MAX_BYTES, "preferences files")
        return Preferences.model_validate_json(data), None
    except BoardFileError as error:
        problem = str(error)
    except ValidationError as error:
        if error.errors()[0]["type"] == "json_invalid":
            problem = f"{path.name}: is not valid JSON"
        else:
            where, what = describe_validation_error(error)
            problem = f"{path.name}: {where or 'top level'}: {what}"
    return Preferences(), f"Ignored the preferences file {problem}; starting with the defaults."


class PreferencesStore:
    """The preferences of this app, kept in memory and saved on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current, self.warning = load_preferences(path)

    def update(self, **changes: object) -> str | None:
        """Change some preferences and save them; a sentence when the file could not be
        written (the change still holds for this session)."""
        merged = {**self.current.model_dump(mode="json"), **changes}
        self.current = Preferences.model_validate_json(json.dumps(merged))
        text = json.dumps(self.current.model_dump(mode="json"), indent=1, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, (text + "\n").encode("utf-8"))
        except OSError as error:
            return f"Could not save the preferences to {self.path}: {error.strerror or error}."
        return None

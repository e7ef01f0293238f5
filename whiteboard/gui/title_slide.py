"""The presenter's title slide: the subtitle under the board's name, kept between sessions.

The subtitle belongs to the presenter, not to the board (the same board is shown by different
people in different rooms), so it lives in a small JSON file beside the app's preferences,
read as untrusted input the same way (size-capped, regular files only, type-checked) and
written atomically. F5 reads it; View > Title slide subtitle… changes it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from whiteboard.model.atomic import write_atomic
from whiteboard.model.io import BoardFileError, read_bounded
from whiteboard.model.text import one_line
from whiteboard.slides.story import MAX_SUBTITLE

FILE_NAME = "presenter.json"
MAX_BYTES = 4 * 1024


class PresenterSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)

    subtitle: str = Field(
        default="", max_length=MAX_SUBTITLE, description="Under the board's name on the title."
    )


class PresenterStore:
    """The presenter's settings in `path`; a missing or unusable file means the defaults."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current = _load(path)

    @property
    def subtitle(self) -> str:
        return self.current.subtitle

    def set_subtitle(self, text: str) -> str | None:
        """Keep `text` (folded to one line, cut to the limit) and save it; a sentence when the
        file could not be written (the subtitle still holds for this session)."""
        self.current = PresenterSettings(subtitle=one_line(text)[:MAX_SUBTITLE])
        data = json.dumps(self.current.model_dump(), indent=1, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data.encode("utf-8"))
        except OSError as error:
            return f"Could not save the subtitle to {self.path}: {error.strerror or error}."
        return None


def _load(path: Path) -> PresenterSettings:
    if not path.exists():
        return PresenterSettings()
    try:
        return PresenterSettings.model_validate_json(read_bounded(path, MAX_BYTES, "settings"))
    except (BoardFileError, ValidationError):
        return PresenterSettings()


def ask_subtitle(parent: QWidget, current: str) -> str | None:
    """The subtitle typed in a small dialog, or None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "Title slide",
        "Subtitle under the board's name (for example the customer, the room or your name):",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text if ok else None

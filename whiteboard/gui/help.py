"""The Help menu: the list of shortcuts and presenter keys, the scoring rules, the About box.

The shortcut list is built from the window's action table and the presenter's key table
(`slides.playback.KEY_BINDINGS`), the two places that decide what a key does, so it cannot
drift from them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import whiteboard
from whiteboard.gui.about import about_html
from whiteboard.gui.actions import Action, key_sequences, plain
from whiteboard.gui.presenter_keys import QT_KEY_NAMES
from whiteboard.scoring import PILLAR_NAMES
from whiteboard.slides.playback import KEY_BINDINGS

NATIVE = QKeySequence.SequenceFormat.NativeText
#: The scoring rules, relative to a source checkout (or the package, should a wheel carry them).
SCORING_DOC = Path("docs") / "scoring.md"
PRESENTER_GROUP = "Presenter and clicker"
CANVAS_NOTE = "on the slide or in the workload list"
SCORING_TITLE = "How scores are worked out"
#: The scoring document's tables want a wider window than the shortcut list.
MARKDOWN_WIDTH = 960


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    group: str
    title: str
    keys: tuple[str, ...]
    note: str = ""


def key_text(sequence: QKeySequence) -> str:
    return sequence.toString(NATIVE)


def window_shortcuts(table: Iterable[Action]) -> list[ShortcutRow]:
    """One row per action of the window, in menu order, with every key that triggers it."""
    rows = []
    for spec in table:
        keys = dict.fromkeys(key_text(s) for s in key_sequences(spec.shortcuts) if not s.isEmpty())
        note = CANVAS_NOTE if spec.scope == "canvas" else ""
        rows.append(ShortcutRow(plain(spec.menu), plain(spec.title), tuple(keys), note))
    return rows


def presenter_shortcuts() -> list[ShortcutRow]:
    """One row per thing the presenter does, with its keys in the key table's order."""
    qt_keys = {name: code for code, name in QT_KEY_NAMES.items()}
    keys_by_title: dict[str, list[str]] = {}
    for binding in KEY_BINDINGS:
        keys_by_title.setdefault(binding.title, []).append(
            key_text(QKeySequence(qt_keys[binding.key]))
        )
    return [ShortcutRow(PRESENTER_GROUP, t, tuple(k)) for t, k in keys_by_title.items()]


def shortcuts_html(rows: Sequence[ShortcutRow]) -> str:
    """Rows as rich text: one heading and one two-column table per group."""
    parts: list[str] = []
    group = None
    for row in rows:
        if row.group != group:
            if group is not None:
                parts.append("</table>")
            group = row.group
            parts.append(f"<h3>{html.escape(group)}</h3>")
            parts.append('<table width="100%" cellspacing="0" cellpadding="3">')
        keys = ", ".join(f"<b>{html.escape(key)}</b>" for key in row.keys) or "—"
        if row.note:
            keys += f" <i>({html.escape(row.note)})</i>"
        parts.append(f'<tr><td width="45%">{html.escape(row.title)}</td><td>{keys}</td></tr>')
    if group is not None:
        parts.append("</table>")
    return "\n".join(parts)


class TextDialog(QDialog):
    """A resizable, non-modal window of rich text with a Close button (Esc closes it too),
    sized to its text as far as the screen allows."""

    WIDTH = 640

    def __init__(
        self,
        name: str,
        title: str,
        text: str | Path,
        parent: QWidget | None = None,
        *,
        width: int = WIDTH,
    ) -> None:
        """`text` is rich text, or a Markdown file shown with its links to neighbouring files
        working (Alt+Left goes back)."""
        super().__init__(parent)
        self.width_wanted = width
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        if isinstance(text, Path):
            self.text.setSource(QUrl.fromLocalFile(str(text)))
        else:
            self.text.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self._fit(buttons.sizeHint().height() + 3 * layout.spacing())

    def _fit(self, chrome: int) -> None:
        document = self.text.document()
        document.setTextWidth(self.width_wanted - 40)
        frame = 2 * self.text.frameWidth()
        wanted = int(document.size().height() + frame + chrome + 30)
        screen = self.screen().availableGeometry() if self.screen() else None
        tallest = int(screen.height() * 0.85) if screen else wanted
        self.resize(self.width_wanted, max(240, min(wanted, tallest)))


def scoring_doc(package: Traversable | None = None) -> Path | None:
    """docs/scoring.md where this installation has it: inside the package (`package`, the
    installed `whiteboard` by default) if a wheel ever carries it, else in the source checkout
    beside the package; None for a wheel without it or a zip import."""
    package = package or resources.files(whiteboard.__name__)
    if not isinstance(package, Path):
        return None  # inside a zip: no file a reader could open, no checkout beside it
    if (package / SCORING_DOC).is_file():
        return package / SCORING_DOC
    checkout = package.parent
    # pyproject.toml tells a checkout from site-packages, where any package may put a docs/.
    if (checkout / "pyproject.toml").is_file() and (checkout / SCORING_DOC).is_file():
        return checkout / SCORING_DOC
    return None


def scoring_summary() -> str:
    """What the scoring does in a few lines, for an installation without docs/scoring.md."""
    pillars = ", ".join(PILLAR_NAMES.values())
    return (
        "<p>For every workload on every target of the board's edition, Whiteboard asks:</p>"
        "<ol>"
        "<li><b>Can it run there at all?</b> Hard limits documented by AWS (run time, size, "
        "GPU, privileges, licence, operating system). One broken limit rules the target out, "
        "and the reason names the limit and the workload's value.</li>"
        f"<li><b>How does it fare on each pillar?</b> A score from 0 to 100 for {pillars}; "
        "every point comes with a reason, listed in the inspector.</li>"
        "<li><b>Where should it go?</b> The overall score is the mean of the pillar scores "
        "weighted by the sliders (0 where it cannot run); the best target it can run on is "
        "recommended, with the runner-up and the margin.</li>"
        "</ol>"
        f"<p>Every rule, number and reason is documented in <code>{SCORING_DOC.as_posix()}"
        "</code> in Whiteboard's source (the repository and the source archive); this "
        "installation does not include it.</p>"
    )


class Help:
    """The Help menu's commands; `table` gives the window's action table when asked."""

    def __init__(self, parent: QWidget, table: Callable[[], Sequence[Action]]) -> None:
        self.parent = parent
        self.table = table
        self.dialogs: dict[str, TextDialog] = {}

    def rows(self) -> list[ShortcutRow]:
        return [*window_shortcuts(self.table()), *presenter_shortcuts()]

    def show_shortcuts(self) -> None:
        self._show("shortcuts-dialog", "Keyboard shortcuts", lambda: shortcuts_html(self.rows()))

    def show_scoring(self) -> None:
        """Open docs/scoring.md in the reader the desktop chooses. When no program opens it,
        show it here; without it (a wheel), say briefly how scores work and where the rules
        are written down."""
        path = scoring_doc()
        if path is None:
            self._show("scoring-summary", SCORING_TITLE, scoring_summary)
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._show(
                "scoring-doc",
                f"{SCORING_TITLE} ({SCORING_DOC.as_posix()})",
                lambda: path,
                width=MARKDOWN_WIDTH,
            )

    def show_about(self) -> None:
        self._show("about-dialog", "About Whiteboard", about_html)

    def _show(
        self,
        name: str,
        title: str,
        text: Callable[[], str | Path],
        *,
        width: int = TextDialog.WIDTH,
    ) -> None:
        """Show the dialog `name` (made the first time), or bring it to the front."""
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = TextDialog(name, title, text(), self.parent, width=width)
            self.dialogs[name] = dialog
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.show()

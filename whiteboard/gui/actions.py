"""Actions as data: one table of (id, title, menu, shortcuts, callback) builds the menus, the
toolbar and the keyboard shortcuts, so a command is declared once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

Shortcut = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    title: str
    menu: str
    callback: Callable[[], object]
    shortcuts: tuple[Shortcut, ...] = ()
    toolbar: bool = False
    tip: str = ""
    #: Start a new group in its menu (a separator before it).
    separator: bool = False
    #: "window": the shortcut works anywhere in the window; "canvas": only while the slide or
    #: the workload list has focus (so arrows still move sliders and combo boxes elsewhere).
    scope: str = "window"


def key_sequences(shortcuts: Sequence[Shortcut]) -> list[QKeySequence]:
    """The key sequences of `shortcuts`, a standard key expanded to this platform's bindings."""
    sequences: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(shortcut))
        else:
            sequences.append(QKeySequence(shortcut))
    return sequences


def plain(title: str) -> str:
    """A menu or action title without its mnemonic marks ("Save &As…" -> "Save As…")."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


def install_actions(
    window: QMainWindow, table: Sequence[Action], canvas: Sequence[QWidget] = ()
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create the QActions, menus (in first-use order) and toolbar from `table`; actions scoped
    to the canvas get their shortcuts only while one of the `canvas` widgets has focus."""
    menus: dict[str, QMenu] = {}
    toolbar: QToolBar | None = None
    actions: dict[str, QAction] = {}
    for spec in table:
        action = QAction(spec.title, window)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec.shortcuts))
        tip = spec.tip or plain(spec.title).rstrip("…")
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False, cb=spec.callback: cb())
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = window.menuBar().addMenu(spec.menu)
        if spec.separator:
            menu.addSeparator()
        menu.addAction(action)
        if spec.scope == "canvas":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in canvas:
                widget.addAction(action)
        else:
            window.addAction(action)
        if spec.toolbar:
            if toolbar is None:
                toolbar = window.addToolBar("Main")
                toolbar.setObjectName("main-toolbar")
                toolbar.setMovable(False)
            toolbar.addAction(action)
        actions[spec.id] = action
    return actions, menus

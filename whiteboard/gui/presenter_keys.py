"""Qt key codes -> the Qt-free key names of `slides.playback.KEY_BINDINGS`.

The presenter's key table is data in `slides.playback`; this is only the dictionary that names a
Qt key the way that table does, so both presenter windows understand the same keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

Key = Qt.Key

QT_KEY_NAMES: dict[int, str] = {
    Key.Key_Right.value: "Right",
    Key.Key_Down.value: "Down",
    Key.Key_PageDown.value: "PageDown",
    Key.Key_Space.value: "Space",
    Key.Key_Return.value: "Return",
    Key.Key_Enter.value: "Enter",
    Key.Key_Left.value: "Left",
    Key.Key_Up.value: "Up",
    Key.Key_PageUp.value: "PageUp",
    Key.Key_Backspace.value: "Backspace",
    Key.Key_Home.value: "Home",
    Key.Key_End.value: "End",
    Key.Key_B.value: "B",
    Key.Key_Period.value: "Period",
    Key.Key_W.value: "W",
    Key.Key_P.value: "P",
    Key.Key_Escape.value: "Escape",
    **{(Key.Key_0.value + digit): str(digit) for digit in range(10)},
}

#: Shortcuts of the editor (Ctrl+W, Alt+B ...) are not presenter keys; Keypad and Shift are fine.
_IGNORED_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def key_name(event: QKeyEvent) -> str | None:
    """The presenter's name for a key press, or None when it is not one of its keys."""
    if event.modifiers() & _IGNORED_MODIFIERS:
        return None
    return QT_KEY_NAMES.get(event.key())


def claim_key(event: QKeyEvent, emit: Callable[[str], object]) -> bool:
    """Emit the presenter's name for a key press and accept it; False when it is not one of
    the presenter's keys (the window then handles it as usual)."""
    name = key_name(event)
    if name is None:
        return False
    event.accept()
    emit(name)
    return True

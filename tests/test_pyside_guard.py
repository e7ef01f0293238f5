"""PySide6 6.12.0 on CPython 3.11 aborts at exit (none_dealloc) after a few thousand setBrush
calls on graphics items. We cap PySide6 below 6.12; this test keeps a future bump honest."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication([])
scene = QGraphicsScene()
brush = QBrush(QColor("#336699"))
for i in range(20_000):
    item = QGraphicsRectItem(0, 0, 10, 10)
    item.setBrush(brush)
    item.setPos(i % 200, i // 200)
    item.setZValue(i)
    scene.addItem(item)
print(len(scene.items()))
"""


def test_twenty_thousand_brushed_items_exit_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-500:]}"
    assert result.stdout.strip() == "20000"
    assert "none_dealloc" not in result.stderr

"""One slider per pillar, in whole steps 0 to 5. Moving a slider rescores the whole board live;
one slider drag (or one key press) is one undo step, because its commands share a gesture token
and merge. A board saved with a fractional weight (say 1.5) keeps it, and shows it, until its
slider is moved.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSlider, QWidget

from whiteboard.gui.commands import new_gesture
from whiteboard.gui.radar import PILLAR_SHORT
from whiteboard.model import PILLAR_IDS, PillarId
from whiteboard.model.vocab import PILLAR_NAMES

#: Slider positions per unit of weight (whole steps), and the largest weight a slider offers.
STEPS_PER_UNIT = 1
SLIDER_MAX_WEIGHT = 5.0
#: What a weight means, on every slider's tooltip.
WEIGHT_TIP = (
    "How much {pillar} counts in each workload's overall score, from 0 (left out) to 5. "
    "The overall score is the mean of the six pillar scores weighted this way, so a pillar "
    "at 2 counts twice as much as one at 1."
)


class WeightsPanel(QWidget):
    #: (pillar, new weight, gesture token)
    weight_changed = Signal(str, float, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sliders: dict[PillarId, QSlider] = {}
        self._values: dict[PillarId, QLabel] = {}
        self._gesture: int | None = None
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        self.message.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        title = QLabel("<b>Pillar weights</b>")
        grid.addWidget(title, 0, 0, 1, 3)
        for row, pillar in enumerate(PILLAR_IDS, start=1):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight-{pillar}")
            slider.setRange(0, int(SLIDER_MAX_WEIGHT * STEPS_PER_UNIT))
            slider.setPageStep(STEPS_PER_UNIT)
            slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            slider.setTickInterval(STEPS_PER_UNIT)
            slider.setAccessibleName(f"Weight of {PILLAR_SHORT[pillar]}")
            slider.setToolTip(WEIGHT_TIP.format(pillar=PILLAR_NAMES[pillar]))
            slider.sliderPressed.connect(self._on_pressed)
            slider.sliderReleased.connect(self._on_released)
            slider.valueChanged.connect(lambda value, p=pillar: self._on_value_changed(p, value))
            value = QLabel()
            value.setMinimumWidth(30)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label = QLabel(PILLAR_SHORT[pillar])
            label.setToolTip(slider.toolTip())
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[pillar], self._values[pillar] = slider, value
        grid.addWidget(self.message, len(PILLAR_IDS) + 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def set_weights(self, weights: Mapping[PillarId, float]) -> None:
        """Show the board's weights (without emitting changes)."""
        for pillar, slider in self.sliders.items():
            weight = weights[pillar]
            slider.blockSignals(True)
            slider.setValue(round(min(weight, SLIDER_MAX_WEIGHT) * STEPS_PER_UNIT))
            slider.blockSignals(False)
            self._values[pillar].setText(f"{weight:g}")

    def show_problem(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def _on_pressed(self) -> None:
        self._gesture = new_gesture()

    def _on_released(self) -> None:
        self._gesture = None

    def _on_value_changed(self, pillar: PillarId, value: int) -> None:
        gesture = self._gesture if self._gesture is not None else new_gesture()
        self.weight_changed.emit(pillar, value / STEPS_PER_UNIT, gesture)

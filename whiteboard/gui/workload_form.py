"""The workload's fields as a form, validated by the pydantic model; errors show inline under the
field and the user's typing stays where it is until it is valid.

The pure part — field specs, text -> value, and pydantic errors -> per-field sentences — lives in
`workload_fields.py`; this module is only the widgets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whiteboard.gui.depends_picker import DependsPicker
from whiteboard.gui.workload_fields import (
    FIELDS,
    FieldSpec,
    display_value,
    placeholder,
    shows,
    validate_field,
    validate_new,
)
from whiteboard.model import Board, Workload

ERROR_STYLE = "color: #c0392b;"


class _Row:
    """One field: its editor and the error label under it."""

    def __init__(self, spec: FieldSpec, form: WorkloadForm) -> None:
        self.spec = spec
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.editor: QLineEdit | QComboBox | QCheckBox
        if spec.kind == "bool":
            self.editor = QCheckBox(spec.label)
            self.editor.clicked.connect(lambda _on: form._on_edited(spec.name))
        elif spec.kind == "choice":
            self.editor = QComboBox()
            for value, label in zip(spec.choices, spec.choice_labels, strict=True):
                self.editor.addItem(label, value)
            self.editor.activated.connect(lambda _i: form._on_edited(spec.name))
        else:
            self.editor = QLineEdit()
            self.editor.setPlaceholderText(spec.placeholder)
            self.editor.editingFinished.connect(lambda: form._on_edited(spec.name))
            self.editor.textEdited.connect(lambda _t: form._on_typing(spec.name))
        self.editor.setObjectName(f"field-{spec.name}")
        self.editor.setToolTip(spec.help)
        self.editor.setAccessibleName(spec.label)

    def text(self) -> str | bool:
        if isinstance(self.editor, QCheckBox):
            return self.editor.isChecked()
        if isinstance(self.editor, QComboBox):
            return str(self.editor.currentData())
        return self.editor.text()

    def show_value(self, value: object) -> None:
        if isinstance(self.editor, QCheckBox):
            self.editor.setChecked(bool(value))
        elif isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(self.editor.findData(str(value)))
        else:
            self.editor.setText(display_value(self.spec, value))
            self.editor.setCursorPosition(0)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if isinstance(self.editor, QLineEdit):
            self.editor.setStyleSheet("border: 1px solid #c0392b;" if message else "")

    def is_typing(self, shown: object) -> bool:
        """The editor holds text the user typed but has not committed yet."""
        if not isinstance(self.editor, QLineEdit):
            return False
        return not shows(self.spec, self.editor.text(), shown)

    def show_placeholder(self, workload: Workload | None) -> None:
        """The hint of an empty field; a usage field's names the default this workload gets."""
        if isinstance(self.editor, QLineEdit):
            self.editor.setPlaceholderText(placeholder(self.spec, workload))

    @property
    def has_error(self) -> bool:
        return bool(self.error.text())


class WorkloadForm(QWidget):
    """Edits one workload. In inspector mode every valid field change emits `committed` (one undo
    step per edit); in dialog mode (`with_id=True`) the owner calls `validated_new()`."""

    committed = Signal(object, str)  # the edited Workload, the field name

    def __init__(self, with_id: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._with_id = with_id
        self._workload: Workload | None = None
        self._board: Board | None = None
        self._id_touched = False
        self._rows: dict[str, _Row] = {}
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for spec in FIELDS:
            if spec.name == "id" and not with_id:
                continue
            row = _Row(spec, self)
            self._rows[spec.name] = row
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(1)
            if spec.name == "depends_on":
                cell_layout.addLayout(self._with_picker(row))
            else:
                cell_layout.addWidget(row.editor)
            cell_layout.addWidget(row.error)
            layout.addRow("" if spec.kind == "bool" else spec.label, cell)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)

    def _with_picker(self, row: _Row) -> QHBoxLayout:
        """The depends-on field with a Choose… button that picks workloads by name."""
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(row.editor, 1)
        self.choose_depends = QPushButton("Choose…")
        self.choose_depends.setObjectName("choose-depends")
        self.choose_depends.setToolTip("Pick the workloads this one depends on by name")
        self.choose_depends.clicked.connect(self._on_choose_depends)
        line.addWidget(self.choose_depends)
        return line

    def _on_choose_depends(self) -> None:
        """Open the picker (window-modal, not a nested event loop); OK writes its ids into the
        field and validates them as typed ones would be."""
        if self._board is None:
            return
        row = self._rows["depends_on"]
        typed = [part.strip() for part in str(row.text()).split(",") if part.strip()]
        exclude = self._workload.id if self._workload is not None else None
        self.picker = DependsPicker(self._board, typed, exclude=exclude, parent=self)
        self.picker.accepted.connect(lambda picker=self.picker: self._on_picked(picker))
        self.picker.open()

    def _on_picked(self, picker: DependsPicker) -> None:
        editor = self._rows["depends_on"].editor
        assert isinstance(editor, QLineEdit)
        editor.setText(", ".join(picker.chosen_ids()))
        self._on_edited("depends_on")

    # -- showing -----------------------------------------------------------------------------

    def set_workload(self, workload: Workload | None, board: Board) -> None:
        """Show `workload`'s values; a field the user is editing or that shows an error for the
        same workload keeps its text (an undo elsewhere must not wipe someone's typing)."""
        previous = self._workload
        same = workload is not None and previous is not None and workload.id == previous.id
        self._workload, self._board = workload, board
        self.setEnabled(workload is not None)
        for name, row in self._rows.items():
            # The defaults follow the traffic and run time, so every change may move them.
            row.show_placeholder(workload)
            if same and (row.has_error or row.is_typing(getattr(previous, name))):
                continue
            row.set_error(None)
            if workload is not None:
                row.show_value(getattr(workload, name))

    def editor(self, name: str) -> QWidget:
        return self._rows[name].editor

    def error_text(self, name: str) -> str:
        return self._rows[name].error.text()

    def raw_values(self) -> dict[str, str | bool]:
        return {name: row.text() for name, row in self._rows.items()}

    # -- editing -----------------------------------------------------------------------------

    def _on_typing(self, name: str) -> None:
        if self._with_id and name == "name" and not self._id_touched:
            from whiteboard.model import slugify

            name_text = self._rows["name"].text()
            self._rows["id"].show_value(slugify(str(name_text)) if name_text else "")
        if name == "id":
            self._id_touched = True

    def _on_edited(self, name: str) -> None:
        if self._with_id or self._workload is None or self._board is None:
            if self._with_id and self._rows[name].has_error:
                self.validated_new()
            return
        row = self._rows[name]
        workload, error = validate_field(self._workload, self._board, name, row.text())
        row.set_error(error)
        if workload is not None and workload != self._workload:
            self.committed.emit(workload, name)

    def validated_new(self) -> Workload | None:
        """Dialog mode: the new workload, or None with every problem shown under its field."""
        if self._board is None:
            return None
        workload, errors = validate_new(self._board, self.raw_values())
        for name, row in self._rows.items():
            row.set_error(errors.get(name))
        return workload

    def start_new(self, board: Board) -> None:
        """Dialog mode: empty fields with the model's defaults."""
        self._board = board
        self._workload = None
        self._id_touched = False
        for spec in FIELDS:
            row = self._rows.get(spec.name)
            if row is not None:
                row.set_error(None)
                row.show_value(spec.default)
                row.show_placeholder(None)
        self.setEnabled(True)

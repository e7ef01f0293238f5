"""File > Export: choose what to write and where, in one small form.

The form only builds an `ExportOptions`; `gui.exporting` runs it. A bad folder or an empty
choice is said under the form and the dialog stays open with everything the user set.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from whiteboard.export import FULL_HANDOUT_MAX, Appendix, Detail, ExportOptions
from whiteboard.model.preferences import ExportChoices
from whiteboard.model.workload import slugify
from whiteboard.slides.theme import BAD


def export_options_for(
    folder: Path,
    base: str,
    *,
    png: bool = False,
    svg: bool = False,
    pdf: bool = False,
    terraform: bool = False,
    pptx: bool = False,
    wa_lens: bool = False,
    pptx_template: Path | None = None,
    paper: str = "a4",
    step: int | None = None,
    detail: Detail | None = None,
    appendix: Appendix | None = None,
) -> ExportOptions:
    """The files one export writes: `base.png`/`base-chart.png`, `base.svg`/`base-chart.svg`,
    `base-handout.pdf`, `base.pptx` and the folders `base-terraform/` and `base-wa-lens/`, all
    in `folder`."""
    return ExportOptions(
        png=folder / f"{base}.png" if png else None,
        svg=folder / f"{base}.svg" if svg else None,
        pdf=folder / f"{base}-handout.pdf" if pdf else None,
        terraform=folder / f"{base}-terraform" if terraform else None,
        pptx=folder / f"{base}.pptx" if pptx else None,
        pptx_template=pptx_template if pptx else None,
        wa_lens=folder / f"{base}-wa-lens" if wa_lens else None,
        step=step,
        paper="letter" if paper == "letter" else "a4",
        detail=detail,
        appendix=appendix,
    )


#: The handout's choices as the dialog words them; None: automatic, by the board's size.
AUTOMATIC = f"Automatic (in full up to {FULL_HANDOUT_MAX} workloads)"
DETAIL_CHOICES: dict[str, Detail | None] = {
    AUTOMATIC: None,
    "Every workload in full": "all",
    "Only those that need attention": "attention",
    "None (overview and tables only)": "none",
}
APPENDIX_CHOICES: dict[str, Appendix | None] = {
    AUTOMATIC: None,
    "Full text of the stubs": "full",
    "Summary: one table of the files": "summary",
    "None": "none",
}


def _index_of(words: dict[str, str | None], remembered: str) -> int:
    """The entry of a remembered choice ("auto" is the automatic one, None in `words`)."""
    values = list(words.values())
    wanted = None if remembered == "auto" else remembered
    return values.index(wanted) if wanted in values else 0


class ExportDialog(QDialog):
    def __init__(
        self,
        folder: Path,
        base: str,
        parent: QWidget | None = None,
        choices: ExportChoices | None = None,
    ) -> None:
        super().__init__(parent)
        choices = choices or ExportChoices()
        self.setWindowTitle("Export")
        self.result_options: ExportOptions | None = None
        self.png = QCheckBox("Slide and chart as PNG (1920x1080)")
        self.svg = QCheckBox("Slide and chart as SVG")
        self.pdf = QCheckBox("PDF handout")
        self.terraform = QCheckBox("Terraform stubs for the placed workloads")
        self.pptx = QCheckBox("PowerPoint build-up (editable, Morph between steps)")
        self.wa_lens = QCheckBox("Well-Architected custom lens, answers and load script")
        for box, ticked in (
            (self.png, choices.png),
            (self.svg, choices.svg),
            (self.pdf, choices.pdf),
            (self.terraform, choices.terraform),
            (self.pptx, choices.pptx),
            (self.wa_lens, choices.wa_lens),
        ):
            box.setChecked(ticked)
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse)
        self.name = QLineEdit(slugify(base, "board"))
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        self.paper.setCurrentIndex(1 if choices.paper == "letter" else 0)
        self.detail = QComboBox()
        self.detail.addItems(list(DETAIL_CHOICES))
        self.detail.setCurrentIndex(_index_of(DETAIL_CHOICES, choices.detail))
        self.appendix = QComboBox()
        self.appendix.addItems(list(APPENDIX_CHOICES))
        self.appendix.setCurrentIndex(_index_of(APPENDIX_CHOICES, choices.appendix))
        self.template = QLineEdit()
        self.template.setPlaceholderText("optional: the customer's .potx or .pptx")
        template_browse = QPushButton("Browse…")
        template_browse.clicked.connect(self._on_browse_template)
        self._template_row = QHBoxLayout()
        self._template_row.addWidget(self.template, 1)
        self._template_row.addWidget(template_browse)
        self._template_widgets = (self.template, template_browse)
        self.pptx.toggled.connect(self._on_pptx_toggled)
        self._on_pptx_toggled(self.pptx.isChecked())
        self.pdf.toggled.connect(self._on_pdf_toggled)
        self._on_pdf_toggled(self.pdf.isChecked())
        self.step = QSpinBox()
        self.step.setRange(0, 99)
        self.step.setSpecialValueText("final slide")
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {BAD}")
        self.problem.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Folder", folder_row)
        form.addRow("File names start with", self.name)
        form.addRow("Paper (handout)", self.paper)
        form.addRow("Workload detail", self.detail)
        form.addRow("Terraform appendix", self.appendix)
        form.addRow("PowerPoint template", self._template_row)
        form.addRow("Build-up step (diagrams)", self.step)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in self._outputs():
            layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _outputs(self) -> tuple[QCheckBox, ...]:
        return (self.png, self.svg, self.pdf, self.terraform, self.pptx, self.wa_lens)

    def _on_pdf_toggled(self, ticked: bool) -> None:
        """The handout's own choices mean something only when a handout is exported."""
        self.detail.setEnabled(ticked)
        self.appendix.setEnabled(ticked)

    def _on_pptx_toggled(self, ticked: bool) -> None:
        for widget in self._template_widgets:
            widget.setEnabled(ticked)

    def _on_browse_template(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "PowerPoint template", self.folder.text(), "PowerPoint (*.potx *.pptx)"
        )
        if chosen:
            self.template.setText(chosen)

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def options(self) -> ExportOptions | str:
        """The options, or one sentence saying what is missing."""
        folder = Path(self.folder.text().strip()).expanduser()
        base = self.name.text().strip()
        if not any(box.isChecked() for box in self._outputs()):
            return "Choose at least one thing to export."
        if not folder.is_dir():
            return f"The folder {folder} does not exist."
        if not base or "/" in base or "\\" in base:
            return "File names need a start without slashes, e.g. workshop."
        template_text = self.template.text().strip()
        template = Path(template_text).expanduser() if template_text else None
        if self.pptx.isChecked() and template is not None and not template.is_file():
            return f"The PowerPoint template {template} is not a file."
        return export_options_for(
            folder,
            base,
            png=self.png.isChecked(),
            svg=self.svg.isChecked(),
            pdf=self.pdf.isChecked(),
            terraform=self.terraform.isChecked(),
            pptx=self.pptx.isChecked(),
            wa_lens=self.wa_lens.isChecked(),
            pptx_template=template,
            paper=self.paper.currentText().lower(),
            step=self.step.value() or None,
            detail=DETAIL_CHOICES[self.detail.currentText()],
            appendix=APPENDIX_CHOICES[self.appendix.currentText()],
        )

    def _on_ok(self) -> None:
        options = self.options()
        if isinstance(options, str):
            self.problem.setText(options)
            return
        self.result_options = options
        self.accept()

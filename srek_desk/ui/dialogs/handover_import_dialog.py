"""Dialog of the case handover import: open a file, see what it holds, decide per client.

`HandoverImportDialog.ask` decrypts the chosen file off the GUI thread (the key derivation takes
a moment), lists its clients with possible duplicates unticked, and returns an ImportChoice
(file, password, decision per pseudonym: take over as new, merge into the one look-alike here,
or skip) or None.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.handover.file_format import FILE_SUFFIX
from srek_desk.services.handover.service import MERGE, NEW, SKIP, HandoverPreview, PreviewClient
from srek_desk.ui.dialogs.handover_dialog import (
    CheckableRows,
    add_form_row,
    day_text,
    error_label,
    file_row,
    ok_cancel,
    password_edit,
)
from srek_desk.ui.models.rows_model import Column
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportChoice:
    path: Path
    password: str
    decisions: dict[str, str]  # pseudonym in the package → "new", "merge" or "skip"


Reader = Callable[[Path, str], HandoverPreview]


class HandoverImportDialog(QDialog):
    def __init__(self, runner: TaskRunner, reader: Reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader = reader
        self.preview: HandoverPreview | None = None
        self.merging: set[str] = set()  # pseudonyms to merge into their look-alike here
        self.setWindowTitle(self.tr("Import case handover"))
        self.resize(980, 560)
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_file)
        self.password = password_edit(self.tr("Password"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_package)
        self.password.returnPressed.connect(self.open_package)
        form = QFormLayout()
        add_form_row(form, self.tr("&File:"), self.path, file_row(self.path, choose))
        add_form_row(
            form, self.tr("&Password:"), self.password, file_row(self.password, self.open_button)
        )

        self.summary = QLabel(self.tr("Choose the file and enter the password you were given."))
        self.summary.setWordWrap(True)
        self.model = CheckableRows(
            [
                Column(self.tr("Client"), lambda c: c.name),
                Column(self.tr("Born"), lambda c: day_text(c.birth_date), lambda c: c.birth_date),
                Column(self.tr("Notes"), lambda c: str(c.counts["notes"]), align_right=True),
                Column(
                    self.tr("Proposals"), lambda c: str(c.counts["proposals"]), align_right=True
                ),
                Column(
                    self.tr("Possibly already here"),
                    self._duplicate_text,
                    tooltip=self._duplicate_text,
                ),
                Column(self.tr("Decision"), self._decision_text),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Clients in the file"))
        self.model.dataChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.merge_button = QPushButton(self.tr("&Merge into the existing record"))
        self.merge_button.setToolTip(
            self.tr(
                "Possible when exactly one similar record is stored here that you may see: its "
                "values stay, empty ones are filled, notes and proposals are added."
            )
        )
        self.merge_button.setCheckable(True)
        self.merge_button.toggled.connect(self._set_merge)
        merge_row = QHBoxLayout()
        merge_row.addStretch(1)
        merge_row.addWidget(self.merge_button)
        self.error = error_label()
        buttons, self.import_button = ok_cancel(
            self, self.tr("&Import ticked clients"), self.tr("Cancel")
        )
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(merge_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update_buttons()

    def _duplicate_text(self, client: PreviewClient) -> str:
        text = client.duplicate_text
        if client.customer_number_taken:
            note = self.tr("customer number taken here: imported without it")
            text = f"{text}; {note}" if text else note
        return text

    def _decision_text(self, client: PreviewClient) -> str:
        if self.model.rows.index(client) not in self.model.checked:
            return self.tr("skip")
        if client.pseudonym in self.merging:
            return self.tr("merge into existing")
        return self.tr("import as new record") if client.is_duplicate else self.tr("import")

    def _selected(self) -> tuple[int, PreviewClient] | None:
        client = self.table.current_row()
        return (self.model.rows.index(client), client) if client is not None else None

    def _set_merge(self, on: bool) -> None:
        """Merge the selected client into its look-alike (ticks it), or import it as new."""
        selected = self._selected()
        if selected is None or selected[1].merge_target is None:
            return
        number, client = selected
        if on:
            self.merging.add(client.pseudonym)
            self.model.checked.add(number)
        else:
            self.merging.discard(client.pseudonym)
        first, last = self.model.index(number, 0), self.model.index(number, 5)
        self.model.dataChanged.emit(first, last)

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.windowTitle(),
            self.path.text(),
            self.tr("Case handover (*%1);;All files (*)").replace("%1", FILE_SUFFIX),
        )
        if chosen:
            self.path.setText(chosen)

    def open_package(self) -> None:
        """Decrypt and read the file off the GUI thread; the preview fills the table."""
        path, password = Path(self.path.text().strip()).expanduser(), self.password.text()
        if not self.path.text().strip() or not password:
            self._show_error(self.tr("Choose the file and enter its password."))
            return
        self.open_button.setEnabled(False)
        self.summary.setText(self.tr("Decrypting…"))
        self._show_error(None)
        self.runner.start(
            lambda _progress, _cancelled: self.reader(path, password),
            self,
            on_finished=self._opened,
            on_failed=self._failed,
        )

    def _opened(self, preview: HandoverPreview) -> None:
        self.preview = preview
        self.merging.clear()
        self.open_button.setEnabled(True)
        rows = list(preview.clients)
        self.model.set_rows(rows, {n for n, c in enumerate(rows) if not c.is_duplicate})
        self.table.fit_columns(widest=240)
        when = f"{preview.created_at.astimezone():%d.%m.%Y}" if preview.created_at else "?"
        text = (
            self.tr("From %1 (%2), exported on %3: %4 clients.")
            .replace("%1", preview.office or "?")
            .replace("%2", preview.exported_by or "?")
            .replace("%3", when)
            .replace("%4", str(len(rows)))
        )
        if preview.duplicates:
            text += " " + self.tr(
                "Possibly stored here already (not ticked): %1. Tick them to import them as new "
                "records anyway."
            ).replace("%1", str(preview.duplicates))
        self.summary.setText(text)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.preview = None
        self.model.set_rows([])
        self.summary.setText("")
        if isinstance(error, UserError):
            self._show_error(error.message)
        else:
            log.error("reading a handover file failed", exc_info=error)
            self._show_error(self.tr("The file could not be read. Details are in the log file."))
        self._update_buttons()

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _update_buttons(self, *_args: Any) -> None:
        self.import_button.setEnabled(self.preview is not None and bool(self.model.checked))
        selected = self._selected()
        can_merge = selected is not None and selected[1].merge_target is not None
        self.merge_button.setEnabled(can_merge)
        self.merge_button.blockSignals(True)
        self.merge_button.setChecked(
            can_merge
            and selected is not None
            and selected[0] in self.model.checked
            and selected[1].pseudonym in self.merging
        )
        self.merge_button.blockSignals(False)

    def choice(self) -> ImportChoice:
        decisions = {}
        for number, client in enumerate(self.model.rows):
            if number not in self.model.checked:
                decisions[client.pseudonym] = SKIP
            else:
                decisions[client.pseudonym] = MERGE if client.pseudonym in self.merging else NEW
        return ImportChoice(
            Path(self.path.text().strip()).expanduser(), self.password.text(), decisions
        )

    @classmethod
    def ask(cls, parent: QWidget | None, runner: TaskRunner, reader: Reader) -> ImportChoice | None:
        dialog = cls(runner, reader, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

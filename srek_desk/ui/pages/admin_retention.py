"""Löschfristen tab: the office's retention periods, a preview of what is due, then one confirmed
step that deletes or anonymises it (both off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.services.core.access import Actor
from srek_desk.services.protection.retention import (
    RetentionOutcome,
    RetentionPreview,
    RetentionService,
)
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.pages.admin_common import local_time, show_failure
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable


class RetentionTab(QWidget):
    """`data_changed` after records were deleted or anonymised."""

    data_changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        actor: Actor,
        retention: RetentionService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.actor = actor
        self.retention = retention
        self.preview: RetentionPreview | None = None
        self.busy = False

        periods = QGroupBox(self.tr("Retention periods of the office"))
        form = QFormLayout(periods)
        policy = retention.policy
        months = self.tr("deleted after %1 months")
        client_text = self.tr("anonymised after %1 months") if policy.anonymise_instead else months
        self.period_labels = {
            "clients": QLabel(client_text.replace("%1", str(policy.inactive_client_months))),
            "notes": QLabel(months.replace("%1", str(policy.note_months))),
            "sheets": QLabel(months.replace("%1", str(policy.printed_sheet_months))),
            "audit": QLabel(months.replace("%1", str(policy.audit_months))),
        }
        form.addRow(self.tr("Clients without any contact:"), self.period_labels["clients"])
        form.addRow(self.tr("Counselling notes:"), self.period_labels["notes"])
        form.addRow(self.tr("Records of printed sheets:"), self.period_labels["sheets"])
        form.addRow(self.tr("Audit log entries:"), self.period_labels["audit"])
        explanation = QLabel(
            self.tr(
                "Contact means any change, note, proposal or printed sheet. The office's data "
                "protection officer sets the periods in the configuration (settings retention.*)."
            )
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.clicked.connect(self.compute_preview)
        self.apply_button = QPushButton(
            self.tr("&Anonymise now…") if policy.anonymise_instead else self.tr("&Delete now…")
        )
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(False)
        self.summary = QLabel(
            self.tr("Press “Preview” to see what is due; nothing is deleted before you confirm.")
        )
        self.summary.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(self.tr("Client"), lambda c: c.name),
                Column(
                    self.tr("Last contact"),
                    lambda c: local_time(c.last_activity)[:10],
                    sort=lambda c: c.last_activity.isoformat(),
                ),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Clients due"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(periods)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """A preview on screen is computed again; none is computed unasked (it reads every client)."""
        if self.preview is not None and not self.busy:
            self.compute_preview()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.preview_button.setEnabled(not busy)
        self.apply_button.setEnabled(
            not busy and self.preview is not None and not self.preview.empty
        )

    # -- preview -----------------------------------------------------------------------------
    def compute_preview(self) -> None:
        if self.busy:
            return
        retention = self.retention
        self.preview = None
        self._set_busy(True)
        self.summary.setText(self.tr("Looking for what is due …"))
        self.runner.start(
            lambda _p, _c: retention.preview(),
            self,
            on_finished=self._show_preview,
            on_failed=self._failed,
        )

    def _show_preview(self, preview: RetentionPreview) -> None:
        self.preview = preview
        self.model.set_rows(list(preview.clients))
        self.table.fit_columns(widest=400)
        if preview.empty:
            self.summary.setText(self.tr("Nothing is due at the moment."))
        else:
            self.summary.setText(self._counts_text(preview))
        self._set_busy(False)

    @staticmethod
    def _counts(pairs: list[tuple[str, int]]) -> str:
        return " · ".join(label + ": " + str(count) for label, count in pairs)

    def _counts_text(self, preview: RetentionPreview) -> str:
        clients = (
            self.tr("clients to be anonymised")
            if preview.policy.anonymise_instead
            else self.tr("clients to be deleted")
        )
        return (
            self.tr("Due now")
            + " – "
            + self._counts(
                [
                    (clients, len(preview.clients)),
                    (self.tr("counselling notes"), preview.notes),
                    (self.tr("records of printed sheets"), preview.printed_sheets),
                    (self.tr("audit log entries"), preview.audit_entries),
                ]
            )
        )

    # -- apply -------------------------------------------------------------------------------
    def confirmation_text(self, preview: RetentionPreview) -> str:
        if preview.policy.anonymise_instead:
            clients = self.tr(
                "Clients to be anonymised (name, contact details, notes and printed sheets are "
                "removed; what statistics need stays): %1"
            )
        else:
            clients = self.tr(
                "Clients to be deleted with everything stored about them (notes, proposals, "
                "printed sheets): %1"
            )
        lines = [
            clients.replace("%1", str(len(preview.clients))),
            self.tr("Further counselling notes to be deleted: %1").replace(
                "%1", str(preview.notes)
            ),
            self.tr("Records of printed sheets to be deleted: %1").replace(
                "%1", str(preview.printed_sheets)
            ),
            self.tr("Audit log entries to be deleted: %1").replace(
                "%1", str(preview.audit_entries)
            ),
        ]
        return "\n".join(lines) + "\n\n" + self.tr("This cannot be undone. Carry on?")

    def apply(self) -> None:
        preview = self.preview
        if self.busy or preview is None or preview.empty:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Apply retention periods"),
            self.confirmation_text(preview),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        retention, actor = self.retention, self.actor
        self._set_busy(True)
        self.summary.setText(self.tr("Carrying out …"))
        self.runner.start(
            lambda _p, _c: retention.apply(actor, preview),
            self,
            on_finished=self._applied,
            on_failed=self._failed,
        )

    def _applied(self, outcome: RetentionOutcome) -> None:
        anonymised = self.preview is not None and self.preview.policy.anonymise_instead
        self.preview = None
        self.model.set_rows([])
        self.summary.setText(
            self.tr("Done")
            + " – "
            + self._counts(
                [
                    (
                        self.tr("clients anonymised") if anonymised else self.tr("clients deleted"),
                        outcome.clients,
                    ),
                    (self.tr("counselling notes deleted"), outcome.notes),
                    (self.tr("records of printed sheets deleted"), outcome.printed_sheets),
                    (self.tr("audit log entries deleted"), outcome.audit_entries),
                ]
            )
        )
        self._set_busy(False)
        self.data_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.summary.setText("")
        show_failure(self, self.tr("Retention periods"), error)

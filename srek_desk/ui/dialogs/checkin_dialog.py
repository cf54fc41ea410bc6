"""Back from the laptop: what was taken over, and per conflict both versions to choose from.

A conflict is a client changed in the office and on the laptop since the checkout. Nothing of
theirs is written until the counsellor picks, per client, "keep the office version" or "take
the laptop version"; notes, follow-ups and proposals of both sides are kept either way.
`ask` returns {pseudonym: "server" | "laptop"} for the decided clients (the caller applies them
with `services.offline.resolve`), or None when the decisions are left for later.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srek_desk.services.offline.state import (
    KEEP_LAPTOP,
    KEEP_SERVER,
    CheckinResult,
    Conflict,
    FieldDifference,
    show_value,
)
from srek_desk.ui.models.rows_model import ROW_ROLE, Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable


class CheckinDialog(QDialog):
    def __init__(self, result: CheckinResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.choices: dict[str, str] = {}
        self.setWindowTitle(self.tr("Back from the laptop"))
        self.resize(900, 560)

        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.conflicts_model = RowsModel(
            [
                Column(self.tr("Client"), lambda c: c.client.name),
                Column(self.tr("Fields"), lambda c: str(len(c.differences())), align_right=True),
                Column(self.tr("Decision"), self._decision_text),
            ],
            self,
        )
        self.conflicts_model.set_rows(result.conflicts)
        self.conflicts_table = RowsTable(self.conflicts_model, self.tr("Conflicts"))
        self.differences_model = RowsModel(
            [
                Column(self.tr("Field"), lambda d: self._field_label(d.field)),
                Column(self.tr("Office"), lambda d: show_value(d.server)),
                Column(self.tr("Laptop"), lambda d: show_value(d.laptop)),
                Column(self.tr("Changed in"), self._changed_in),
            ],
            self,
        )
        self.differences_table = RowsTable(self.differences_model, self.tr("Both versions"))

        self.keep_office_button = QPushButton(self.tr("Keep &office version"))
        self.take_laptop_button = QPushButton(self.tr("Take &laptop version"))
        self.keep_office_button.clicked.connect(lambda: self._choose(KEEP_SERVER))
        self.take_laptop_button.clicked.connect(lambda: self._choose(KEEP_LAPTOP))
        choice_row = QHBoxLayout()
        choice_row.addStretch(1)
        choice_row.addWidget(self.keep_office_button)
        choice_row.addWidget(self.take_laptop_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.differences_table, 1)
        right_layout.addLayout(choice_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.conflicts_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 540])
        self.conflicts_table.fit_columns()

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("&Apply decisions"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        later = self.buttons.addButton(
            self.tr("Decide &later") if result.conflicts else self.tr("&Close"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        later.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        splitter.setVisible(bool(result.conflicts))
        self.apply_button.setVisible(bool(result.conflicts))

        self.conflicts_table.selectionModel().selectionChanged.connect(self._show_selected)
        self.conflicts_table.select_first()
        self._update_buttons()

    # -- texts --------------------------------------------------------------------------------

    def _summary_text(self) -> str:
        result = self.result
        lines = []
        if result.applied:
            lines.append(
                self.tr("Changed on the laptop and taken over: {0}").format(
                    ", ".join(a.client.name for a in result.applied)
                )
            )
        if result.created:
            lines.append(
                self.tr("New on the laptop, added: {0}").format(
                    ", ".join(c.client.name for c in result.created)
                )
            )
        for created in result.created:
            if created.duplicate_of:
                lines.append(
                    self.tr("{0} may already exist in the office ({1}); please check.").format(
                        created.client.name, created.duplicate_of
                    )
                )
        if result.office_only:
            lines.append(
                self.tr("Changed only in the office (nothing to do): {0}").format(
                    ", ".join(c.name for c in result.office_only)
                )
            )
        for skipped in result.skipped:
            lines.append(
                self.tr("Not taken over: {0} ({1})").format(
                    skipped.client.name or skipped.client.pseudonym, skipped.reason
                )
            )
        added = result.added
        lines.append(
            self.tr(
                "Added in the office: {0} notes, {1} follow-ups, {2} proposals, {3} printed sheets."
            ).format(
                added.get("notes", 0),
                added.get("follow_ups", 0),
                added.get("proposals", 0),
                added.get("printed_sheets", 0),
            )
        )
        lines.extend(result.warnings)
        if result.conflicts:
            lines.append(
                self.tr(
                    "These clients were changed in the office and on the laptop. Nothing of "
                    "theirs has been written yet: choose for each whose details to keep. Notes, "
                    "follow-ups and proposals from both sides are kept either way."
                )
            )
        else:
            lines.append(self.tr("No conflicts: everything from the laptop is in the office now."))
        return "\n".join(lines)

    def _decision_text(self, conflict: Conflict) -> str:
        choice = self.choices.get(conflict.pseudonym)
        if choice == KEEP_SERVER:
            return self.tr("Keep office version")
        if choice == KEEP_LAPTOP:
            return self.tr("Take laptop version")
        return self.tr("open")

    def _changed_in(self, difference: FieldDifference) -> str:
        if difference.changed_in_office and difference.changed_on_laptop:
            return self.tr("both")
        if difference.changed_on_laptop:
            return self.tr("laptop")
        return self.tr("office")

    def _field_label(self, name: str) -> str:
        labels = {
            "customer_number": self.tr("Customer number"),
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "birth_date": self.tr("Date of birth"),
            "email": self.tr("Email"),
            "phone": self.tr("Phone"),
            "street": self.tr("Street"),
            "home_postcode": self.tr("Postcode"),
            "home_place": self.tr("Place"),
            "school_qualification": self.tr("School qualification"),
            "vocational_qualification": self.tr("Vocational qualification"),
            "driving_licences": self.tr("Driving licences"),
            "has_car": self.tr("Has a car"),
            "mobility_modes": self.tr("Means of transport"),
            "max_commute_minutes": self.tr("Longest commute (minutes)"),
            "willing_to_relocate": self.tr("Would relocate"),
            "working_time": self.tr("Working time"),
            "earliest_start": self.tr("Earliest start"),
            "consent_given": self.tr("Consent"),
            "consent_date": self.tr("Date of consent"),
            "accepts_fixed_term": self.tr("Fixed term acceptable"),
            "status": self.tr("Status"),
            "shared": self.tr("Shared with the team"),
            "restricted": self.tr("Processing restricted"),
            "restricted_at": self.tr("Restricted since"),
            "anonymised_at": self.tr("Anonymised on"),
            "counsellor": self.tr("Counsellor"),
            "wishes": self.tr("Occupation wishes"),
            "languages": self.tr("Languages"),
            "skills": self.tr("Skills and certificates"),
            "offer_preferences": self.tr("Offer preferences"),
            "last_contact_at": self.tr("Last contact"),
        }
        return labels.get(name, name)

    # -- choosing -----------------------------------------------------------------------------

    def current_conflict(self) -> Conflict | None:
        conflict = self.conflicts_table.current_row()
        return conflict if isinstance(conflict, Conflict) else None

    def _show_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        conflict = self.current_conflict()
        self.differences_model.set_rows(conflict.differences() if conflict else [])
        self.differences_table.fit_columns()
        self._update_buttons()

    def _choose(self, keep: str) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        self.choices[conflict.pseudonym] = keep
        row = self.conflicts_model.rows.index(conflict)
        decision = self.conflicts_model.index(row, 2)
        self.conflicts_model.dataChanged.emit(decision, decision)
        self._select_next_open()
        self._update_buttons()

    def _select_next_open(self) -> None:
        proxy = self.conflicts_table.proxy
        for row in range(proxy.rowCount()):
            conflict = proxy.index(row, 0).data(ROW_ROLE)
            if conflict.pseudonym not in self.choices:
                self.conflicts_table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has_current = self.current_conflict() is not None
        self.keep_office_button.setEnabled(has_current)
        self.take_laptop_button.setEnabled(has_current)
        self.apply_button.setEnabled(bool(self.choices))

    @classmethod
    def ask(cls, parent: QWidget | None, result: CheckinResult) -> dict[str, str] | None:
        """{pseudonym: "server" | "laptop"} for the decided conflicts, or None (decide later)."""
        dialog = cls(result, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dict(dialog.choices)

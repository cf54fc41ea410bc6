"""Heute page, keyboard shortcuts, and an accessible name on every input of every page and dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def unnamed_inputs(root: QWidget) -> list[str]:
    inputs = [
        *root.findChildren(QLineEdit),
        *root.findChildren(QAbstractItemView),
        *root.findChildren(QComboBox),
        *root.findChildren(QAbstractSpinBox),
        *root.findChildren(QPlainTextEdit),
        *root.findChildren(QTextEdit),
    ]
    return [
        f"{type(w).__name__} in {type(w.parentWidget()).__name__}"
        for w in inputs
        if w.isVisibleTo(root)
        and not w.accessibleName()
        # the line edit inside a spin box or date edit is named by its owner
        and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox))
    ]


def test_today_page_shows_follow_ups_recent_and_expiring(main_window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = window.today_page
    assert window.pages.currentWidget() is page
    client = window.client_service.recent_clients(1)[0]
    window.client_service.add_follow_up(client.id, date.today(), "Zeugnis mitbringen")
    window.refresh()  # F5
    assert any(f.text == "Zeugnis mitbringen" for f in page.follow_model.rows)
    assert page.recent_model.rowCount() == 12
    for model in (page.follow_model, page.recent_model, page.expiring_model):
        qtmodeltester.check(model)
    assert page.import_label.text() == "Noch kein Import."
    row = [f.text for f in page.follow_model.rows].index("Zeugnis mitbringen")
    page.follow_ups.selectRow(row)
    page.done_button.click()
    assert all(f.text != "Zeugnis mitbringen" for f in page.follow_model.rows)
    page.recent.selectRow(0)
    page.recent.doubleClicked.emit(page.recent.currentIndex())
    assert window.pages.currentWidget() is window.matching_page


def test_shortcuts_f5_ctrl_f_ctrl_p(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    window = main_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.clients_page  # Heute has no search box
    assert window.clients_page.table_page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.matching_page
    assert not window.matching_page.print_button.isEnabled()  # nothing picked: nothing printed
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.matching_page.isVisible()


def test_every_input_on_every_page_has_an_accessible_name(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.show_matching(window.client_service.recent_clients(1)[0].id)
    from pathlib import Path

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "import"
    window.imports_page.set_file(fixtures / "offers.csv")  # shows the column mapping
    problems = {}
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        problems[window.navigation.item(row).text()] = unnamed_inputs(window)
    tabs = window.settings_page.tabs
    window.navigation.setCurrentRow(window.page_list.index(window.settings_page))
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        problems[f"settings tab {tab}"] = unnamed_inputs(window)
    assert not any(problems.values()), problems


def test_every_input_in_every_dialog_has_an_accessible_name(
    main_window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.clients.values import ClientInput
    from srek_desk.ui.dialogs.client_editor import ClientEditor
    from srek_desk.ui.dialogs.conflict_dialog import ConflictDialog
    from srek_desk.ui.dialogs.demo_dialog import DemoDataDialog
    from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog
    from srek_desk.ui.dialogs.walk_in_dialog import WalkInDialog

    w = main_window
    client_id = w.client_service.recent_clients(1)[0].id
    w.show_matching(client_id)
    w.matching_page.add_to_sheet()
    first_offer = w.matching_page.picked[0].offer_id
    dialogs: list[QDialog] = []
    walk_in = WalkInDialog(
        w.client_service, w.reference, w.matching_service, w.sheet_service, w.runner, w
    )
    editor = ClientEditor(w.client_service, w.proposal_service, w.reference, client_id, w)
    from srek_desk.services.offers.employers import EmployerInput
    from srek_desk.services.offers.service import OfferInput
    from srek_desk.ui.dialogs.record_editor import RecordEditor
    from srek_desk.ui.pages.employers_page import employer_specs
    from srek_desk.ui.pages.offers_page import offer_specs

    dialogs += [
        walk_in,
        editor,
        ConflictDialog(ClientInput(), ClientInput(first_name="x"), w),
        DemoDataDialog(w),
        RecordEditor("o", offer_specs(), OfferInput(), lambda v: True, w.reference, w),
        RecordEditor("e", employer_specs(), EmployerInput(), lambda v: True, w.reference, w),
    ]
    dialogs.append(
        OfferMatchesDialog(w.matching_service, w.proposal_service, first_offer, w.actor, w)
    )
    problems = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems[type(dialog).__name__] = unnamed_inputs(dialog)
    for step in range(walk_in.steps.count()):
        walk_in.steps.setCurrentIndex(step)
        problems[f"walk-in step {step}"] = unnamed_inputs(walk_in)
    for tab in range(editor.form.count()):
        editor.form.setCurrentIndex(tab)
        problems[f"editor tab {tab}"] = unnamed_inputs(editor)
    assert not any(problems.values()), problems

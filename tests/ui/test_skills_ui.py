"""Skills picker and offer preferences in the client form; Einstellungen › Kenntnisse and
the Erinnerungen settings group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from srek_desk.services.clients.values import ClientInput
from srek_desk.services.offers.skills import SkillService
from srek_desk.ui.widgets.client_form import ClientForm
from srek_desk.ui.widgets.skill_picker import CODE_ROLE, SkillPicker


def _rows(picker: SkillPicker) -> list[tuple[str, str]]:
    model = picker.model
    return [
        (model.index(r, 0).data(CODE_ROLE), model.index(r, 0).data())
        for r in range(model.rowCount())
    ]


def _row_of(picker: SkillPicker, code: str) -> int:
    return next(r for r, (c, _text) in enumerate(_rows(picker)) if c == code)


def test_client_form_round_trips_skills_and_preferences(
    qtbot, database, reference, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    skills = SkillService(database)
    crane = skills.add("Drohnenführerschein", category="Lager und Logistik")
    hoof = skills.add("Hufbeschlag", category="Handwerk und Bau")
    skills.update(crane, label="Drohnenführerschein", category="Lager und Logistik", active=False)
    skills.update(hoof, label="Hufbeschlag", category="Handwerk und Bau", active=False)
    form = ClientForm(reference, skills=skills.vocabulary(include_inactive=True))
    qtbot.addWidget(form)
    data = ClientInput(
        first_name="Mara",
        last_name="Beispiel",
        home_postcode="37269",
        skills=(crane, "staplerschein", "alter_code"),
        offer_preferences=("refugee", "no_temp_agency"),
    )
    form.set_value(data)
    assert form.value() == data  # load → save unchanged gives the same input
    picker = form.skills
    qtmodeltester.check(picker.model)
    shown = dict(_rows(picker))
    assert shown[crane] == "Drohnenführerschein (deaktiviert)"  # kept and visible, marked
    assert hoof not in shown  # deactivated and not the client's: not offered
    assert shown["alter_code"] == "alter_code"  # deleted from the vocabulary: still kept
    headings = [text for code, text in _rows(picker) if not code]
    assert "Nicht mehr in der Liste" in headings  # the deleted code's heading
    assert "Lager und Logistik" in headings  # skills grouped by category
    assert picker.summary.text() == "Gewählt: Drohnenführerschein, Staplerschein, alter_code"

    picker.model.toggle(_row_of(picker, crane))  # untick the deactivated one
    picker.search.setText("erste hilfe")
    assert [c for c, _t in _rows(picker) if c] == ["erste_hilfe"]
    qtmodeltester.check(picker.model)
    picker.search.setText("Ersthelfer")  # a synonym finds it too
    assert [c for c, _t in _rows(picker) if c] == ["erste_hilfe"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # Enter ticks the first hit
    assert picker.search.text() == ""
    assert form.value().skills == ("staplerschein", "alter_code", "erste_hilfe")
    assert (
        dict(_rows(picker))[crane] == "Drohnenführerschein (deaktiviert)"
    )  # unticked, still in view

    form.preferences["lateral_entry"].setChecked(True)
    form.preferences["refugee"].setChecked(False)
    assert form.value().offer_preferences == ("no_temp_agency", "lateral_entry")
    assert "schwerbehinderten" in form.preferences["severely_disabled"].toolTip()


def test_skills_settings_add_edit_deactivate_and_delete_only_unused(  # type: ignore[no-untyped-def]
    main_window, qtmodeltester, monkeypatch
) -> None:
    window = main_window
    window.navigation.setCurrentRow(window.page_list.index(window.settings_page))
    page = window.settings_page
    tab = page.skills_tab
    assert page.tabs.tabText(page.tabs.indexOf(tab)).replace("&", "") == "Kenntnisse"
    qtmodeltester.check(tab.model)
    skills = SkillService(window.database)
    before = len(skills.vocabulary(include_inactive=True))
    assert tab.model.rowCount() == before

    tab.new_skill()
    tab.label.setText("")
    tab.save_skill()
    assert "Bezeichnung" in tab.message.text()  # refused, in German
    tab.label.setText("Kranschein")
    tab.save_skill()
    assert "schon in der Liste" in tab.message.text()
    tab.label.setText("Drohnenführerschein")
    tab.category.setCurrentText("Lager und Logistik")
    tab.course.setText("Kurs Drohnenführerschein A2")
    tab.synonyms.setPlainText("Drohne fliegen\nDrohnenpilot")
    tab.save_skill()
    assert tab.model.rowCount() == before + 1
    entry = tab.current_entry()
    code = entry.code
    assert (entry.label, entry.course, entry.synonyms) == (
        "Drohnenführerschein",
        "Kurs Drohnenführerschein A2",
        ("Drohne fliegen", "Drohnenpilot"),
    )
    assert skills.resolver().resolve("Drohne fliegen") == code
    assert tab.delete_button.isEnabled()  # the office's own and unused

    tab.label.setText("Drohnenführerschein A2")
    tab.save_skill()
    assert skills.labels()[code] == "Drohnenführerschein A2"

    tab.toggle_active()
    assert code not in {e.code for e in skills.vocabulary()}
    row = tab.model.row_of(code)
    assert tab.model.index(row, 4).data() == "nein"
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert tab.deactivate_button.text().replace("&", "") == "Wieder aktivieren"
    tab.toggle_active()
    assert code in {e.code for e in skills.vocabulary()}

    # a skill in use is refused with a reason and stays
    client_id = window.client_service.recent_clients(1)[0].id
    data, version = window.client_service.input_of(client_id)
    from dataclasses import replace

    window.client_service.update(
        client_id, replace(data, skills=(code,)), version, window.reference
    )
    tab.load(select=code)
    assert not tab.delete_button.isEnabled()
    assert "1 Klient:in" in tab.usage_label.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.delete_skill()
    assert "verwendet" in tab.message.text()
    assert code in skills.labels()

    # a shipped skill cannot be deleted either; an unused own one can
    used = skills.usage_counts()
    shipped = next(e.code for e in skills.vocabulary() if e.seeded and e.code not in used)
    tab.load(select=shipped)
    assert not tab.delete_button.isEnabled() and "geliefert" in tab.usage_label.text()
    tab.new_skill()
    tab.label.setText("Hufbeschlag")
    tab.save_skill()
    unused = tab.current_entry().code
    assert tab.delete_button.isEnabled()
    tab.delete_skill()
    assert unused not in skills.labels() and "Gelöscht" in tab.message.text()
    assert tab.model.rowCount() == before + 1
    qtmodeltester.check(tab.model)


def test_reminder_settings_are_editable(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(window.page_list.index(window.settings_page))
    page = window.settings_page
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert "Erinnerungen" in titles
    for key in (
        "reminders.no_contact_days",
        "reminders.apprenticeship_start_days",
        "reminders.deadline_days",
        "matching.stale_after_days",
        "matching.weight_skills",
    ):
        assert key in page.fields
    page.fields["reminders.no_contact_days"].setValue(28)
    page.fields["matching.stale_after_days"].setValue(14)
    page.save()
    assert page.config["reminders.no_contact_days"] == 28
    assert window.offers_page.stale_after_days == 14  # the offer list follows the setting
    page.fields["reminders.deadline_days"].setValue(500)
    page.save()
    assert not page.errors["reminders.deadline_days"].isHidden()
    assert page.config["reminders.deadline_days"] == 7  # refused, nothing saved

"""The check-in dialog: both versions per conflict, a decision per client, `ask`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QDialog

from srek_desk.services.offline.state import (
    KEEP_LAPTOP,
    KEEP_SERVER,
    Applied,
    CheckinResult,
    ClientRef,
    Conflict,
    Created,
)
from srek_desk.ui.dialogs.checkin_dialog import CheckinDialog

BASE = {"phone": "0561 1", "street": "", "email": "", "wishes": [["26112", 1]], "has_car": False}


def _conflict(name: str, pseudonym: str, **laptop: object) -> Conflict:
    office = {**BASE, "email": "buero@example.org", "phone": "0561 2"}
    return Conflict(
        laptop_id="ab" * 16,
        client=ClientRef(pseudonym, name),
        base_state=dict(BASE),
        server_state=office,
        laptop_state={**BASE, **laptop},
        server_version=2,
        laptop_version=2,
    )


def _result() -> CheckinResult:
    return CheckinResult(
        checkout_id=1,
        laptop_id="ab" * 16,
        applied=[Applied(ClientRef("p1", "Beispiel, Jonas"), ("phone",))],
        created=[Created(ClientRef("p2", "Probe, Mia"), duplicate_of="Probe, Mia (K-7)")],
        conflicts=[
            _conflict("Musterfrau, Lena", "p3", phone="0170 3", has_car=True),
            _conflict("Zweite, Zoe", "p4", street="Laptopweg 1"),
        ],
        added={"notes": 2, "follow_ups": 1, "proposals": 0, "printed_sheets": 0},
        warnings=["Musterfrau, Lena: Vorschlag zum Angebot A-3 (test) nicht übernommen."],
    )


def test_both_versions_are_shown_and_each_client_decided(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckinDialog(_result())
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.conflicts_model)
    qtmodeltester.check(dialog.differences_model)
    summary = dialog.summary.text()
    assert "Beispiel, Jonas" in summary and "Probe, Mia (K-7)" in summary and "A-3" in summary
    assert dialog.current_conflict() is not None
    assert dialog.current_conflict().client.name == "Musterfrau, Lena"  # type: ignore[union-attr]
    rows = {
        dialog.differences_model.index(r, 0).data(): (
            dialog.differences_model.index(r, 1).data(),
            dialog.differences_model.index(r, 2).data(),
            dialog.differences_model.index(r, 3).data(),
        )
        for r in range(dialog.differences_model.rowCount())
    }
    assert len(rows) == 3  # phone (both), email (office), car (laptop); the wishes agree
    phone = next(v for v in rows.values() if v[:2] == ("0561 2", "0170 3"))
    car = next(v for v in rows.values() if v[:2] == ("–", "✓"))
    assert phone[2] != car[2]
    assert not dialog.apply_button.isEnabled()

    dialog.keep_office_button.click()
    assert dialog.choices == {"p3": KEEP_SERVER}
    assert dialog.apply_button.isEnabled()
    assert dialog.current_conflict().client.name == "Zweite, Zoe"  # type: ignore[union-attr]  # next open one
    assert dialog.differences_model.rowCount() == 3  # phone, email (office) and street (laptop)
    dialog.take_laptop_button.click()
    assert dialog.choices == {"p3": KEEP_SERVER, "p4": KEEP_LAPTOP}
    decisions = {
        dialog.conflicts_model.index(r, 0).data(): dialog.conflicts_model.index(r, 2).data()
        for r in range(2)
    }
    assert decisions["Musterfrau, Lena"] != decisions["Zweite, Zoe"]
    qtmodeltester.check(dialog.conflicts_model)


def test_ask_returns_the_decisions_or_none(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def decide(dialog):  # type: ignore[no-untyped-def]
        dialog.take_laptop_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CheckinDialog, "exec", decide)
    assert CheckinDialog.ask(None, _result()) == {"p3": KEEP_LAPTOP}
    monkeypatch.setattr(CheckinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert CheckinDialog.ask(None, _result()) is None


def test_without_conflicts_only_the_summary(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckinDialog(replace(_result(), conflicts=[]))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.apply_button.isVisible()
    assert dialog.current_conflict() is None
    assert not dialog.keep_office_button.isEnabled()


def test_decisions_from_the_dialog_resolve_a_real_check_in(
    qtbot, monkeypatch, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.db.models import Client
    from srek_desk.services.clients.service import ClientService
    from srek_desk.services.core.database import open_database
    from srek_desk.services.offline import checkin, checkout, resolve
    from srek_desk.services.protection.accounts import AccountService
    from tests.db.offline_fixtures import PASSWORD, office_database

    with office_database("sqlite", tmp_path, reference) as office:
        laptop_file = tmp_path / "laptop.sqlite3"
        checkout(office.db, laptop_file, office.berta, [office.lena])
        clients = ClientService(office.db, office.berta)
        data, version = clients.input_of(office.lena)
        clients.update(office.lena, replace(data, phone="0561 BÜRO"), version, reference)
        laptop = open_database(laptop_file)
        berta = AccountService(laptop).authenticate("berta", PASSWORD)
        here = ClientService(laptop, berta)
        data, version = here.input_of(office.lena)  # the laptop keeps the office ids
        here.update(office.lena, replace(data, phone="0170 LAPTOP"), version, reference)
        laptop.dispose()

        result = checkin(office.db, laptop_file, office.berta)

        def decide(dialog):  # type: ignore[no-untyped-def]
            dialog.take_laptop_button.click()
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(CheckinDialog, "exec", decide)
        choices = CheckinDialog.ask(None, result)
        assert choices is not None
        for conflict in result.conflicts:
            resolve(office.db, laptop_file, office.berta, conflict, choices[conflict.pseudonym])
        with office.db.session() as session:
            assert session.get(Client, office.lena).phone == "0170 LAPTOP"  # type: ignore[union-attr]

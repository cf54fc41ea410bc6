"""Lists reload when another desk changed data on the shared database."""

from __future__ import annotations

from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.changes import change_stamp
from srek_desk.ui.change_watcher import ChangeWatcher
from srek_desk.ui.tasks import InlineRunner
from tests.db.privacy_fixtures import person


def test_stamp_moves_with_every_kind_of_change(database, reference) -> None:  # type: ignore[no-untyped-def]
    before = change_stamp(database)
    assert change_stamp(database) == before  # nothing changed, nothing reported
    client_id = ClientService(database).create(person("Karl", "Kollege", "K-1"), reference)
    after_create = change_stamp(database)
    assert after_create != before
    ClientService(database).add_note(client_id, "Anruf")
    assert change_stamp(database) != after_create


def test_watcher_reports_a_colleagues_change_once(qtbot, database, reference) -> None:  # type: ignore[no-untyped-def]
    watcher = ChangeWatcher(database, InlineRunner(), seconds=60)
    watcher.start()
    reports: list[bool] = []
    watcher.changed.connect(lambda: reports.append(True))
    watcher.poll()
    assert reports == []
    ClientService(database).create(person("Karl", "Kollege", "K-1"), reference)  # another desk
    watcher.poll()
    watcher.poll()
    assert reports == [True]
    watcher.stop()

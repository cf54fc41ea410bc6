"""Fetching offers from the Jobbörse into the database: pages, saved searches, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from srek_desk.errors import UserError
from srek_desk.importers.jobboerse import FetchCancelled, JobboerseClient
from srek_desk.importers.jobboerse_pages import JobboerseError, SearchQuery
from srek_desk.services.imports.fetch import FetchService
from srek_desk.services.imports.service import ImportService
from tests.jobboerse_fake import FakeJobboerse, listing, listings

KASSEL = SearchQuery("ausbildung", was="Mechatroniker", wo="34117", umkreis=25)
KOCH = SearchQuery("ausbildung", was="Koch", wo="Göttingen", umkreis=30)
TABLES = ("offer", "employer", "import_run", "jobboerse_query", "jobboerse_query_offer")


def snapshot(database: Any) -> dict[str, list[str]]:
    """Every row of the tables a fetch writes, for "exactly as before"."""
    with database.engine.connect() as conn:
        return {
            table: sorted(repr(tuple(row)) for row in conn.execute(text(f"SELECT * FROM {table}")))
            for table in TABLES
        }


def fetcher(
    database: Any, reference: Any, fake: FakeJobboerse, slept: list[float] | None = None, **kw: Any
) -> FetchService:
    sleep = slept.append if slept is not None else (lambda _s: None)
    return FetchService(
        database,
        reference,
        lambda: JobboerseClient(
            fake.base_url, "jobboerse-jobsuche", sleep=sleep, backoff=0.01, **kw
        ),
    )


def offers(database: Any) -> dict[str, tuple[bool, str]]:
    """reference -> (active, offer_type) of the stored offers."""
    with database.engine.connect() as conn:
        return {
            reference: (bool(active), offer_type)
            for reference, active, offer_type in conn.execute(
                text("SELECT reference, active, offer_type FROM offer")
            )
        }


def links(database: Any, name: str) -> set[str]:
    with database.engine.connect() as conn:
        return set(
            conn.execute(
                text(
                    "SELECT o.reference FROM jobboerse_query_offer l "
                    "JOIN jobboerse_query q ON q.id = l.query_id "
                    "JOIN offer o ON o.id = l.offer_id WHERE q.name = :name"
                ),
                {"name": name},
            ).scalars()
        )


def ref(number: int) -> str:
    return listing(number)["refnr"]


def test_a_saved_search_is_paged_and_stored_like_a_ba_json_file(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 250, title="Mechatroniker/in (m/w/d)"))
    fake.offers[101]["arbeitsort"]["koordinaten"]["lat"] = 123.0  # broken record on page 2
    service = fetcher(database, reference, fake)
    report = service.fetch(KASSEL, save_as="Kassel Mechatronik")
    assert (report.status, report.pages, report.total) == ("imported", 3, 250)
    assert (report.new, report.bad_rows, report.complete) == (249, 1, True)
    assert report.errors[0]["message"].startswith("Datensatz 102 (Seite 2, stellenangebote[1])")
    stored = offers(database)
    assert len(stored) == 249
    # Search listings name no type; the search asked for Ausbildung, so that is what they are.
    assert {offer_type for _active, offer_type in stored.values()} == {"ausbildung"}
    assert len(links(database, "Kassel Mechatronik")) == 249
    saved = service.saved("Kassel Mechatronik")
    assert (saved.query, saved.last_result_count) == (KASSEL, 250)
    assert saved.last_fetched_at is not None
    history = ImportService(database, reference).history()
    assert history[0]["file_name"] == "Jobbörse „Kassel Mechatronik“"
    assert history[0]["source"] == "BA-Jobsuche" and history[0]["new"] == 249
    data = report.as_dict()
    assert data["pages"] == 3 and data["query"]["name"] == "Kassel Mechatronik"
    assert "changed_offer_ids" not in data


def test_429_waits_as_asked_and_the_fetch_goes_on(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    fake.faults = {2: ["429"]}
    slept: list[float] = []
    report = fetcher(database, reference, fake, slept).fetch(KASSEL)
    assert sum(slept) == pytest.approx(7.0)
    assert report.new == 150 and len(offers(database)) == 150


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (["slow"], "Die Jobbörse antwortet nicht (Zeitüberschreitung nach 0,5 s bei Seite 2)"),
        (["malformed"], "Die Jobbörse hat auf Seite 2 eine fehlerhafte Antwort geliefert"),
        (["drop"] * 5, "Die Verbindung zur Jobbörse brach bei Seite 2 ab (5 Versuche"),
        (["503"] * 5, "Die Jobbörse ist gestört (HTTP 503 bei Seite 2; 5 Versuche"),
    ],
)
def test_a_failure_in_the_middle_leaves_the_database_exactly_as_before(
    database: Any, reference: Any, httpserver: Any, fault: list[str], said: str
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    service = fetcher(database, reference, fake, timeout=0.5 if fault == ["slow"] else 30)
    service.fetch(KASSEL, save_as="Kassel")
    fake.offers = listings(50, 200)  # 1 … 49 vanished, 151 … 249 new
    fake.faults = {2: list(fault)}
    fake.slow_seconds = 1.0
    before = snapshot(database)
    with pytest.raises(JobboerseError) as failure:
        service.fetch_saved("Kassel")
    assert said in failure.value.message
    assert failure.value.message.endswith(
        "Nichts wurde gespeichert; die Datenbank ist unverändert."
    )
    assert snapshot(database) == before
    fake.settle()


def test_a_connection_dropped_once_is_retried(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    fake.faults = {2: ["drop"]}
    report = fetcher(database, reference, fake).fetch(KASSEL)
    assert report.new == 150
    assert [r["page"] for r in fake.requests] == ["1", "2", "2"]


@pytest.mark.parametrize("when", ["paging", "writing"])
def test_cancel_leaves_the_database_exactly_as_before(
    database: Any, reference: Any, httpserver: Any, when: str
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 250))
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="Kassel")
    fake.offers = listings(100, 250)
    before = snapshot(database)
    pages_seen: list[int] = []

    def progress(done: int, total: int) -> None:
        pages_seen.append(done)

    def cancelled() -> bool:  # after page 2 of 3, or once all pages are in (the write begins)
        return len(pages_seen) >= (2 if when == "paging" else 4)

    with pytest.raises(FetchCancelled) as cancel:
        service.fetch_saved("Kassel", progress=progress, cancelled=cancelled)
    assert "abgebrochen" in cancel.value.message and "unverändert" in cancel.value.message
    assert len(fake.requests) == 3 + (2 if when == "paging" else 3)
    assert snapshot(database) == before


def test_a_refetch_retires_exactly_the_vanished_offers_of_that_search(
    database: Any, reference: Any, httpserver: Any, tmp_path: Path
) -> None:
    file = tmp_path / "ba.json"  # offers from a file, same source as the Jobbörse
    file.write_text(json.dumps({"stellenangebote": listings(900, 3)}), encoding="utf-8")
    assert ImportService(database, reference).import_file(file).new == 3
    fake = FakeJobboerse(httpserver, [*listings(1, 5), listing(50)])
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="A")
    fake.offers = [*listings(20, 3), listing(50)]
    service.fetch(KOCH, save_as="B")

    fake.offers = listings(1, 3)  # 4, 5 and 50 vanished from A; 50 is still in B
    fake.offers[2]["arbeitsort"]["koordinaten"]["lat"] = 123.0  # 3 is there, but broken
    report = service.fetch_saved("A")
    assert report.deactivated == 2 and report.bad_rows == 1
    assert [o["reference"] for o in report.retired_offers] == [ref(4), ref(5)]
    assert report.full_load and report.retired == 2
    assert "Deaktiviert, weil nicht mehr in dieser Suche (2):" in report.text()
    stored = offers(database)
    inactive = {r for r, (active, _type) in stored.items() if not active}
    assert inactive == {ref(4), ref(5)}
    assert links(database, "A") == {ref(1), ref(2), ref(3)}
    assert links(database, "B") == {ref(20), ref(21), ref(22), ref(50)}

    fake.offers = listings(1, 5)  # 4 and 5 are back
    assert service.fetch_saved("A").deactivated == 0
    assert all(active for active, _type in offers(database).values())


def test_an_incomplete_refetch_retires_nothing(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 5))
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="A")
    fake.offers = listings(1, 2)
    fake.total = 5  # the Jobbörse counts 5 but only 2 arrive
    report = service.fetch_saved("A")
    assert (report.deactivated, report.not_fetched, report.complete) == (0, 3, False)
    assert "Weil nicht alle Angebote abgerufen wurden, wurde nichts deaktiviert." in report.text()
    assert "3 der 5 Angebote, die die Jobbörse zählt, konnten nicht abgerufen werden; ein" in (
        report.text()
    )
    assert all(active for active, _type in offers(database).values())
    assert links(database, "A") == {ref(n) for n in range(1, 6)}


def test_a_name_in_use_for_another_search_is_refused_before_fetching(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 3))
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="A")
    asked = len(fake.requests)
    with pytest.raises(UserError) as refusal:
        service.fetch(KOCH, save_as="A")
    assert "„A“ gibt es schon, mit anderen Angaben" in refusal.value.message
    assert len(fake.requests) == asked
    assert service.fetch(KASSEL, save_as="A").unchanged == 3  # the same search: fetched again


def test_all_saved_go_on_after_one_fails_and_deleting_keeps_the_offers(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 3))
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="A")
    service.fetch(KOCH, save_as="B")
    fake.faults = {1: ["503"] * 5}  # the first search asked (A) fails, B goes through
    reports = service.fetch_all_saved()
    assert [(r.query["name"], r.status) for r in reports] == [("A", "failed"), ("B", "imported")]
    assert "HTTP 503" in reports[0].message and "unverändert" in reports[0].message
    service.delete_saved("A")
    assert [s.name for s in service.saved_queries()] == ["B"]
    assert len(offers(database)) == 3


def test_a_search_deleted_while_it_is_fetched_stores_nothing(
    database: Any, reference: Any, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 3))
    service = fetcher(database, reference, fake)
    service.fetch(KASSEL, save_as="A")
    fake.offers = listings(1, 5)

    def deleted_meanwhile(_done: int, _total: int) -> None:  # a colleague's desk deletes it
        if any(s.name == "A" for s in service.saved_queries()):
            service.delete_saved("A")

    before = snapshot(database)
    with pytest.raises(UserError) as refusal:
        service.fetch_saved("A", progress=deleted_meanwhile)
    assert "„A“ wurde inzwischen gelöscht" in refusal.value.message
    after = snapshot(database)
    assert after["jobboerse_query"] == [] and after["offer"] == before["offer"]

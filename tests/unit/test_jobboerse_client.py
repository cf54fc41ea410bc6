"""The Jobbörse client against a local server: paging, the 10,000 window, retries, errors, proxy."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from typing import Any

import pytest

from srek_desk.errors import UserError
from srek_desk.importers.jobboerse import JobboerseClient, retry_after_seconds
from srek_desk.importers.jobboerse_pages import JobboerseError, SearchQuery, read_page
from tests.jobboerse_fake import FakeJobboerse, listing, listings

QUERY = SearchQuery("ausbildung", was="Mechatroniker", wo="34117", umkreis=25)


def client(
    fake: FakeJobboerse, slept: list[float] | None = None, **options: Any
) -> JobboerseClient:
    sleep = slept.append if slept is not None else (lambda _s: None)
    return JobboerseClient(
        fake.base_url, "jobboerse-jobsuche", sleep=sleep, backoff=0.01, **options
    )


def test_pages_from_one_with_the_query_and_the_key(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 230))
    result = client(fake).search(QUERY)
    assert [r["page"] for r in fake.requests] == ["1", "2", "3"]
    assert fake.requests[0] == {
        "angebotsart": "4",
        "was": "Mechatroniker",
        "wo": "34117",
        "umkreis": "25",
        "page": "1",
        "size": "100",
    }
    assert set(fake.api_keys) == {"jobboerse-jobsuche"}
    assert (result.pages, result.total, len(result.offers), result.max_results) == (
        3,
        230,
        230,
        230,
    )
    assert result.complete and result.not_fetched == 0
    assert [o.line for o in result.offers[:2]] == [1, 2] and result.offers[-1].line == 230


def test_a_search_beyond_ten_thousand_is_split_by_occupational_field(httpserver: Any) -> None:
    fake = FakeJobboerse(
        httpserver,
        listings(1, 250, berufsfeld="Elektro")
        + listings(1000, 120, berufsfeld="Metall")
        + listings(2000, 30, berufsfeld="Gastronomie"),
    )
    fake.total = 25_000
    fake.facets = {"Elektro": 12_000, "Metall": 120, "Gastronomie": 30}
    fake.field_totals = {"Elektro": 12_000}  # more than the Jobbörse serves of one search
    result = client(fake).search(QUERY)
    assert result.split == ["Elektro", "Gastronomie", "Metall"]
    assert {r.get("berufsfeld") for r in fake.requests} == {
        None,
        "Elektro",
        "Metall",
        "Gastronomie",
    }
    assert all(int(r["page"]) * int(r["size"]) <= 10_000 for r in fake.requests)
    assert len(result.offers) == 400  # page 1 of the whole search came again in its parts
    assert result.capped == {"Elektro": 2_000}
    assert result.not_fetched == 25_000 - 400 and not result.complete
    notes = "\n".join(result.notes())
    assert "nach 3 Berufsfeldern aufgeteilt" in notes
    assert "Berufsfeld „Elektro“: 2.000 Angebote lagen jenseits der 10.000" in notes
    assert (
        "24.600 der 25.000 Angebote, die die Jobbörse zählt, konnten nicht abgerufen werden; bitte"
        in notes
    )
    assert "mehrfach" in notes  # page 1 of the whole search came again: said, taken once


def test_without_facets_a_large_search_is_fetched_to_the_limit_and_the_rest_reported(
    httpserver: Any,
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 10_000))
    fake.total = 25_000
    result = client(fake).search(QUERY)
    assert len(fake.requests) == 100  # pages 1 … 100 of 100: the whole window, nothing refused
    assert max(int(r["page"]) for r in fake.requests) == 100
    assert len(result.offers) == 10_000 and result.not_fetched == 15_000
    assert not result.complete
    assert (
        "15.000 der 25.000 Angebote, die die Jobbörse zählt, konnten nicht abgerufen werden; bitte"
        in "\n".join(result.notes())
    )


def test_429_is_retried_after_the_wait_the_jobboerse_asks_for(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    fake.faults = {2: ["429"]}
    slept: list[float] = []
    result = client(fake, slept).search(QUERY)
    assert [r["page"] for r in fake.requests] == ["1", "2", "2"]
    assert sum(slept) == pytest.approx(7.0)  # Retry-After: 7, not the tiny backoff
    assert len(result.offers) == 150


def test_5xx_backs_off_exponentially_and_then_gives_up(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 50))
    fake.faults = {1: ["503"] * 5}
    slept: list[float] = []
    with pytest.raises(JobboerseError) as failure:
        client(fake, slept).search(QUERY)
    assert len(fake.requests) == 5
    assert sum(slept) == pytest.approx(0.01 + 0.02 + 0.04 + 0.08)
    assert "Die Jobbörse ist gestört (HTTP 503 bei Seite 1; 5 Versuche" in failure.value.message


def test_a_retry_after_beyond_patience_is_told_in_minutes(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 5))
    fake.faults = {1: ["429"]}
    fake.retry_after = "900"
    with pytest.raises(JobboerseError) as failure:
        client(fake).search(QUERY)
    assert "bittet, es in ca. 15 Minuten erneut zu versuchen" in failure.value.message


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 12, 7, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 07 Dec 2026 10:00:30 GMT", now) == 30
    assert retry_after_seconds("12", now) == 12
    assert retry_after_seconds("bald", now) is None


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (403, "der API-Schlüssel (Einstellung jobboerse.api_key) wird nicht angenommen"),
        (400, "Die Jobbörse lehnt die Suche ab (HTTP 400: Zugriff verweigert)"),
        (404, "bitte die Einstellung jobboerse.base_url prüfen"),
    ],
)
def test_refusals_are_not_retried_and_say_what_to_check(
    httpserver: Any, status: int, said: str
) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 5))
    fake.status = status
    with pytest.raises(JobboerseError) as failure:
        client(fake).search(QUERY)
    assert len(fake.requests) == 1
    assert said in failure.value.message


def test_a_timeout_names_the_seconds_and_the_page(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    fake.faults = {2: ["slow"]}
    fake.slow_seconds = 1.0
    with pytest.raises(JobboerseError) as failure:
        client(fake, timeout=0.3).search(QUERY)
    assert "Die Jobbörse antwortet nicht (Zeitüberschreitung nach 0,3 s bei Seite 2)" in (
        failure.value.message
    )
    fake.settle()


def test_a_connection_dropped_halfway_is_retried(httpserver: Any) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 150))
    fake.faults = {2: ["drop"]}
    result = client(fake).search(QUERY)
    assert [r["page"] for r in fake.requests] == ["1", "2", "2"]
    assert len(result.offers) == 150


def test_a_server_that_is_not_there() -> None:
    with socket.socket() as probe:  # a port that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = JobboerseClient(f"http://127.0.0.1:{port}", "k", sleep=lambda _s: None)
    with pytest.raises(JobboerseError) as failure:
        unreachable.search(QUERY)
    assert "Die Jobbörse (127.0.0.1) ist nicht erreichbar: die Verbindung wird abgelehnt" in (
        failure.value.message
    )


def test_the_system_proxy_is_used(httpserver: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeJobboerse(httpserver, listings(1, 3))
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", fake.base_url)  # the office proxy forwards to the Jobbörse
    behind_proxy = JobboerseClient("http://jobboerse.invalid", "k", sleep=lambda _s: None)
    result = behind_proxy.search(QUERY)
    assert len(result.offers) == 3  # jobboerse.invalid cannot be resolved: only the proxy knew


def test_the_query_type_fills_records_that_name_none() -> None:
    data = (
        b'{"maxErgebnisse": 2, "stellenangebote": ['
        + b",".join(
            json.dumps(item).encode()
            for item in (
                listing(1, title="Ausbildung Koch/Köchin"),
                listing(2, studiengang="Mechatronik (B.Eng.)"),
            )
        )
        + b"]}"
    )
    page = read_page(data, 1, SearchQuery("praktikum", wo="Kassel"), 0)
    # the Jobbörse filtered for Praktikum: a title word does not overrule it; a record's own
    # statement does
    assert [r.offer_type for r in page.records] == ["praktikum", "duales_studium"]
    dual = json.dumps(
        {"maxErgebnisse": 1, "stellenangebote": [listing(3, title="Duales Studium Mechatronik")]}
    ).encode()
    [record] = read_page(dual, 1, SearchQuery("ausbildung", wo="Kassel"), 0).records
    assert record.offer_type == "duales_studium"  # angebotsart 4 is Ausbildung/Duales Studium


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (SearchQuery("ausbildung"), "Bitte angeben, was"),
        (SearchQuery("ausbildung", was="Koch", umkreis=25), "nur zusammen mit einem Ort"),
        (SearchQuery("ausbildung", wo="Kassel", umkreis=500), "zwischen 0 und 200 km"),
        (SearchQuery("lehre", wo="Kassel"), "Unbekannte Angebotsart „lehre“"),
    ],
)
def test_queries_that_cannot_be_asked_are_refused_in_german(query: SearchQuery, said: str) -> None:
    with pytest.raises(UserError) as refusal:
        query.checked()
    assert said in refusal.value.message

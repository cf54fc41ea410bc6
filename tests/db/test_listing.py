"""Paged listings: counts, pages without gaps, search across columns, sorting, client lookup."""

from __future__ import annotations

from srek_desk.db.repositories import client_by_reference
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.listing import ListingService


def test_pages_cover_all_rows_once(demo_database) -> None:  # type: ignore[no-untyped-def]
    service = ListingService(demo_database, "offers")
    total = service.count()
    ids: list[int] = []
    offset = 0
    while True:
        page = service.page(order_by="place", offset=offset, limit=97)
        if not page:
            break
        ids += [row[0] for row in page]
        offset += len(page)
    assert len(ids) == total == len(set(ids)) == 600


def test_search_needs_every_word_case_insensitive(demo_database) -> None:  # type: ignore[no-untyped-def]
    service = ListingService(demo_database, "offers")
    rows = service.page(search="ausbildung KASSEL", limit=1000)
    assert rows
    for row in rows:
        text = " ".join(str(v) for v in row[1:]).lower()
        assert "ausbildung" in text and "kassel" in text
    assert service.count("ausbildung KASSEL") == len(rows)


def test_search_treats_percent_and_underscore_literally(demo_database) -> None:  # type: ignore[no-untyped-def]
    service = ListingService(demo_database, "offers")
    assert service.count("%") == 0
    assert service.count("_") == 0


def test_sort_descending_and_filters(demo_database) -> None:  # type: ignore[no-untyped-def]
    service = ListingService(demo_database, "offers")
    rows = service.page(order_by="start_date", descending=True, limit=600)
    dates = [r[1 + service.keys.index("start_date")] for r in rows]
    assert dates == sorted(dates, reverse=True)
    hessen = service.count(filters={"state": "HE"})
    assert 0 < hessen < 600
    states = {r[1 + service.keys.index("state")] for r in rows}
    assert sum(service.count(filters={"state": s}) for s in states) == 600


def test_employer_listing_counts_active_offers(demo_database) -> None:  # type: ignore[no-untyped-def]
    service = ListingService(demo_database, "employers")
    rows = service.page(limit=10_000)
    assert sum(r[1 + service.keys.index("offer_count")] for r in rows) == 600


def test_client_lookup_by_id_or_customer_number_and_detail(demo_database) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        by_number = client_by_reference(session, "DEMO3-000007")
        by_id = client_by_reference(session, str(by_number.id))
        assert by_number is not None and by_id is not None and by_id.id == by_number.id
        assert client_by_reference(session, "NOPE") is None
    detail = ClientService(demo_database).detail(by_number.id)
    assert detail is not None and detail.client.customer_number == "DEMO3-000007"
    assert detail.wishes and detail.wishes[0][1] == 1
    assert tuple(lang for lang, _ in detail.languages[:1]) == ("de",)

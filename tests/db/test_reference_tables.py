"""The office's tables: seeded neighbouring occupations and an imported travel-time table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from srek_desk.config import Config
from srek_desk.db.models_reference import RelatedOccupation
from srek_desk.errors import UserError
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.matching.service import MatchService
from srek_desk.services.offers.reference_tables import (
    add_related,
    import_travel_times,
    load_related,
    load_travel_times,
    remove_related,
)


def test_related_table_is_seeded_and_editable(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        seeded = session.execute(select(func.count(RelatedOccupation.id))).scalar_one()
    assert seeded >= 30
    related = load_related(database)
    assert 26252 in related.neighbours(
        26112
    )  # Mechatroniker/in ↔ Elektroniker/in für Betriebstechnik
    add_related(database, "63302", "63402", "Gastronomie und Küche")
    assert 63402 in load_related(database).neighbours(63302)
    assert remove_related(database, "63402", "63302") == 1
    assert 63402 not in load_related(database).neighbours(63302)
    with pytest.raises(UserError, match="KldB"):
        add_related(database, "6330", "63402", "")


def test_travel_times_import_replaces_and_refuses_bad_files(
    database, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "fahrzeiten.csv"
    good.write_text(
        "from_postcode;to_postcode;mode;minutes\n34346;34117;pt;41\n34346;37073;Auto;28,5\n",
        encoding="utf-8",
    )
    report = import_travel_times(database, good, reference.gazetteer)
    assert report == {"imported": 2, "origins": 1}
    table = load_travel_times(database)
    assert table.get("34346", "37073", "car") == 28.5
    bad = tmp_path / "kaputt.csv"
    bad.write_text(
        "from_postcode;to_postcode;mode;minutes\n34346;99999;pt;41\n34346;34117;Rakete;x\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as refused:
        import_travel_times(database, bad, reference.gazetteer)
    assert "2 fehlerhafte" in refused.value.message
    assert "Zeile 2" in refused.value.details and "99999" in refused.value.details
    assert "Rakete" in refused.value.details
    assert len(load_travel_times(database)) == 2  # nothing lost


def test_matching_uses_the_travel_time_table(demo_database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = MatchService(demo_database, reference, Config.defaults())
    with demo_database.session() as session:
        from srek_desk.db.models import Client

        client = (
            session.execute(select(Client).where(Client.status == "active").order_by(Client.id))
            .scalars()
            .first()
        )
    profile, before = service.rank_offers(client.customer_number, SYSTEM, top=3)
    assert before.matches
    target = service.matcher.offers.row(before.matches[0].offer_id)
    mode = before.matches[0].mode
    table = tmp_path / "t.csv"
    table.write_text(
        f"from_postcode;to_postcode;mode;minutes\n{profile.home_postcode};{target.postcode};{mode};7\n",
        encoding="utf-8",
    )
    import_travel_times(demo_database, table, reference.gazetteer)
    _, after = MatchService(demo_database, reference, Config.defaults()).rank_offers(
        client.customer_number, SYSTEM, top=50
    )
    hit = next(m for m in after.matches if m.offer_id == target.id)
    assert hit.commute_minutes == 7 and hit.commute_from_table

"""Nothing personal leaves on a sheet beyond the chosen first name: text, metadata, QR, file name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from srek_desk.sheets import HomeArea, qr_payload, suggest_filename
from srek_desk.sheets import qr as qr_module
from srek_desk.sheets.sample import sample_sheet
from tests.unit.test_sheet_support import flat, render


@dataclass
class ClientRecord:
    """Stands in for the database row a service reads: far more than a sheet may show."""

    first_name: str = "Mirela"
    last_name: str = "Quastenberg"
    birth_date: date = date(2009, 4, 17)
    street: str = "Zwiebelgasse 17"
    customer_number: str = "962D417733"
    email: str = "mirela.quastenberg@example.net"
    phone: str = "0171 9988776"
    home_postcode: str = "37242"
    home_place: str = "Bad Sooden-Allendorf"


CLIENT = ClientRecord()
PERSONAL = [
    CLIENT.last_name,
    CLIENT.street,
    "Zwiebelgasse",
    CLIENT.customer_number,
    CLIENT.email,
    CLIENT.phone,
    CLIENT.birth_date.strftime("%d.%m.%Y"),
    CLIENT.birth_date.isoformat(),
    "17.04.2009",
]


def sheet_for(client: ClientRecord, pseudonymous: bool = False):
    """What a service does: copy only the first name and the postcode centre."""
    home = HomeArea(client.home_postcode, client.home_place, 51.270, 9.975)
    return replace(sample_sheet("de"), first_name=None if pseudonymous else client.first_name,
                   home=home)  # fmt: skip


@pytest.mark.parametrize("pseudonymous", [False, True])
def test_no_personal_data_in_text_metadata_or_qr(pseudonymous: bool, monkeypatch) -> None:
    encoded: list[str] = []
    real_widget = qr_module.qr_widget

    def recording_widget(payload: str, size: float):
        encoded.append(payload)
        return real_widget(payload, size)

    monkeypatch.setattr(qr_module, "qr_widget", recording_widget)
    qr_module._qr_group.cache_clear()
    sheet = sheet_for(CLIENT, pseudonymous)
    _, text, data = render(sheet)

    everything = flat(text.text)
    for secret in PERSONAL:
        assert flat(secret) not in everything, secret
        assert secret.encode() not in data
    assert CLIENT.home_postcode not in text.text  # the map shows the place, never the postcode
    if pseudonymous:
        assert flat(CLIENT.first_name) not in everything
        assert "Hallo!" in text.text
    else:
        assert "Hallo Mirela!" in text.text

    metadata = " ".join(str(v) for v in (text.reader.metadata or {}).values())
    assert CLIENT.first_name not in metadata
    assert text.reader.metadata.title == "Chancenblatt"

    assert sorted(encoded) == sorted(o.qr_url for o in sheet.offers)
    for payload in encoded:
        assert CLIENT.first_name not in payload
        assert all(secret not in payload for secret in PERSONAL)


def test_qr_payload_is_exactly_the_offer_url() -> None:
    for offer in sample_sheet().offers:
        assert qr_payload(offer) == offer.qr_url
        assert offer.qr_url.startswith("https://")
    widget = qr_module.qr_widget("https://www.arbeitsagentur.de/jobsuche/jobdetail/1", 50)
    assert widget.value == "https://www.arbeitsagentur.de/jobsuche/jobdetail/1"


def test_offer_without_url_has_no_qr_code() -> None:
    offer = replace(sample_sheet().offers[0], qr_url="")
    assert qr_payload(offer) == ""
    assert qr_module.qr_drawing(offer, 50) is None


def test_file_name_suggestion_is_impersonal() -> None:
    name = suggest_filename(date(2026, 2, 16), 7)
    assert name == "Chancenblatt_2026-02-16_007.pdf"
    assert CLIENT.first_name not in name and CLIENT.last_name not in name

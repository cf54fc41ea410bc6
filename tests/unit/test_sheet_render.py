"""The opportunity sheet PDF read back: content, A4, fonts, page counts, languages, long words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from srek_desk.sheets import SheetOffer, render_sheet
from srek_desk.sheets.sample import sample_offers, sample_sheet
from srek_desk.sheets.texts import TEXTS
from tests.unit.test_sheet_support import A4_POINTS, embedded_fonts, pdftotext_words, render

RIGHT_EDGE = A4_POINTS[0] - 16 * 72 / 25.4  # page width minus the right margin


@pytest.fixture(scope="module")
def german() -> tuple[int, object, bytes]:
    return render(sample_sheet("de"))


def test_titles_employers_and_steps_are_printed(german) -> None:
    pages, text, _ = german
    sheet = sample_sheet("de")
    assert pages == 2
    for offer in sheet.offers:
        assert text.contains(offer.title), offer.title
        assert text.contains(offer.employer), offer.employer
        assert text.contains(offer.contact_person)
    for step in sheet.steps:
        assert text.contains(step.text), step.text
    assert text.contains("Hallo Aylin!")
    assert text.contains("Deine Chancen") and text.contains("Dein Weg")
    assert text.contains("ca. 38 min mit Bus und Bahn, ca. 24 min mit dem Auto, ca. 27 km")
    assert text.contains("in Niedersachsen – eine Chance über die Landesgrenze")
    assert text.contains("Zuhause: Witzenhausen")  # map label
    assert text.contains("Öffnungszeiten: Mo–Do 8–16 Uhr")  # footer


def test_a4_and_only_embedded_fonts(german) -> None:
    _, text, _ = german
    for page in text.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(A4_POINTS[1], abs=0.1)
    fonts = embedded_fonts(text.reader)
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSans-Bold" in name for name in fonts)


@pytest.mark.parametrize("language", ["de", "de-simple", "en"])
def test_each_language_fits_two_pages(language: str) -> None:
    pages, text, _ = render(sample_sheet(language))
    texts = TEXTS[language]
    assert pages == 2
    assert text.contains(texts.chances) and text.contains(texts.pathway)
    assert text.contains(texts.why) and text.contains(texts.map_title)


def test_simple_language_speaks_plainly() -> None:
    _, text, _ = render(sample_sheet("de-simple"))
    assert text.contains("Das passt zu dir") and text.contains("Das musst du jetzt tun")


def test_english_dates_and_modes() -> None:
    _, text, _ = render(sample_sheet("en"))
    assert text.contains("Apply by: 13 March 2026")
    assert text.contains("approx. 38 min by bus and train, approx. 24 min by car, approx. 27 km")


def test_no_offers_gives_a_friendly_text() -> None:
    sheet = replace(sample_sheet("de"), offers=(), steps=())
    pages, text, _ = render(sheet)
    assert pages == 1
    assert text.contains("Gerade haben wir noch keine passende Stelle für dich gefunden")
    assert text.contains("Deine nächsten Schritte besprechen wir beim nächsten Termin")


def test_ten_offers_take_four_pages() -> None:
    offers = sample_offers("de")
    more = [replace(o, title=f"{o.title} (Platz {i + 6})") for i, o in enumerate(offers)]
    pages, text, _ = render(sample_sheet("de").with_offers([*offers, *more]))
    assert pages == 4
    assert text.contains("Ausbildung Pflegefachmann/-frau (Platz 10)")


LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenreinigungsfachkraftanwärterin"


@pytest.mark.parametrize("language", ["de", "de-simple"])
def test_long_titles_and_compound_words_stay_on_the_page(language: str) -> None:
    long_offer = SheetOffer(
        title="Ausbildung " + LONG_WORD + " und Rindfleischetikettierungsüberwachungsaufgaben",
        employer="Grundstücksverkehrsgenehmigungszuständigkeitsübertragungs-Verwaltung GmbH",
        place="Hann. Münden", state_code="NI", state_name="Niedersachsen",
        why_it_fits="Kraftfahrzeughaftpflichtversicherungsbedingungen liest du gern.",
        web_url="https://www.example.org/" + "sehr-langer-pfad/" * 8,
        qr_url="https://www.example.org/stelle", crosses_state_border=True,
    )  # fmt: skip
    sheet = sample_sheet(language).with_offers([long_offer, *sample_offers(language)[:2]])
    pages, text, data = render(sheet)
    assert pages <= 2
    assert text.contains(LONG_WORD)
    words = pdftotext_words(data)
    if words is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    overflowing = [w for _, x_max, w in words if x_max > RIGHT_EDGE + 1]
    assert not overflowing


def test_names_in_other_scripts_print_as_written() -> None:
    offer = replace(sample_offers("de")[0], employer="Ağaoğlu & Łukasiewicz GmbH",
                    contact_person="Олена Коваленко")  # fmt: skip
    sheet = replace(sample_sheet("de"), first_name="Łucja-Ğül").with_offers([offer])
    _, text, data = render(sheet)
    assert text.contains("Hallo Łucja-Ğül!")
    assert text.contains("Ağaoğlu & Łukasiewicz GmbH")
    assert text.contains("Олена Коваленко")
    words = pdftotext_words(data)
    if words is not None:
        assert any("Коваленко" in w for _, _, w in words)


def test_render_to_a_path(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    result = render_sheet(sample_sheet("en", first_name=None), target)
    assert target.read_bytes() == result.data
    assert result.page_count == 2 and result.size_bytes > 10_000
    assert not list(tmp_path.glob("*.part"))


def test_logo_is_optional(tmp_path: Path) -> None:
    from srek_desk import paths

    office = replace(sample_sheet().office, logo_path=paths.resource("icons", "srek-desk.png"))
    pages, text, _ = render(replace(sample_sheet(), office=office, date=date(2026, 5, 4)))
    assert pages == 2 and text.contains("04.05.2026")

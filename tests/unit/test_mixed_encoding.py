"""A CSV file mixing UTF-8 and Windows-1252 is refused naming the first line that does not fit.

Before issue 17 such a file imported as mojibake ("MÃ¼ller", "YÄ±ldÄ±z") without a word. A
clean Windows-1252 file, as Excel saves "CSV (Trennzeichen-getrennt)", still imports; a named
encoding (`--encoding`) reads the file in exactly that one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.tabular import decode_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HEADER = "Kundennummer;Vorname;Nachname;PLZ\n"


def client_file(tmp_path: Path, *lines: tuple[str, str]) -> Path:
    """A client list whose lines (after the ASCII header) are encoded as given."""
    path = tmp_path / "klienten.csv"
    path.write_bytes(HEADER.encode() + b"".join(text.encode(codec) for text, codec in lines))
    return path


def refusal(path: Path, reference, **options) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRefused) as refused:
        read_import_file(path, reference, kind="clients", **options)
    return refused.value.message


def test_a_windows_1252_line_in_a_utf8_file_is_named(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Ayşe;Yıldız;34117\n", "utf-8"),
        ("KD-2;Jürgen;Weiß;34117\n", "utf-8"),
        ("KD-3;Lena;Müller;37213\n", "cp1252"),  # line 4: pasted from an older list
        ("KD-4;Jörg;Schäfer;37213\n", "cp1252"),
    )
    message = refusal(path, reference)
    assert message.startswith("Die Datei klienten.csv mischt zwei Zeichenkodierungen: Zeile 4")
    assert "Zeile 4 (und 1 weitere) ist in Windows-1252 gespeichert" in message
    assert "Zeile 2 dagegen in UTF-8" in message
    assert "--encoding" in message
    assert "Jörg" not in message and "Schäfer" not in message  # no personal data in it


def test_a_utf8_line_in_a_windows_1252_file_is_named(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Jürgen;Weiß;34117\n", "cp1252"),
        ("KD-2;Lena;Müller;37213\n", "cp1252"),
        ("KD-3;Paul;Meyer;37213\n", "ascii"),
        ("KD-4;Ayşe;Yıldız;34117\n", "utf-8"),  # line 5: would read as "AyÅŸe;YÄ±ldÄ±z"
    )
    message = refusal(path, reference)
    assert "Zeile 5 ist in UTF-8 gespeichert, Zeile 2 dagegen in Windows-1252" in message


def test_both_encodings_in_one_line_are_refused(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Paul;Meyer;34117\n", "ascii"),
        ("KD-2;Jürgen;", "cp1252"),
        ("Yıldız;34117\n", "utf-8"),
    )
    assert "Zeile 3 ist in Windows-1252 gespeichert, in Zeile 3 steht zugleich" in refusal(
        path, reference
    )


def test_windows_1252_after_a_utf8_bom_is_refused(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "klienten.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + HEADER.encode() + "KD-1;Jürgen;Weiß;34117\n".encode("cp1252")
    )
    message = refusal(path, reference)
    assert "Zeile 2 ist in Windows-1252 gespeichert" in message and "(BOM)" in message


def test_offer_files_are_checked_too(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "angebote.csv"
    path.write_bytes(
        "Referenznummer;Titel;PLZ\nA-1;Verkäufer/in;34117\n".encode()
        + "A-2;Bäcker/in;37213\n".encode("cp1252")
    )
    with pytest.raises(ImportRefused, match="Zeile 3 ist in Windows-1252"):
        read_import_file(path, reference)


def test_a_clean_windows_1252_file_still_imports(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Jürgen;Weiß;34117\n", "cp1252"),
        # a chance UTF-8 byte pair: "ß" before a closing quote is 0xDF 0x93, valid UTF-8 (an
        # N'Ko letter) but no letter of real text here; the file is Windows-1252 throughout
        ("KD-2;„Fuß“ Lena;Müller – Schmidt;37213\n", "cp1252"),
    )
    batch = read_import_file(path, reference, kind="clients")
    assert batch.errors == []
    assert [(c.first_name, c.last_name) for c in batch.clients] == [
        ("Jürgen", "Weiß"),
        ("„Fuß“ Lena", "Müller – Schmidt"),
    ]
    offers = read_import_file(FIXTURES / "offers_cp1252_comma.csv", reference).offers
    assert any(offer.employer_name == "Müller Beispiel GmbH" for offer in offers)


def test_a_clean_utf8_file_with_many_scripts_imports(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Ayşe;Yıldız;34117\n", "utf-8"),
        ("KD-2;Олена;Коваленко;34117\n", "utf-8"),
        ("KD-3;Paul;Meyer;37213\n", "utf-8"),
    )
    batch = read_import_file(path, reference, kind="clients")
    assert [c.last_name for c in batch.clients] == ["Yıldız", "Коваленко", "Meyer"]


def test_a_named_encoding_reads_the_file_as_told(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = client_file(
        tmp_path,
        ("KD-1;Jürgen;Weiß;34117\n", "utf-8"),
        ("KD-2;Lena;Müller;37213\n", "cp1252"),
    )
    refusal(path, reference)  # without --encoding
    batch = read_import_file(path, reference, kind="clients", encoding="cp1252")
    # the person said Windows-1252 for the whole file: exactly that, no guessing
    assert [c.last_name for c in batch.clients] == ["WeiÃŸ", "Müller"]
    message = refusal(path, reference, encoding="utf-8")
    assert message == (
        "Die Datei klienten.csv passt in Zeile 3 nicht zur angegebenen Zeichenkodierung utf-8."
    )
    assert refusal(path, reference, encoding="klingonisch").startswith(
        "Unbekannte Zeichenkodierung „klingonisch“"
    )


def test_named_utf8_drops_the_bom() -> None:
    assert decode_text(b"\xef\xbb\xbfKundennummer\n", "x.csv", "UTF-8") == "Kundennummer\n"

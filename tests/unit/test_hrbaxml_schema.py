"""HR-BA-XML checked against the BA's XSD: the sample validates, deviations are named in German
with line and element, a wrong schema folder is a clear message, no folder says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.hrbaxml_schema import MAX_LISTED, SchemaRefused, schema_for
from srek_desk.importers.reader import read_import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
OFFICE_FILE = FIXTURES / "hrbaxml_offers.xml"


@pytest.fixture
def schema_dir(shared_data: Path) -> Path:
    return shared_data / "hrbaxml"


def sample_made_valid(schema_dir: Path) -> str:
    """The BA's sample (P83) without what the P82 schema lacks: telephone numbers of digits
    instead of the placeholder 'a', and no EuresPublicationDesired/ExternalPublications."""
    text = (schema_dir / "HRBAXML_Musterdatei_P83.xml").read_text(encoding="utf-8")
    text = text.replace("<TelNumber>a</TelNumber>", "<TelNumber>5550000</TelNumber>")
    text = re.sub(r"\s*<EuresPublicationDesired>.*?</EuresPublicationDesired>", "", text)
    return re.sub(r"\s*<ExternalPublications>.*?</ExternalPublications>", "", text, flags=re.S)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def write(tmp_path: Path, text: str, name: str = "stellen.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path, reference, schema_dir: Path) -> SchemaRefused:  # type: ignore[no-untyped-def]
    with pytest.raises(SchemaRefused) as caught:
        read_import_file(path, reference, hrbaxml_schema_dir=str(schema_dir))
    return caught.value


def test_office_file_and_sample_validate(schema_dir: Path, tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(schema_dir))
    assert batch.schema_checked is True and batch.errors == [] and batch.warnings == []
    assert len(batch.offers) == 2 and batch.full_load  # TypeOfLoad F, read as before
    sample = read_import_file(
        write(tmp_path, sample_made_valid(schema_dir)),
        reference,
        hrbaxml_schema_dir=str(schema_dir),
    )
    assert sample.schema_checked is True and [o.reference for o in sample.offers] == ["a"]


def test_sample_with_three_errors_is_refused_naming_each(
    schema_dir: Path, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    text = sample_made_valid(schema_dir)
    text = text.replace("<HiringOrgName>a</HiringOrgName>", "", 1)  # required element missing
    text = text.replace("<JobOfferType>1<", "<JobOfferType>5<", 1)  # not in the list
    text = text.replace(
        "<JobPositionPostingId>a</JobPositionPostingId>",
        "<JobPositionPostingId>V000000001-2026-000000000001-S</JobPositionPostingId>",  # 30 > 27
        1,
    )
    error = refusal(write(tmp_path, text), reference, schema_dir)
    assert "stellen.xml entspricht nicht dem XSD der BA" in error.message
    assert "3 Abweichungen" in error.message and "nichts wurde übernommen" in error.message
    messages = [e.message for e in error.errors]
    assert messages == [
        f"Zeile {line_of(text, '<JobPositionPostingId>')}, Element <JobPositionPostingId>: "
        "Wert „V000000001-2026-000000000001-S“ ist 30 Zeichen lang, erlaubt sind höchstens 27",
        f"Zeile {line_of(text, '<HiringOrgId>')}, Element <HiringOrg>: vor <HiringOrgId> fehlt "
        "das Pflichtelement <HiringOrgName>",
        f"Zeile {line_of(text, '<JobOfferType>')}, Element <JobOfferType>: Wert „5“ ist nicht "
        "erlaubt (erlaubt: 1, 2, 4, 34, 36, 37, 38, 40)",
    ]


def test_ba_sample_as_published_breaks_the_p82_schema(
    schema_dir: Path, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "muster.xml"
    shutil.copy(schema_dir / "HRBAXML_Musterdatei_P83.xml", path)
    error = refusal(path, reference, schema_dir)
    assert "13 Abweichungen" in error.message
    messages = [e.message for e in error.errors]
    assert sum("<TelNumber>: Wert „a“ ist keine ganze Zahl" in m for m in messages) == 11
    assert (
        "Element <PostDetail>: unerwartetes Element <EuresPublicationDesired> (erwartet: "
        "<Action>)" in "\n".join(messages)
    )


@pytest.mark.parametrize(
    ("old", "new", "fragment", "expected"),
    [
        ("<SupplierId>V000000001</SupplierId>", "<SupplierId>X1</SupplierId>", "<SupplierId>X1",
         "Element <SupplierId>: Wert „X1“ passt nicht zum Muster „[A|P|V|K][0-9]{9}“"),
        ("<Amount>3</Amount>", "<Amount>drei</Amount>", "<Amount>",
         "Element <Amount>: Wert „drei“ ist keine ganze Zahl"),
        ("<StartDate>2026-11-20</StartDate>", "<StartDate>20.11.2026</StartDate>", "<StartDate>20",
         "Element <StartDate>: Wert „20.11.2026“ ist kein Datum der Form JJJJ-MM-TT"),
        ("<HoursPerWeek>39</HoursPerWeek>", "<HoursPerWeek>399</HoursPerWeek>", "<HoursPerWeek>399",
         "Element <HoursPerWeek>: Wert „399“ ist zu groß (höchstens 48)"),
        ("<TypeOfLoad>F</TypeOfLoad>", "", "<Header>",
         "Element <Header>: am Ende fehlt das Pflichtelement <TypeOfLoad>"),
        ("<Status>1</Status>\n\t\t\t\t<Action>1</Action>", "<Action>1</Action>\n\t\t\t\t<Status>1</Status>",
         "<Action>1</Action>\n\t\t\t\t<Status>",
         "Element <PostDetail>: <Status> steht an falscher Stelle: erwartet vor <Action>"),
        ("<EMail>ausbildung@muster-1.example.org</EMail>",
         "<EMail>ausbildung@muster-1.example.org</EMail><Fax>1</Fax>", "<Fax>",
         "Element <Contact>: unerwartetes Element <Fax>"),
    ],
)  # fmt: skip
def test_kinds_of_deviation_in_german(
    schema_dir: Path, tmp_path: Path, reference, old: str, new: str, fragment: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    text = OFFICE_FILE.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    error = refusal(write(tmp_path, text), reference, schema_dir)
    assert [e.message for e in error.errors] == [f"Zeile {line_of(text, fragment)}, {expected}"]


def test_many_deviations_are_counted_not_all_listed(
    schema_dir: Path, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    text = OFFICE_FILE.read_text(encoding="utf-8")
    start, end = text.index("<JobPositionPosting>"), text.index("</Data>")
    posting = text[start : text.index("</JobPositionPosting>") + len("</JobPositionPosting>")]
    wrong = posting.replace("<JobOfferType>4</JobOfferType>", "<JobOfferType>9</JobOfferType>")
    text = text[:start] + "\n".join([wrong] * (MAX_LISTED + 5)) + text[end:]
    error = refusal(write(tmp_path, text), reference, schema_dir)
    assert f"{MAX_LISTED + 5} Abweichungen" in error.message
    assert len(error.errors) == MAX_LISTED + 1
    assert error.errors[-1].message == "… und 5 weitere Abweichungen vom XSD"
    assert all("<JobOfferType>: Wert „9“ ist nicht erlaubt" in e.message for e in error.errors[:-1])


def test_without_a_folder_the_check_is_structural_and_said(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(OFFICE_FILE, reference)
    assert batch.schema_checked is False and len(batch.offers) == 2
    assert [w.message for w in batch.warnings] == [
        "Kein Ordner mit dem XSD der BA eingestellt (Einstellung „import.hrbaxml_schema_dir“)."
    ]
    (tmp_path / "readme.txt").write_text("keine Schemas", encoding="utf-8")
    batch = read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(tmp_path))
    assert batch.schema_checked is False
    assert "liegt keine XSD-Datei, die das Element „HRBAXMLJobPositionPosting“" in (
        batch.warnings[0].message
    )
    csv = read_import_file(FIXTURES / "offers.csv", reference, hrbaxml_schema_dir=str(tmp_path))
    assert csv.schema_checked is None  # there is no XSD for a table


def copy_schema(schema_dir: Path, target: Path, *names: str) -> Path:
    target.mkdir()
    for name in names:
        shutil.copy(schema_dir / name, target / name)
    return target


def test_wrong_folder_is_a_message_naming_it(schema_dir: Path, tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "Schemas BA"
    with pytest.raises(ImportRefused, match=r"„.*Schemas BA“ .*existiert nicht"):
        read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(missing))
    a_file = write(tmp_path, "x", "schema.txt")
    with pytest.raises(ImportRefused, match="ist kein Ordner"):
        read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(a_file))
    # the include HRBAXML.xsd is missing
    half = copy_schema(schema_dir, tmp_path / "halb", "HRBAXML_JobPosting.xsd")
    with pytest.raises(ImportRefused) as caught:
        read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(half))
    assert str(half) in caught.value.message
    assert "fehlerhaftes oder unvollständiges XSD „HRBAXML_JobPosting.xsd“" in caught.value.message
    broken = copy_schema(schema_dir, tmp_path / "kaputt", "HRBAXML.xsd", "HRBAXML_JobPosting.xsd")
    entry = broken / "HRBAXML_JobPosting.xsd"
    entry.write_text(entry.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # cut short
    with pytest.raises(ImportRefused, match=r"kaputt.*fehlerhaftes oder unvollständiges XSD"):
        read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(broken))


def test_unreadable_folder_is_a_message(
    schema_dir: Path, tmp_path: Path, reference, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    locked = copy_schema(schema_dir, tmp_path / "gesperrt", "HRBAXML.xsd")

    def denied(self: Path):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", denied)  # as for a folder without read permission
    with pytest.raises(ImportRefused, match=r"gesperrt.*kann nicht gelesen werden"):
        read_import_file(OFFICE_FILE, reference, hrbaxml_schema_dir=str(locked))


def test_schema_is_loaded_once_and_again_when_its_files_change(
    schema_dir: Path, tmp_path: Path
) -> None:
    folder = copy_schema(schema_dir, tmp_path / "xsd", "HRBAXML.xsd", "HRBAXML_JobPosting.xsd")
    first = schema_for(str(folder))
    assert first.checked and first.file_name == "HRBAXML_JobPosting.xsd"
    assert schema_for(str(folder)).schema is first.schema  # not loaded twice
    include = folder / "HRBAXML.xsd"
    include.write_text(include.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert schema_for(str(folder)).schema is not first.schema  # the office updated the XSD


def test_several_schema_versions_in_one_folder(schema_dir: Path, tmp_path: Path) -> None:
    folder = copy_schema(schema_dir, tmp_path / "xsd", "HRBAXML.xsd", "HRBAXML_JobPosting.xsd")
    shutil.copy(folder / "HRBAXML_JobPosting.xsd", folder / "HRBAXML_JobPosting_P83.xsd")
    assert schema_for(str(folder)).file_name == "HRBAXML_JobPosting.xsd"  # the BA's name wins
    (folder / "HRBAXML_JobPosting.xsd").rename(folder / "HRBAXML_JobPosting_P82.xsd")
    with pytest.raises(ImportRefused, match=r"mehrere Schemas .*P82\.xsd.*P83\.xsd"):
        schema_for(str(folder))

"""School and vocational qualification tables: stable codes, German names, ranks and aliases."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SchoolLevel:
    code: str
    name: str
    rank: int  # 0 = none; higher is more
    dqr_level: int | None  # Deutscher Qualifikationsrahmen; None where no level is assigned
    hrbaxml_code: int | None  # HR-BA-XML EduDegree
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VocationalLevel:
    code: str
    name: str
    rank: int
    dqr_level: int | None
    kldb_level: int  # highest KldB Anforderungsniveau (5th digit) the qualification prepares for
    aliases: tuple[str, ...] = ()


SCHOOL_LEVELS: tuple[SchoolLevel, ...] = (
    SchoolLevel(
        "none",
        "kein Schulabschluss",
        0,
        None,
        1,
        ("ohne Schulabschluss", "ohne Abschluss", "kein Abschluss", "keiner", "OHNE_ABSCHLUSS"),
    ),
    SchoolLevel(
        "foerderschule",
        "Förderschulabschluss",
        1,
        None,
        11,
        (
            "Abschluss der Förderschule",
            "Schulabschluss der Förderschule",
            "Förderschule",
            "Sonderschulabschluss",
            "Abschluss im Förderschwerpunkt Lernen",
        ),
    ),
    SchoolLevel(
        "hauptschule",
        "Erster Schulabschluss (Hauptschulabschluss)",
        2,
        2,
        2,
        (
            "Hauptschulabschluss",
            "Erster Schulabschluss",
            "Erster allgemeinbildender Schulabschluss",
            "ESA",
            "HSA",
            "Hauptschule",
            "Berufsbildungsreife",
            "Berufsreife",
            "HAUPTSCHULABSCHLUSS",
        ),
    ),
    SchoolLevel(
        "erweiterte_hauptschule",
        "Erweiterter Erster Schulabschluss",
        3,
        2,
        12,
        (
            "Erweiterter Hauptschulabschluss",
            "Qualifizierender Hauptschulabschluss",
            "Qualifizierter Hauptschulabschluss",
            "Quali",
            "EESA",
            "Hauptschulabschluss nach Klasse 10",
            "Erweiterte Berufsbildungsreife",
        ),
    ),
    SchoolLevel(
        "mittlere_reife",
        "Mittlerer Schulabschluss (Realschulabschluss)",
        4,
        3,
        3,
        (
            "Mittlerer Schulabschluss",
            "Realschulabschluss",
            "Mittlere Reife",
            "MSA",
            "Realschule",
            "Mittlerer Bildungsabschluss",
            "Fachoberschulreife",
            "Sekundarabschluss I",
            "Sekundarabschluss I Realschulabschluss",
            "Erweiterter Sekundarabschluss I",
            "MITTLERE_REIFE_MITTLERER_BILDUNGSABSCHLUSS",
        ),
    ),
    SchoolLevel(
        "fachabitur",
        "Fachhochschulreife (Fachabitur)",
        5,
        4,
        4,
        (
            "Fachhochschulreife",
            "Fachabitur",
            "Fachabi",
            "FHR",
            "Fachgebundene Hochschulreife",
            "FACHHOCHSCHULREIFE",
        ),
    ),
    SchoolLevel(
        "abitur",
        "Allgemeine Hochschulreife (Abitur)",
        6,
        4,
        6,
        (
            "Allgemeine Hochschulreife",
            "Abitur",
            "Abi",
            "AHR",
            "Hochschulreife",
            "ABITUR_HOCHSCHULREIFE",
            "ALLGEMEINE_HOCHSCHULREIFE",
        ),
    ),
)

VOCATIONAL_LEVELS: tuple[VocationalLevel, ...] = (
    VocationalLevel(
        "none",
        "keine Berufsausbildung",
        0,
        None,
        1,
        (
            "ohne Berufsausbildung",
            "ohne Ausbildung",
            "keine Ausbildung",
            "ohne Berufsabschluss",
            "ungelernt",
        ),
    ),
    VocationalLevel(
        "helfer",
        "Anlernqualifikation / Helferausbildung",
        1,
        None,
        1,
        (
            "Anlernqualifikation",
            "angelernt",
            "Anlernausbildung",
            "Helferausbildung",
            "Helfer",
            "Teilqualifikation",
            "Fachpraktiker",
        ),
    ),
    VocationalLevel(
        "berufsausbildung",
        "abgeschlossene Berufsausbildung",
        2,
        4,
        2,
        (
            "Berufsausbildung",
            "Ausbildung",
            "abgeschlossene Ausbildung",
            "Berufsabschluss",
            "Gesellenbrief",
            "Geselle",
            "Gesellin",
            "Facharbeiterbrief",
            "Facharbeiter",
            "Facharbeiterin",
            "Kaufmannsgehilfenbrief",
            "Fachkraft",
        ),
    ),
    VocationalLevel(
        "meister",
        "Meister / Techniker / Fachwirt",
        3,
        6,
        3,
        (
            "Meister",
            "Meisterin",
            "Meisterbrief",
            "Meisterprüfung",
            "Techniker",
            "Technikerin",
            "staatlich geprüfter Techniker",
            "Fachwirt",
            "Fachwirtin",
            "Fachkaufmann",
            "Fachkauffrau",
            "Betriebswirt Fachschule",
            "Aufstiegsfortbildung",
        ),
    ),
    VocationalLevel(
        "bachelor",
        "Bachelor",
        4,
        6,
        3,
        (
            "Bachelor",
            "Bachelor of Arts",
            "Bachelor of Science",
            "Bachelor of Engineering",
            "BA",
            "B A",
            "BSc",
            "B Sc",
            "BEng",
            "B Eng",
            "Diplom FH",
            "Fachhochschulabschluss",
        ),
    ),
    VocationalLevel(
        "master",
        "Master / Diplom",
        5,
        7,
        4,
        (
            "Master",
            "Master of Arts",
            "Master of Science",
            "Master of Engineering",
            "MA",
            "M A",
            "MSc",
            "M Sc",
            "MEng",
            "Diplom",
            "Diplom Universität",
            "Magister",
            "Staatsexamen",
            "Universitätsabschluss",
            "Hochschulabschluss",
        ),
    ),
    VocationalLevel(
        "promotion", "Promotion", 6, 8, 4, ("Doktor", "Doktorin", "Dr", "PhD", "Doktortitel")
    ),
)

"""School and vocational qualifications, CEFR levels, languages and driving licences."""

from __future__ import annotations

from typing import TypeVar

import pytest

from srek_desk.reference.qualifications import (
    CEFR_LEVELS,
    DRIVING_LICENCE_CLASSES,
    LANGUAGES,
    SCHOOL_LEVELS,
    VOCATIONAL_LEVELS,
    cefr_by_code,
    language_by_code,
    parse_cefr,
    parse_language,
    parse_licences,
    parse_school,
    parse_vocational,
    school_by_code,
    vocational_by_code,
)

T = TypeVar("T")


def must(value: T | None) -> T:
    assert value is not None
    return value


def test_school_levels_are_ordered() -> None:
    codes = [level.code for level in SCHOOL_LEVELS]
    assert codes == [
        "none",
        "foerderschule",
        "hauptschule",
        "erweiterte_hauptschule",
        "mittlere_reife",
        "fachabitur",
        "abitur",
    ]
    ranks = [level.rank for level in SCHOOL_LEVELS]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert must(school_by_code("hauptschule")).dqr_level == 2
    assert must(school_by_code("mittlere_reife")).dqr_level == 3
    assert must(school_by_code("abitur")).dqr_level == 4
    assert must(school_by_code("none")).dqr_level is None
    assert must(school_by_code("mittlere_reife")).rank > must(school_by_code("hauptschule")).rank
    assert school_by_code("unbekannt") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mittlerer Schulabschluss", "mittlere_reife"),
        ("Realschulabschluss", "mittlere_reife"),
        ("MSA", "mittlere_reife"),
        ("mittlere Reife", "mittlere_reife"),
        ("Fachoberschulreife", "mittlere_reife"),
        ("Realschulabschlus", "mittlere_reife"),  # typo
        ("Hauptschulabschluss", "hauptschule"),
        ("Erster Schulabschluss", "hauptschule"),
        ("ESA", "hauptschule"),
        ("qualifizierender Hauptschulabschluss", "erweiterte_hauptschule"),
        ("Erweiterter Erster Schulabschluss", "erweiterte_hauptschule"),
        ("Abi", "abitur"),
        ("Abitur", "abitur"),
        ("Allgemeine Hochschulreife", "abitur"),
        ("Fachhochschulreife", "fachabitur"),
        ("Fachabitur", "fachabitur"),
        ("Förderschulabschluss", "foerderschule"),
        ("ohne Abschluss", "none"),
        ("MITTLERE_REIFE_MITTLERER_BILDUNGSABSCHLUSS", "mittlere_reife"),
        ("abitur", "abitur"),  # stored codes parse as themselves
    ],
)
def test_parse_school(text: str, code: str) -> None:
    level = parse_school(text)
    assert level is not None and level.code == code


@pytest.mark.parametrize("text", ["", "   ", "Klavierdiplom", "Abschluss"])
def test_parse_school_unknown(text: str) -> None:
    assert parse_school(text) is None


def test_vocational_levels_and_kldb_mapping() -> None:
    codes = [level.code for level in VOCATIONAL_LEVELS]
    assert codes == [
        "none",
        "helfer",
        "berufsausbildung",
        "meister",
        "bachelor",
        "master",
        "promotion",
    ]
    assert [level.kldb_level for level in VOCATIONAL_LEVELS] == [1, 1, 2, 3, 3, 4, 4]
    assert [
        must(vocational_by_code(c)).dqr_level
        for c in ("berufsausbildung", "meister", "bachelor", "master", "promotion")
    ] == [
        4,
        6,
        6,
        7,
        8,
    ]
    assert vocational_by_code("x") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abgeschlossene Berufsausbildung", "berufsausbildung"),
        ("Gesellenbrief", "berufsausbildung"),
        ("Facharbeiterbrief", "berufsausbildung"),
        ("Meisterin", "meister"),
        ("staatlich geprüfter Techniker", "meister"),
        ("Fachwirt", "meister"),
        ("B.Sc.", "bachelor"),
        ("Bachelor of Engineering", "bachelor"),
        ("M.A.", "master"),
        ("Diplom", "master"),
        ("Dr.", "promotion"),
        ("ungelernt", "none"),
        ("angelernt", "helfer"),
    ],
)
def test_parse_vocational(text: str, code: str) -> None:
    level = parse_vocational(text)
    assert level is not None and level.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("B1", "B1"),
        ("b2+", "B2"),
        ("Niveau C 1", "C1"),
        ("C1.2", "C1"),
        ("a1", "A1"),
        ("Muttersprache", "C2"),
        ("verhandlungssicher", "C1"),
        ("Grundkenntnisse", "A2"),
    ],
)
def test_parse_cefr(text: str, code: str) -> None:
    level = parse_cefr(text)
    assert level is not None and level.code == code


@pytest.mark.parametrize("text", ["", "A3", "D1", "B12", "irgendwie"])
def test_parse_cefr_unknown(text: str) -> None:
    assert parse_cefr(text) is None


def test_cefr_levels() -> None:
    assert [level.code for level in CEFR_LEVELS] == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert must(cefr_by_code("b2")).rank > must(cefr_by_code("B1")).rank


def test_languages() -> None:
    codes = [language.code for language in LANGUAGES]
    assert len(codes) == len(set(codes))
    assert all(
        2 <= len(code) <= 3 and code.islower() for code in codes
    )  # fits client_language.language
    for code, name in [
        ("de", "Deutsch"),
        ("ar", "Arabisch"),
        ("tr", "Türkisch"),
        ("uk", "Ukrainisch"),
        ("ti", "Tigrinya"),
        ("ps", "Paschtu"),
        ("fa", "Farsi"),
        ("prs", "Dari"),
        ("ku", "Kurdisch"),
    ]:
        assert getattr(language_by_code(code), "name", None) == name
    assert getattr(parse_language("englisch"), "code", None) == "en"
    assert getattr(parse_language("Persisch"), "code", None) == "fa"
    assert getattr(parse_language("Kurmanji"), "code", None) == "ku"
    assert getattr(parse_language("RU"), "code", None) == "ru"
    assert parse_language("Klingonisch") is None


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("B, BE", ("B", "BE")),
        ("BE B", ("B", "BE")),
        ("Klasse B/BE", ("B", "BE")),
        ("Führerschein Klasse c1e + b", ("B", "C1E")),
        ("CE, C, B, T", ("B", "C", "CE", "T")),
        ("AM A1 A2 A", ("AM", "A1", "A2", "A")),
        ("keiner", ()),
        ("", ()),
        ("B, X9", ("B",)),
    ],
)
def test_parse_licences(text: str, classes: tuple[str, ...]) -> None:
    assert parse_licences(text) == classes


def test_licence_classes_have_descriptions() -> None:
    for code in ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D", "T", "L"):
        assert DRIVING_LICENCE_CLASSES[code]

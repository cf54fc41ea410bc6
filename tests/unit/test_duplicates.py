"""Duplicate rules: close spellings of one person match, clearly different people never do."""

from __future__ import annotations

from datetime import date

import pytest

from srek_desk.services.clients.duplicates import (
    DOUBLE_NAME,
    SAME_NAME_AND_BIRTH,
    SAME_NAME_NO_BIRTH,
    SAME_NAME_OTHER_SPELLING,
    SWAPPED_NO_BIRTH,
    SWAPPED_WITH_BIRTH,
    TYPO,
    DuplicateIndex,
    PersonName,
    compare,
    name_key,
)

BORN = date(2005, 2, 3)
OTHER_DAY = date(2005, 3, 2)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yildiz", "Yıldız"),
        ("Müller", "Mueller"),
        ("Özdemir", "Oezdemir"),
        ("Ayşe", "Ayse"),
        ("José", "JOSE"),
        ("Łukasz", "Lukasz"),
        ("Meyer-Schmidt", "Meyer Schmidt"),
        ("Straße", "Strasse"),
        (" Anna  Lena ", "anna-lena"),
    ],
)
def test_name_key_folds_spellings_of_one_name(a: str, b: str) -> None:
    assert name_key(a) == name_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [("Schmidt", "Schmitz"), ("Lea", "Leo"), ("Kaya", "Kara")])
def test_name_key_keeps_other_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def person(first: str, last: str, born: date | None = BORN) -> PersonName:
    return PersonName.of(first, last, born)


@pytest.mark.parametrize(
    ("new", "stored", "reason"),
    [
        (person("Ayşe", "Yıldız"), person("Ayşe", "Yıldız"), SAME_NAME_AND_BIRTH),
        (person("Ayse", "Yildiz"), person("Ayşe", "Yıldız"), SAME_NAME_OTHER_SPELLING),
        (person("Hans", "Mueller"), person("Hans", "Müller"), SAME_NAME_OTHER_SPELLING),
        (person("Emre", "Oezdemir"), person("Emre", "Özdemir"), SAME_NAME_OTHER_SPELLING),
        (person("José", "García"), person("Jose", "Garcia"), SAME_NAME_OTHER_SPELLING),
        (
            person("Anna", "Meyer Schmidt"),
            person("Anna", "Meyer-Schmidt"),
            SAME_NAME_OTHER_SPELLING,
        ),
        (person("Özdemir", "Emre"), person("Emre", "Özdemir"), SWAPPED_WITH_BIRTH),
        (person("Anna", "Meyer"), person("Anna", "Meyer-Schmidt"), DOUBLE_NAME),
        (person("Anna-Lena", "Kaya"), person("Anna", "Kaya"), DOUBLE_NAME),
        (person("Anna", "Schmitt"), person("Anna", "Schmidt"), TYPO),
        (person("Mehmed", "Kaya"), person("Mehmet", "Kaya"), TYPO),
        (person("Anna", "Schmidt"), person("Anna", "Scmhidt"), TYPO),  # two letters swapped
        (person("Ayşe", "Yıldız", None), person("Ayse", "Yildiz"), SAME_NAME_NO_BIRTH),
        (person("Hans", "Müller"), person("Hans", "Mueller", None), SAME_NAME_NO_BIRTH),
        (person("Hans", "Müller", None), person("Hans", "Müller", None), SAME_NAME_NO_BIRTH),
        (person("Müller", "Hans", None), person("Hans", "Mueller"), SWAPPED_NO_BIRTH),
    ],
)
def test_one_person_is_recognised(new: PersonName, stored: PersonName, reason: str) -> None:
    assert compare(new, stored) == reason
    assert compare(stored, new) is not None  # the rules are symmetric


@pytest.mark.parametrize(
    ("new", "stored"),
    [
        (person("Anna", "Müller"), person("Anna", "Müller", OTHER_DAY)),  # other birth date
        (person("Anna", "Müller"), person("Petra", "Schulz")),  # same day, other person
        (person("Lea", "Kaya"), person("Leo", "Kaya")),  # twins: short names, one letter
        (person("Daniel", "Kaya"), person("Daniela", "Kaya")),  # twins: Daniel and Daniela
        (person("Max", "Kaya"), person("Moritz", "Kaya")),  # twins
        (person("Anna", "Schmidt"), person("Anna", "Schmitz")),  # two letters differ
        (person("Anna", "Müller", None), person("Anna", "Müler")),  # typo needs the birth date
        (person("Anna", "Meyer", None), person("Anna", "Meyer-Schmidt")),  # part needs it too
        (person("Anna", "Schmitt"), person("Anne", "Schmidt")),  # a typo in each name
        (person("", ""), person("", "")),  # nothing to compare
    ],
)
def test_clearly_different_people_do_not_match(new: PersonName, stored: PersonName) -> None:
    assert compare(new, stored) is None
    assert compare(stored, new) is None


def test_index_finds_by_birth_date_and_by_name_strongest_first() -> None:
    index: DuplicateIndex[str] = DuplicateIndex()
    index.add("Ayşe", "Yıldız", BORN, "exact")
    index.add("Ayse", "Yildiz", None, "no birth date")
    index.add("Ayse", "Yildiz", OTHER_DAY, "other day")
    index.add("Ayşe", "Yıldırım", BORN, "other name")
    index.add("Yıldız", "Ayşe", None, "swapped")
    found = index.find("Ayse", "Yildiz", BORN)
    assert [item for item, _ in found] == ["exact", "no birth date", "swapped"]
    assert found[0][1] == SAME_NAME_OTHER_SPELLING
    no_birth = index.find("Ayşe", "Yıldız", None)
    assert sorted(item for item, _ in no_birth) == [
        "exact",
        "no birth date",
        "other day",
        "swapped",
    ]
    assert index.find("", "", BORN) == []

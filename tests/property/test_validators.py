"""Form validators under arbitrary input: German field errors or a clean save, never a crash.

For each editor (client, offer, employer, settings, "Dein Weg" templates) three properties:
- any input gives a list of field errors naming real fields, and never raises;
- valid input is accepted, stored and read back unchanged (and fits the columns);
- one wrong value gives an error on exactly that field.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from srek_desk.config import SETTINGS, Config, setting
from srek_desk.db.codes import (
    CLIENT_STATUSES,
    MOBILITY_MODES,
    OFFER_TYPES,
    WORKING_TIMES,
    join_codes,
    split_codes,
)
from srek_desk.db.models import Client, Employer, Offer
from srek_desk.importers.tabular import FORMULA_STARTS
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import (
    CEFR_LEVELS,
    DRIVING_LICENCE_CLASSES,
    LANGUAGES,
    SCHOOL_LEVELS,
    VOCATIONAL_LEVELS,
)
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import MAX_LENGTHS, ClientInput, validate_client
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.employers import EmployerInput, EmployerService, validate_employer
from srek_desk.services.offers.service import OfferInput, OfferService, validate_offer
from srek_desk.services.settings.service import (
    GROUPS,
    _number_range,
    save_settings,
    save_templates,
    shipped_templates,
    validate_settings,
    validate_templates,
)
from srek_desk.sheets.pathway import TEMPLATE_KEYS, load_templates
from tests.property.strategies import (
    ANY_DATES,
    ANY_TEXT,
    HUGE_INTS,
    KLDB_CODES,
    POSTCODES,
    SOME_TEXT,
    codes,
    garbled,
)

REFERENCE = ReferenceData()
TODAY = date.today()
SCHOOLS = [level.code for level in SCHOOL_LEVELS]
VOCATIONS = [level.code for level in VOCATIONAL_LEVELS]
CEFR = [level.code for level in CEFR_LEVELS]
LANGUAGE_CODES = [language.code for language in LANGUAGES]
UNKNOWN_POSTCODE = "00000"
UNKNOWN_KLDB = "99999"
assert not REFERENCE.gazetteer.is_valid_postcode(UNKNOWN_POSTCODE)
assert REFERENCE.occupations.get(UNKNOWN_KLDB) is None

FAST = settings(max_examples=150, deadline=None)
WITH_DATABASE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One database for all examples of this module (a fresh one per example would cost ~1 s)."""
    from srek_desk.services.core.database import open_database

    database = open_database(tmp_path_factory.mktemp("property") / "desk.sqlite3")
    yield database
    database.dispose()


def column_overflow(model: Any, values: dict[str, Any]) -> list[str]:
    """Names of text values longer than their column allows (PostgreSQL would refuse them)."""
    columns = model.__table__.columns
    return [
        name
        for name, value in values.items()
        if isinstance(value, str)
        and name in columns
        and getattr(columns[name].type, "length", None) is not None
        and len(value) > columns[name].type.length
    ]


# -- clients -------------------------------------------------------------------------------------

any_client_inputs = st.builds(
    ClientInput,
    customer_number=st.none() | SOME_TEXT,
    first_name=SOME_TEXT,
    last_name=SOME_TEXT,
    birth_date=st.none() | ANY_DATES,
    email=garbled(st.just("lena@example.org")),
    phone=SOME_TEXT,
    street=SOME_TEXT,
    home_postcode=garbled(st.sampled_from(POSTCODES)),
    school_qualification=garbled(st.sampled_from(SCHOOLS)),
    vocational_qualification=garbled(st.sampled_from(VOCATIONS)),
    driving_licences=codes(list(DRIVING_LICENCE_CLASSES)),
    has_car=st.booleans(),
    mobility_modes=codes(list(MOBILITY_MODES)),
    max_commute_minutes=HUGE_INTS,
    willing_to_relocate=st.booleans(),
    accepts_fixed_term=st.booleans(),
    working_time=codes(list(WORKING_TIMES)),
    earliest_start=st.none() | ANY_DATES,
    consent_given=st.booleans(),
    consent_date=st.none() | ANY_DATES,
    status=garbled(st.sampled_from(sorted(CLIENT_STATUSES))),
    wishes=st.lists(st.tuples(garbled(st.sampled_from(KLDB_CODES)), HUGE_INTS), max_size=4).map(
        tuple
    ),
    languages=st.lists(
        st.tuples(garbled(st.sampled_from(LANGUAGE_CODES)), garbled(st.sampled_from(CEFR))),
        max_size=4,
    ).map(tuple),
)


def _text(limit: int) -> st.SearchStrategy[str]:
    return st.text(max_size=limit).filter(lambda text: len(text.strip()) <= limit)


def _name(limit: int) -> st.SearchStrategy[str]:
    """A name: any text but one a spreadsheet would run as a formula (refused, issue 17)."""
    return _text(limit).filter(lambda text: not text.lstrip(" ").startswith(FORMULA_STARTS))


@st.composite
def valid_client_inputs(draw: st.DrawFn) -> ClientInput:
    consent = draw(st.booleans())
    wishes = draw(st.lists(st.sampled_from(KLDB_CODES), unique=True, max_size=4))
    priorities = sorted(
        draw(st.lists(st.integers(1, 99), min_size=len(wishes), max_size=len(wishes)))
    )
    languages = draw(st.lists(st.sampled_from(LANGUAGE_CODES), unique=True, max_size=3))
    email = draw(
        st.just("")
        | st.emails().filter(lambda e: len(e) <= 200)
        | st.from_regex(r"[a-zäöü.\-]{1,20}@[a-z0-9\-]{1,20}\.(de|org|com)", fullmatch=True)
    )
    return ClientInput(
        customer_number=draw(st.none() | _text(40)),
        first_name=draw(_name(100)),
        last_name=draw(_name(100)),
        birth_date=draw(
            st.none()
            | st.dates(TODAY - timedelta(days=70 * 365), TODAY - timedelta(days=14 * 366 + 2))
        ),
        email=email,
        phone=draw(_text(60)),
        street=draw(_text(200)),
        home_postcode=draw(st.just("") | st.sampled_from(POSTCODES)),
        school_qualification=draw(st.just("") | st.sampled_from(SCHOOLS)),
        vocational_qualification=draw(st.just("") | st.sampled_from(VOCATIONS)),
        driving_licences=tuple(
            draw(st.lists(st.sampled_from(list(DRIVING_LICENCE_CLASSES)), unique=True))
        ),
        has_car=draw(st.booleans()),
        mobility_modes=tuple(draw(st.lists(st.sampled_from(list(MOBILITY_MODES)), unique=True))),
        max_commute_minutes=draw(st.integers(5, 240)),
        willing_to_relocate=draw(st.booleans()),
        accepts_fixed_term=draw(st.booleans()),
        working_time=tuple(draw(st.lists(st.sampled_from(list(WORKING_TIMES)), unique=True))),
        earliest_start=draw(st.none() | ANY_DATES),
        consent_given=consent,
        consent_date=draw(st.dates(max_value=TODAY) if consent else st.none()),
        status=draw(st.sampled_from(sorted(CLIENT_STATUSES))),
        wishes=tuple(zip(wishes, priorities, strict=True)),
        languages=tuple((code, draw(st.sampled_from(CEFR))) for code in languages),
    )


def stored_form(data: ClientInput) -> ClientInput:
    """What the editor shows after saving: trimmed text, codes without duplicates, place looked up."""
    return dataclasses.replace(
        data,
        customer_number=(data.customer_number or "").strip() or None,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        street=data.street.strip(),
        home_postcode=data.home_postcode.strip(),
        driving_licences=split_codes(join_codes(data.driving_licences)),
        mobility_modes=split_codes(join_codes(data.mobility_modes)),
        working_time=split_codes(join_codes(data.working_time)),
    )


@FAST
@given(data=any_client_inputs)
def test_client_validation_names_fields_and_never_raises(data: ClientInput) -> None:
    errors = validate_client(data, REFERENCE)
    names = {field.name for field in dataclasses.fields(ClientInput)}
    for error in errors:
        assert error.field in names
        assert error.message.strip() and error.message[-1] in ".)"


@WITH_DATABASE
@given(data=st.one_of(any_client_inputs, valid_client_inputs()))
def test_client_input_the_validator_accepts_is_stored_whole(desk, data: ClientInput) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(desk)
    errors = service.validate(data, REFERENCE)
    event("refused" if errors else "stored")
    if errors:
        with pytest.raises(ValidationError):
            service.create(data, REFERENCE)
        return
    client_id = service.create(data, REFERENCE)
    stored, version = service.input_of(client_id)
    assert version == 1
    assert stored == stored_form(data)
    detail = service.detail(client_id)
    assert detail is not None
    assert column_overflow(Client, detail.client.model_dump()) == []


@FAST
@given(data=valid_client_inputs())
def test_valid_client_input_is_accepted(data: ClientInput) -> None:
    assert validate_client(data, REFERENCE) == []


CLIENT_MISTAKES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "home_postcode": st.just({"home_postcode": UNKNOWN_POSTCODE}),
    "birth_date": st.integers(0, 13).map(
        lambda years: {"birth_date": TODAY - timedelta(days=years * 365)}
    ),
    "email": st.sampled_from(["lena", "lena@", "@example.org", "lena@example", "a b@c.de"]).map(
        lambda email: {"email": email}
    ),
    "max_commute_minutes": st.one_of(st.integers(max_value=4), st.integers(min_value=241)).map(
        lambda minutes: {"max_commute_minutes": minutes}
    ),
    "consent_date": st.sampled_from(
        [
            {"consent_given": True, "consent_date": None},
            {"consent_date": TODAY + timedelta(days=1)},
        ]
    ),
    "school_qualification": st.just({"school_qualification": "doktor"}),
    "vocational_qualification": st.just({"vocational_qualification": "zauberer"}),
    "driving_licences": st.just({"driving_licences": ("B", "Z")}),
    "mobility_modes": st.just({"mobility_modes": ("ufo",)}),
    "working_time": st.just({"working_time": ("immer",)}),
    "status": st.just({"status": "verschollen"}),
    "wishes": st.sampled_from(
        [
            {"wishes": ((UNKNOWN_KLDB, 1),)},
            {"wishes": ((KLDB_CODES[0], 1), (KLDB_CODES[0], 2))},
            {"wishes": ((KLDB_CODES[0], 0),)},
            {"wishes": ((KLDB_CODES[0], 40_000),)},
        ]
    ),
    "languages": st.sampled_from(
        [
            {"languages": (("xx", "B1"),)},
            {"languages": (("de", "Z9"),)},
            {"languages": (("de", "B1"), ("de", "C1"))},
        ]
    ),
    **{
        field: st.integers(limit + 1, limit + 300).map(
            lambda length, field=field: {field: "x" * length}
        )
        for field, (_, limit) in MAX_LENGTHS.items()
        if field != "email"
    },
    "email_length": st.integers(201, 400).map(
        lambda length: {"email": "x" * (length - 12) + "@beispiel.de"}
    ),
}


@FAST
@given(
    data=valid_client_inputs(),
    mistake=st.sampled_from(sorted(CLIENT_MISTAKES)).flatmap(
        lambda name: st.tuples(st.just(name), CLIENT_MISTAKES[name])
    ),
)
def test_one_wrong_client_value_is_named(data: ClientInput, mistake: tuple[str, Any]) -> None:
    name, change = mistake
    errors = validate_client(dataclasses.replace(data, **change), REFERENCE)
    expected = "email" if name == "email_length" else name
    assert {error.field for error in errors} == {expected}, errors


def test_overlong_client_names_are_refused_in_german() -> None:
    errors = validate_client(ClientInput(first_name="Ä" * 101, street="s" * 200), REFERENCE)
    assert [(e.field, e.message) for e in errors] == [
        ("first_name", "Der Vorname ist zu lang (höchstens 100 Zeichen).")
    ]


# -- offers and employers -----------------------------------------------------------------------

any_offer_inputs = st.builds(
    OfferInput,
    title=SOME_TEXT,
    offer_type=garbled(st.sampled_from(sorted(OFFER_TYPES))),
    kldb_code=garbled(st.sampled_from(KLDB_CODES)),
    occupation_name=SOME_TEXT,
    required_school=garbled(st.sampled_from(SCHOOLS)),
    employer_id=st.none(),
    employer_name=SOME_TEXT,
    street=SOME_TEXT,
    postcode=garbled(st.sampled_from(POSTCODES)),
    working_time=codes(list(WORKING_TIMES)),
    fixed_term=st.none() | st.booleans(),
    start_date=st.none() | ANY_DATES,
    application_deadline=st.none() | ANY_DATES,
    positions=HUGE_INTS,
    driving_licence=garbled(st.sampled_from(list(DRIVING_LICENCE_CLASSES))),
    german_level=garbled(st.sampled_from(CEFR)),
    contact_name=SOME_TEXT,
    contact_phone=SOME_TEXT,
    contact_email=garbled(st.just("info@example.org")),
    url=SOME_TEXT,
    salary_text=SOME_TEXT,
    description=st.text(max_size=2000),
    active=st.booleans(),
)


@st.composite
def valid_offer_inputs(draw: st.DrawFn) -> OfferInput:
    start = draw(st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)))
    deadline = draw(
        st.none() | (st.dates(max_value=start) if start else st.dates(date(2000, 1, 1)))
    )
    return OfferInput(
        title=draw(_text(300).filter(lambda text: text.strip())),
        offer_type=draw(st.sampled_from(sorted(OFFER_TYPES))),
        kldb_code=draw(st.just("") | st.sampled_from(KLDB_CODES)),
        occupation_name=draw(_text(300)),
        required_school=draw(st.just("") | st.sampled_from(SCHOOLS)),
        employer_name=draw(_text(200)),
        street=draw(_text(200)),
        postcode=draw(st.sampled_from(POSTCODES)),
        working_time=tuple(draw(st.lists(st.sampled_from(list(WORKING_TIMES)), unique=True))),
        fixed_term=draw(st.none() | st.booleans()),
        start_date=start,
        application_deadline=deadline,
        positions=draw(st.integers(1, 9999)),
        driving_licence=draw(st.just("") | st.sampled_from(list(DRIVING_LICENCE_CLASSES))),
        german_level=draw(st.just("") | st.sampled_from(CEFR)),
        contact_name=draw(_text(200)),
        contact_phone=draw(_text(60)),
        contact_email=draw(st.just("") | st.emails().filter(lambda e: len(e) <= 200)),
        url=draw(_text(500)),
        salary_text=draw(_text(200)),
        description=draw(st.text(max_size=3000)),
        active=draw(st.booleans()),
    )


@FAST
@given(data=any_offer_inputs)
def test_offer_validation_names_fields_and_never_raises(data: OfferInput) -> None:
    names = {field.name for field in dataclasses.fields(OfferInput)}
    for error in validate_offer(data, REFERENCE):
        assert error.field in names
        assert error.message.strip()


@WITH_DATABASE
@given(data=valid_offer_inputs())
def test_valid_offer_is_accepted_and_stored_whole(desk, data: OfferInput) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(desk, REFERENCE)
    assert service.validate(data) == []
    offer_id = service.create_manual(data)
    stored = service.get(offer_id)
    code = data.kldb_code.strip()
    occupation = REFERENCE.occupations.get(code) if code else None
    expected = dataclasses.replace(
        data,
        **{
            name: getattr(data, name).strip()
            for name in (
                "title",
                "employer_name",
                "street",
                "postcode",
                "contact_name",
                "contact_phone",
                "contact_email",
                "url",
                "salary_text",
            )
        },
        occupation_name=data.occupation_name.strip() or (occupation.name if occupation else ""),
        working_time=split_codes(join_codes(data.working_time)),
    )
    assert stored == expected
    with desk.session() as session:
        offer = session.get(Offer, offer_id)
        assert column_overflow(Offer, offer.model_dump()) == []


OFFER_MISTAKES: dict[str, dict[str, Any]] = {
    "title": {"title": "  "},
    "offer_type": {"offer_type": "urlaub"},
    "kldb_code": {"kldb_code": UNKNOWN_KLDB},
    "postcode": {"postcode": UNKNOWN_POSTCODE},
    "required_school": {"required_school": "doktor"},
    "working_time": {"working_time": ("immer",)},
    "application_deadline": {
        "start_date": date(2027, 8, 1),
        "application_deadline": date(2027, 8, 2),
    },
    "positions": {"positions": 0},
    "driving_licence": {"driving_licence": "Z"},
    "german_level": {"german_level": "D1"},
    "contact_email": {"contact_email": "info(at)example.org"},
}


@FAST
@given(data=valid_offer_inputs(), name=st.sampled_from(sorted(OFFER_MISTAKES)))
def test_one_wrong_offer_value_is_named(data: OfferInput, name: str) -> None:
    errors = validate_offer(dataclasses.replace(data, **OFFER_MISTAKES[name]), REFERENCE)
    assert {error.field for error in errors} == {name}, errors


any_employer_inputs = st.builds(
    EmployerInput,
    name=SOME_TEXT,
    street=SOME_TEXT,
    postcode=garbled(st.sampled_from(POSTCODES)),
    contact_name=SOME_TEXT,
    phone=SOME_TEXT,
    email=garbled(st.just("info@example.org")),
    website=SOME_TEXT,
    notes=st.text(max_size=2000),
)
valid_employer_inputs = st.builds(
    EmployerInput,
    name=_name(200).filter(lambda text: text.strip()),
    street=_text(200),
    postcode=st.just("") | st.sampled_from(POSTCODES),
    contact_name=_text(200),
    phone=_text(60),
    email=st.just("") | st.emails().filter(lambda e: len(e) <= 200),
    website=_text(300),
    notes=st.text(max_size=2000),
)


@FAST
@given(data=any_employer_inputs)
def test_employer_validation_names_fields_and_never_raises(data: EmployerInput) -> None:
    names = {field.name for field in dataclasses.fields(EmployerInput)}
    for error in validate_employer(data, REFERENCE):
        assert error.field in names
        assert error.message.strip()


@WITH_DATABASE
@given(data=valid_employer_inputs)
def test_valid_employer_is_accepted_and_stored_whole(desk, data: EmployerInput) -> None:  # type: ignore[no-untyped-def]
    service = EmployerService(desk, REFERENCE)
    assert service.validate(data) == []
    employer_id = service.create(data)
    stored = service.get(employer_id)
    trimmed = {
        name: getattr(data, name).strip()
        for name in ("name", "street", "postcode", "contact_name", "phone", "email", "website")
    }
    assert stored == dataclasses.replace(data, **trimmed)
    with desk.session() as session:
        employer = session.get(Employer, employer_id)
        assert column_overflow(Employer, employer.model_dump()) == []


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("name", {"name": " "}),
        ("postcode", {"postcode": UNKNOWN_POSTCODE}),
        ("email", {"email": "info@"}),
    ],
)
def test_one_wrong_employer_value_is_named(name: str, change: dict[str, Any]) -> None:
    errors = validate_employer(
        dataclasses.replace(EmployerInput(name="Muster GmbH"), **change), REFERENCE
    )
    assert [error.field for error in errors] == [name]


# Found by the properties above (column limits, numbers beyond SQLite's INTEGER).
@pytest.mark.parametrize(
    ("field", "change"),
    [
        pytest.param("title", {"title": "T" * 301}),
        pytest.param("employer_name", {"employer_name": "E" * 201}),
        pytest.param("url", {"url": "https://x.de/" + "u" * 500}),
        pytest.param("positions", {"positions": 2**63}),
    ],
)
def test_offer_validator_refuses_what_the_database_cannot_hold(
    desk, field: str, change: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    valid = OfferInput(title="Koch/Köchin", postcode=POSTCODES[0])
    service = OfferService(desk, REFERENCE)
    assert [e.field for e in service.validate(dataclasses.replace(valid, **change))] == [field]


def test_offer_validator_survives_an_impossible_employer_id(desk) -> None:  # type: ignore[no-untyped-def]
    data = OfferInput(title="Koch/Köchin", postcode=POSTCODES[0], employer_id=2**63)
    assert [e.field for e in OfferService(desk, REFERENCE).validate(data)] == ["employer_id"]


def test_employer_validator_refuses_an_overlong_name() -> None:
    errors = validate_employer(EmployerInput(name="N" * 201), REFERENCE)
    assert [error.field for error in errors] == ["name"]


# -- settings ------------------------------------------------------------------------------------

EDITABLE = sorted(s.key for s in SETTINGS if s.key.split(".")[0] in GROUPS)
SETTING_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(-5, 200).map(str),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(0, 150).map(lambda number: f"{number:.2f}".replace(".", ",")),
    HUGE_INTS,
    st.booleans(),
    st.sampled_from(["ja", "nein", "de", "en", "de-simple", "34117", "büro@example.org"]),
)


def _plausible_setting(key: str) -> st.SearchStrategy[Any]:
    kind = setting(key).type
    special = {
        "office.email": st.just("") | st.emails(),
        "office.postcode": st.sampled_from(POSTCODES),
        "office.logo_path": st.just(""),
        "ui.language": st.sampled_from(["de", "en"]),
        "sheet.default_language": st.sampled_from(["de", "de-simple", "en"]),
    }
    if key in special:
        return special[key]
    if kind is bool:
        return st.booleans() | st.sampled_from(["ja", "nein", "true", "0"])
    low, high = _number_range(key) or (0, 100)
    if kind is int:
        return st.integers(int(low), int(high)) | st.integers(int(low), int(high)).map(str)
    if kind is float:
        return st.floats(low, high) | st.floats(low, high).map(
            lambda n: f"{n:.3f}".replace(".", ",")
        )
    return st.text(max_size=40)


@st.composite
def setting_values(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(EDITABLE), unique=True, min_size=1, max_size=5))
    if draw(st.integers(0, 9)) == 0:  # now and then a key the page does not edit
        keys.append(draw(st.just("database.url") | ANY_TEXT))
    garbage = st.integers(0, 3).map(lambda n: n == 0)  # one value in four is anything at all
    return {
        key: draw(
            SETTING_VALUES if key not in EDITABLE or draw(garbage) else _plausible_setting(key)
        )
        for key in keys
    }


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=setting_values())
def test_settings_the_validator_accepts_are_saved_and_read_back(
    tmp_path: Path, values: dict[str, Any]
) -> None:
    errors = validate_settings(values, REFERENCE)
    assert {error.field for error in errors} <= set(values)
    assert all(error.message.strip() for error in errors)
    event("refused" if errors else "saved")
    if errors:
        return
    user_file = tmp_path / "config.toml"
    user_file.unlink(missing_ok=True)
    config = save_settings(values, reference=REFERENCE, user_file=user_file)
    # what the next start of the program reads
    again = Config.load(user_file=user_file, environ={})
    for key, value in values.items():
        expected = Config.defaults().with_values(**{key.replace(".", "__"): value})[key]
        assert config[key] == expected
        assert again[key] == expected


@pytest.mark.parametrize("text", ["Büro\r\nKassel", "Büro\x00", "Tab\tund\x1bEscape", "\x7f"])
def test_settings_refuse_control_characters(text: str) -> None:
    errors = validate_settings({"office.name": text})
    assert [(e.field, e.message) for e in errors] == [
        ("office.name", "Bitte ohne Steuerzeichen (z. B. Zeilenumbruch oder Tabulator) eingeben.")
    ]


# -- "Dein Weg" templates -----------------------------------------------------------------------

SHIPPED = shipped_templates()
PIECES = st.sampled_from(
    [
        "{employer}",
        "{deadline}",
        "{date}",
        "{place}",
        "{state}",
        "{",
        "}",
        "{{",
        "}}",
        "{}",
        "{0}",
        "{employer!r}",
        "{employer!x}",
        "{employer:d}",
        "{employer:>99999999}",
        "{employer.upper}",
        "{employer[0]}",
        "{deadline:{place}}",
    ]
)


@st.composite
def template_texts(draw: st.DrawFn, language: str, key: str) -> str:
    base = SHIPPED.get(language, SHIPPED["de"]).get(key, "")
    pieces = draw(st.lists(st.one_of(PIECES, ANY_TEXT), max_size=4))
    position = draw(st.integers(0, len(base)))
    if draw(st.booleans()):
        base = base[:position] + "".join(pieces) + base[position:]
    elif pieces:
        base = "".join(pieces)
    return base


@st.composite
def template_sets(draw: st.DrawFn) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for language in draw(st.lists(st.sampled_from([*sorted(SHIPPED), "xx"]), unique=True)):
        keys = draw(st.lists(st.sampled_from([*TEMPLATE_KEYS, "unknown"]), unique=True))
        result[language] = {key: draw(template_texts(language, key)) for key in keys}
    return result


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(templates=template_sets())
def test_templates_the_validator_accepts_always_render(
    isolated_dirs: Path, templates: dict[str, dict[str, str]]
) -> None:
    errors = validate_templates(templates)
    assert all(error.message.strip() for error in errors)
    event("refused" if errors else "saved")
    if errors:
        return
    path = save_templates(templates)
    loaded = load_templates(path)
    values = {"employer": "Muster GmbH", "deadline": "1. März", "date": "2. März"}
    values |= {"place": "Kassel", "state": "Hessen"}
    values |= {"course": "Staplerschein-Kurs", "skill": "Staplerschein", "count": "2"}
    for language, texts in loaded.by_language.items():
        for key in texts:
            text = loaded.text(language, key, **values)
            shipped = SHIPPED.get(language, SHIPPED["de"]).get(key) or SHIPPED["de"][key]
            for _, name, _, _ in string.Formatter().parse(shipped):
                if name is not None:
                    assert values[name] in text, (language, key, text)


def test_template_format_specs_are_refused() -> None:
    errors = validate_templates(
        {"de": {"apply": "Bewerbung an {employer:>99999999} bis {deadline}"}}
    )
    assert [e.field for e in errors] == ["de.apply"]


def test_placeholder_names_stay_the_shipped_ones() -> None:
    # guard for the template strategy: every shipped text uses only simple {name} fields
    for texts in SHIPPED.values():
        for text in texts.values():
            for _, name, spec, conversion in string.Formatter().parse(text):
                assert not spec and not conversion, text
                assert name is None or name.isidentifier(), text

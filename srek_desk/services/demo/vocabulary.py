"""Word lists and small rules for the fictitious demo data (names, titles, texts)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# Share of demo offers per KldB Berufshauptgruppe (first two digits): the region's strengths,
# industry, metal and electrical, logistics, care, crafts, IT.
SECTOR_WEIGHTS: dict[str, float] = {
    "24": 3.0,
    "25": 4.0,
    "26": 4.0,
    "27": 1.5,
    "28": 0.6,
    "29": 2.0,
    "11": 0.8,
    "12": 0.6,
    "32": 2.0,
    "33": 1.5,
    "34": 2.0,
    "41": 0.4,
    "43": 2.0,
    "51": 3.5,
    "52": 2.0,
    "53": 0.6,
    "54": 0.6,
    "61": 1.0,
    "62": 3.0,
    "63": 1.5,
    "71": 3.0,
    "72": 1.5,
    "73": 0.8,
    "81": 3.5,
    "82": 2.0,
    "83": 1.5,
    "84": 0.5,
    "22": 1.0,
    "23": 0.5,
    "21": 0.5,
    "42": 0.5,
}

SECTOR_WORDS: dict[str, str] = {
    "11": "Agrar",
    "12": "Garten- und Forstbetrieb",
    "21": "Baustoffe",
    "22": "Kunststofftechnik",
    "23": "Druck und Papier",
    "24": "Metallbau",
    "25": "Maschinenbau",
    "26": "Elektrotechnik",
    "27": "Technik",
    "28": "Textil",
    "29": "Lebensmittel",
    "32": "Hochbau",
    "33": "Ausbau",
    "34": "Haustechnik",
    "41": "Labor",
    "42": "Umwelttechnik",
    "43": "Systemhaus",
    "51": "Logistik",
    "52": "Transport",
    "53": "Sicherheitsdienst",
    "54": "Gebäudeservice",
    "61": "Vertrieb",
    "62": "Handel",
    "63": "Hotel und Gastronomie",
    "71": "Verwaltung",
    "72": "Finanzdienst",
    "73": "Recht und Verwaltung",
    "81": "Klinik",
    "82": "Pflegedienst",
    "83": "Sozialwerk",
    "84": "Bildungswerk",
    "94": "Medien",
}

EMPLOYER_PREFIXES = ("Muster", "Beispiel", "Musterhaus", "Beispielwerk")
EMPLOYER_STEMS = (
    "Werra",
    "Fulda",
    "Diemel",
    "Eder",
    "Weser",
    "Leine",
    "Solling",
    "Meißner",
    "Kaufunger",
    "Habichtswald",
    "Reinhardswald",
    "Eichsfeld",
    "Egge",
    "Schwalm",
    "Knüll",
    "Kellerwald",
)
LEGAL_FORMS = ("GmbH", "GmbH & Co. KG", "e.K.", "AG", "eG", "KG")
STREETS = (
    "Musterstraße",
    "Beispielweg",
    "Am Musterplatz",
    "Lindenallee",
    "Industriestraße",
    "Gewerbepark",
    "Bahnhofstraße",
    "Hauptstraße",
    "Am Werk",
    "Kirchgasse",
)
TITLES = ("Frau", "Herr")

FIRST_NAMES = (
    "Lena",
    "Mia",
    "Emma",
    "Hannah",
    "Lea",
    "Sophie",
    "Marie",
    "Anna",
    "Laura",
    "Julia",
    "Leon",
    "Paul",
    "Finn",
    "Jonas",
    "Luca",
    "Noah",
    "Elias",
    "Ben",
    "Tim",
    "Felix",
    "Ayşe",
    "Elif",
    "Zeynep",
    "Emre",
    "Mehmet",
    "Yusuf",
    "Can",
    "Deniz",
    "Fatima",
    "Amira",
    "Layla",
    "Omar",
    "Ahmad",
    "Karim",
    "Samir",
    "Yasmin",
    "Oksana",
    "Olena",
    "Dmytro",
    "Andrii",
    "Iryna",
    "Kateryna",
    "Agnieszka",
    "Małgorzata",
    "Paweł",
    "Łukasz",
    "Tomasz",
    "Zofia",
    "Ioana",
    "Andrei",
    "Mihai",
    "Elena",
    "Aziz",
    "Mariam",
    "Tesfay",
    "Selam",
)
LAST_NAMES = (
    "Mustermann",
    "Musterfrau",
    "Beispiel",
    "Probe",
    "Testmann",
    "Musterhausen",
    "Beispielmann",
    "Exempel",
    "Demovic",
    "Probst-Muster",
    "Yılmaz-Muster",
    "Musterowa",
    "Beispielska",
    "Al-Muster",
    "Muster-Nowak",
    "Demoglu",
    "Testanu",
    "Musterenko",
)

NOTE_TEXTS = (
    "Erstgespräch geführt, Interessen besprochen.",
    "Bewerbungsunterlagen gemeinsam durchgesehen.",
    "Praktikum als Einstieg besprochen.",
    "Fahrtwege geklärt, Deutschlandticket empfohlen.",
    "Berufsschule und Förderung erläutert.",
)
FOLLOW_UP_TEXTS = (
    "Nachfragen: Rückmeldung auf Bewerbung",
    "Termin zur Bewerbungsmappe",
    "Unterlagen für Förderung prüfen",
    "Ergebnis Vorstellungsgespräch erfragen",
)
PROPOSAL_STATUS_WEIGHTS: dict[str, float] = {
    "vorgeschlagen": 40,
    "beworben": 25,
    "vorstellungsgespraech": 12,
    "zusage": 8,
    "absage": 15,
}

LANGUAGES_EXTRA = (
    ("en", "B1"),
    ("tr", "C2"),
    ("ar", "C2"),
    ("uk", "C2"),
    ("pl", "C2"),
    ("ru", "C2"),
    ("ro", "C2"),
    ("fa", "C2"),
    ("ti", "C2"),
)


@dataclass(frozen=True, slots=True)
class ClientProfile:
    first_name: str
    last_name: str
    birth_date: date
    age: int
    school: str
    vocational: str
    languages: tuple[tuple[str, str], ...]


def client_profile(rng: random.Random, today: date) -> ClientProfile:
    young = rng.random() < 0.6
    age = rng.randint(15, 19) if young else rng.randint(20, 58)
    birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
    school = rng.choices(
        ("none", "hauptschule", "mittlere_reife", "fachabitur", "abitur"),
        weights=(6, 28, 38, 12, 16),
    )[0]
    vocational = (
        ""
        if young
        else rng.choices(
            ("none", "berufsausbildung", "meister", "bachelor"), weights=(35, 50, 8, 7)
        )[0]
    )
    german = "C2" if rng.random() < 0.7 else rng.choice(("A2", "B1", "B1", "B2", "C1"))
    languages: list[tuple[str, str]] = [("de", german)]
    if german != "C2" or rng.random() < 0.15:
        languages.append(rng.choice(LANGUAGES_EXTRA))
    if rng.random() < 0.4 and all(code != "en" for code, _ in languages):
        languages.append(("en", rng.choice(("A2", "B1", "B2"))))
    return ClientProfile(
        rng.choice(FIRST_NAMES),
        rng.choice(LAST_NAMES),
        birth,
        age,
        school,
        vocational,
        tuple(languages),
    )


def title_for(offer_type: str, occupation: str, rng: random.Random) -> str:
    if offer_type == "ausbildung":
        return (
            f"Ausbildung {occupation} (m/w/d) {rng.choice(('', '', '– Start im Sommer'))}".strip()
        )
    if offer_type == "duales_studium":
        return f"Duales Studium mit Schwerpunkt {occupation} (m/w/d)"
    if offer_type == "praktikum":
        return f"Praktikum / Einstiegsqualifizierung {occupation} (m/w/d)"
    return f"{occupation} (m/w/d){rng.choice(('', '', ' in Teilzeit', ' – unbefristet'))}"


def school_for(offer_type: str, level: int, rng: random.Random) -> str:
    if offer_type == "duales_studium":
        return rng.choice(("fachabitur", "abitur"))
    if offer_type == "ausbildung":
        return rng.choices(
            ("", "hauptschule", "mittlere_reife", "abitur"), weights=(20, 35, 40, 5)
        )[0]
    if level >= 3:
        return "mittlere_reife"
    return ""


def working_time_for(offer_type: str, rng: random.Random) -> str:
    if offer_type in ("ausbildung", "duales_studium"):
        return "vollzeit"
    return rng.choices(
        ("vollzeit", "teilzeit", "vollzeit,teilzeit", "schicht"), weights=(60, 15, 15, 10)
    )[0]


def salary_for(offer_type: str, level: int, rng: random.Random) -> str:
    if offer_type == "ausbildung":
        return f"{rng.randrange(900, 1300, 10)} € im 1. Ausbildungsjahr"
    if offer_type == "praktikum":
        return "Vergütung nach Vereinbarung"
    base = {1: 2300, 2: 3000, 3: 3800, 4: 4800}.get(level, 3000)
    return f"ab {base + rng.randrange(0, 600, 50)} € brutto im Monat"


def description_for(offer_type: str, occupation: str, place: str) -> str:
    kind = {
        "ausbildung": "Ausbildung",
        "duales_studium": "duales Studium",
        "praktikum": "Praktikum",
        "arbeit": "Stelle",
    }[offer_type]
    return (
        f"Demo-Angebot (fiktiv): {kind} als {occupation} in {place}. "
        "Wir bieten ein freundliches Team, Einarbeitung und Fahrtkostenzuschuss."
    )

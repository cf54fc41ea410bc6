"""A fictitious sample sheet (offices, employers and people invented) for previews, docs and tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from srek_desk.sheets.data import (
    Commute,
    CounsellorInfo,
    HomeArea,
    OfficeInfo,
    SheetConnection,
    SheetData,
    SheetLeg,
    SheetOffer,
    offer_url,
)
from srek_desk.sheets.pathway import default_steps, load_templates

SAMPLE_DATE = date(2026, 2, 16)

_WHY = {
    "de": [
        "Du magst Ordnung und arbeitest gern am Computer.",
        "Du schraubst gern und hast gute Noten in Mathe.",
        "Du bist gern draußen und kannst mit dem Rad hinfahren.",
        "Du packst gern mit an; der Betrieb bildet auch mit Hauptschulabschluss aus.",
        "Du hilfst gern Menschen; der Betrieb bietet ein Deutschlandticket für Azubis.",
    ],
    "de-simple": [
        "Du magst Ordnung. Du arbeitest gern am Computer.",
        "Du schraubst gern. Du bist gut in Mathe.",
        "Du bist gern draußen. Du kannst mit dem Rad hinfahren.",
        "Du packst gern mit an. Dein Schulabschluss reicht.",
        "Du hilfst gern Menschen. Du bekommst ein Ticket für Bus und Bahn.",
    ],
    "en": [
        "You like things tidy and enjoy working on a computer.",
        "You like fixing things and have good marks in maths.",
        "You like being outdoors and can get there by bike.",
        "You like hands-on work; your school certificate is enough.",
        "You like helping people; the employer pays a Deutschlandticket for apprentices.",
    ],
}

# (title, employer, place, state code, state, lat, lon, reference, web, contact, commutes)
_OFFERS = [
    ("Ausbildung Kaufmann/-frau für Büromanagement", "Leinetal Energie GmbH", "Göttingen",
     "NI", "Niedersachsen", 51.5413, 9.9158, "10000-1234567890-S", "leinetal-energie.example",
     "Frau Kowalczyk", (("pt", 38, 27.0), ("car", 24, 27.0))),
    ("Ausbildung Mechatroniker/-in", "Nordhessische Antriebstechnik GmbH", "Kassel", "HE",
     "Hessen", 51.3127, 9.4797, "NAT-2026-07", "https://www.antriebstechnik-nh.example/karriere",
     "Herr Demir", (("pt", 45, 31.0), ("car", 29, 31.0))),
    ("Ausbildung Gärtner/-in Obst- und Gemüsebau", "Obsthof Werratal", "Witzenhausen", "HE",
     "Hessen", 51.3430, 9.8600, "10001-1002716922-S", "obsthof-werratal.example",
     "Frau Schäfer", (("bike", 12, 3.0), ("pt", 18, 3.0))),
    ("Ausbildung Fachkraft für Lagerlogistik", "Weserbergland Logistik KG", "Hann. Münden",
     "NI", "Niedersachsen", 51.4167, 9.6500, "10000-1184867112-S", "wbl-logistik.example",
     "Herr Petrenko", (("pt", 32, 21.0), ("car", 18, 21.0))),
    ("Ausbildung Pflegefachmann/-frau", "Eichsfelder Gesundheitszentrum", "Heilbad Heiligenstadt",
     "TH", "Thüringen", 51.3779, 10.1386, "EGZ-PFL-26", "https://eichsfeld-gz.example/ausbildung",
     "Frau Oğuz", (("pt", 52, 25.0), ("car", 26, 25.0))),
]  # fmt: skip


def sample_offers(language: str = "de") -> list[SheetOffer]:
    why = _WHY.get(language, _WHY["de"])
    offers = []
    for i, (
        title,
        employer,
        place,
        code,
        state,
        lat,
        lon,
        ref,
        web,
        contact,
        commutes,
    ) in enumerate(_OFFERS):
        slug = web.split("//")[-1].split("/")[0].removeprefix("www.")
        offers.append(SheetOffer(
            title=title, employer=employer, place=place, state_code=code, state_name=state,
            start_date=date(2026, 8, 1), application_deadline=date(2026, 3, 13) + timedelta(days=7 * i),
            commutes=tuple(Commute(m, minutes, km) for m, minutes, km in commutes),
            crosses_state_border=code != "HE", why_it_fits=why[i], contact_person=contact,
            phone=f"0551 {4711 + i:04d}-0", email=f"ausbildung@{slug}", web_url=web,
            qr_url=offer_url(ref, web), lat=lat, lon=lon,
            confirmed_on=SAMPLE_DATE - timedelta(days=2 + i),
        ))  # fmt: skip
    return offers


def _at(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60


def _ride(start: str, depart: str, stop: str, arrive: str, route: str, kind: int) -> SheetLeg:
    return SheetLeg("ride", start, stop, _at(depart), _at(arrive), route, kind)


def _walk(start: str, stop: str) -> SheetLeg:
    return SheetLeg("walk", start, stop, 0, 0)


# Invented connections from Witzenhausen on a Monday, arriving by 7:30 (times are fictitious).
SAMPLE_SCHOOL_DAY = date(2026, 2, 23)
_CONNECTIONS: dict[int, tuple[str, str, list[SheetLeg]] | None] = {
    0: ("6:41", "7:26", [
        _walk("", "Witzenhausen Marktplatz"),
        _ride("Witzenhausen Marktplatz", "6:46", "Witzenhausen Nord", "6:55", "210", 3),
        _ride("Witzenhausen Nord", "7:02", "Göttingen", "7:19", "RB 83", 2),
        _walk("Göttingen", ""),
    ]),
    1: ("6:27", "7:21", [
        _walk("", "Witzenhausen Nord"),
        _ride("Witzenhausen Nord", "6:39", "Kassel Hbf", "7:08", "RE 2", 2),
        _walk("Kassel Hbf", "Kassel Hbf (Tram)"),
        _ride("Kassel Hbf (Tram)", "7:12", "Kassel Holländischer Platz", "7:17", "1", 900),
        _walk("Kassel Holländischer Platz", ""),
    ]),
    3: None,  # no connection arrives by 7:30
    4: ("6:30", "7:24", [
        _walk("", "Witzenhausen Marktplatz"),
        _ride("Witzenhausen Marktplatz", "6:34", "Heilbad Heiligenstadt Busbahnhof", "7:15",
              "230", 3),
        _walk("Heilbad Heiligenstadt Busbahnhof", ""),
    ]),
}  # fmt: skip


def _with_timetable(offer: SheetOffer, index: int) -> SheetOffer:
    if index not in _CONNECTIONS:
        return offer
    found = _CONNECTIONS[index]
    commutes = []
    for commute in offer.commutes:
        if commute.mode != "pt":
            commutes.append(commute)
        elif found is None:
            commutes.append(replace(commute, minutes=float("inf"), no_connection_by=_at("7:30")))
        else:
            depart, arrive, legs = found
            rides = sum(leg.kind == "ride" for leg in legs)
            connection = SheetConnection(
                SAMPLE_SCHOOL_DAY, _at("7:30"), _at(depart), _at(arrive), tuple(legs), rides - 1
            )
            commutes.append(replace(commute, minutes=connection.minutes, connection=connection))
    return replace(offer, commutes=tuple(commutes))


def sample_sheet(
    language: str = "de", first_name: str | None = "Aylin", *, timetable: bool = False
) -> SheetData:
    """The sample sheet; with `timetable`, bus-and-train figures come from invented
    connections (printed leg by leg, one offer without a connection in time)."""
    offers = sample_offers(language)
    if timetable:
        offers = [_with_timetable(offer, index) for index, offer in enumerate(offers)]
    steps = default_steps(
        offers,
        language,
        load_templates(),
        appointment=date(2026, 3, 2),
        school_place="Witzenhausen",
    )
    return SheetData(
        office=OfficeInfo(
            name="Jugendberufsagentur Werra-Meißner (Beispiel)",
            address="Am Sande 1, 37213 Witzenhausen",
            phone="05542 1234-0",
            email="kontakt@jba-beispiel.example",
            opening_hours="Mo–Do 8–16 Uhr, Fr 8–12 Uhr",
        ),
        counsellor=CounsellorInfo(
            "Sabine Mustermann", "05542 1234-17", "s.mustermann@jba-beispiel.example"
        ),
        date=SAMPLE_DATE,
        first_name=first_name,
        home=HomeArea("37213", "Witzenhausen", 51.3410, 9.8560),
        language=language,
        offers=tuple(offers),
        steps=tuple(steps),
        timetable_credit="NVV – Nordhessischer VerkehrsVerbund (Beispiel) · CC BY 4.0"
        if timetable
        else "",
    )

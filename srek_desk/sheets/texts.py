"""Every word the sheet prints, per language (German, Einfache Sprache, English), and formatters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from srek_desk.sheets.data import Commute, SheetOffer
from srek_desk.sheets.journey import timetable_commute_text


@dataclass(frozen=True, slots=True)
class SheetTexts:
    language: str  # sheets.data.LANGUAGES
    hyphenation: str  # pyphen dictionary, "" for none
    greeting: str  # {name}
    greeting_anonymous: str
    intro: str
    counsellor: str
    chances: str
    no_offers: str
    start: str
    deadline: str
    commute: str
    why: str
    apply: str
    contact: str
    phone: str
    email: str
    web: str
    qr_caption: str
    stand: str  # label before the day the offer was last confirmed
    skills_have: str
    skills_missing: str
    border_default: str  # {state}
    in_state: str  # {place} {state}
    pathway: str
    pathway_empty: str
    map_title: str
    map_home: str  # {place}
    map_scale: str  # {km}
    footer_hours: str
    footer_date: str
    page: str  # {page}
    modes: dict[str, str]
    months: tuple[str, ...] | None  # None: numeric dates
    approx: str = "ca."  # before an estimated figure
    relocation: str = "nur mit Umzug ({km})"  # {km}: distance, instead of commute minutes
    place_unknown: str = "Arbeitsort unbekannt"  # no coordinates: no distance, no commute


_DE_MODES = {
    "pt": "mit Bus und Bahn",
    "car": "mit dem Auto",
    "bike": "mit dem Fahrrad",
    "walk": "zu Fuß",
}

TEXTS: dict[str, SheetTexts] = {
    "de": SheetTexts(
        language="de",
        hyphenation="de_DE",
        greeting="Hallo {name}!",
        greeting_anonymous="Hallo!",
        intro="Hier sind deine besten Chancen auf einen Blick – und was du als Nächstes tun kannst.",
        counsellor="Deine Ansprechperson bei uns",
        chances="Deine Chancen",
        no_offers=(
            "Gerade haben wir noch keine passende Stelle für dich gefunden. Das ist kein Grund "
            "aufzugeben: Wir suchen weiter und sprechen beim nächsten Termin über neue Chancen."
        ),
        start="Beginn",
        deadline="Bewerbung bis",
        commute="Weg",
        why="Warum es passt",
        apply="So bewirbst du dich",
        contact="Ansprechperson",
        phone="Tel.",
        email="E-Mail",
        web="Web",
        qr_caption="Scannen und Stelle ansehen",
        stand="Stand",
        skills_have="Das bringst du mit",
        skills_missing="Dafür fehlt noch",
        border_default="in {state} – eine Chance über die Landesgrenze",
        in_state="{place} ({state})",
        pathway="Dein Weg",
        pathway_empty="Deine nächsten Schritte besprechen wir beim nächsten Termin.",
        map_title="So weit ist es von zu Hause",
        map_home="Zuhause: {place}",
        map_scale="{km} km",
        footer_hours="Öffnungszeiten",
        footer_date="Datum",  # not "Stand": that is each offer's last confirmation
        page="Seite {page}",
        modes=_DE_MODES,
        months=None,
    ),
    "de-simple": SheetTexts(
        language="de-simple",
        hyphenation="",  # Einfache Sprache keeps words whole; only overlong words are split
        greeting="Hallo {name}!",
        greeting_anonymous="Hallo!",
        intro="Hier stehen Stellen für dich. Und hier steht: Das musst du jetzt tun.",
        counsellor="Das ist deine Beraterin oder dein Berater",
        chances="Deine Chancen",
        no_offers=(
            "Wir haben noch keine Stelle für dich. Das ist nicht schlimm. "
            "Wir suchen weiter. Wir sprechen beim nächsten Termin darüber."
        ),
        start="Anfang",
        deadline="Bewirb dich bis",
        commute="So lange fährst du",
        why="Das passt zu dir",
        apply="So bewirbst du dich",
        contact="Frag nach",
        phone="Telefon",
        email="E-Mail",
        web="Internet",
        qr_caption="Mit dem Handy scannen",
        stand="Stand",
        skills_have="Das kannst du schon",
        skills_missing="Das musst du noch lernen",
        border_default="in {state}. Das ist ein anderes Bundesland. Das ist eine Chance für dich.",
        in_state="{place} ({state})",
        pathway="Das musst du jetzt tun",
        pathway_empty="Wir besprechen die nächsten Schritte beim nächsten Termin.",
        map_title="Hier sind die Stellen",
        map_home="Du wohnst hier: {place}",
        map_scale="{km} km",
        footer_hours="Wir sind da",
        footer_date="Datum",
        page="Seite {page}",
        modes=_DE_MODES,
        months=None,
        approx="etwa",  # Einfache Sprache avoids abbreviations
        relocation="Zu weit zum Fahren ({km}). Nur mit Umzug.",
        place_unknown="Wo die Arbeit ist, wissen wir nicht. Frag beim Betrieb nach.",
    ),
    "en": SheetTexts(
        language="en",
        hyphenation="en_GB",
        greeting="Hello {name}!",
        greeting_anonymous="Hello!",
        intro="Here are your best chances at a glance – and what you can do next.",
        counsellor="Your counsellor",
        chances="Your chances",
        no_offers=(
            "We have not found a matching offer for you yet. Do not give up: we keep looking "
            "and will talk about new chances at your next appointment."
        ),
        start="Start",
        deadline="Apply by",
        commute="Travel",
        why="Why it fits",
        apply="How to apply",
        contact="Contact",
        phone="Phone",
        email="Email",
        web="Web",
        qr_caption="Scan to see the offer",
        stand="As of",
        skills_have="What you bring",
        skills_missing="Still needed",
        border_default="in {state} – a chance across the state border",
        in_state="{place} ({state})",
        pathway="Your way",
        pathway_empty="We will plan your next steps at your next appointment.",
        map_title="How far it is from home",
        map_home="Home: {place}",
        map_scale="{km} km",
        footer_hours="Opening hours",
        footer_date="Date",
        page="Page {page}",
        modes={"pt": "by bus and train", "car": "by car", "bike": "by bike", "walk": "on foot"},
        months=(
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ),
        approx="approx.",
        relocation="only if you move ({km})",
        place_unknown="place of work unknown",
    ),
}  # fmt: skip


def texts_for(language: str) -> SheetTexts:
    return TEXTS.get(language, TEXTS["de"])


def format_date(value: date | None, texts: SheetTexts, *, short: bool = False) -> str:
    """12.11.2026, or 12 November 2026 (short: 12 Nov 2026) where the language names months."""
    if value is None:
        return ""
    if texts.months:
        month = texts.months[value.month - 1]
        return f"{value.day} {month[:3] if short else month} {value.year}"
    return value.strftime("%d.%m.%Y")


def commute_text(commute: Commute, texts: SheetTexts) -> str:
    """One mode's figure: "ca. 32 min mit Bus und Bahn" (estimate), "30 min mit Bus und Bahn"
    (the office's table), or the timetable's door-to-door minutes (journey.py)."""
    mode = texts.modes[commute.mode]
    if commute.from_timetable:
        return timetable_commute_text(commute, mode, texts.language)
    approx = texts.approx + " " if commute.estimated else ""
    return f"{approx}{round(commute.minutes):d} min {mode}"


def commute_line(commutes: tuple[Commute, ...], texts: SheetTexts) -> str:
    """E.g. "ca. 32 min mit Bus und Bahn, ca. 18 min mit dem Auto, 21 km" (km of the shortest
    route). Estimated minutes say "ca.", minutes of the office's travel-time table and of the
    timetable do not; the distance is an estimated route and always says "ca."."""
    if not commutes:
        return ""
    parts = [commute_text(c, texts) for c in commutes]
    # route km = straight line × detour factor: always an estimate ("ca.")
    parts.append(distance_text(min(c.km for c in commutes), texts, approximate=True))
    return ", ".join(parts)


def distance_text(km: float, texts: SheetTexts, *, approximate: bool = False) -> str:
    """ "21 km", "3,0 km" (English "3.0 km"); "ca. 21 km" where the figure is an estimate."""
    text = f"{km:.0f} km" if km >= 10 else f"{km:.1f} km"
    if not texts.months:  # German decimal comma
        text = text.replace(".", ",")
    return f"{texts.approx} {text}" if approximate else text


def offer_commute_line(offer: SheetOffer, texts: SheetTexts) -> str:
    """The "Weg" line of an offer: the commute, "nur mit Umzug (160 km)" where the client would
    move, "Arbeitsort unbekannt" where the offer has no coordinates; "" where nothing is known."""
    if offer.place_unknown:
        return texts.place_unknown
    if not offer.commutes:
        return ""
    if offer.relocation:
        km = min(c.km for c in offer.commutes)
        return texts.relocation.format(km=distance_text(km, texts, approximate=True))
    return commute_line(offer.commutes, texts)


def border_line(state_name: str, note: str, texts: SheetTexts) -> str:
    return note or texts.border_default.format(state=state_name)

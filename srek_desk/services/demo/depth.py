"""Counselling depth for demo data: skills, BA flags and "Stand" of offers, skills and wishes of clients.

Drawn from a random generator of their own (derived from the demo seed), so the rest of the demo
set stays exactly as it was before these columns existed. Codes are those of
resources/skills/skills.json and db.codes (OFFER_FLAGS, CLIENT_PREFERENCES).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from srek_desk.db.codes import join_codes

# By KldB Berufshauptgruppe (first two digits): (skills an offer may require, nice to have).
SECTOR_SKILLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "11": ((), ("motorsaege", "baumaschinen")),
    "12": ((), ("motorsaege",)),
    "22": (("holzbearbeitung",), ("technisches_zeichnen_cad",)),
    "24": (("schweissen_mag", "schweissen_wig"), ("schweissen_e_hand", "technisches_zeichnen_cad")),
    "25": (("cnc_drehen_fraesen",), ("pneumatik_hydraulik", "technisches_zeichnen_cad")),
    "26": (("elektrofachkraft_fet", "sps_programmierung"), ("photovoltaik_montage",)),
    "27": (("technisches_zeichnen_cad",), ("ms_office", "englisch_beruf")),
    "29": (("hygieneschulung",), ("haccp",)),
    "32": ((), ("baumaschinen", "hubarbeitsbuehne")),
    "33": (("trockenbau",), ("fliesenlegen", "hubarbeitsbuehne")),
    "34": (("sanitaerinstallation",), ("waermepumpe", "photovoltaik_montage")),
    "43": ((), ("programmierung_python", "programmierung_java", "netzwerktechnik", "it_support")),
    "51": (("staplerschein",), ("lagerverwaltung_software", "kranschein", "erste_hilfe")),
    "52": (("berufskraftfahrer_95",), ("adr_schein", "staplerschein")),
    "53": (("sachkunde_34a",), ("erste_hilfe",)),
    "54": ((), ("hubarbeitsbuehne",)),
    "61": ((), ("kundenberatung_verkauf", "ms_office", "englisch_beruf")),
    "62": ((), ("kassenerfahrung", "kundenberatung_verkauf", "warenannahme")),
    "63": (("hygieneschulung",), ("haccp", "englisch_beruf")),
    "71": (("ms_office",), ("sap_grundkenntnisse", "datev")),
    "72": (("ms_office",), ("buchhaltung", "datev", "sap_grundkenntnisse")),
    "73": ((), ("ms_office",)),
    "81": ((), ("pflegebasiskurs", "erste_hilfe", "behandlungspflege_lg1")),
    "82": (
        ("pflegebasiskurs",),
        ("behandlungspflege_lg1", "demenzbetreuung", "betreuungskraft_43b"),
    ),
    "83": (("fuehrungszeugnis",), ("kinderbetreuung", "erste_hilfe")),
    "84": (("fuehrungszeugnis",), ()),
}
# Sectors where temporary agency work is common in the region (logistics, industry, cleaning).
TEMP_AGENCY_SECTORS = frozenset({"24", "25", "26", "51", "52", "54", "62"})
GENERAL_SKILLS = ("erste_hilfe", "ms_office", "deutsch_berufsbezogen", "englisch_beruf")
FRESH_DAYS, OLDEST_DAYS = 20, 60  # most offers confirmed lately, some up to two months ago
_NONE: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@dataclass(frozen=True, slots=True)
class OfferDepth:
    skills_required: str
    skills_nice: str
    flags: str
    confirmed_at: datetime


def depth_rng(seed: int) -> random.Random:
    """The generator of these columns; independent of the demo's main one."""
    return random.Random(f"srek-demo-depth-{seed}")


def offer_depth(
    rng: random.Random, sector: str, offer_type: str, published: datetime, now: datetime
) -> OfferDepth:
    """Skills, flags and "Stand" of one demo offer (about 10 µs: 100,000 offers stay quick)."""
    required_pool, nice_pool = SECTOR_SKILLS.get(sector, _NONE)
    random_ = rng.random
    required = ""
    nice = ""
    flags: list[str] = []
    if offer_type == "arbeit":
        if required_pool and random_() < 0.6:
            required = required_pool[int(random_() * len(required_pool))]
        if nice_pool and random_() < 0.5:
            picked = nice_pool[int(random_() * len(nice_pool))]
            if len(nice_pool) > 1 and random_() < 0.33:
                other = nice_pool[int(random_() * len(nice_pool))]
                picked = picked if other == picked else f"{picked},{other}"
            nice = picked
        if random_() < (0.22 if sector in TEMP_AGENCY_SECTORS else 0.05):
            flags.append("temp_agency")
        elif random_() < 0.03:
            flags.append("private_agency")
        if random_() < 0.15:
            flags.append("lateral_entry")
    elif nice_pool and random_() < 0.3:
        nice = nice_pool[int(random_() * len(nice_pool))]  # apprentices learn it; it helps
    if random_() < 0.06:
        flags.append("refugees")
    if random_() < 0.005:
        flags.append("disabled_only")
    if required and required in nice.split(","):
        nice = ",".join(c for c in nice.split(",") if c != required)
    age_days = max(0, (now - published).days)
    limit = min(age_days, FRESH_DAYS if random_() < 0.8 else OLDEST_DAYS)
    confirmed = now - timedelta(days=int(random_() * (limit + 1)), minutes=int(random_() * 600))
    return OfferDepth(required, nice, ",".join(flags), max(confirmed, published))


def client_depth(
    rng: random.Random, wish_sectors: list[str], age: int, german: str
) -> tuple[str, str]:
    """(skills, offer_preferences) of a demo client."""
    skills: list[str] = []
    for sector in wish_sectors[:1]:
        required_pool, nice_pool = SECTOR_SKILLS.get(sector, ((), ()))
        pool = required_pool + nice_pool
        chance = 0.35 if age < 20 else 0.65
        if pool and rng.random() < chance:
            skills += rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2))))
    for skill, share in zip(GENERAL_SKILLS, (0.3, 0.25, 0.0, 0.1), strict=True):
        if rng.random() < share:
            skills.append(skill)
    if german in ("B1", "B2", "C1") and rng.random() < 0.4:
        skills.append("deutsch_berufsbezogen")
    preferences: list[str] = []
    if rng.random() < 0.1:
        preferences.append("no_temp_agency")
    if age >= 25 and rng.random() < 0.15:
        preferences.append("lateral_entry")
    if german != "C2" and rng.random() < 0.2:
        preferences.append("refugee")
    if rng.random() < 0.01:
        preferences.append("severely_disabled")
    return join_codes(skills), join_codes(preferences)

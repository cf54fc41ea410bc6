"""Every reason true on the demo data: over all demo clients, no near miss also says that the
criterion that excludes it fits, every estimated minute says "ca.", every move says "Umzug"."""

from __future__ import annotations

import re
from collections import Counter

from srek_desk.config import Config
from srek_desk.services.matching.service import MatchService, client_profiles

# exclusion (how it begins) → the sentence that would say the same criterion fits
CONTRADICTIONS = {
    "Schulabschluss fehlt": re.compile(r"^Schulabschluss passt"),
    "Anforderungsniveau": re.compile(r"^Anforderungsniveau passt"),
    "Führerschein": re.compile(r"^Führerschein \S+ verlangt – vorhanden"),
    "Deutsch": re.compile(r"^Deutsch \S+ verlangt – "),
    "Fahrzeit": re.compile(r"innerhalb von \d+ Min\."),
}
ESTIMATE = re.compile(r"(?<!ca\. )\b\d+ Min\. mit ")


def test_no_contradiction_over_all_demo_clients(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    service = MatchService(demo_database, reference, Config.defaults())
    profiles, _ = client_profiles(demo_database, reference)
    checked: Counter[str] = Counter()
    wrong: list[tuple[str, str]] = []
    for profile in profiles:
        result = service.matcher.rank_offers(profile, top=50, near_misses=20)
        for miss in result.near_misses:
            excluded = miss.excluded_because or ""
            for start, fits in CONTRADICTIONS.items():
                if excluded.startswith(start):
                    checked[start] += 1
                    wrong += [(excluded, r) for r in miss.reasons if fits.search(r)]
        for match in result.matches + result.near_misses:
            for sentence in (*match.reasons, match.excluded_because or ""):
                if not match.commute_from_table and ESTIMATE.search(sentence):
                    wrong.append(("estimate without ca.", sentence))
            if match.relocation:
                checked["Umzug"] += 1
                if not any("Umzug" in r for r in match.reasons):
                    wrong.append(("move without Umzug", " ".join(match.reasons)))
                if any(re.search(r"\d+ Min\. mit ", r) for r in match.reasons):
                    wrong.append(("move with a travel time", " ".join(match.reasons)))
    assert wrong == []
    # the demo data has such near misses and moves, so the counts above are not vacuous
    assert checked["Schulabschluss fehlt"] > 10 and checked["Anforderungsniveau"] > 0
    assert checked["Umzug"] > 10

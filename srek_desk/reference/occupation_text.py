"""Search keys and match scores of occupation names: normalisation, acronyms, fuzzy word match.

`normalise` folds a name to its search key: "Mechatronikerin", "Koechin" and "Kaufmann/Kauffrau im
Einzelhandel" become the keys of "Mechatroniker/in", "Koch/Köchin" and "Kaufmann/-frau im
Einzelhandel"; `token_score` rates how well a query key and a catalogue key match.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e", "à": "a", "ç": "c"}
)
# "Mechatroniker/in", "Technische/r", "Kaufmann/-frau", "Pflegefachfrau/-mann", "Gärtner*in", "(in)"
_GENDER_SUFFIX = re.compile(r"/-?(?:in|innen|r|e|frau|mann)\b|[*:_](?:in|innen)\b|\((?:in|r|e)\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD_HYPHEN = re.compile(
    r"(?<=[a-z0-9])-(?=[a-z0-9])"
)  # "Software-Entwickler", not "Energie- und"
_STOP_WORDS = frozenset(
    {
        *("fuer", "im", "in", "der", "die", "das", "den", "dem", "des", "und", "mit", "von", "vom"),
        *(
            "zum",
            "zur",
            "am",
            "an",
            "auf",
            "bei",
            "aus",
            "fachrichtung",
            "schwerpunkt",
            "m",
            "w",
            "d",
        ),
        # boilerplate of the official titles ("Berufe in der … - fachlich ausgerichtete Tätigkeiten")
        *("berufe", "taetigkeiten", "fachlich", "ausgerichtete", "komplexe"),
        *("spezialistentaetigkeiten", "anlerntaetigkeiten"),
    }
)
# Whole-word forms that no suffix rule reaches.
_SPECIAL_WORDS = {
    "zimmerin": "zimmerer",
    "pflasterin": "pflasterer",
    "polsterin": "polsterer",
    "coiffeuse": "coiffeur",
    "masseuse": "masseur",
    "patissiere": "patissier",
    "beamtin": "beamter",
    "beamte": "beamter",
    "expertin": "experte",
    "kaufleute": "kaufmann",
    "koechin": "koch",
    "aerztin": "arzt",
    "baeuerin": "bauer",
    "anwaeltin": "anwalt",
}
# (feminine or plural ending, canonical ending), longest first where they overlap.
_SUFFIX_RULES = (
    ("aerztin", "arzt"),
    ("anwaeltin", "anwalt"),
    ("baeuerin", "bauer"),
    ("koechin", "koch"),
    ("innen", ""),
    ("ologin", "ologe"),
    ("agogin", "agoge"),
    ("aedin", "aede"),
    ("gehilfin", "gehilfe"),
    ("gesellin", "geselle"),
    ("botin", "bote"),
    ("kundin", "kunde"),
    ("kollegin", "kollege"),
    ("beamtin", "beamter"),
    ("erin", "er"),
    ("eurin", "eur"),
    ("istin", "ist"),
    ("antin", "ant"),
    ("entin", "ent"),
    ("orin", "or"),
    ("wirtin", "wirt"),
    ("ektin", "ekt"),
    ("atin", "at"),
    ("otin", "ot"),
    ("afin", "af"),
    ("aerin", "aer"),
    ("eutin", "eut"),
    ("frau", "mann"),
    ("leute", "mann"),
    ("ischer", "ische"),
    ("stellter", "stellte"),
    ("gepruefter", "gepruefte"),
    ("annter", "annte"),
    ("ierter", "ierte"),
)


# "Maschinen- und Gerätezusammensetzer/in": the first part shares the second's ending.
_ELLIPSIS = re.compile(r"\b\w+-(?:,\s+|\s+(?:und|oder|sowie|bzw\.?)\s+)")


def elided_variant(text: str) -> str | None:
    """A name without its elided first parts, or None when it has none.

    "Maschinen- und Gerätezusammensetzer/in" -> "Gerätezusammensetzer/in", "Land- und
    Baumaschinenmechatroniker/in" -> "Baumaschinenmechatroniker/in": the last part of such a
    pair is a complete name of the same occupation.
    """
    shorter = _ELLIPSIS.sub("", text)
    return shorter if shorter != text and shorter.strip() else None


def _fold_word(word: str) -> str:
    special = _SPECIAL_WORDS.get(word)
    if special is not None:
        return special
    for ending, canonical in _SUFFIX_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + canonical
    return word


def normalise(text: str, *, join_hyphens: bool = True) -> str:
    """Search key of a name: lower case, umlauts spelt out, gender forms folded, filler words dropped.

    Hyphenated compounds are joined ("Kfz-Mechatroniker" -> "kfzmechatroniker") unless
    `join_hyphens` is false; the catalogue indexes both spellings.
    """
    lowered = _GENDER_SUFFIX.sub("", text.lower().translate(_TRANSLITERATION))
    if join_hyphens:
        lowered = _WORD_HYPHEN.sub("", lowered)
    words: list[str] = []
    for raw in _NON_WORD.split(lowered):
        if not raw or raw in _STOP_WORDS:
            continue
        word = _fold_word(raw)
        if word not in words:  # "Landwirt/Landwirtin" -> "landwirt landwirt" -> "landwirt"
            words.append(word)
    return " ".join(words)


def is_exact_only(original: str, key: str) -> bool:
    """Acronyms such as MFA or PTA match only as whole words, never inside other words."""
    return " " not in key and (len(key) <= 3 or (original.isupper() and len(key) <= 5))


def coverage(tokens: list[str], others: list[str]) -> float:
    """Share of the letters of `tokens` found again in `others` (typos forgiven)."""
    total = matched = 0.0
    for token in tokens:
        best = 0.0
        for other in others:
            similarity = fuzz.ratio(token, other) / 100.0
            if similarity < 0.85:  # typos yes, different words no ("Bautechnik", "Bergbautechnik")
                similarity = 0.0
            # German compounds name the occupation last: a "Spitzendreher" is a kind of "Dreher",
            # partly; the modifier may change the occupation ("Tierlehrer"), so only partial credit.
            shorter, longer = sorted((token, other), key=len)
            if len(shorter) >= 5 and longer.endswith(shorter):
                similarity = max(similarity, len(shorter) / len(longer))
            best = max(best, similarity)
        total += len(token)
        matched += len(token) * best
    return matched / total if total else 0.0


def token_score(query: str, query_words: list[str], key: str, *, typing: bool = True) -> float:
    """0..100: how well a search key and a query match, word by word.

    A key fully contained in a longer query ("Industriemechaniker Fachrichtung Betriebstechnik"
    vs "Industriemechaniker") scores high; a query sharing only a filler word does not. With
    `typing` a query that starts a key scores high too ("Mechatron"); coding a finished title
    does without ("Mitarbeiter" is not "Mitarbeiter/in Buchhaltung").
    """
    if key == query:
        return 100.0
    key_words = key.split()
    score = 100.0 * (
        0.6 * coverage(key_words, query_words) + 0.4 * coverage(query_words, key_words)
    )
    if typing and key.startswith(query):
        # Typing the start of a name: the shorter the rest, the better.
        score = max(score, 80.0 + 15.0 * len(query) / len(key))
    return min(score, 99.0)

"""What job ads wrap around an occupation name: training words, gender markers, dates, employers.

`parse_job_title("Ausbildung zum Kfz-Mechatroniker (m/w/d) 2027 - PKW-Technik bei Autohaus Muster")`
gives the occupation "Kfz-Mechatroniker", the specialisation "PKW-Technik" and `training=True`.
Gender forms inside the name ("/in", "/-in", "*in", "Koch/Köchin") stay: the occupation search
folds them (`occupation_text.normalise`). "Fachkraft für …" and "Kaufmann im …" stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    "januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
    "|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
# "(m/w/d)", "m/w/d", "(w/m/d)", "(d/m/w)", "(m/f/d)", "(mwd)", "(gn)", "(all genders)".
_GENDER_TAG = re.compile(
    r"\(\s*(?:[mwdfxi](?:\s*[/|,.]?\s*(?:[mwdfxi]|div|divers)){1,3}|gn\*?|all genders"
    r"|alle geschlechter|divers)\s*\)\*?"
    r"|(?<![\w/])[mwdf](?:\s*[/|]\s*(?:[mwdfx]|div|divers)){2,3}(?![\w/])",
    re.IGNORECASE,
)
# "ab August 2027", "zum 01.08.2027", "2026/2027", "2026/27", "Ausbildungsjahr 2027", "Start 2027".
_DATE = re.compile(
    r"(?:\b(?:ab|zum|für|fuer|im|start|beginn|ausbildungsbeginn|ausbildungsstart|ausbildungsjahr"
    r"|einstieg)\b\.?:?\s*)*"
    r"(?:(?:\d{1,2}\.\s*)?(?:\d{1,2}\.|(?:" + _MONTHS + r")\b\.?)\s*)?"
    r"\b(?:19|20)\d{2}\b(?:\s*/\s*(?:20)?\d{2}\b)?",
    re.IGNORECASE,
)
# The training words of an ad, with the preposition that joins them to the occupation.
_TRAINING = re.compile(
    r"\b(?:(?:duale|betriebliche|schulische)\s+)?"
    r"(?:berufsausbildung|ausbildung(?:splatz|splätze|sstelle|sstellen)?|azubis?|lehrstellen?"
    r"|lehrlinge?|auszubildende(?:/r|r|n|\(r\))?|umschulung)\b"
    r"(?:\s+(?:zum|zur|zu|als|im|in)\b(?:\s*/\s*(?:zum|zur|zu)\b)?)?",
    re.IGNORECASE,
)
# "für"/"als"/"zum" left standing at an edge after the wrapping is gone ("… für 2027").
_EDGE_WORDS = re.compile(
    r"^(?:(?:zum|zur|zu|als|für|fuer|ab)\b\s*(?:/\s*(?:zum|zur)\b\s*)?)+"
    r"|(?:\s+\b(?:zum|zur|zu|als|für|fuer|ab|im|in|und)\b)+$",
    re.IGNORECASE,
)
# Words of an ad that say nothing about the occupation.
_AD_WORDS = re.compile(
    r"\b(?:in\s+)?(?:vollzeit|teilzeit|minijob|ab\s+sofort|unbefristet|befristet|gesucht"
    r"|wir\s+suchen|stellenangebot|stellenanzeige|jobangebot)\b",
    re.IGNORECASE,
)
# Where the name of an employer begins: "Koch bei Gasthaus Krone", "Koch @ Krone".
_EMPLOYER = re.compile(r"\s+(?:bei|@)\s+\S.*$", re.IGNORECASE)
# Where an occupation turns to its specialisation ("Fachrichtung Energie- und Gebäudetechnik").
_SPECIALISATION_WORD = re.compile(
    r"\b(?:fachrichtung|schwerpunkt|fachbereich|einsatzgebiet|einsatzbereich|spezialisierung"
    r"|mit\s+schwerpunkt|im\s+bereich|bereich)\b\s*:?",
    re.IGNORECASE,
)
# Separators between the parts of a title: " - ", " – ", " | ", ", ".
# A comma right after a hyphen is part of a name ("Fachkraft für Möbel-, Küchen- und Umzugsservice").
_SEPARATOR = re.compile(r"\s+[-–—|]\s+|\s*[|;]\s*|(?<!-),\s*|\s+[-–—](?=\S)|(?<=\S)[–—]\s+")
_PARENTHESIS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SPACES = re.compile(r"\s+")
_PUNCTUATION_EDGES = re.compile(r"^[\s\-–—|,;:.*/+]+|[\s\-–—|,;:.*/+]+$")


@dataclass(frozen=True, slots=True)
class JobTitle:
    """A title taken apart: the occupation to look up and what the ad said around it."""

    occupation: str  # "Kfz-Mechatroniker/in"
    specialisation: str = ""  # "PKW-Technik", "Energie- und Gebäudetechnik"
    qualifiers: tuple[str, ...] = ()  # text in brackets, e.g. "IHK", "Chemie"
    training: bool = False  # the ad said Ausbildung, Azubi, Auszubildende/r …

    @property
    def with_specialisation(self) -> str:
        return f"{self.occupation} {self.specialisation}".strip()


def _squeeze(text: str) -> str:
    return _PUNCTUATION_EDGES.sub("", _SPACES.sub(" ", text)).strip()


def _strip_wrapping(text: str) -> tuple[str, bool]:
    """Remove gender tags, dates, training words and ad words; says whether it was a training."""
    text = _GENDER_TAG.sub(" ", text)
    text = _DATE.sub(" ", text)
    text, trained = _TRAINING.subn(" ", text)
    text = _AD_WORDS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    previous = None
    while previous != text:  # "Ausbildung für 2027 als" -> "" takes more than one pass
        previous = text
        text = _squeeze(_EDGE_WORDS.sub("", _squeeze(text)))
    return text, trained > 0


def parse_job_title(title: str) -> JobTitle:
    """The occupation a job-ad title names, with its specialisation and bracketed qualifiers."""
    text = _SPACES.sub(" ", title.replace("\u00a0", " ")).strip()
    text = _EMPLOYER.sub("", text)
    training = False
    qualifiers: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        nonlocal training
        inner, trained = _strip_wrapping(match.group(1) or match.group(2) or "")
        training = training or trained
        if inner:
            qualifiers.append(inner)
        return " , "  # a bracket ends the part it stands in

    text = _GENDER_TAG.sub(" ", text)
    text = _PARENTHESIS.sub(bracket, text)
    parts: list[str] = []
    for raw in _SEPARATOR.split(text):
        part, trained = _strip_wrapping(raw)
        training = training or trained
        if part:
            parts.append(part)
    if not parts:
        return JobTitle("", "", tuple(qualifiers), training)
    occupation, rest = parts[0], parts[1:]
    marker = _SPECIALISATION_WORD.search(occupation)
    if marker is not None and marker.start() > 0:
        rest.insert(0, occupation[marker.end() :])
        occupation = occupation[: marker.start()]
    specialisation = " ".join(_squeeze(_SPECIALISATION_WORD.sub(" ", p)) for p in rest)
    return JobTitle(_squeeze(occupation), _squeeze(specialisation), tuple(qualifiers), training)


__all__ = ["JobTitle", "parse_job_title"]

"""The sheet's short "why it fits" line per language, from how the offer's occupation relates to
the client's wish (used where the match gives an occupation kind)."""

from __future__ import annotations

from srek_desk.matching import occupation as occ

WHY = {
    "de": {
        occ.EXACT: "Das ist genau dein Wunschberuf: {wish}.",
        occ.SAME_GROUP_4: "Sehr nah an deinem Wunschberuf {wish}.",
        occ.RELATED: "Ein Nachbarberuf von {wish} mit ähnlichen Aufgaben.",
        occ.SAME_GROUP_3: "Aus demselben Berufsfeld wie {wish}.",
        occ.SAME_GROUP_2: "Aus einem verwandten Berufsbereich wie {wish}.",
    },
    "de-simple": {
        occ.EXACT: "Das ist dein Wunsch-Beruf: {wish}.",
        occ.SAME_GROUP_4: "Fast wie dein Wunsch-Beruf {wish}.",
        occ.RELATED: "Ähnlich wie {wish}. Die Arbeit ist ähnlich.",
        occ.SAME_GROUP_3: "Ähnlich wie {wish}.",
        occ.SAME_GROUP_2: "Passt zu deinem Interesse: {wish}.",
    },
    "en": {
        occ.EXACT: "This is the job you want: {wish}.",
        occ.SAME_GROUP_4: "Very close to the job you want: {wish}.",
        occ.RELATED: "A neighbouring job to {wish}, with similar tasks.",
        occ.SAME_GROUP_3: "From the same field as {wish}.",
        occ.SAME_GROUP_2: "From a related field to {wish}.",
    },
}


def why_it_fits(language: str, kind: str, wish: str) -> str:
    """E.g. "Das ist genau dein Wunschberuf: Mechatroniker/in." ("" for an unknown kind)."""
    template = WHY.get(language, WHY["de"]).get(kind, "")
    return template.format(wish=wish)

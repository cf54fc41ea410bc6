"""Matching on the desk: offer and client indexes built from the database, kept fresh, ranked."""

from srek_desk.services.matching.service import MatchService

__all__ = ["MatchService"]

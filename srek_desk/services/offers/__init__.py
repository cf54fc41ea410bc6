"""Offers and employers, the offer table, skills, occupations and the office's reference tables."""

from srek_desk.services.offers.employers import EmployerService
from srek_desk.services.offers.reference_tables import load_related, load_travel_times
from srek_desk.services.offers.service import OfferService
from srek_desk.services.offers.skills import SkillEntry, SkillResolver, SkillService
from srek_desk.services.offers.table import OfferFilter, OfferQuery, stale_condition

__all__ = [
    "EmployerService",
    "OfferFilter",
    "OfferQuery",
    "OfferService",
    "SkillEntry",
    "SkillResolver",
    "SkillService",
    "load_related",
    "load_travel_times",
    "stale_condition",
]

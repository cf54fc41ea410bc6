"""The offer editor's fields (for RecordEditor) and the read-only "Stand" note above them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from srek_desk.db.codes import OFFER_FLAGS, OFFER_TYPES, WORKING_TIMES
from srek_desk.matching.freshness import stale_reason, stand_text
from srek_desk.reference.qualifications import CEFR_LEVELS, DRIVING_LICENCE_CLASSES, SCHOOL_LEVELS
from srek_desk.services.offers.service import OfferInput
from srek_desk.services.offers.skills import SkillEntry
from srek_desk.ui.dialogs.record_editor import (
    CHECKS,
    CHOICE,
    DATE,
    FLAG,
    LONG_TEXT,
    NUMBER,
    POSTCODE,
    SKILLS,
    FieldSpec,
)

translate = QCoreApplication.translate


def offer_specs(vocabulary: Sequence[SkillEntry] = ()) -> list[FieldSpec]:
    """The offer editor's fields; `vocabulary`: all skills, deactivated ones included."""
    none = {"": translate("OfferEditor", "(none)")}
    skills = tuple(vocabulary)
    return [
        FieldSpec("title", translate("OfferEditor", "&Title:"), translate("OfferEditor", "Title")),
        FieldSpec(
            "offer_type",
            translate("OfferEditor", "T&ype:"),
            translate("OfferEditor", "Type of offer"),
            CHOICE,
            OFFER_TYPES,
        ),
        FieldSpec(
            "kldb_code",
            translate("OfferEditor", "&KldB code:"),
            translate("OfferEditor", "KldB code"),
        ),
        FieldSpec(
            "occupation_name",
            translate("OfferEditor", "Occupation na&me:"),
            translate("OfferEditor", "Occupation name"),
        ),
        FieldSpec(
            "required_school",
            translate("OfferEditor", "Required sc&hool qualification:"),
            translate("OfferEditor", "Required school qualification"),
            CHOICE,
            none | {level.code: level.name for level in SCHOOL_LEVELS},
        ),
        FieldSpec(
            "employer_name",
            translate("OfferEditor", "&Employer:"),
            translate("OfferEditor", "Employer"),
        ),
        FieldSpec(
            "street", translate("OfferEditor", "St&reet:"), translate("OfferEditor", "Street")
        ),
        FieldSpec(
            "postcode",
            translate("OfferEditor", "&Postcode:"),
            translate("OfferEditor", "Postcode"),
            POSTCODE,
        ),
        FieldSpec(
            "working_time",
            translate("OfferEditor", "&Working time:"),
            translate("OfferEditor", "Working time"),
            CHECKS,
            WORKING_TIMES,
        ),
        FieldSpec(
            "fixed_term",
            translate("OfferEditor", "&Fixed term:"),
            translate("OfferEditor", "Fixed-term"),
            FLAG,
        ),
        FieldSpec(
            "start_date",
            translate("OfferEditor", "&Start:"),
            translate("OfferEditor", "Start date"),
            DATE,
        ),
        FieldSpec(
            "application_deadline",
            translate("OfferEditor", "Apply &by:"),
            translate("OfferEditor", "Application deadline"),
            DATE,
        ),
        FieldSpec(
            "positions",
            translate("OfferEditor", "P&ositions:"),
            translate("OfferEditor", "Number of positions"),
            NUMBER,
        ),
        FieldSpec(
            "driving_licence",
            translate("OfferEditor", "Dri&ving licence:"),
            translate("OfferEditor", "Driving licence required"),
            CHOICE,
            none | {code: code for code in DRIVING_LICENCE_CLASSES},
        ),
        FieldSpec(
            "german_level",
            translate("OfferEditor", "&German level:"),
            translate("OfferEditor", "German level required"),
            CHOICE,
            none | {level.code: level.code for level in CEFR_LEVELS},
        ),
        FieldSpec(
            "skills_required",
            translate("OfferEditor", "Re&quired skills:"),
            translate("OfferEditor", "Required skills"),
            SKILLS,
            vocabulary=skills,
        ),
        FieldSpec(
            "skills_nice",
            translate("OfferEditor", "&Nice-to-have skills:"),
            translate("OfferEditor", "Nice-to-have skills"),
            SKILLS,
            vocabulary=skills,
        ),
        FieldSpec(
            "flags",
            translate("OfferEditor", "&Indicators:"),
            translate("OfferEditor", "Indicators of the offer"),
            CHECKS,
            OFFER_FLAGS,
        ),
        FieldSpec(
            "contact_name",
            translate("OfferEditor", "&Contact:"),
            translate("OfferEditor", "Contact person"),
        ),
        FieldSpec(
            "contact_phone",
            translate("OfferEditor", "Contact p&hone:"),
            translate("OfferEditor", "Contact phone"),
        ),
        FieldSpec(
            "contact_email",
            translate("OfferEditor", "Contact e-m&ail:"),
            translate("OfferEditor", "Contact e-mail"),
        ),
        FieldSpec(
            "url", translate("OfferEditor", "&Link:"), translate("OfferEditor", "Link to the offer")
        ),
        FieldSpec(
            "salary_text", translate("OfferEditor", "Pa&y:"), translate("OfferEditor", "Pay")
        ),
        FieldSpec(
            "description",
            translate("OfferEditor", "&Description:"),
            translate("OfferEditor", "Description"),
            LONG_TEXT,
        ),
        FieldSpec(
            "active", translate("OfferEditor", "Ac&tive:"), translate("OfferEditor", "Active"), FLAG
        ),
    ]


def editor_note(
    value: OfferInput,
    confirmed_at: datetime | None,
    stale_after_days: int,
    today: date | None = None,
) -> str:
    """ "Stand: 12.11.2026", why the offer is stale (if it is), and that saving confirms it."""
    lines = [stand_text(confirmed_at) or translate("OfferEditor", "Never confirmed as current.")]
    reason = stale_reason(
        offer_type=value.offer_type,
        start_date=value.start_date,
        application_deadline=value.application_deadline,
        confirmed_at=confirmed_at,
        today=today or date.today(),
        stale_after_days=stale_after_days,
    )
    if reason is not None:
        lines.append(
            translate("OfferEditor", "Stale: %1. Matching leaves it out.").replace("%1", reason)
        )
    lines.append(translate("OfferEditor", "Saving confirms the offer as current."))
    return "\n".join(lines)

"""The "Dein Weg" steps: editable templates (shipped JSON or the office's copy) → default steps."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from srek_desk import paths
from srek_desk.sheets.data import PathwayStep, SheetOffer
from srek_desk.sheets.texts import format_date, texts_for

log = logging.getLogger(__name__)

TEMPLATE_KEYS = (
    "documents",
    "skill_course",
    "skill_course_one",
    "skill_no_course",
    "apply",
    "apply_open",
    "appointment",
    "school",
    "border",
    "relocation",
    "funding",
)


class _KeepMissing(dict[str, str]):
    """Leaves unknown placeholders visible instead of failing on an office's typo."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class PathwayTemplates:
    by_language: Mapping[str, Mapping[str, str]]

    def text(self, language: str, key: str, **values: str) -> str:
        templates = self.by_language.get(language) or self.by_language["de"]
        template = templates.get(key) or self.by_language["de"][key]
        return template.format_map(_KeepMissing(values))


def shipped_templates_path() -> Path:
    return paths.resource("sheets", "pathway_templates.json")


def _read(path: Path) -> dict[str, dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        language: {k: str(v) for k, v in entries.items() if isinstance(v, str)}
        for language, entries in data.items()
        if not language.startswith("_") and isinstance(entries, dict)
    }


def load_templates(office_copy: Path | None = None) -> PathwayTemplates:
    """The shipped templates, overlaid by an office-edited copy where that one has a text.

    A broken office copy is logged and ignored, so a typo never stops printing.
    """
    merged = _read(shipped_templates_path())
    if office_copy is not None:
        try:
            for language, entries in _read(office_copy).items():
                merged.setdefault(language, {}).update({k: v for k, v in entries.items() if v})
        except (OSError, ValueError) as exc:
            log.warning("pathway templates %s not used: %s", office_copy, exc)
    return PathwayTemplates(merged)


def default_steps(
    offers: Sequence[SheetOffer],
    language: str,
    templates: PathwayTemplates,
    *,
    appointment: date | None = None,
    school_place: str | None = None,
    max_applications: int = 3,
) -> list[PathwayStep]:
    """Steps for a fresh sheet: documents, a course per missing skill (the most needed first),
    applications (earliest deadline first), appointment, vocational school, a cross-border hint,
    a move for each place only reachable by moving, funding. The counsellor edits the list
    afterwards."""
    texts = texts_for(language)

    def step(key: str, when: date | None = None, **values: str) -> PathwayStep:
        return PathwayStep(templates.text(language, key, **values), when)

    steps = [step("documents")] if offers else []
    steps += skill_steps(offers, language, templates)
    by_deadline = sorted(offers, key=lambda o: o.application_deadline or date.max)
    for offer in by_deadline[:max_applications]:
        if offer.application_deadline:
            deadline = format_date(offer.application_deadline, texts)
            steps.append(
                step(
                    "apply", offer.application_deadline, employer=offer.employer, deadline=deadline
                )
            )
        else:
            steps.append(step("apply_open", employer=offer.employer))
    if appointment:
        steps.append(step("appointment", appointment, date=format_date(appointment, texts)))
    if school_place:
        steps.append(step("school", place=school_place))
    border_states = dict.fromkeys(o.state_name for o in offers if o.crosses_state_border)
    for state in border_states:
        steps.append(step("border", state=state))
    for place in dict.fromkeys(o.place for o in offers if o.relocation):
        steps.append(step("relocation", place=place))
    steps.append(step("funding"))
    return steps


def skill_steps(
    offers: Sequence[SheetOffer], language: str, templates: PathwayTemplates
) -> list[PathwayStep]:
    """One step per skill the offers require and the client lacks: its course and why."""
    needed: dict[str, list[SheetOffer]] = {}
    courses: dict[str, str] = {}
    for offer in offers:
        for gap in {gap.label: gap for gap in offer.skills_missing}.values():
            needed.setdefault(gap.label, []).append(offer)
            courses.setdefault(gap.label, gap.course.strip().rstrip("."))
    steps = []
    # most needed first; ties keep the order of the offers on the sheet (dicts keep insertion)
    for label, needing in sorted(needed.items(), key=lambda item: -len(item[1])):
        course = courses[label] or templates.text(language, "skill_no_course")
        if len(needing) == 1:
            text = templates.text(
                language,
                "skill_course_one",
                course=course,
                skill=label,
                employer=needing[0].employer,
            )
        else:
            text = templates.text(
                language, "skill_course", course=course, skill=label, count=str(len(needing))
            )
        steps.append(PathwayStep(text))
    return steps

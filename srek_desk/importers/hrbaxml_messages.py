"""German messages for what the BA's XSD finds wrong in an HR-BA-XML file: line, element, reason.

xmlschema reports its findings in English ("value doesn't match any pattern of …"). The kinds an
office meets are said in German here: a required element missing or out of place, an element the
schema does not know, a value against a pattern, a list of allowed values, a length, a range or a
type. Anything else keeps xmlschema's own reason in brackets, so that nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from xmlschema import XMLSchemaChildrenValidationError, XMLSchemaDecodeError
from xmlschema.validators import (
    XsdEnumerationFacets,
    XsdFractionDigitsFacet,
    XsdLengthFacet,
    XsdMaxExclusiveFacet,
    XsdMaxInclusiveFacet,
    XsdMaxLengthFacet,
    XsdMinExclusiveFacet,
    XsdMinInclusiveFacet,
    XsdMinLengthFacet,
    XsdPatternFacets,
    XsdTotalDigitsFacet,
)

from srek_desk.importers.errors import RowError

MAX_VALUE_CHARS = 60  # a value quoted in a message is cut here
MAX_CHOICES = 12  # allowed values listed in a message

# What a value is not, by the XSD built-in type it should have.
_NOT_A = {
    "integer": "keine ganze Zahl",
    "int": "keine ganze Zahl",
    "long": "keine ganze Zahl",
    "short": "keine ganze Zahl",
    "byte": "keine ganze Zahl",
    "nonNegativeInteger": "keine ganze Zahl ab 0",
    "positiveInteger": "keine ganze Zahl ab 1",
    "unsignedLong": "keine ganze Zahl ab 0",
    "unsignedInt": "keine ganze Zahl ab 0",
    "unsignedShort": "keine ganze Zahl ab 0",
    "unsignedByte": "keine ganze Zahl ab 0",
    "decimal": "keine Zahl (mit Punkt statt Komma)",
    "float": "keine Zahl (mit Punkt statt Komma)",
    "double": "keine Zahl (mit Punkt statt Komma)",
    "date": "kein Datum der Form JJJJ-MM-TT",
    "dateTime": "kein Zeitpunkt der Form JJJJ-MM-TTThh:mm:ss",
    "time": "keine Uhrzeit der Form hh:mm:ss",
    "gYear": "keine Jahreszahl",
    "boolean": "kein Wahrheitswert (true, false, 1 oder 0)",
    "anyURI": "keine gültige Adresse (URI)",
}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "?"


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


def _number(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _names(elements: Iterable[Any] | None) -> list[str]:
    names = (getattr(e, "local_name", None) for e in elements or ())
    return [f"<{n}>" for n in names if n]


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " oder " + names[-1]


def _raw_value(error: Any) -> str:
    elem = error.elem
    if elem is not None and len(elem) == 0 and elem.text is not None:
        return str(elem.text).strip()
    return (
        ""
        if error.obj is None or not isinstance(error.obj, str | int | Decimal)
        else str(error.obj)
    )


def _facet_reason(validator: Any, value: str) -> str | None:
    """The German reason for a broken facet (pattern, list, length, range), None for others."""
    quoted = f"Wert „{_shown(value)}“"
    limit = _number(getattr(validator, "value", ""))
    if isinstance(validator, XsdPatternFacets):
        patterns = " oder ".join(f"„{p}“" for p in validator.regexps)
        return f"{quoted} passt nicht zum Muster {patterns}"
    if isinstance(validator, XsdEnumerationFacets):
        allowed = [_number(v) for v in validator.enumeration if v is not None]
        shown = ", ".join(allowed[:MAX_CHOICES]) + (", …" if len(allowed) > MAX_CHOICES else "")
        return f"{quoted} ist nicht erlaubt (erlaubt: {shown})"
    if isinstance(validator, XsdMaxLengthFacet):
        return f"{quoted} ist {len(value)} Zeichen lang, erlaubt sind höchstens {limit}"
    if isinstance(validator, XsdMinLengthFacet | XsdLengthFacet):
        wanted = "mindestens" if isinstance(validator, XsdMinLengthFacet) else "genau"
        if not value:
            return f"der Wert ist leer, verlangt sind {wanted} {limit} Zeichen"
        return f"{quoted} ist {len(value)} Zeichen lang, verlangt sind {wanted} {limit}"
    ranges = (
        (XsdMaxInclusiveFacet, "zu groß (höchstens {})"),
        (XsdMaxExclusiveFacet, "zu groß (verlangt: kleiner als {})"),
        (XsdMinInclusiveFacet, "zu klein (mindestens {})"),
        (XsdMinExclusiveFacet, "zu klein (verlangt: größer als {})"),
        (XsdTotalDigitsFacet, "hat zu viele Ziffern (höchstens {})"),
        (XsdFractionDigitsFacet, "hat zu viele Nachkommastellen (höchstens {})"),
    )
    for kind, text in ranges:
        if isinstance(validator, kind):
            verb = "" if text.startswith("hat") else "ist "
            return f"{quoted} {verb}{text.format(limit)}"
    return None


def _type_reason(validator: Any, value: str) -> str | None:
    """'Wert „a“ ist keine ganze Zahl' for a value of the wrong built-in type."""
    for candidate in (validator, getattr(validator, "primitive_type", None)):
        word = _NOT_A.get(getattr(candidate, "local_name", None) or "")
        if word:
            return f"Wert „{_shown(value)}“ ist {word}"
    return None


def _children_reason(error: XMLSchemaChildrenValidationError) -> tuple[int | None, str]:
    """(line of the child concerned, reason) for a child missing, surplus or out of place."""
    parent = error.elem
    children = list(parent) if parent is not None else []
    expected = _names(error.expected)
    index = error.index
    if error.invalid_tag is None or index >= len(children):
        line = getattr(parent, "sourceline", None)
        if expected:
            return line, f"am Ende fehlt das Pflichtelement {_either(expected)}"
        return line, "der Inhalt ist unvollständig"
    child = children[index]
    line = getattr(child, "sourceline", None)
    found = f"<{_local(child.tag)}>"
    before = [f"<{_local(c.tag)}>" for c in children[:index]]
    after = [f"<{_local(c.tag)}>" for c in children[index + 1 :]]
    group = error.validator
    declared = {f"<{n}>" for n in (e.local_name for e in _elements(group)) if n}
    if found in before:
        return line, f"Element {found} steht hier zu oft oder an falscher Stelle"
    if found in declared and expected:
        if any(name in after for name in expected):
            return line, f"{_either(expected)} steht an falscher Stelle: erwartet vor {found}"
        return line, f"vor {found} fehlt das Pflichtelement {_either(expected)}"
    if expected:
        return line, f"unerwartetes Element {found} (erwartet: {_either(expected)})"
    return line, f"unerwartetes Element {found}"


def _elements(group: Any) -> Iterable[Any]:
    try:
        return list(group.iter_elements())
    except (AttributeError, TypeError, ValueError):
        return []


def german_error(error: Any) -> RowError:
    """One xmlschema validation error as a German row error: 'Zeile 57, Element <PostalCode>: …'."""
    elem = error.elem
    tag = _local(elem.tag) if elem is not None else "?"
    line = getattr(elem, "sourceline", None)
    validator = error.validator
    reason: str | None
    if isinstance(error, XMLSchemaChildrenValidationError):
        line, reason = _children_reason(error)
        line = line or getattr(elem, "sourceline", None)
    else:
        value = _raw_value(error)
        reason = _facet_reason(validator, value)
        if reason is None and (isinstance(error, XMLSchemaDecodeError) or _is_simple(validator)):
            reason = _type_reason(validator, value)
    if reason is None:
        reason = f"entspricht nicht dem XSD ({error.reason or 'ohne Angabe'})"
    where = f"Zeile {line}" if line else "Zeile unbekannt"
    return RowError(line or 0, tag, f"{where}, Element <{tag}>: {reason}")


def _is_simple(validator: Any) -> bool:
    is_simple = getattr(validator, "is_simple", None)
    return bool(is_simple()) if callable(is_simple) else False

"""Reasons into words: a structured reason (code + values) rendered in a language.

Matching says *why* as `Reason`s; the sentences come from `resources/matching/reasons.json`
(one template per code and language, "de" the fallback). Figures are formatted here, so every
front end says them alike: minutes from an estimate carry "ca.", figures from the office's
travel-time table do not (and say so in {source}); a distance from approximate coordinates
carries "ca." too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from srek_desk import paths

FALLBACK = "de"

Value = str | int | float | bool | date | tuple[str, ...] | None
_CACHE_SIZE = 20_000  # rendered sentences kept (a few MB at most)


class Reason(NamedTuple):
    """One reason: a code of reasons.json and the values its sentence needs (a plain tuple:
    hashable and cheap, as matching makes thousands)."""

    code: str
    values: tuple[tuple[str, Value], ...] = ()

    def get(self, key: str, default: Value = None) -> Value:
        return dict(self.values).get(key, default)

    def as_json(self) -> dict[str, Any]:
        plain: dict[str, Any] = {}
        for key, value in self.values:
            if isinstance(value, date):
                plain[key] = value.isoformat()
            elif isinstance(value, tuple):
                plain[key] = list(value)
            else:
                plain[key] = value
        return {"code": self.code, "values": plain}


def reason(code: str, **values: Value) -> Reason:
    return _new_tuple(Reason, (code, tuple(values.items())))  # Reason(…) without its checks


_new_tuple = tuple.__new__


class _KeepMissing(dict[str, str]):
    """An unknown placeholder stays visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Wording:
    """The templates of every language, and the formatting of their figures."""

    def __init__(self, by_language: Mapping[str, Mapping[str, Any]]) -> None:
        if FALLBACK not in by_language:
            raise ValueError("reasons need a German text for every code")
        self.by_language = by_language
        self._rendered: dict[str, dict[Reason, str]] = {}  # language → reason → sentence

    @classmethod
    def load(cls, path: Path | None = None) -> Wording:
        source = path or paths.resource("matching", "reasons.json")
        data = json.loads(source.read_text(encoding="utf-8"))
        return cls({k: v for k, v in data.items() if not k.startswith("_")})

    def languages(self) -> tuple[str, ...]:
        return tuple(self.by_language)

    def codes(self, language: str = FALLBACK) -> tuple[str, ...]:
        return tuple(k for k in self.by_language.get(language, {}) if not k.startswith("_"))

    def render(self, item: Reason, language: str = FALLBACK) -> str:
        """The sentence of a reason; equal reasons (often: the same deadline, the same wish)
        are rendered once."""
        return self.render_all((item,), language)[0]

    def render_all(self, items: Iterable[Reason], language: str = FALLBACK) -> list[str]:
        rendered = self._rendered.setdefault(language, {})
        if len(rendered) >= _CACHE_SIZE:
            rendered.clear()
        known = rendered.get
        result = []
        for item in items:
            text = known(item)
            if text is None:
                text = rendered[item] = self._render(item, language)
            result.append(text)
        return result

    def _render(self, item: Reason, language: str) -> str:
        texts = self.by_language.get(language) or self.by_language[FALLBACK]
        template = texts.get(item.code) or self.by_language[FALLBACK].get(item.code)
        if template is None:
            raise KeyError(f"no sentence for the reason {item.code!r}")
        words = texts.get("_words") or self.by_language[FALLBACK]["_words"]
        values = dict(item.values)
        fields = _KeepMissing()
        for key, value in values.items():
            fields[key] = _format(key, value, values, words)
        if "estimated" in values:
            via = "from_timetable" if values.get("via") == "timetable" else "from_table"
            fields["source"] = "" if values["estimated"] else words[via]
        return str(template.format_map(fields)).strip()


def _format(key: str, value: Value, values: Mapping[str, Value], words: Mapping[str, Any]) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if key in ("minutes", "extra") and isinstance(value, int | float):
        text = str(words["minutes"]).format(n=round(value))
        return f"{words['approx']} {text}" if values.get("estimated", True) else text
    if key == "km" and isinstance(value, int | float):
        # A route km is the straight line × the mode's detour factor: always an estimate ("ca.");
        # from a place centre (approximate) even a distance below 1 km is only "ca. 1 km".
        whole = round(value)
        if values.get("approximate"):
            return f"{words['approx']} " + str(words["km"]).format(n=max(whole, 1))
        if whole == 0:
            return str(words["km_below_one"])
        return f"{words['approx']} " + str(words["km"]).format(n=whole)
    if key == "mode":
        return str(words["modes"].get(value, value))
    if key == "rides" and isinstance(value, tuple):
        # each ride "route|from|depart|to|arrive" (see engine.connection_reason)
        rides = []
        for ride in value:
            route, start, depart, end, arrive = ride.split("|")
            rides.append(
                str(words["ride"]).format_map(
                    {"route": route, "from": start, "depart": depart, "to": end, "arrive": arrive}
                )
            )
        return str(words["ride_separator"]).join(rides)
    if isinstance(value, date):
        return value.strftime(str(words["date"]))
    if isinstance(value, tuple):
        return str(words["list_separator"]).join(value)
    return str(value)

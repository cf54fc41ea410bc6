"""How the sheet words a bus-and-train connection from the timetable, per language.

A timetable figure is exact for the connection it belongs to, so it prints without "ca."; the
door-to-door minutes include walks to and from the stops, which are estimated, and say so. The
connection itself reads: leave at, each ride (line, from stop and time, to stop and time), where
to change, arrive at — for school days, arriving by the time asked for, with the day whose
timetable was read. Einfache Sprache says the same in short sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from srek_desk.sheets.data import Commute, SheetConnection, SheetLeg, SheetOffer

_GLUE_CHARS = 56  # a part of a listed step up to this long stays on one line


@dataclass(frozen=True, slots=True)
class JourneyTexts:
    heading: str  # {arrive_by}: bold, before the connection
    label: str  # bold, before the connection where the sheet's note gives heading and scope
    scope: str  # {day}: which day's timetable was read
    leave: str  # {time}
    ride: str  # {line} {start} {depart} {stop} {arrive}
    change: str  # {stop}: a change at the stop the ride arrived at
    change_walk: str  # {start} {stop}: a change with a walk to another stop
    arrive: str  # {time}
    walk_only: str  # the connection is a walk: no bus or train is quicker
    separator: str  # between the parts of the connection
    minutes: str  # {minutes} {mode}: door to door from the timetable
    no_connection: str  # {mode} {time}: the timetable knows the way, but nothing arrives in time
    credit: str  # {credit}: footer line naming the timetable's publisher and licence
    weekdays: tuple[str, ...]  # Monday first
    months: tuple[str, ...] | None  # None: numeric dates
    kinds: dict[str, str]  # vehicle words put before a line that is only a number


_DE_KINDS = {
    "tram": "Tram",
    "rail": "Zug",
    "metro": "Bahn",
    "bus": "Bus",
    "ferry": "Fähre",
    "taxi": "Anrufsammeltaxi",
    "line": "Linie",
}

JOURNEY_TEXTS: dict[str, JourneyTexts] = {
    "de": JourneyTexts(
        heading="Bus und Bahn für Schultage, Ankunft bis {arrive_by}",
        label="So kommst du hin:",
        scope="(Fahrplan für {day}):",
        leave="los um {time}",
        ride="{line} ab {start} {depart}, an {stop} {arrive}",
        change="umsteigen in {stop}",
        change_walk="umsteigen: zu Fuß von {start} nach {stop}",
        arrive="da um {time}",
        walk_only="zu Fuß",
        separator=" · ",
        minutes="{minutes} min {mode} (von Tür zu Tür, Fußwege geschätzt)",
        no_connection="keine Verbindung {mode} bis {time}",
        credit="Fahrplandaten: {credit}",
        weekdays=("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
        months=None,
        kinds=_DE_KINDS,
    ),
    "de-simple": JourneyTexts(
        heading="Mit Bus und Bahn bist du an Schultagen bis {arrive_by} da",
        label="So fährst du hin:",
        scope="(Fahrplan für {day}):",
        leave="Geh um {time} los.",
        ride="Du fährst um {depart} mit {line} ab {start}. Du steigst um {arrive} in {stop} aus.",
        change="Dort steigst du um.",
        change_walk="Dann gehst du zu Fuß zu {stop}. Dort steigst du um.",
        arrive="Um {time} bist du da.",
        walk_only="Du gehst zu Fuß.",
        separator=" ",
        minutes="{minutes} min {mode} (Fußwege sind geschätzt)",
        no_connection="{mode} kommst du nicht bis {time} hin",
        credit="Fahrplan: {credit}",
        weekdays=(
            "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
        ),
        months=None,
        kinds=_DE_KINDS,
    ),
    "en": JourneyTexts(
        heading="Bus and train on school days, arriving by {arrive_by}",
        label="Getting there:",
        scope="(timetable for {day}):",
        leave="leave at {time}",
        ride="{line} from {start} {depart}, arriving {stop} {arrive}",
        change="change at {stop}",
        change_walk="change: walk from {start} to {stop}",
        arrive="arrive at {time}",
        walk_only="on foot",
        separator=" · ",
        minutes="{minutes} min {mode} (door to door, walks estimated)",
        no_connection="no connection {mode} arriving by {time}",
        credit="Timetable data: {credit}",
        weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        months=(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ),
        kinds={
            "tram": "Tram", "rail": "Train", "metro": "Train", "bus": "Bus", "ferry": "Ferry",
            "taxi": "Shared taxi", "line": "Line",
        },
    ),
}  # fmt: skip


def journey_texts_for(language: str) -> JourneyTexts:
    return JOURNEY_TEXTS.get(language, JOURNEY_TEXTS["de"])


def clock(seconds: int) -> str:
    """ "7:08" for seconds after midnight (a trip past 24:00 shows the next day's clock)."""
    minutes = int(seconds) // 60
    return f"{minutes // 60 % 24}:{minutes % 60:02d}"


def day_text(day: date, texts: JourneyTexts) -> str:
    """ "Mo., 14.12.2026", "Montag, 14.12.2026", "Mon 14 Dec 2026"."""
    weekday = texts.weekdays[day.weekday()]
    if texts.months:
        return f"{weekday} {day.day} {texts.months[day.month - 1]} {day.year}"
    return f"{weekday}, {day.strftime('%d.%m.%Y')}"


def vehicle_kind(route_type: int) -> str:
    """The kind of vehicle of a GTFS route_type (basic and extended types)."""
    if route_type in (0, 5) or 900 <= route_type < 1000:
        return "tram"
    if route_type == 2 or 100 <= route_type < 200:
        return "rail"
    if route_type in (1, 12) or 400 <= route_type < 500:
        return "metro"
    if route_type in (3, 11) or 200 <= route_type < 300 or 700 <= route_type < 800:
        return "bus"
    if route_type == 4 or 1000 <= route_type < 1100 or route_type == 1200:
        return "ferry"
    if 1500 <= route_type < 1600:
        return "taxi"
    return "line"


def line_name(leg: SheetLeg, texts: JourneyTexts) -> str:
    """The line as people say it: "RE 2" as the feed names it; a bare number gets its kind
    of vehicle in front ("Bus 16", "Tram 4"); no name at all is just the kind ("Bus")."""
    route = leg.route.strip()
    kind = texts.kinds[vehicle_kind(leg.route_type)]
    if not route:
        return kind
    if route[0].isdigit():
        return f"{kind} {route}"
    return route


def connection_steps(connection: SheetConnection, texts: JourneyTexts) -> list[str]:
    """Leave at, each ride, each change (on foot where the next ride leaves from another
    stop), arrive at: one text per step, in order."""
    steps = [texts.leave.format(time=clock(connection.depart))]
    last_stop: str | None = None  # where the previous ride ended
    for leg in connection.rides:  # walks show as "leave at", a change on foot, "arrive at"
        if last_stop is not None:
            if leg.from_name != last_stop:
                steps.append(texts.change_walk.format(start=last_stop, stop=leg.from_name))
            else:
                steps.append(texts.change.format(stop=last_stop))
        steps.append(
            texts.ride.format(
                line=line_name(leg, texts),
                start=leg.from_name,
                depart=clock(leg.depart),
                stop=leg.to_name,
                arrive=clock(leg.arrive),
            )
        )
        last_stop = leg.to_name
    if last_stop is None:
        steps.append(texts.walk_only)
    steps.append(texts.arrive.format(time=clock(connection.arrive)))
    return steps


def connection_heading(connection: SheetConnection, texts: JourneyTexts) -> tuple[str, str]:
    """(bold heading, the day's scope) before the steps of a connection."""
    return (
        texts.heading.format(arrive_by=clock(connection.arrive_by)),
        texts.scope.format(day=day_text(connection.day, texts)),
    )


def timetable_commute_text(commute: Commute, mode_words: str, language: str) -> str:
    """A timetable figure in the "Weg" line: door-to-door minutes (no "ca.", walks said to be
    estimated) or that no connection arrives in time."""
    texts = journey_texts_for(language)
    if commute.no_connection_by is not None:
        text = texts.no_connection.format(mode=mode_words, time=clock(commute.no_connection_by))
        return text[:1].upper() + text[1:] if language == "de-simple" else text
    return texts.minutes.format(minutes=round(commute.minutes), mode=mode_words)


def shared_scope(offers: Sequence[SheetOffer]) -> SheetConnection | None:
    """A connection standing for all of the sheet's connections when they share their day and
    arrival time (one client: they do), so heading and scope are printed once; else None."""
    found = [c.connection for o in offers for c in o.commutes if c.connection is not None]
    if not found or len({(c.day, c.arrive_by) for c in found}) > 1:
        return None
    return found[0]


def scope_markup(connection: SheetConnection, language: str) -> str:
    """The sheet's note above the offers: "<b>Bus und Bahn für Schultage, Ankunft bis 7:30</b>
    (Fahrplan für Mo., 14.12.2026)" without the colon that leads into steps."""
    heading, scope = connection_heading(connection, journey_texts_for(language))
    return f"<b>{escape(heading)}</b> {escape(scope.rstrip(':'))}"


def connection_markup(connection: SheetConnection, language: str, *, short: bool = False) -> str:
    """Paragraph markup of one connection: bold heading and scope (or, `short`, where the
    sheet's note says them, a bold label), then the steps. Listed steps break only between
    steps or after a comma ("RE 2 ab Hann. Münden 7:08, | an Kassel Hbf 7:27"), so a time
    stays with its stop."""
    texts = journey_texts_for(language)
    if short:
        lead = f"<b>{escape(texts.label)}</b>"
    else:
        heading, scope = connection_heading(connection, texts)
        lead = f"<b>{escape(heading)}</b> {escape(scope)}"
    steps = connection_steps(connection, texts)
    if texts.separator.strip():  # listed steps, not sentences
        steps = [", ".join(_glued(part) for part in step.split(", ")) for step in steps]
    return f"{lead} {escape(texts.separator).join(escape(step) for step in steps)}"


def _glued(text: str) -> str:
    """Short text with non-breaking spaces: a time stays with its stop on one line."""
    return text.replace(" ", "\u00a0") if len(text) <= _GLUE_CHARS else text


def credit_line(credit: str, language: str) -> str:
    """The footer's timetable line ("Fahrplandaten: NVV · CC BY 4.0"); "" without a credit."""
    return journey_texts_for(language).credit.format(credit=credit) if credit.strip() else ""

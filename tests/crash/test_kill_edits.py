"""Client edits killed with SIGKILL at random points: every saved edit is whole or absent.

One database, 30 kills. A child creates clients and edits them through ClientService; edit number n
writes "Gen<n>" into first and last name, street and phone, sets a commute, occupation wishes and
languages derived from n, and then adds the note "Gen<n>". After each kill the database is opened
anew with sqlite3: every client's fields, wishes and languages must belong to one generation, its
version must count its saves (and the audit log hold one entry per save), and what the child's log
shows as saved or noted must be there, what was cut short before its commit must not be.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.crash.harness import Kill, Tally, Worker, check_sqlite, kill_child
from tests.crash.worker import client_fields

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
]

KILLS = 30
SEED = 20_261_108
CREATE_EVERY = 6  # every sixth edit creates a client, the others update one


@dataclass
class Stored:
    """What the database must hold for one client: the generations saved and noted."""

    saves: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)


def _committed(markers: list[str], after: str | None, until: str) -> str:
    """'yes' if `until` was reached, 'either' if a commit with writes began, else 'no'."""
    if any(line.startswith(until) for line in markers):
        return "yes"
    started = after is None
    for line in markers:
        if after is not None and line.startswith(after):
            started = True
        elif started and re.fullmatch(r"commit [1-9]\d*", line):
            return "either"
    return "no"


def stored_clients(conn: Any) -> dict[str, dict[str, Any]]:
    clients: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        "SELECT id, customer_number, first_name, last_name, street, phone, max_commute_minutes,"
        " version, pseudonym FROM client WHERE customer_number LIKE 'KILL-%'"
    ).fetchall()
    for client_id, number, first, last, street, phone, commute, version, pseudonym in rows:
        clients[number] = {
            "fields": {
                "first_name": first,
                "last_name": last,
                "street": street,
                "phone": phone,
                "max_commute_minutes": commute,
                "wishes": tuple(
                    conn.execute(
                        "SELECT kldb_code, priority FROM client_occupation WHERE client_id = ?"
                        " ORDER BY priority, id",
                        (client_id,),
                    ).fetchall()
                ),
                "languages": tuple(
                    conn.execute(
                        "SELECT language, cefr_level FROM client_language WHERE client_id = ?"
                        " ORDER BY id",
                        (client_id,),
                    ).fetchall()
                ),
            },
            "version": version,
            "notes": [
                int(text[3:])
                for (text,) in conn.execute(
                    "SELECT text FROM counselling_note WHERE client_id = ? ORDER BY id",
                    (client_id,),
                )
            ],
            # audit entries of saves, and of notes (where notes are audited): "fields" says which
            "audit": dict(
                conn.execute(
                    "SELECT fields = 'note', count(*) FROM audit_event WHERE entity = 'client'"
                    " AND (entity_id = ? OR subject = ?) GROUP BY fields = 'note'",
                    (client_id, pseudonym),
                ).fetchall()
            ),
        }
    return clients


def check_edits(conn: Any, model: dict[str, Stored], kill: Kill) -> str:
    """Compare the database with the model plus the child's log; update the model to it."""
    outcome = "between operations"
    choices: dict[str, list[Stored]] = {}
    for op, text, markers in kill.ops():
        number, generation = text.split()
        before = model.get(number, Stored())
        saved = _committed(markers, None, f"op {op} saved")
        noted = _committed(markers, f"op {op} saved", f"op {op} noted") if saved == "yes" else "no"
        variants = []
        for save in {"yes": [True], "either": [False, True], "no": [False]}[saved]:
            for note in {"yes": [True], "either": [False, True], "no": [False]}[noted]:
                saves = before.saves + [int(generation)] * save
                variants.append(Stored(saves, before.notes + [int(generation)] * note))
        choices[number] = variants
        model[number] = variants[0]
        if saved != "yes":
            outcome = "save cut" + (" before its commit" if saved == "no" else " in its commit")
        elif noted != "yes":
            outcome = "note cut" + (" before its commit" if noted == "no" else " in its commit")
    stored = stored_clients(conn)
    for number in set(model) | set(stored):
        actual = stored.get(number)
        found = (
            Stored()
            if actual is None
            else Stored(
                [int(actual["fields"]["first_name"][3:])] * actual["version"], actual["notes"]
            )
        )
        if actual is not None:
            generation = found.saves[-1]
            assert actual["fields"] == client_fields(generation), (number, actual)
            assert actual["audit"].get(0, 0) == actual["version"], (number, actual)
            assert actual["audit"].get(1, 0) in (0, len(actual["notes"])), (number, actual)
        allowed = choices.get(number, [model.get(number, Stored())])
        # the database shows the last save and how many there were, and every note
        assert any(
            found.notes == option.notes
            and len(found.saves) == len(option.saves)
            and found.saves[-1:] == option.saves[-1:]
            for option in allowed
        ), (number, found, allowed)
        match = next(
            option
            for option in allowed
            if found.notes == option.notes and len(found.saves) == len(option.saves)
        )
        model[number] = match
        if number in choices and len(allowed) > 1:
            outcome += ": committed" if match is not allowed[0] else ": absent"
    for option in model.values():
        # a note follows its save (a kill between the two leaves a save without note)
        assert set(option.notes) <= set(option.saves) and option.notes == sorted(option.notes)
    return outcome


def test_killed_client_edits_are_whole_or_absent(crash_worker: Worker, tmp_path: Path) -> None:
    from srek_desk.services.core.database import open_database

    database_path = tmp_path / "kill.sqlite3"
    open_database(database_path).dispose()
    rng = random.Random(SEED)
    tally = Tally("edits")
    model: dict[str, Stored] = {}
    first = 1  # generation of the next edit
    planned_inside = 0
    for number in range(KILLS):
        pause = None
        if number % 2 == 0:
            transaction = rng.choice([1, 1, 2])  # 1: the save, 2: the note
            point = rng.choice([1, 2, 3, 4, 5, "commit"] if transaction == 1 else [1, "commit"])
            pause = {"op": rng.randrange(4), "tx": transaction, "point": point}
            planned_inside += point != 1
        kill = kill_child(
            crash_worker,
            tmp_path / f"kill-{number}.log",
            pause=pause,
            delay=rng.uniform(0.0, 0.25),
            job="edits",
            db=str(database_path),
            first=first,
            create_every=CREATE_EVERY,
        )
        conn = check_sqlite(database_path)
        try:
            outcome = check_edits(conn, model, kill)
        finally:
            conn.close()
        tally.add(kill, outcome)
        first += len(kill.ops())
    print(tally.summary())
    assert tally.kills == KILLS
    assert tally.places["in transaction"] + tally.places["in commit"] >= planned_inside
    assert sum(len(stored.saves) for stored in model.values()) >= 10, "next to nothing edited"

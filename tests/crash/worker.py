"""Crash-test worker, run as `python -m tests.crash.worker`: loads SREK Desk once, then forks one
child per kill, so that each kill costs milliseconds instead of a second of imports.

Protocol (one JSON object per line): the test sends {"cmd": "run", ...} and reads {"pid": …};
it kills that pid with SIGKILL and sends {"cmd": "reap", "pid": …} to learn how the child ended.

A child writes markers to its log file with one write(2) per line, so that a SIGKILL never
leaves half a line and the kernel keeps every line written before the kill:
  op N start …     an operation (import, client edit) begins
  begin            a transaction begins (SQLAlchemy)
  write K VERB     the K-th INSERT/UPDATE/DELETE of the transaction is about to run
  commit K         the transaction (with K writes) is about to be committed
  rollback
  op N saved|noted|done …   the operation (or part of it) returned
  paused           the child waits here to be killed (a planned kill point)
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Edits: the fields written together carry the same generation; crash tests check they agree.
WISH_CODES = ("26112", "29302", "63302", "43104", "25212", "81302", "52122")
LANGUAGES = ("de", "en", "ar", "tr")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def wishes_for(generation: int) -> tuple[tuple[str, int], ...]:
    count = 1 + generation % 3
    return tuple((WISH_CODES[(generation + i) % len(WISH_CODES)], i + 1) for i in range(count))


def languages_for(generation: int) -> tuple[tuple[str, str], ...]:
    count = 1 + generation % 2
    return tuple(
        (LANGUAGES[(generation + i) % len(LANGUAGES)], LEVELS[(generation + i) % len(LEVELS)])
        for i in range(count)
    )


def client_fields(generation: int) -> dict[str, Any]:
    return {
        "first_name": f"Gen{generation}",
        "last_name": f"Gen{generation}",
        "street": f"Genstraße {generation}",
        "phone": f"0{generation}",
        "max_commute_minutes": 5 + generation % 200,
        "wishes": wishes_for(generation),
        "languages": languages_for(generation),
    }


class Markers:
    """Writes the markers and stops at the planned kill point (pause)."""

    def __init__(self, fd: int, pause: dict[str, Any] | None) -> None:
        self.fd = fd
        self.pause = pause
        self.op = -1
        self.tx_writes = 0  # writes in the open transaction
        self.op_write_transactions = 0  # transactions with writes in the current operation

    def mark(self, text: str) -> None:
        os.write(self.fd, (text + "\n").encode())

    def start(self, op: int, text: str) -> None:
        self.op, self.op_write_transactions = op, 0
        self.mark(f"op {op} start {text}")

    def install(self, engine: Any) -> None:
        from sqlalchemy import event

        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)
        event.listen(engine, "before_cursor_execute", self._execute)

    def _begin(self, _conn: Any) -> None:
        self.tx_writes = 0
        self.mark("begin")

    def _execute(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb not in WRITES:
            return
        self.tx_writes += 1
        if self.tx_writes == 1:
            self.op_write_transactions += 1
        self.mark(f"write {self.tx_writes} {verb}")
        self._maybe_pause(self.tx_writes)

    def _commit(self, _conn: Any) -> None:
        self.mark(f"commit {self.tx_writes}")
        if self.tx_writes:
            self._maybe_pause("commit")
        self.tx_writes = 0

    def _rollback(self, _conn: Any) -> None:
        self.mark("rollback")
        self.tx_writes = 0

    def _maybe_pause(self, point: int | str) -> None:
        plan = self.pause
        if plan is None or plan["op"] != self.op or plan["tx"] != self.op_write_transactions:
            return
        wanted = plan["point"]
        if point == wanted or (
            point == "commit" and wanted != "commit" and self.tx_writes < wanted
        ):
            self.mark("paused")
            time.sleep(600)  # the test kills the child here
            os._exit(4)  # orphaned (the test was interrupted): never carry on writing


def run_imports(command: dict[str, Any], reference: Any, markers: Markers) -> None:
    import srek_desk.services.imports.offers as import_offers
    from srek_desk.services.core.database import open_database
    from srek_desk.services.imports.service import ImportOptions, ImportService

    # Smaller batches: more statements (and progress steps) inside one import transaction.
    import_offers.BATCH = command["batch"]
    database = open_database(command["db"])
    markers.install(database.engine)
    service = ImportService(database, reference)
    for op, (path, source) in enumerate(command["plan"]):
        markers.start(op, f"{source} {Path(path).name}")
        # each generation is the source's complete list: it retires what it drops (--full)
        report = service.import_file(path, ImportOptions(source=source, full_load=True))
        if report.status != "imported" or report.bad_rows:
            raise RuntimeError(f"import {Path(path).name}: {report.status} {report.message}")
        markers.mark(f"op {op} done {report.run_id}")
    markers.mark("plan finished")


def run_edits(command: dict[str, Any], reference: Any, markers: Markers) -> None:
    from sqlalchemy import select

    from srek_desk.db.models import Client
    from srek_desk.services.clients.service import ClientInput, ClientService
    from srek_desk.services.core.database import open_database

    database = open_database(command["db"])
    service = ClientService(database)
    with database.session() as session:
        ids = dict(
            session.execute(
                select(Client.customer_number, Client.id)
                .where(Client.customer_number.like("KILL-%"))  # type: ignore[union-attr]
                .order_by(Client.id)
            ).all()
        )
    markers.install(database.engine)
    for op, generation in enumerate(range(command["first"], command["first"] + 100_000)):
        if generation % command["create_every"] == 0 or not ids:
            number = f"KILL-{generation}"
        else:
            numbers = sorted(ids)
            number = numbers[generation % len(numbers)]
        markers.start(op, f"{number} {generation}")
        fields = client_fields(generation)
        if number not in ids:
            data = ClientInput(customer_number=number, home_postcode="37213", **fields)
            ids[number] = service.create(data, reference)
        else:
            current, version = service.input_of(ids[number])
            data = ClientInput(**{**_as_dict(current), **fields})
            service.update(ids[number], data, version, reference)
        markers.mark(f"op {op} saved")
        service.add_note(ids[number], f"Gen{generation}")
        markers.mark(f"op {op} noted")
        markers.mark(f"op {op} done")


def _as_dict(data: Any) -> dict[str, Any]:
    import dataclasses

    return {field.name: getattr(data, field.name) for field in dataclasses.fields(data)}


JOBS = {"imports": run_imports, "edits": run_edits}


def _child(command: dict[str, Any], reference: Any) -> None:
    """In the forked child: never returns."""
    try:
        log = os.open(command["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        errors = os.open(command["log"] + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(errors, 2)
        os.dup2(log, 1)  # nothing may reach the worker's reply pipe
        markers = Markers(log, command.get("pause"))
        markers.mark("started")
        JOBS[command["job"]](command, reference, markers)
        os._exit(0)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(3)


def main() -> None:
    import srek_desk.services.clients.service
    import srek_desk.services.core.database
    import srek_desk.services.imports.service  # noqa: F401  (loaded once, shared by every child)
    from srek_desk.reference.catalog import ReferenceData

    reference = ReferenceData()
    reference.gazetteer.place_for_postcode("37213")
    reference.occupations.resolve("Koch/Köchin")
    replies = sys.stdout

    def reply(message: dict[str, Any]) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    reply({"ready": os.getpid()})
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "run":
            pid = os.fork()
            if pid == 0:
                _child(command, reference)
            reply({"pid": pid})
        elif command["cmd"] == "reap":
            _, status = os.waitpid(command["pid"], 0)
            reply(
                {
                    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                    "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                }
            )


if __name__ == "__main__":
    main()

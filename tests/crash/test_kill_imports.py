"""Imports killed with SIGKILL at random points leave a sound database with each file whole or absent.

One database, 30 kills. A child imports, in turn, generations of a BA JSON file and of a CSV file
(each generation renames every title to "G<n> …", changes some fields, adds offers and drops others,
so an import inserts, updates and deactivates). Half the kills come after a random delay, half at a
planned statement inside the import transaction (or just before its commit). After each kill the
database is opened anew with sqlite3 and must show, per source, exactly the offers of the last
recorded import run, all of one generation, with the run rows matching the files.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.crash.harness import Kill, Tally, Worker, check_sqlite, kill_child

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
]

KILLS = 30
SEED = 20_261_107
GENERATIONS = 3
BATCH = 250  # rows per statement inside the import (the program's default is 2000)
POSTCODES = ("37213", "34117", "37073", "34346", "33098")
SOURCES = ("kill-json", "kill-csv")


def refs(source: str, generation: int) -> list[str]:
    if source == "kill-json":
        return [f"K-{i:06d}-S" for i in range(generation * 300, generation * 300 + 1200)]
    return [f"C-{i:06d}" for i in range(generation * 200, generation * 200 + 800)]


def write_files(folder: Path) -> dict[tuple[str, int], Path]:
    files: dict[tuple[str, int], Path] = {}
    for generation in range(GENERATIONS):
        offers = [
            {
                "refnr": ref,
                "titel": f"G{generation} Koch/Köchin {ref}",
                "beruf": "Koch/Köchin",
                "arbeitgeber": f"Betrieb {index % 40}",
                "arbeitsort": {"plz": POSTCODES[(index + generation) % len(POSTCODES)]},
                "eintrittsdatum": f"2027-0{1 + generation}-01",
                "anzahlOffeneStellen": 1 + (index + generation) % 3,
            }
            for index, ref in enumerate(refs("kill-json", generation))
        ]
        path = folder / f"kill-json-g{generation}.json"
        path.write_text(json.dumps({"stellenangebote": offers}), encoding="utf-8")
        files["kill-json", generation] = path
        lines = ["Referenznummer;Titel;Beruf;Arbeitgeber;PLZ;Eintrittsdatum;Anzahl Stellen"]
        lines += [
            f"{ref};G{generation} Mechatroniker/in {ref};Mechatroniker/in;Werk {index % 25};"
            f"{POSTCODES[(index * 7 + generation) % len(POSTCODES)]};01.0{1 + generation}.2027;"
            f"{1 + (index + generation) % 4}"
            for index, ref in enumerate(refs("kill-csv", generation))
        ]
        path = folder / f"kill-csv-g{generation}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files["kill-csv", generation] = path
    return files


def planned_op(number: int) -> tuple[str, int]:
    """Operation `number` of the whole test: the sources take turns, generations cycle."""
    return SOURCES[number % 2], (number // 2) % GENERATIONS


def generation_of(file_name: str) -> int:
    found = re.fullmatch(r"kill-(?:json|csv)-g(\d)\.(?:json|csv)", file_name)
    assert found, file_name
    return int(found.group(1))


def interrupted(kill: Kill) -> tuple[int, str] | None:
    """(op number, "absent" | "either") for the operation the kill cut short, if any."""
    ops = kill.ops()
    if not ops or any(line.startswith(f"op {ops[-1][0]} done") for line in ops[-1][2]):
        return None
    op, _, markers = ops[-1]
    committing = any(re.fullmatch(r"commit [1-9]\d*", line) for line in markers)
    return op, "either" if committing else "absent"


def check_imports(
    conn: Any, runs_before: dict[str, list[int]], kill: Kill, first: int
) -> tuple[dict[str, list[int]], str]:
    """Check the database against the files and the child's log; returns the runs per source."""
    done = [
        op for op, _, markers in kill.ops() if any(m.startswith(f"op {op} done") for m in markers)
    ]
    cut = interrupted(kill)
    outcome = "between operations" if cut is None else ""
    runs_now: dict[str, list[int]] = {}
    for source in SOURCES:
        rows = conn.execute(
            "SELECT file_name, total, new, updated, unchanged, bad_rows FROM import_run "
            "WHERE source = ? ORDER BY id",
            (source,),
        ).fetchall()
        generations = [generation_of(row[0]) for row in rows]
        for (_, total, new, updated, unchanged, bad), generation in zip(
            rows, generations, strict=True
        ):
            size = len(refs(source, generation))
            assert (total, new + updated + unchanged, bad) == (size, size, 0), rows
        # the runs recorded: those before this child, its finished imports, maybe the cut one
        expected = runs_before[source] + [
            planned_op(first + op)[1] for op in done if planned_op(first + op)[0] == source
        ]
        if cut is not None and planned_op(first + cut[0])[0] == source:
            with_cut = [*expected, planned_op(first + cut[0])[1]]
            if cut[1] == "absent":
                assert generations == expected, (source, generations, expected)
                outcome = "import cut before its commit: absent"
            else:
                assert generations in (expected, with_cut), (source, generations, expected)
                committed = "committed" if generations == with_cut else "absent"
                outcome = f"import cut in its commit: {committed}"
        else:
            assert generations == expected, (source, generations, expected)
        runs_now[source] = generations
        offers = conn.execute(
            "SELECT reference, title, active FROM offer WHERE source = ?", (source,)
        ).fetchall()
        if not generations:
            assert offers == []
            continue
        last = generations[-1]
        active = {ref: title for ref, title, is_active in offers if is_active}
        assert set(active) == set(refs(source, last)), (source, last, len(active))
        assert all(title.startswith(f"G{last} ") for title in active.values())
        ever = {ref for generation in set(generations) for ref in refs(source, generation)}
        assert {ref for ref, _, _ in offers} == ever
        assert {int(title[1]) for _, title, _ in offers} <= set(generations)
    return runs_now, outcome


def test_killed_imports_leave_each_file_whole_or_absent(
    crash_worker: Worker, tmp_path: Path
) -> None:
    from srek_desk.services.core.database import open_database

    database_path = tmp_path / "kill.sqlite3"
    open_database(database_path).dispose()  # created and migrated before the first kill
    files = write_files(tmp_path)
    rng = random.Random(SEED)
    tally = Tally("imports")
    runs: dict[str, list[int]] = {source: [] for source in SOURCES}
    first = 0  # number of the next operation
    planned_inside = 0
    for number in range(KILLS):
        plan = [(str(files[planned_op(op)]), planned_op(op)[0]) for op in range(first, first + 40)]
        pause = None
        if number % 2 == 0:
            pause = {
                "op": rng.randrange(3),
                "tx": 1,
                "point": rng.choice([1, 2, 3, 4, 5, "commit"]),
            }
            planned_inside += pause["point"] != 1
        kill = kill_child(
            crash_worker,
            tmp_path / f"kill-{number}.log",
            pause=pause,
            delay=rng.uniform(0.0, 0.7),
            job="imports",
            db=str(database_path),
            plan=plan,
            batch=BATCH,
        )
        conn = check_sqlite(database_path)
        try:
            runs, outcome = check_imports(conn, runs, kill, first)
        finally:
            conn.close()
        tally.add(kill, outcome)
        first += len(kill.ops())
    print(tally.summary())
    assert tally.kills == KILLS
    # every planned kill after the first write or at the commit landed inside the transaction
    assert tally.places["in transaction"] + tally.places["in commit"] >= planned_inside
    assert sum(len(r) for r in runs.values()) >= 2, "the children imported next to nothing"

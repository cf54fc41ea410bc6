"""Smoke test of a frozen build: start the bundled binary the way IT staff and CI would.

    python packaging/smoke_test.py [BUNDLE_DIR] [--runs 3] [--quick] [--output summary.json]

BUNDLE_DIR defaults to $SREK_FROZEN_DIR, else packaging/dist/srek-desk. Every run gets fresh
temporary data, config, log and machine-config folders and the offscreen Qt platform; SREK_*
variables of the calling shell are not passed on (SREK_RESOURCES would point the bundle at the
source tree). Checks:

- the bundle holds what the app reads as files (resources, build info, Alembic migrations, Qt's
  German translations) and none of what it must not ship (WebEngine, QML/Quick, Tk);
- `--version`: exit 0, first line exactly `srek-desk <version>`, a build line;
- `self-test --json`: exit 0, every step ok (database created and migrated, reference data,
  PDF, demo data, main window with German translations);
- unless --quick: demo data, an opportunity sheet, a case handover package (cryptography), an
  HR-BA-XML file refused by an XSD (xmlschema), an account (argon2), encrypting the database
  and reading it with and without the key (SQLCipher);
- stderr of every run is empty apart from lines matching --allow-stderr.

Prints a JSON summary (bundle size and file count, median start-up times) and exits 0 when
everything passed, 1 otherwise, 2 when there is no bundle. Uses only the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = REPO / "packaging" / "dist" / "srek-desk"
TIMEOUT_SECONDS = 180

# Steps `self-test` must report as ok (srek_desk/self_test.py).
REQUIRED_STEPS = (
    "Datenbank",
    "Integrität",
    "Postleitzahlen",
    "Berufe (KldB 2010)",
    "Schul- und Berufsabschlüsse",
    "Chancenblatt (PDF)",
    "Demo-Daten",
    "Hauptfenster",
)
# Files the frozen app reads at run time, relative to the contents folder (_internal/); "|"
# separates alternatives (Qt's folder is PySide6/Qt/ on Linux, PySide6/ on Windows).
REQUIRED_FILES = (
    "resources/translations/srek_desk_de.qm",
    "resources/build-info.json",
    "resources/fonts/NotoSans-Regular.ttf",
    "resources/gazetteer/de_postcodes.tsv.gz",
    "srek_desk/db/migrations/env.py",
    "PySide6/Qt/translations/qtbase_de.qm|PySide6/translations/qtbase_de.qm",
    "xmlschema/schemas/XSD_1.0/XMLSchema.xsd",  # xmlschema builds every XSD on it
)
# What must never be in the bundle (glob patterns on paths relative to the bundle, lower case).
FORBIDDEN = (
    "*qtwebengine*",
    "*qt6qml*",
    "*qt6quick*",
    "*qt6multimedia*",
    "*qt63d*",
    "*/qml/*",
    "*_tkinter*",
    "*/tcl/*",
    "*/tk/*",
)
# stderr lines that are not a failure (regular expressions); empty lines always pass.
DEFAULT_ALLOWED_STDERR: tuple[str, ...] = ()


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class SmokeTest:
    bundle: Path
    executable: Path
    allowed_stderr: list[re.Pattern[str]]
    checks: list[Check] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)

    # -- running the binary -------------------------------------------------------------------

    def environment(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SREK_")}
        for name in ("data", "config", "log", "machine"):
            (home / name).mkdir(parents=True, exist_ok=True)
        env.update(
            SREK_DATA_DIR=str(home / "data"),
            SREK_CONFIG_DIR=str(home / "config"),
            SREK_LOG_DIR=str(home / "log"),
            SREK_MACHINE_CONFIG_DIR=str(home / "machine"),
            QT_QPA_PLATFORM="offscreen",
            PYTHONIOENCODING="utf-8",
        )
        env.pop("PYTHONPATH", None)  # the bundle must not see the source tree
        env.pop("PYTHONHOME", None)
        return env

    def run(
        self,
        *args: str,
        home: Path,
        stdin: str | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Run:
        env = self.environment(home)
        env.update(extra_env or {})
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [str(self.executable), *args],
                input=stdin,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
                cwd=home,
                timeout=TIMEOUT_SECONDS,
            )
            result = Run(list(args), done.returncode, done.stdout, done.stderr, 0.0)
        except subprocess.TimeoutExpired as exc:
            result = Run(list(args), -1, _text(exc.stdout), _text(exc.stderr) + "\n(timeout)", 0.0)
        result.seconds = time.perf_counter() - started
        self.runs.append(result)
        return result

    def unexpected_stderr(self, run: Run) -> list[str]:
        return [
            line
            for line in run.stderr.splitlines()
            if line.strip() and not any(p.search(line) for p in self.allowed_stderr)
        ]

    # -- recording ----------------------------------------------------------------------------

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, bool(ok), detail))
        return bool(ok)

    def check_run(
        self, name: str, run: Run, expect_code: int = 0, home: Path | None = None
    ) -> bool:
        problems = []
        if run.returncode != expect_code:
            problems.append(f"exit code {run.returncode}, expected {expect_code}")
        if expect_code == 0:
            noise = self.unexpected_stderr(run)
            if noise:
                problems.append("unexpected stderr: " + " | ".join(noise[:10]))
        if problems and home is not None:
            problems.append("log: " + " | ".join(log_tail(home)))
        detail = "; ".join(problems) if problems else f"{run.seconds:.2f} s"
        return self.check(name, not problems, detail)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _text(value: str | bytes | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def log_tail(home: Path, lines: int = 15) -> list[str]:
    log = home / "log" / "srek-desk.log"
    if not log.is_file():
        return ["(no log file)"]
    return log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]


def find_executable(bundle: Path) -> Path | None:
    for name in ("srek-desk.exe", "srek-desk"):
        candidate = bundle / name
        if candidate.is_file():
            return candidate
    return None


def contents_dir(bundle: Path) -> Path:
    """PyInstaller ≥ 6 puts everything but the executables into _internal/."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def bundle_size(bundle: Path) -> tuple[int, int]:
    """Bytes and number of files (symbolic links not followed, not counted)."""
    total = files = 0
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def median_seconds(runs: Sequence[Run]) -> dict[str, Any]:
    times = [r.seconds for r in runs]
    return {
        "median": round(statistics.median(times), 3) if times else None,
        "runs": [round(t, 3) for t in times],
    }


# -- the checks -------------------------------------------------------------------------------


def check_contents(smoke: SmokeTest) -> dict[str, Any]:
    root = contents_dir(smoke.bundle)
    missing = [
        name
        for name in REQUIRED_FILES
        if not any((root / alternative).is_file() for alternative in name.split("|"))
    ]
    smoke.check(
        "bundle: required files",
        not missing,
        "missing: " + ", ".join(missing) if missing else f"{len(REQUIRED_FILES)} present",
    )
    versions = list((root / "srek_desk" / "db" / "migrations" / "versions").glob("*.py"))
    smoke.check("bundle: migration scripts", bool(versions), f"{len(versions)} revision files")
    forbidden = []
    for path in smoke.bundle.rglob("*"):
        relative = "/" + path.relative_to(smoke.bundle).as_posix().lower()
        if any(_glob(relative, pattern) for pattern in FORBIDDEN):
            forbidden.append(relative)
    smoke.check("bundle: nothing forbidden", not forbidden, ", ".join(sorted(forbidden)[:10]))
    if sys.platform == "win32":
        gui = smoke.bundle / "srek-desk-gui.exe"
        smoke.check("bundle: windowed srek-desk-gui.exe", gui.is_file(), str(gui))
    info_file = root / "resources" / "build-info.json"
    try:
        return json.loads(info_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _glob(path: str, pattern: str) -> bool:
    import fnmatch

    return fnmatch.fnmatch(path, pattern)


def check_version(smoke: SmokeTest, build_info: dict[str, Any], runs: int) -> list[Run]:
    timed = []
    with tempfile.TemporaryDirectory(prefix="srek-smoke-") as folder:
        for _ in range(runs):
            timed.append(smoke.run("--version", home=Path(folder)))
    last = timed[-1]
    if not smoke.check_run("--version", last):
        return timed
    lines = last.stdout.splitlines()
    expected = f"srek-desk {build_info.get('version', '')}".strip()
    smoke.check("--version: first line", bool(lines) and lines[0] == expected, repr(lines[:1]))
    build_line = next((line for line in lines if line.startswith("Build: ")), "")
    smoke.check(
        "--version: build line",
        bool(build_line) and "Quellcode" not in build_line,
        build_line or "no 'Build:' line",
    )
    return timed


def check_self_test(smoke: SmokeTest, runs: int) -> tuple[list[Run], list[dict[str, Any]]]:
    timed: list[Run] = []
    steps: list[dict[str, Any]] = []
    for number in range(runs):
        with tempfile.TemporaryDirectory(prefix="srek-smoke-") as folder:
            home = Path(folder)
            run = smoke.run("self-test", "--json", home=home)
            timed.append(run)
            name = f"self-test run {number + 1}"
            if not smoke.check_run(name, run, home=home):
                _record_steps(smoke, run, name)
                continue
            steps = _record_steps(smoke, run, name)
    return timed, steps


def _record_steps(smoke: SmokeTest, run: Run, name: str) -> list[dict[str, Any]]:
    try:
        report = json.loads(run.stdout)
    except ValueError:
        smoke.check(f"{name}: JSON", False, run.stdout[-500:])
        return []
    steps = report.get("steps", [])
    by_name = {step.get("name"): step for step in steps}
    problems = [
        f"{step}: {by_name[step].get('detail') if step in by_name else 'missing'}"
        for step in REQUIRED_STEPS
        if not by_name.get(step, {}).get("ok")
    ]
    smoke.check(
        f"{name}: all steps ok", report.get("ok") is True and not problems, "; ".join(problems)
    )
    return steps


def check_commands(smoke: SmokeTest) -> None:
    """Demo data, a sheet, an argon2 account, SQLCipher encryption: the compiled parts frozen."""
    with tempfile.TemporaryDirectory(prefix="srek-smoke-") as folder:
        home = Path(folder)
        db = ["--db", str(home / "smoke.sqlite3")]

        demo = smoke.run(*db, "demo", "--offers", "100", "--clients", "10", "--json", home=home)
        if smoke.check_run("demo --offers 100 --clients 10", demo, home=home):
            counts = json.loads(demo.stdout)
            smoke.check("demo: counts", counts.get("offers") == 100, demo.stdout.strip()[:200])

        pdf = home / "sheet.pdf"
        sheet = smoke.run(*db, "sheet", "--client", "1", "-o", str(pdf), home=home)
        if smoke.check_run("sheet --client 1", sheet, home=home):
            head = pdf.read_bytes()[:5] if pdf.is_file() else b""
            smoke.check("sheet: PDF written", head == b"%PDF-", f"{pdf.name}: {head!r}")

        check_handover(smoke, home, db)
        check_hrbaxml_schema(smoke, home, db)
        check_timetable(smoke, home, db)

        account = smoke.run(
            *db,
            "users",
            "add",
            "smoke-admin",
            "--roles",
            "admin",
            "--password-stdin",
            "--json",
            home=home,
            stdin="Smoke-Test-Passwort-2024!\n",
        )
        smoke.check_run("users add --password-stdin (argon2)", account, home=home)

        key = home / "smoke.key"
        encrypt = smoke.run(*db, "encrypt", "--key-file", str(key), home=home)
        if smoke.check_run("encrypt --key-file (SQLCipher)", encrypt, home=home):
            header = (home / "smoke.sqlite3").read_bytes()[:16]
            smoke.check("encrypt: file no longer plain SQLite", header != b"SQLite format 3\x00")
            keyed = smoke.run(
                *db,
                "users",
                "list",
                "--json",
                home=home,
                extra_env={"SREK_DATABASE_KEY_FILE": str(key)},
            )
            if smoke.check_run("users list on the encrypted database", keyed, home=home):
                names = [u.get("username") for u in json.loads(keyed.stdout).get("users", [])]
                smoke.check("encrypted database: account readable", "smoke-admin" in names)
            refused = smoke.run(*db, "users", "list", "--json", home=home)
            smoke.check_run("encrypted database without key: refused", refused, expect_code=1)


def check_handover(smoke: SmokeTest, home: Path, db: list[str]) -> None:
    """A case handover package (argon2id + AES-GCM from `cryptography`) written and read back."""
    secret = home / "handover.pw"
    secret.write_text("Smoke-Uebergabe-2026\n", encoding="utf-8")
    package = home / "case.srekho"
    password = ["--password-file", str(secret)]
    export = smoke.run(
        *db, "handover", "export", "--client", "1", "-o", str(package), *password, home=home
    )
    if not smoke.check_run("handover export (cryptography)", export, home=home):
        return
    other = ["--db", str(home / "receiver.sqlite3")]
    preview = smoke.run(
        *other, "handover", "import", str(package), "--dry-run", "--json", *password, home=home
    )
    smoke.check_run("handover import --dry-run", preview, home=home)
    secret.write_text("falsches-Passwort-1\n", encoding="utf-8")
    refused = smoke.run(*other, "handover", "import", str(package), *password, home=home)
    smoke.check_run("handover import with a wrong password: refused", refused, expect_code=1)


# A minimal stand-in for the BA's XSD (its files are not shipped): enough to load a schema
# frozen (xmlschema reads its meta-schemas as files) and to refuse a file that breaks it.
SMOKE_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="HRBAXMLJobPositionPosting"><xs:complexType><xs:sequence>
    <xs:element name="Header"><xs:complexType><xs:sequence>
      <xs:element name="TypeOfLoad"><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="F"/><xs:enumeration value="D"/>
      </xs:restriction></xs:simpleType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="Data"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""


def check_hrbaxml_schema(smoke: SmokeTest, home: Path, db: list[str]) -> None:
    """HR-BA-XML checked against an XSD (xmlschema frozen): a deviation refuses the file."""
    folder = home / "xsd"
    folder.mkdir()
    (folder / "HRBAXML_JobPosting.xsd").write_text(SMOKE_XSD, encoding="utf-8")
    posting = home / "stellen.xml"
    posting.write_text(
        "<HRBAXMLJobPositionPosting>\n<Header><TypeOfLoad>X</TypeOfLoad></Header>\n<Data/>\n"
        "</HRBAXMLJobPositionPosting>\n",
        encoding="utf-8",
    )
    refused = smoke.run(
        *db,
        "import",
        str(posting),
        home=home,
        extra_env={"SREK_IMPORT_HRBAXML_SCHEMA_DIR": str(folder)},
    )
    if smoke.check_run("import HR-BA-XML against an XSD: refused", refused, expect_code=1):
        smoke.check(
            "import HR-BA-XML: the deviation named",
            "Zeile 2, Element <TypeOfLoad>" in refused.stdout,
            refused.stdout.strip()[-300:],
        )


SMOKE_GTFS = {
    "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n"
    "a,Smoke-Verbund,https://example.org,Europe/Berlin\n",
    "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\n"
    "hmue,Hann. Münden,51.41505,9.65046\nks,Kassel Hbf,51.31585,9.49172\n",
    "routes.txt": "route_id,agency_id,route_short_name,route_type\nre2,a,RE 2,2\n",
    "trips.txt": "route_id,service_id,trip_id\nre2,alle,t1\n",
    "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
    "t1,07:08:00,07:08:00,hmue,1\nt1,07:27:00,07:27:00,ks,2\n",
    "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
    "start_date,end_date\nalle,1,1,1,1,1,1,1,20200101,20991231\n",
}


def check_timetable(smoke: SmokeTest, home: Path, db: list[str]) -> None:
    """A GTFS timetable loaded (NumPy arrays stored) and a journey found (the search frozen)."""
    feed = home / "fahrplan.zip"
    with zipfile.ZipFile(feed, "w") as archive:
        for name, text in SMOKE_GTFS.items():
            archive.writestr(name, text)
    loaded = smoke.run(*db, "timetable", "import", str(feed), "--json", home=home)
    if smoke.check_run("timetable import (GTFS)", loaded, home=home):
        smoke.check("timetable: stop_times", json.loads(loaded.stdout).get("stop_times") == 2)
    trip = smoke.run(*db, "commute", "51.41505,9.65046", "51.31585,9.49172", "--json", home=home)
    if smoke.check_run("commute by the timetable", trip, home=home):
        answer = json.loads(trip.stdout)
        smoke.check(
            "commute: RE 2 7:08 → 7:27",
            (answer.get("source"), answer.get("depart"), answer.get("arrive"))
            == ("timetable", "7:08", "7:27"),
            trip.stdout.strip()[:300],
        )


def run_smoke_test(
    bundle: Path,
    *,
    runs: int = 3,
    quick: bool = False,
    allowed_stderr: Sequence[str] = (),
) -> dict[str, Any]:
    executable = find_executable(bundle)
    if executable is None:
        raise FileNotFoundError(f"no srek-desk executable in {bundle}")
    smoke = SmokeTest(
        bundle=bundle,
        executable=executable,
        allowed_stderr=[re.compile(p) for p in (*DEFAULT_ALLOWED_STDERR, *allowed_stderr)],
    )
    steps_started = time.perf_counter()
    build_info = check_contents(smoke)
    version_runs = check_version(smoke, build_info, runs)
    self_test_runs, steps = check_self_test(smoke, runs)
    if not quick:
        check_commands(smoke)
    size, files = bundle_size(bundle)
    version_lines = version_runs[-1].stdout.splitlines() if version_runs else []
    return {
        "ok": smoke.ok,
        "bundle": str(bundle),
        "executable": executable.name,
        "platform": sys.platform,
        "version": version_lines,
        "build_info": build_info,
        "size_bytes": size,
        "size_mb": round(size / 1_000_000, 1),
        "files": files,
        "startup_seconds": {
            "version": median_seconds(version_runs),
            "self_test": median_seconds(self_test_runs),
        },
        "self_test_steps": {s.get("name"): s.get("seconds") for s in steps},
        "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in smoke.checks],
        "failures": [f"{c.name}: {c.detail}" for c in smoke.checks if not c.ok],
        "seconds": round(time.perf_counter() - steps_started, 1),
    }


def default_bundle() -> Path:
    return Path(os.environ.get("SREK_FROZEN_DIR") or DEFAULT_BUNDLE)


def main(argv: Sequence[str] | None = None, out: Callable[[str], Any] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, help="the onedir folder (srek-desk/)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs for the median (3)")
    parser.add_argument("--quick", action="store_true", help="skip demo/sheet/users/encrypt")
    parser.add_argument(
        "--allow-stderr", action="append", default=[], metavar="REGEX", help="tolerated stderr"
    )
    parser.add_argument("--output", type=Path, help="also write the JSON summary here")
    args = parser.parse_args(argv)
    bundle = (args.bundle or default_bundle()).resolve()
    if find_executable(bundle) is None:
        out(json.dumps({"ok": False, "error": f"no srek-desk executable in {bundle}"}))
        return 2
    summary = run_smoke_test(
        bundle, runs=max(1, args.runs), quick=args.quick, allowed_stderr=args.allow_stderr
    )
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    out(text)
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

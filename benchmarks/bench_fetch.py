"""Jobbörse fetch benchmark: 100,000 offers in pages of 100 from a local Jobsuche API served from memory.

Beside it, in the same run: the same pages fetched with plain urllib and json.loads (no records,
no database), the client alone (pages read into records), and the same 100,000 offers imported
from one BA JSON file. The search is larger than the Jobbörse's 10,000 window, so the client splits
it by Berufsfeld (12 fields), as it must with the real service. Each phase runs in its own process
(peak RSS belongs to it); the server runs in another.

    python benchmarks/bench_fetch.py [--offers 100000]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench_import import generate  # the script folder is on sys.path

FIELDS = 12
PAGE_SIZE = 100


def serve(data: Path, port_file: Path) -> None:
    """The fake Jobbörse: every page pre-serialized in memory; page × size ≤ 10,000 enforced."""
    items = json.loads(data.read_text(encoding="utf-8"))["stellenangebote"]
    fields = {f"Feld {n:02d}": items[n::FIELDS] for n in range(FIELDS)}
    facets = {"berufsfeld": {"counts": {k: len(v) for k, v in fields.items()}, "maxCount": 0}}
    pages: dict[tuple[str, int], bytes] = {}
    for name, chosen in [("", items), *fields.items()]:
        for page in range(1, min(math.ceil(len(chosen) / PAGE_SIZE), 10_000 // PAGE_SIZE) + 1):
            body = {
                "stellenangebote": chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
                "maxErgebnisse": len(chosen),
                "page": page,
                "size": PAGE_SIZE,
                "facetten": facets,
            }
            pages[(name, page)] = json.dumps(body, ensure_ascii=False).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            key = (query.get("berufsfeld", [""])[0], int(query["page"][0]))
            body = pages.get(key)
            if body is None:
                self.send_response(400)
                body = b'{"code": "EINGABEPARAMETER_FEHLERHAFT"}'
            else:
                self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(server.server_address[1]))
    server.serve_forever()


def phase_download(base: str, _db: str, _file: str) -> dict[str, Any]:
    """Baseline: the same pages with urllib and json.loads, nothing read into records or stored."""
    started = time.perf_counter()
    offers = 0

    def get(params: dict[str, str]) -> dict[str, Any]:
        url = f"{base}/pc/v4/jobs?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    first = get({"angebotsart": "4", "wo": "Kassel", "page": "1", "size": str(PAGE_SIZE)})
    for name in sorted(first["facetten"]["berufsfeld"]["counts"]):
        page = 1
        while True:
            document = get(
                {
                    "angebotsart": "4",
                    "wo": "Kassel",
                    "berufsfeld": name,
                    "page": str(page),
                    "size": str(PAGE_SIZE),
                }
            )
            offers += len(document["stellenangebote"])
            if len(document["stellenangebote"]) < PAGE_SIZE:
                break
            page += 1
    return {"seconds": time.perf_counter() - started, "offers": offers}


def phase_client(base: str, _db: str, _file: str) -> dict[str, Any]:
    from srek_desk.importers.jobboerse import JobboerseClient
    from srek_desk.importers.jobboerse_pages import SearchQuery

    started = time.perf_counter()
    result = JobboerseClient(base, "bench").search(SearchQuery("ausbildung", wo="Kassel"))
    return {
        "seconds": time.perf_counter() - started,
        "offers": len(result.offers),
        "pages": result.pages,
        "not_fetched": result.not_fetched,
    }


def phase_fetch(base: str, db: str, _file: str) -> dict[str, Any]:
    from srek_desk.importers.jobboerse import JobboerseClient
    from srek_desk.importers.jobboerse_pages import SearchQuery
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import open_database
    from srek_desk.services.imports.fetch import FetchService

    database = open_database(db)
    service = FetchService(database, ReferenceData(), lambda: JobboerseClient(base, "bench"))
    started = time.perf_counter()
    report = service.fetch(SearchQuery("ausbildung", wo="Kassel"), save_as="Bench")
    seconds = time.perf_counter() - started
    database.dispose()
    return {
        "seconds": seconds,
        "new": report.new,
        "unchanged": report.unchanged,
        "deactivated": report.deactivated,
        "pages": report.pages,
        "complete": report.complete,
    }


def phase_import(_base: str, db: str, file: str) -> dict[str, Any]:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import open_database
    from srek_desk.services.imports.service import ImportService

    database = open_database(db)
    service = ImportService(database, ReferenceData())
    started = time.perf_counter()
    report = service.import_file(file)
    seconds = time.perf_counter() - started
    database.dispose()
    return {"seconds": seconds, "new": report.new}


PHASES = {
    "download": phase_download,
    "client": phase_client,
    "fetch": phase_fetch,
    "import": phase_import,
}


def run_phase(name: str, base: str, db: Path, file: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", name, "--base", base]
    command += ["--db", str(db), "--file", str(file)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--phase")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--base", default="")
    parser.add_argument("--db", default="")
    parser.add_argument("--file", default="")
    parser.add_argument("--port-file", default="")
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.file), Path(args.port_file))
        return
    if args.phase:
        result = PHASES[args.phase](args.base, args.db, args.file)
        result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        file = root / "ba.json"
        generate(file, args.offers)  # the listings of bench_import.py
        port_file = root / "port"
        server = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                "--file",
                str(file),
                "--port-file",
                str(port_file),
            ]
        )
        try:
            for _ in range(600):
                if port_file.exists() and port_file.read_text():
                    break
                time.sleep(0.1)
            base = f"http://127.0.0.1:{port_file.read_text()}"
            print(f"{args.offers} offers, {FIELDS} Berufsfelder, pages of {PAGE_SIZE}")
            download = run_phase("download", base, root / "x.sqlite3", file)
            client = run_phase("client", base, root / "x.sqlite3", file)
            fetch = run_phase("fetch", base, root / "fetch.sqlite3", file)
            again = run_phase("fetch", base, root / "fetch.sqlite3", file)
            imported = run_phase("import", base, root / "import.sqlite3", file)
        finally:
            server.terminate()
            server.wait()
    rows = [
        ("baseline: urllib + json.loads only", download, f"{download['offers']} offers"),
        ("client: pages read into records", client, f"{client['pages']} pages"),
        ("fetch into empty DB (saved search)", fetch, f"new={fetch['new']}"),
        ("re-fetch, all unchanged", again, f"unchanged={again['unchanged']}"),
        ("baseline: same offers from one file", imported, f"new={imported['new']}"),
    ]
    for label, result, note in rows:
        print(
            f"{label:38s} {result['seconds']:7.2f} s  peak RSS {result['maxrss_mb']:5.0f} MB  {note}"
        )
    print(
        f"fetch / file import: {fetch['seconds'] / imported['seconds']:.2f}x, "
        f"network share of the fetch: {download['seconds'] / fetch['seconds']:.0%}, "
        f"complete: {fetch['complete']}, deactivated on re-fetch: {again['deactivated']}"
    )


if __name__ == "__main__":
    main()

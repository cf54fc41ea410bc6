"""HR-BA-XML against the BA's XSD: loading the schema (cold and cached) and reading a file with and
without the check, beside a baseline measured in the same run.

Baselines: parsing the same bytes with ElementTree's plain builder (the structural read's parse;
the XSD check parses with line numbers), and reading the file structurally only (no XSD).

    python benchmarks/bench_hrbaxml_schema.py [--postings 2000] [--schema-dir ../shared/data/hrbaxml]

The BA's XSD is not shipped; point --schema-dir at a folder holding it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from xml.etree.ElementTree import TreeBuilder

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "import" / "hrbaxml_offers.xml"


def generate(count: int) -> bytes:
    """`count` postings made from the valid fixture's first one, each with its own reference."""
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("<JobPositionPosting>")
    end = text.index("</JobPositionPosting>") + len("</JobPositionPosting>")
    posting = text[start:end]
    postings = [
        posting.replace("V000000001-2026-0001-S", f"V000000001-2026-{n:06d}-S")
        for n in range(count)
    ]
    data_end = text.index("</Data>")
    return (text[:start] + "\n".join(postings) + "\n\t" + text[data_end:]).encode("utf-8")


def best_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def cold_load(schema_dir: str) -> float:
    """The first load in a fresh process (what the first HR-BA-XML import of a session pays)."""
    code = (
        "import time, json; t = time.perf_counter(); "
        "from srek_desk.importers.hrbaxml_schema import schema_for; "
        f"assert schema_for({schema_dir!r}).checked; "
        "print(json.dumps(time.perf_counter() - t))"
    )
    loads = [
        json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                  text=True, cwd=REPO).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return statistics.median(loads)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=2000)
    parser.add_argument("--schema-dir", default=str(REPO.parent / "shared" / "data" / "hrbaxml"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from defusedxml.ElementTree import DefusedXMLParser

    from srek_desk.importers.hrbaxml import parse_xml, read_hrbaxml
    from srek_desk.importers.hrbaxml_schema import schema_for

    data = generate(args.postings)

    def plain_parse() -> None:
        parser = DefusedXMLParser(
            target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        parser.feed(data)
        parser.close()

    cold = cold_load(args.schema_dir)
    started = time.perf_counter()
    choice = schema_for(args.schema_dir)
    warm_load = time.perf_counter() - started
    cached = best_of(args.runs, lambda: schema_for(args.schema_dir))
    figures = {
        "postings": args.postings,
        "file_mb": round(len(data) / 1024 / 1024, 2),
        "elements": sum(1 for _ in parse_xml(data, "bench.xml").iter()),
        "schema_load_cold_process_s": round(cold, 3),
        "schema_load_in_process_s": round(warm_load, 3),
        "schema_for_cached_s": round(cached, 6),
        "baseline_parse_plain_s": round(best_of(args.runs, plain_parse), 3),
        "parse_with_lines_s": round(
            best_of(args.runs, lambda: parse_xml(data, "b.xml", lines=True)), 3
        ),
        "baseline_read_structural_s": round(
            best_of(args.runs, lambda: read_hrbaxml(data, "b.xml")), 3
        ),
        "read_with_xsd_check_s": round(
            best_of(args.runs, lambda: read_hrbaxml(data, "b.xml", schema=choice)), 3
        ),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

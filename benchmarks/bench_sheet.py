"""Opportunity sheet benchmark: one sheet (goal < 300 ms) and a class of 30 (goal < 10 s).

python benchmarks/bench_sheet.py [--class-size 30] [--repeat 5]

The first sheet in a process also parses the TrueType fonts and pyphen's dictionary; that
one-off start-up cost is reported separately from the steady per-sheet time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from dataclasses import replace

from srek_desk.sheets import render_batch, render_sheet
from srek_desk.sheets.qr import _qr_group
from srek_desk.sheets.sample import sample_sheet

NAMES = ["Aylin", "Jonas", "Łucja", "Mert", "Olha", "Ben", "Ağrı", "Лена", "Mia", "Noah"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--class-size", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sheet = sample_sheet("de")

    started = time.perf_counter()
    first = render_sheet(sheet, io.BytesIO())
    cold = time.perf_counter() - started
    times, uncached = [], []
    for _ in range(args.repeat):
        _qr_group.cache_clear()  # offers never seen before: every QR code encoded
        started = time.perf_counter()
        render_sheet(sheet, io.BytesIO())
        uncached.append(time.perf_counter() - started)
        started = time.perf_counter()
        render_sheet(sheet, io.BytesIO())
        times.append(time.perf_counter() - started)
    print(f"first sheet (fonts + dictionary load): {cold * 1000:.0f} ms, {first.page_count} pages")
    print(
        f"one sheet, new offers: median {statistics.median(uncached) * 1000:.0f} ms (goal < 300 ms)"
    )
    print(f"one sheet, QR codes cached: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f} ms, {args.repeat} runs; goal < 300 ms)")  # fmt: skip

    languages = ("de", "de-simple", "en")
    _qr_group.cache_clear()
    sheets = [
        replace(sample_sheet(languages[i % 3]), first_name=NAMES[i % len(NAMES)])
        for i in range(args.class_size)
    ]
    started = time.perf_counter()
    result = render_batch(sheets, io.BytesIO())
    elapsed = time.perf_counter() - started
    print(f"class of {args.class_size}: {elapsed:.2f} s, {result.page_count} pages, "
          f"{result.size_bytes / 1e6:.1f} MB (goal < 10 s)")  # fmt: skip


if __name__ == "__main__":
    main()

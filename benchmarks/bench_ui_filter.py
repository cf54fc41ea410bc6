"""Filter latency in the Angebote table on 100,000 offers: from a typed search to the first page
of rows in the model (count + page query + reset), as the search box triggers it.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui_filter.py [--offers 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from srek_desk.app import create_application
from srek_desk.config import Config
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.tasks import InlineRunner

QUERIES = (
    "Kassel",
    "Mechatroniker",
    "Göttingen Ausbildung",
    "Muster Weser",
    "DEMO1-0999",
    "Pflege",
    "xyz",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    args = parser.parse_args()
    reference = ReferenceData()
    app = create_application(language="de")
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        DemoGenerator(db, reference).generate(offers=args.offers, clients=500, seed=1)
        window = MainWindow(Config.defaults(), InlineRunner(), db, reference)
        window.show()
        window.navigation.setCurrentRow(window.pages.indexOf(window.offers_page))
        app.processEvents()
        page = window.offers_page
        timings: dict[str, list[float]] = {q: [] for q in QUERIES}
        for _ in range(5):
            for query in QUERIES:
                page.search.setText("")
                page.table_page.apply_search()
                started = time.perf_counter()
                page.search.setText(query)
                page.table_page.apply_search()
                app.processEvents()
                timings[query].append(time.perf_counter() - started)
        rows = page.model.total
        window.close()
        db.dispose()
    for query, values in timings.items():
        print(f"{query!r:>24}: median {statistics.median(values) * 1000:6.1f} ms")
    everything = [v for values in timings.values() for v in values]
    print(
        f"all queries: median {statistics.median(everything) * 1000:.1f} ms, max {max(everything) * 1000:.1f} ms "
        f"(goal < 100 ms; the search box waits 150 ms after the last key press); last hits {rows}"
    )


if __name__ == "__main__":
    main()

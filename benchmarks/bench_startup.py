"""Start-up benchmark: process launch → main window shown on a demo database, vs. a bare PySide6
hello-world window, measured in the same run (median of N launches each).

    python benchmarks/bench_startup.py [--runs 7] [--offers 2000 --clients 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hallo")
label.show()
app.processEvents()
print("shown", flush=True)
"""

DESK = """
import sys
from PySide6.QtCore import QTimer
from srek_desk.app import create_application
from srek_desk.config import Config
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.tasks import TaskRunner
config = Config.load(overrides={"database.url": sys.argv[1]})
app = create_application(language="de")
runner = TaskRunner()
window = MainWindow(config, runner)
window.show()
app.processEvents()
print("shown", flush=True)

def work(progress, cancelled):
    from srek_desk.context import AppContext
    return AppContext.open(config)

def opened(context):
    window.attach(context.database, context.reference)
    # The start page (Heute) fills in through the thread pool: wait until its tables have rows.
    def check():
        if window.today_page.recent_model.rowCount() > 0:
            print("data", flush=True)
            app.quit()
        else:
            QTimer.singleShot(5, check)
    check()

runner.start(work, window, on_finished=opened, on_failed=lambda e: (print(e), app.exit(1)))
app.exec()
"""


def launch(code: str, *args: str) -> tuple[float, float]:
    """Seconds from process start to the first line ("shown") and to the last line."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    shown = time.perf_counter() - started
    for _line in process.stdout:
        pass
    done = time.perf_counter() - started
    process.wait()
    if first.strip() != "shown" or process.returncode != 0:
        raise RuntimeError(f"launch failed (exit {process.returncode})")
    return shown, done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.sqlite3")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "srek_desk",
                "--db",
                db,
                "demo",
                "--offers",
                str(args.offers),
                "--clients",
                str(args.clients),
            ],
            check=True,
            capture_output=True,
        )
        launch(HELLO)  # warm the file cache
        launch(DESK, db)
        hello, shown, data = [], [], []
        for _ in range(args.runs):
            hello.append(launch(HELLO)[0])
            window_shown, data_shown = launch(DESK, db)
            shown.append(window_shown)
            data.append(data_shown)
    h, s, d = statistics.median(hello), statistics.median(shown), statistics.median(data)
    runs = lambda values: ", ".join(f"{x * 1000:.0f}" for x in values)  # noqa: E731
    print(f"hello-world window: median {h * 1000:.0f} ms  (runs: {runs(hello)})")
    print(
        f"SREK Desk main window shown: median {s * 1000:.0f} ms  (runs: {runs(shown)}); ratio {s / h:.2f} (goal < 3)"
    )
    print(
        f"… with the first page of demo data ({args.offers} offers, {args.clients} clients): "
        f"median {d * 1000:.0f} ms (runs: {runs(data)}); ratio {d / h:.2f}"
    )


if __name__ == "__main__":
    main()

"""Render the fictitious sample sheets to PDF and the README illustrations docs/sheet_*.png.

Usage: python scripts/make_sample_sheets.py [OUT_DIR]   (needs pdftoppm from poppler-utils)
PDFs go to OUT_DIR (default: a temporary folder); the first page of each PNG goes to docs/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from srek_desk.sheets import render_sheet
from srek_desk.sheets.sample import sample_sheet

REPO = Path(__file__).resolve().parent.parent
ILLUSTRATIONS = {"de": "sheet_de", "de-simple": "sheet_de-simple"}


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="srek-sheets-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    for language in ("de", "de-simple", "en"):
        pdf = out_dir / f"sample_{language}.pdf"
        result = render_sheet(sample_sheet(language), pdf)
        print(f"{pdf}: {result.page_count} pages, {result.size_bytes} bytes")
        if language in ILLUSTRATIONS and pdftoppm:
            stem = REPO / "docs" / ILLUSTRATIONS[language]
            subprocess.run([pdftoppm, "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(stem)], check=True)  # fmt: skip
            print(f"{stem}.png")
    if not pdftoppm:
        print("pdftoppm not found (apt-get install poppler-utils): no PNGs made")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

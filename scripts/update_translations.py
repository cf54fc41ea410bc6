"""Refresh resources/translations/*.ts from the sources (lupdate) and compile them (lrelease).

    python scripts/update_translations.py            # lupdate + lrelease
    python scripts/update_translations.py --apply de.json   # fill translations from {source: text}
    python scripts/update_translations.py --unfinished      # list what still needs a translation

Source strings are English; German is the default UI language.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "resources" / "translations"
LANGUAGES = ("de",)


def tool(name: str) -> str:
    candidate = Path(sys.executable).parent / f"pyside6-{name}"
    return str(candidate) if candidate.exists() else f"pyside6-{name}"


def source_files() -> list[str]:
    files = [*sorted((REPO / "srek_desk" / "ui").rglob("*.py")), REPO / "srek_desk" / "app.py"]
    return [str(f.relative_to(REPO)) for f in files]


def lupdate(ts_file: Path, language: str) -> None:
    subprocess.run(
        [
            tool("lupdate"),
            *source_files(),
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(ts_file),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [tool("lrelease"), str(ts_file), "-qm", str(qm_file)], check=True, capture_output=True
    )


def unfinished(ts_file: Path) -> list[str]:
    """Source texts whose translation is missing, empty or marked unfinished."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(t.strip() for t in texts):
            missing.append(source)
    return missing


def apply(ts_file: Path, mapping: dict[str, str | list[str]], *, overwrite: bool = False) -> int:
    """Fill translations from `mapping`: keys are source texts, or "Context|source" for one
    context only (wins over a plain key). Finished translations are kept unless `overwrite`:
    the same English word may need different German words in different places."""
    tree = ET.parse(ts_file)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            count += _apply_one(message, name, mapping, overwrite)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return count


def _apply_one(
    message: ET.Element, context: str, mapping: dict[str, str | list[str]], overwrite: bool
) -> int:
    source = message.findtext("source") or ""
    value = mapping.get(f"{context}|{source}", mapping.get(source))
    if value is None:
        return 0
    translation = message.find("translation")
    assert translation is not None
    finished = translation.get("type") is None and (
        bool((translation.text or "").strip()) or len(translation) > 0
    )
    if finished and not overwrite and f"{context}|{source}" not in mapping:
        return 0
    for child in list(translation):
        translation.remove(child)
    if message.get("numerus") == "yes":
        forms = value if isinstance(value, list) else [value, value]
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value if isinstance(value, str) else value[0]
    translation.attrib.pop("type", None)
    return 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", type=Path, help="JSON {source: translation} to fill in")
    parser.add_argument("--unfinished", action="store_true")
    parser.add_argument(
        "--overwrite", action="store_true", help="also replace finished translations"
    )
    parser.add_argument("--language", default="de")
    args = parser.parse_args()
    ts_file = TS_DIR / f"srek_desk_{args.language}.ts"
    TS_DIR.mkdir(parents=True, exist_ok=True)
    lupdate(ts_file, args.language)
    if args.apply:
        print(
            f"{apply(ts_file, json.loads(args.apply.read_text(encoding='utf-8')), overwrite=args.overwrite)} translations applied"
        )
    missing = unfinished(ts_file)
    if args.unfinished or missing:
        for source in missing:
            print(f"unfinished: {source!r}")
    lrelease(ts_file, ts_file.with_suffix(".qm"))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

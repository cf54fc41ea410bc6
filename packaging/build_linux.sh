#!/usr/bin/env bash
# Build the Linux onedir bundle: packaging/dist/srek-desk/ (see packaging/BUILD.md).
#
#   bash packaging/build_linux.sh            # uses .venv/bin/python, installs ".[build]" if needed
#   PYTHON=/path/to/python bash packaging/build_linux.sh
#
# Prints the bundle size and the build time at the end. PyInstaller does not cross-compile: this
# builds for the machine it runs on (glibc of the build machine or newer needed at run time).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
DIST="packaging/dist"
WORK="packaging/build"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "+ $PYTHON -m pip install -e .[build]"
  "$PYTHON" -m pip install --quiet -e ".[build]"
fi

started=$(date +%s)
rm -rf "$DIST/srek-desk"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/srek-desk.spec
elapsed=$(( $(date +%s) - started ))

bundle="$DIST/srek-desk"
test -x "$bundle/srek-desk"
echo "bundle: $bundle"
echo "size:   $(du -sh "$bundle" | cut -f1), $(find "$bundle" -type f | wc -l) files"
echo "build:  ${elapsed} s"

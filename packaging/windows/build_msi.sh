#!/usr/bin/env bash
# Build the Windows installer from the Windows onedir folder, on Linux, with wixl (msitools).
#
#   bash packaging/windows/build_msi.sh ONEDIR [OUT.msi]      # default OUT: packaging/dist/srek-desk.msi
#
# Needs python3 and wixl (Debian: apt-get install wixl msitools). SREK_VERSION overrides the
# version from srek_desk/__init__.py. Fails when wixl warns: wixl ignores WiX attributes it
# does not understand, and an ignored attribute is a silently different installer.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 ONEDIR [OUT.msi]" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
onedir="$1"
out="${2:-$repo/packaging/dist/srek-desk.msi}"
python="${PYTHON:-python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version_args=()
if [ -n "${SREK_VERSION:-}" ]; then
  version_args=(--version "$SREK_VERSION")
fi
"$python" "$here/generate_wxs.py" "$onedir" -o "$work/srek-desk.wxs" "${version_args[@]}" >/dev/null

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
# wixl resolves the relative Source paths from the folder it runs in.
if ! (cd "$work" && wixl --arch x64 -o "$out" srek-desk.wxs 2>"$work/wixl.log"); then
  cat "$work/wixl.log" >&2
  echo "build_msi.sh: wixl failed" >&2
  exit 1
fi
if grep -qiE "warning|critical" "$work/wixl.log"; then
  cat "$work/wixl.log" >&2
  rm -f "$out"
  echo "build_msi.sh: wixl warned (see above); no MSI written" >&2
  exit 1
fi
echo "$out"

#!/usr/bin/env bash
# Smoke test of the one-folder bundle: it exports pictures, a deck and a video, and opens its window,
# with no display and none of the build environment around it.
#
#   bash packaging/smoke_test.sh            # builds dist/classroom-gui first if it is missing
#   REBUILD=1 bash packaging/smoke_test.sh  # always build first
#   BUNDLE=/some/where/classroom-gui bash packaging/smoke_test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUNDLE=${BUNDLE:-$ROOT/dist/classroom-gui}
case $BUNDLE in /*) ;; *) BUNDLE=$ROOT/$BUNDLE ;; esac
EXE=$BUNDLE/classroom-gui

if [ "${REBUILD:-0}" = 1 ] || [ ! -x "$EXE" ]; then
  bash packaging/build.sh
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# The bundle must not lean on the build: another folder, a bare PATH, no venv, no PYTHONPATH, a fresh HOME
# (so no saved settings), no display.
run() {
  (cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$EXE" "$@")
}
mkdir -p "$WORK/home"

# Lines on stderr that mean something went wrong (Qt's offscreen plugin also prints harmless notes,
# e.g. "This plugin does not support propagateSizeHints()", which are allowed).
BAD='error|traceback|exception|warning|cannot|could not|failed|not found|no such'
check_stderr() {  # name file
  if grep -Eiq "$BAD" "$2"; then
    fail "$1 wrote to stderr:"; sed 's/^/    /' "$2" >&2
  fi
}

png_size() {  # prints WIDTHxHEIGHT of a PNG, or nothing if the file is not a PNG
  python3 - "$1" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
    print("%dx%d" % struct.unpack(">II", head[16:24]))
PY
}

TEXT="The cat sat on the mat"
echo "smoke test of $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

version=$(run --version 2>"$WORK/version.err") || fail "--version exited $?"
[ -n "$version" ] && ok "--version: $version"

# 1. PNG exports, English and Japanese
for lang in en ja; do
  out=$WORK/softmax-$lang.png
  if run export --text "$TEXT" --chapter softmax --lang "$lang" -o "$out" 2>"$WORK/export-$lang.err"; then
    check_stderr "export --lang $lang" "$WORK/export-$lang.err"
    size=$(png_size "$out" 2>/dev/null || true)
    if [ "$size" = 1920x1080 ]; then ok "export --lang $lang: PNG $size, $(wc -c <"$out") bytes"
    else fail "export --lang $lang: expected a 1920x1080 PNG, got '${size:-not a PNG}'"; fi
  else
    fail "export --lang $lang exited $?"; sed 's/^/    /' "$WORK/export-$lang.err" >&2
  fi
done
if [ -f "$WORK/softmax-en.png" ] && [ -f "$WORK/softmax-ja.png" ] && cmp -s "$WORK/softmax-en.png" "$WORK/softmax-ja.png"; then
  fail "the Japanese PNG is the same as the English one"
fi
if [ -n "${KEEP_PNG:-}" ]; then cp "$WORK"/softmax-*.png "$KEEP_PNG"/; fi

# 2. The other formats, each needing something the bundle must carry: SVG (QtSvg), PDF (QPdfWriter),
#    PPTX (python-pptx's template), MP4 (imageio_ffmpeg's own ffmpeg).
other() {  # name expected-magic args... (the last argument is the file written)
  local name=$1 magic=$2; shift 2
  local out=${!#}
  if run "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    check_stderr "$name" "$WORK/$name.err"
    if [ -s "$out" ] && head -c 64 "$out" | grep -aq "$magic"; then ok "$name: $(wc -c <"$out") bytes"
    else fail "$name: $out is missing or not what was asked for"; fi
  else
    fail "$name exited $?"; sed 's/^/    /' "$WORK/$name.err" >&2
  fi
}
other svg "<svg\|<?xml" export --text "$TEXT" --chapter scoring -o "$WORK/x.svg"
other pdf "%PDF" export --text "$TEXT" --chapter scoring --lang ja -o "$WORK/x.pdf"
other pptx "PK" deck --text "$TEXT" --per chapter --size 720p -o "$WORK/x.pptx"
other mp4 "ftyp" video --text "$TEXT" --from softmax --to softmax --fps 2 --size 720p -o "$WORK/x.mp4"
other trace "" trace --text "$TEXT" --json "$WORK/trace.json"

# 3. The window, offscreen, for a few seconds: it must still be running when timeout stops it (124).
set +e
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  timeout 5 "$EXE") >"$WORK/gui.out" 2>"$WORK/gui.err"
rc=$?
set -e
if [ "$rc" = 124 ]; then
  check_stderr window "$WORK/gui.err"
  ok "window: ran until timeout stopped it (exit 124)$( [ -s "$WORK/gui.err" ] && printf ', stderr: %s' "$(tr '\n' ' ' <"$WORK/gui.err")")"
else
  fail "window exited $rc before the timeout"; sed 's/^/    /' "$WORK/gui.err" >&2
fi

# 4. What was left out stays out.
extra=$(find "$BUNDLE" \( -name 'libQt6Quick*' -o -name 'libQt6Qml*' -o -name 'libQt6WebEngine*' -o -name 'libQt6Pdf*' \
  -o -name 'libQt6Designer*' -o -name 'QtTest*' -o -name 'QtNetwork*' -o -name '_tkinter*' -o -name 'libqgtk3*' \
  -o -name 'matplotlib' -o -name 'scipy' -o -name 'huggingface_hub' \) | head -5)
if [ -n "$extra" ]; then fail "excluded modules are in the bundle: $extra"; else ok "no excluded Qt modules or packages"; fi

if [ "$failures" -gt 0 ]; then
  echo "smoke test: $failures failed" >&2
  exit 1
fi
echo "smoke test: all passed"

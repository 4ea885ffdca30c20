#!/usr/bin/env bash
# Build the one-folder bundle dist/classroom-gui/ (run it as dist/classroom-gui/classroom-gui).
#
#   bash packaging/build.sh
#
# Makes (or reuses) a virtual environment, installs classroom-gui into it as a normal, non-editable
# install (so its package data is where PyInstaller looks) with PyInstaller, runs packaging/classroom_gui.spec,
# and prints the bundle's size and the time each step took.
#   PYTHON=python3.11   the interpreter for a new environment (default: python3); it needs a shared
#                       libpython (Py_ENABLE_SHARED=1), as pyenv's --enable-shared or Debian's python3 have
#   VENV=build/venv     where the environment lives (default: build/venv, which git ignores)
#   PYINSTALLER='pyinstaller>=6.10,<7'   the PyInstaller requirement (measured with 6.22.3)
#   CLASSROOM_GUI_MACOS_APP=1   on macOS, also make dist/Attention Classroom.app (see the spec)
# Linux and macOS; on Windows run the PowerShell lines in packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-build/venv}
PYINSTALLER=${PYINSTALLER:-pyinstaller>=6.10,<7}
NAME=classroom-gui
DIST=dist/$NAME

now() { "$PYTHON" -c 'import time; print(time.time())'; }  # (macOS date has no %N)
took() { "$PYTHON" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

t0=$(now)
if [ ! -x "$VENV/bin/python" ]; then
  echo "build: making $VENV with $PYTHON"
  "$PYTHON" -m venv "$VENV"
fi
PY=$VENV/bin/python
"$PY" -c 'import sysconfig, sys; sys.exit(0 if sysconfig.get_config_var("Py_ENABLE_SHARED") else
  "build: this Python has no shared libpython; PyInstaller needs one (e.g. PYTHON=/usr/bin/python3)")'
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet "$PYINSTALLER" .
# A local folder of the same version is not always reinstalled: force a fresh copy of this checkout.
"$PY" -m pip install --quiet --no-deps --force-reinstall .
t1=$(now)

echo "build: PyInstaller $("$PY" -m PyInstaller --version), $("$PY" -c 'import platform; print(platform.python_version())')"
rm -rf "$DIST"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/classroom_gui.spec
t2=$(now)

[ -x "$DIST/$NAME" ] || { echo "build: $DIST/$NAME was not made" >&2; exit 1; }
if [ -d "dist/Attention Classroom.app" ]; then echo "build: also dist/Attention Classroom.app"; fi
size=$(du -sh "$DIST" | cut -f1)
ffmpeg=$(du -sh "$DIST"/_internal/imageio_ffmpeg 2>/dev/null | cut -f1 || echo "?")
files=$(find "$DIST" -type f | wc -l)
echo "build: $DIST: $size in $files files (of which imageio_ffmpeg's ffmpeg: $ffmpeg)"
echo "build: time: environment $(took "$t0" "$t1") s, PyInstaller $(took "$t1" "$t2") s, total $(took "$t0" "$t2") s"

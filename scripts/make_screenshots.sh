#!/usr/bin/env bash
# The README's pictures, made by the export CLI (run from the repository with the package installed).
set -euo pipefail
out=docs/screenshots
mkdir -p "$out"
classroom-gui export --text "The cat sat on the mat" --chapter softmax --size 1280x720 --force -o "$out/softmax-en.png"
classroom-gui export --text "猫がマットの上に座った" --lang ja --beat 12 --size 1280x720 --force -o "$out/scoring-ja.png"
classroom-gui export --text "The cat sat on the mat" --chapter mask --size 1280x720 --force -o "$out/gpt-rule-en.png"
classroom-gui export --text "The cat sat on the mat" --beat 33 --theme slide --size 1280x720 --force -o "$out/answer-slide.png"  # the logits
python "$(dirname "$0")/presenter_screenshots.py" --out "$out"  # the window in presenter mode, 1024x768, Japanese

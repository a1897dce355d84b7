#!/usr/bin/env bash
# Takes the README's screenshots of the real app under Xvfb (1360x860), driving it with
# xdotool. Needs: apt-get install xvfb libgl1-mesa-dri imagemagick xdotool.
# usage: bash tools/screenshots.sh   (writes docs/screenshots/*.png)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
out=docs/screenshots
mkdir -p "$out"
export DISPLAY=:97 AXIAL_USER=maryam AXIAL_DATA_DIR
AXIAL_DATA_DIR=$(mktemp -d)
Xvfb :97 -screen 0 1360x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$AXIAL_DATA_DIR"' EXIT
sleep 1
app() { ./target/debug/axial "$@" >/dev/null 2>&1 & sleep 5; win=$(xdotool search --name "Axial" | head -1); xdotool windowfocus --sync "$win"; }
shot() { sleep 0.8; import -window root "$out/$1.png"; }
quit() { kill %2 2>/dev/null || true; sleep 1; }

app
shot start
xdotool mousemove 680 260 click 1          # the CRM sample
sleep 3
xdotool mousemove 130 140 click 1          # Interview B
xdotool mousemove 400 178 mousedown 1 mousemove 500 190 mousemove 690 195 sleep 0.3 mouseup 1
xdotool key --window "$win" ctrl+k; sleep 0.4; xdotool type --delay 50 "agents adv"
shot quick-pick
xdotool key --window "$win" Return; sleep 0.5
xdotool mousemove 620 560 click 1          # unselect: the code's definition shows
shot crm-coding
xdotool key --window "$win" ctrl+f; sleep 0.4; xdotool type --delay 40 "Voice of Customer"; xdotool key --window "$win" Return
sleep 0.5; xdotool mousemove 120 200 click 1
shot search
quit

app sample_projects/banking_ckm_crm
xdotool mousemove 130 300 click 1          # Interview P07
xdotool mousemove 600 400 click 5 click 5 click 5 click 5 click 5 click 5
sleep 0.5; xdotool mousemove 1100 228 click 1; sleep 0.3; xdotool mousemove 1120 252 click 1
sleep 0.5; xdotool mousemove 299 215 click 1
shot banking
quit
kill $xvfb
echo "wrote $out/{start,quick-pick,crm-coding,search,banking}.png"

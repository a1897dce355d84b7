#!/usr/bin/env bash
# Peak memory (maximum resident set size) of opening a synthetic project, or of importing it.
#
#   scripts/peak-memory.sh [--app | --import] [SIZE...]   SIZE: thesis, mid, large (default: all three)
#
# By default it builds only the core's example `open_model` (crates/axial-core/examples) in
# release and runs it under /usr/bin/time -v: Store::open + load, the live model with its
# tallies, no window. With --app it builds the app (`cargo build --release --locked --bin
# axial`, egui included: minutes) and measures `axial info FILE`; with --import, `axial import
# NEW.axial FILE.json` of the whole project exported as project JSON (the export, made once
# beside the project, is not measured).
# The files are the ones the benches use: $CARGO_TARGET_DIR/synthetic/SIZE-seed1-schemaN.axial
# (target/ when CARGO_TARGET_DIR is unset; N the schema version), generated when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=model
sizes=()
for arg in "$@"; do
    case "$arg" in
        --app) mode=app ;;
        --import) mode=import ;;
        thesis|mid|large) sizes+=("$arg") ;;
        *) echo "usage: $0 [--app | --import] [thesis|mid|large ...]" >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(thesis mid large)

if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time (/usr/bin/time -v): apt-get install time" >&2
    exit 1
fi

target="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --locked -p axial-core --example open_model
example="$target/release/examples/open_model"
axial="$target/release/axial"
[ "$mode" = model ] || cargo build --release --locked --bin axial

mkdir -p "$target/synthetic"
scratch=$(mktemp -d "$target/synthetic/peak-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
printf '%-8s %12s  %s\n' size "peak RSS MB" "what ran"
for size in "${sizes[@]}"; do
    file=$("$example" --generated "$size" "$target/synthetic")
    case "$mode" in
        model) measured=("$example" "$file") ;;
        app) measured=("$axial" info "$file") ;;
        import)
            json="${file%.axial}.project.json"
            [ -f "$json" ] || "$axial" export "$file" --format project-json -o "$json" >&2
            rm -f "$scratch/new.axial"*
            "$axial" new "$scratch/new.axial" >/dev/null
            measured=("$axial" import "$scratch/new.axial" "$json")
            ;;
    esac
    report="$scratch/time.txt"
    /usr/bin/time -v "${measured[@]}" >"$report.out" 2>"$report"
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report")
    printf '%-8s %12.1f  %s (%s)\n' "$size" "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')" "$(head -c 200 "$report.out" | tr '\n' ' ')" "$wall"
done

#!/usr/bin/env bash
# Builds the fuzz targets on stable Rust (libfuzzer-sys + sanitizer-coverage flags) and runs
# one target for SECONDS: nice, one job, 2 GB RSS limit, 10 s per-input timeout. The working
# corpus (fuzz/corpus/TARGET) starts from the committed seeds; crashes land in
# fuzz/artifacts/TARGET/, the log in fuzz/runs/TARGET.log. Usage: fuzz/run.sh TARGET [SECONDS]
set -euo pipefail
target=$1
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
seeds=$here/../crates/axial-core/tests/fuzz_inputs/seeds/$target
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
triple=x86_64-unknown-linux-gnu
(cd "$here" && nice -n 15 cargo build --release --target $triple --bin "$target")
mkdir -p "$here/corpus/$target" "$here/artifacts/$target" "$here/runs"
cp -n "$seeds"/* "$here/corpus/$target/" 2>/dev/null || true
cd "$here"
nice -n 15 "$CARGO_TARGET_DIR/$triple/release/$target" \
  -rss_limit_mb=2048 -timeout=10 -max_len=65536 -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="artifacts/$target/" \
  "corpus/$target" 2>&1 | tee "runs/$target.log"

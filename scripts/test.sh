#!/usr/bin/env bash
# The test command: installs what is needed, then holds the code to its gates (formatting,
# clippy with the workspace's lints and no warnings, the benchmarks compile) and runs every
# unit, integration and property test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# A one-off build (CI, a fresh clone) gains nothing from the incremental cache but its disk space.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0
fi
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The criterion benchmarks build (in the test profile: compiled, not run or optimised).
cargo build --workspace --benches --locked
cargo test --workspace --locked

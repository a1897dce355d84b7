#!/usr/bin/env bash
# The test command: installs what is needed, then runs every unit, integration and property test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# A one-off build (CI, a fresh clone) gains nothing from the incremental cache but its disk space.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0
fi
cargo test --workspace --locked

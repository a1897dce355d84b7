#!/usr/bin/env bash
# The test command: installs what is needed, then runs every unit, integration and property test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
cargo test --workspace --locked

#!/usr/bin/env bash
# Installs what is needed, builds Axial and opens it on a bundled sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh gui
cargo run --release --locked -- "${1:-sample_projects/crm_knowledge_creation}"

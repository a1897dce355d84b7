#!/usr/bin/env bash
# Installs what building and testing Axial needs on a fresh Debian/Ubuntu machine.
# Idempotent: skips what is already there. Rust itself comes from rustup (rustc >= 1.95).
set -euo pipefail

need=()
have() { dpkg -s "$1" >/dev/null 2>&1; }
for pkg in build-essential pkg-config; do
  have "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is missing: install it from https://rustup.rs (rustc 1.95 or newer), then run this again." >&2
  exit 1
fi

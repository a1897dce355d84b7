#!/usr/bin/env bash
# Installs what building, testing and running Axial needs on a fresh Debian/Ubuntu machine.
# Idempotent: skips what is already there. Rust itself comes from rustup (rustc >= 1.95).
# `setup.sh gui` also installs the libraries the window opens with (OpenGL, X11/Wayland input)
# and the colour emoji font; `setup.sh test` also installs the headless browser in which the
# tests open the HTML report (Debian's chromium).
set -euo pipefail

# Fonts for every script a transcript may hold: egui's own fonts cover Latin, Greek, Cyrillic
# and monochrome emoji; Chinese, Japanese and Korean (Noto CJK), and Devanagari, Bengali, Tamil
# and the other Indic scripts, Thai, Hebrew, Arabic, Persian and Urdu (Noto core: Noto Sans and
# Naskh Arabic, which cover Persian; Vazirmatn is not packaged by Debian) come from the system
# (tests check they draw).
# libxml2-utils: xmllint, with which the tests check QDPX and QDC exports against the REFI-QDA
# schemas.
pkgs=(build-essential pkg-config fontconfig fonts-noto-cjk fonts-noto-core libxml2-utils)
if [ "${1:-}" = "test" ]; then
  pkgs+=(chromium)
fi
if [ "${1:-}" = "gui" ]; then
  pkgs+=(fonts-noto-color-emoji libgl1 libegl1 libgl1-mesa-dri libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libwayland-client0 libwayland-egl1 xdg-desktop-portal)
fi
need=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
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
# The gates of the test command: rustfmt and clippy (rustup's components; a Rust from elsewhere
# is expected to bring them).
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null 2>&1; then
      rustup component add "$component"
    else
      echo "cargo $component is missing: install it with your Rust (rustup component add $component)." >&2
      exit 1
    fi
  fi
done

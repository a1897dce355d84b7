#!/usr/bin/env bash
# Renders the thesis outputs the README shows (docs/thesis/*.png and the figure's PDF) from the
# banking sample: the Word files through LibreOffice (docx -> PDF) and poppler (PDF -> PNG), the
# HTML appendix through headless Chromium. Installs the converters it needs (Debian/Ubuntu).
# usage: bash tools/thesis_screenshots.sh   (then look at every PNG before committing it)
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in libreoffice-writer poppler-utils chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
cargo build --quiet
sample=sample_projects/banking_ckm_crm
out=docs/thesis
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
axial() { ./target/debug/axial "$@"; }

axial export "$sample" --format pdf -o "$out/banking-paradigm.pdf"
axial export "$sample" --format saturation-png -o "$out/saturation.png"
axial export "$sample" --format model-docx -o "$work/model.docx"
axial export "$sample" --format cube-docx -o "$work/cube.docx"
axial export "$sample" --format quotes-docx --category "Determining the management framework" -o "$work/quotes.docx"
axial export "$sample" --format html -o "$work/report.html"

# First page of each Word file, as Word would print it.
for name in model cube quotes; do
  soffice --headless --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$name.pdf" "$out/$name-docx"
done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 \
  --screenshot="$out/html-report.png" "file://$work/report.html" 2>/dev/null
echo "wrote $out/{model,cube,quotes}-docx.png, html-report.png, saturation.png, banking-paradigm.pdf"

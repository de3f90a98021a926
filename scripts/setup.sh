#!/usr/bin/env bash
# Sets up a fresh Debian machine for paiban: the system packages the build and the tests use, then the npm
# packages (npm ci also compiles src/ to lib/ through the "prepare" script). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  chromium            # the browser Paged.js runs in (puppeteer never downloads one)
  fonts-lxgw-wenkai   # 楷体 face (fonts/fonts.yaml); the Song and Hei faces come from npm
  fonts-dejavu-core   # the declared fallback face for symbols the CJK faces lack
  poppler-utils       # pdftotext/pdffonts/pdfinfo: tests read the PDF as a reader would
  qpdf ghostscript    # press conversion and preflight
  emf2svg libwmf-bin librsvg2-bin   # import-manuscript: Word's EMF and WMF drawings to SVG, then to PNG (about 7 MB)
  python3-fitz python3-gi gir1.2-poppler-0.18   # tests: proofs marked as SumatraPDF (MuPDF) and Evince (poppler) mark them
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

npm ci --no-audit --no-fund

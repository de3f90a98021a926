#!/usr/bin/env bash
# Makes one archive that installs and starts the desk on a Debian machine with no network (an intranet without a
# package registry): paiban as committed (git archive HEAD), an npm cache holding every package of package-lock.json
# (so `npm ci --offline` works), the Debian packages the desk needs with their dependencies that a base Debian lacks
# (apt-get download), and install.sh (scripts/installOffline.sh). Run it on a machine of the same Debian release and
# architecture, with network.
#   scripts/makeOfflineArchive.sh [out.tar] [--no-debs]
# --no-debs leaves the Debian packages out (the target already has them; CI tests the npm and project part so).
set -euo pipefail
repository="$(cd "$(dirname "$0")/.." && pwd)"
out="paiban-offline.tar"
debs=yes
for argument in "$@"; do
  case "$argument" in
    --no-debs) debs=no ;;
    -*) echo "makeOfflineArchive.sh: unknown option $argument (use [out.tar] [--no-debs])" >&2; exit 2 ;;
    *) out="$argument" ;;
  esac
done
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
bundle="$stage/paiban-offline"
mkdir -p "$bundle/app" "$bundle/debs"

echo "paiban: the package as committed ($(git -C "$repository" rev-parse --short HEAD))"
git -C "$repository" archive HEAD | tar -x -C "$bundle/app"
cp "$repository/scripts/installOffline.sh" "$bundle/install.sh"

echo "npm: every package of package-lock.json into the bundled cache"
# A throwaway install fills the cache; its node_modules is not shipped (the target builds its own, offline).
scratch="$stage/npm-scratch"
cp -a "$bundle/app" "$scratch"
(cd "$scratch" && npm ci --cache "$bundle/npm-cache" --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error)
rm -rf "$scratch" "$bundle/npm-cache/_logs" "$bundle/npm-cache/_update-notifier-last-checked"

if [ "$debs" = yes ]; then
  # What the desk runs (setup.sh's list without the test-only Python packages), and git for its records.
  packages=(nodejs chromium fonts-lxgw-wenkai fonts-dejavu-core poppler-utils qpdf ghostscript emf2svg libwmf-bin librsvg2-bin git)
  echo "debian: ${packages[*]} and their dependencies outside a base Debian"
  # Every real package they depend on (no recommends), less those of priority required or important: a base Debian has these.
  mapfile -t closure < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "${packages[@]}" |
    grep -E '^[a-z0-9]' | sort -u)
  mapfile -t wanted < <(apt-cache show --no-all-versions "${closure[@]}" 2>/dev/null |
    awk '/^Package: /{p=$2; keep=1} /^Priority: (required|important)$/{keep=0} /^$/{if(p&&keep)print p; p=""} END{if(p&&keep)print p}' | sort -u)
  # The machine's own apt cache first (the same files apt installed here), the mirror for the rest.
  missing=()
  while read -r _ file _; do
    if [ -f "/var/cache/apt/archives/$file" ]; then cp "/var/cache/apt/archives/$file" "$bundle/debs/"; else missing+=("${file%%_*}"); fi
  done < <(apt-get download --print-uris "${wanted[@]}" 2>/dev/null || true)
  if ((${#missing[@]})); then (cd "$bundle/debs" && apt-get download -q "${missing[@]}" >/dev/null); fi
  # A package no source offers any more (one installed from a repository since removed) fails here, named: an
  # archive that would leave the office machine without it is not made.
  absent=()
  for package in "${wanted[@]}"; do compgen -G "$bundle/debs/${package}_*.deb" >/dev/null || absent+=("$package"); done
  if ((${#absent[@]})); then
    echo "makeOfflineArchive.sh: no .deb for ${absent[*]}: add its repository to apt's sources (or put the .deb in /var/cache/apt/archives) and run again" >&2
    exit 1
  fi
  echo "debian: $(ls "$bundle/debs" | wc -l) packages"
fi

tar -C "$stage" -cf "$out" paiban-offline
echo "wrote $out ($(du -h "$out" | cut -f1)): tar xf $(basename "$out") && paiban-offline/install.sh <folder> [--start]"

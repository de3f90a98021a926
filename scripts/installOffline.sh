#!/usr/bin/env bash
# Installs paiban from the offline archive (scripts/makeOfflineArchive.sh) with no network: the bundled Debian
# packages (dpkg, as root; those already installed at the same version are skipped), then paiban into <folder>
# with `npm ci --offline` from the bundled npm cache (which also builds lib/). --start then serves the desk on
# 127.0.0.1 (the project: --root, default the installed folder's own sample) and waits until it answers.
#   paiban-offline/install.sh <folder> [--start] [--root <project>] [--port <n>]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
folder="" start=no root="" port=4720
while [ $# -gt 0 ]; do
  case "$1" in
    --start) start=yes ;;
    --root) root="$2"; shift ;;
    --port) port="$2"; shift ;;
    -*) echo "install.sh: unknown option $1 (use <folder> [--start] [--root <project>] [--port <n>])" >&2; exit 2 ;;
    *) folder="$1" ;;
  esac
  shift
done
[ -n "$folder" ] || { echo "install.sh: name the folder to install into, e.g. install.sh /srv/paiban/app" >&2; exit 2; }

if compgen -G "$here/debs/*.deb" >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "install.sh: the Debian packages need root: run it with sudo" >&2; exit 2; }
  echo "installing $(ls "$here"/debs/*.deb | wc -l) Debian packages"
  DEBIAN_FRONTEND=noninteractive dpkg -i --skip-same-version "$here"/debs/*.deb >/dev/null
fi
command -v node >/dev/null || { echo "install.sh: no node: this archive was made without its Debian packages" >&2; exit 2; }

mkdir -p "$folder"
cp -a "$here/app/." "$folder/"
cd "$folder"
echo "installing paiban's npm packages offline (and building it)"
npm ci --offline --cache "$here/npm-cache" --no-audit --no-fund --loglevel=error
echo "installed in $folder: node $folder/bin/paiban-desk.js --root <project> (docs/desk.md, Operations)"

if [ "$start" = yes ]; then
  node bin/paiban-desk.js --root "${root:-$folder}" --port "$port" >"$folder/desk.log" 2>&1 &
  echo "$!" >"$folder/desk.pid"
  for _ in $(seq 1 120); do
    if node -e "fetch('http://127.0.0.1:$port/',{headers:{accept:'application/json'}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
      echo "the desk answers on http://127.0.0.1:$port/ (pid $(cat "$folder/desk.pid"))"
      exit 0
    fi
    sleep 1
  done
  echo "install.sh: the desk did not answer on 127.0.0.1:$port; see $folder/desk.log" >&2
  exit 1
fi

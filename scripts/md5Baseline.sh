#!/usr/bin/env bash
# Proof that a refactoring changed no output: builds issue 2024-4 and every fixture issue (with --proof, so the
# proof PDF is covered too) and, unless --quick, the bench's synthetic volume (four copies of 2024-4 in one issue),
# then prints the md5 of every PDF, report page and JSON (check.json without its timing fields). Run it before and after a
# change and compare the two lists (e.g. `scripts/md5Baseline.sh > before.txt`, then `diff before.txt after.txt`).
#
# The PDFs carry the issue's date, not the build time, so they are reproducible. The proof's slug names the git
# revision of the sources (src/proof/readRevision.ts), which changes with every commit: GIT_DIR points nowhere so
# the proof is built as outside a checkout, and SOURCE_DATE_EPOCH (with TZ) pins the build time it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$PWD
quick=false
[[ ${1:-} == --quick ]] && quick=true

npm run build --silent
export GIT_DIR=/nonexistent SOURCE_DATE_EPOCH=1700000000 TZ=UTC
out=$(mktemp -d /tmp/paiban-md5-XXXXXX)
# MD5_KEEP=1 keeps the built files (their folder is printed on stderr) to look at a difference.
if [[ -n ${MD5_KEEP:-} ]]; then echo "outputs in $out" >&2; else trap 'rm -rf "$out"' EXIT; fi

# build <label> <root> <id>: one issue with its proof into $out/<label>/.
build() {
  mkdir -p "$out/$1"
  node bin/build-issue.js --root "$2" --proof -o "$out/$1/$3.pdf" "$3" >/dev/null 2>"$out/$1.log" || {
    echo "build of $1 failed:" >&2
    cat "$out/$1.log" >&2
    exit 1
  }
}

build 2024-4 . 2024-4
for root in test/fixtures/*/; do
  [[ -d $root/issues ]] || continue
  for issue in "$root"issues/*/; do
    id=$(basename "$issue")
    build "$(basename "$root")-$id" "$root" "$id"
  done
done

if ! $quick; then
  # The bench's volume (scripts/bench.ts makeBenchProject): 2024-4's articles four times, under four sections.
  volumeRoot="$out/volume-project"
  mkdir -p "$volumeRoot/issues/volume"
  { cat periodical.yaml; printf '\nfonts: %s\ntemplates: %s\n' "$repository/fonts/fonts.yaml" "$repository/templates"; } \
    >"$volumeRoot/periodical.yaml"
  cp -r issues/2024-4/. "$volumeRoot/issues/volume/"
  rm -f "$volumeRoot"/issues/volume/*.md
  manifest=$(sed '/^sections:/,$d' issues/2024-4/issue.yaml)
  articles=$(find issues/2024-4 -maxdepth 1 -name '*.md' ! -name NOTES.md -printf '%f\n' | LC_ALL=C sort)
  {
    echo "$manifest"
    echo 'sections:'
    for copy in 1 2 3 4; do
      printf '  - title: 第%s期\n    articles:\n' "$copy"
      for name in $articles; do
        cp "issues/2024-4/$name" "$volumeRoot/issues/volume/$copy-$name"
        printf '      - %s-%s\n' "$copy" "$name"
      done
    done
  } >"$volumeRoot/issues/volume/issue.yaml"
  mkdir -p "$out/volume"
  node bin/build-issue.js --root "$volumeRoot" -o "$out/volume/volume.pdf" volume >/dev/null \
    2>"$out/volume.log" || { cat "$out/volume.log" >&2; exit 1; }
fi

cd "$out"
for file in $(find . -name '*.pdf' -o -name '*.json' -o -name '*.html' | LC_ALL=C sort); do
  case $file in
  *.pdf) sum=$(md5sum <"$file" | cut -d' ' -f1) ;;
  *) sum=$(node -e '
      const [file, out] = process.argv.slice(1);
      // The reports name the sources by path: the temporary folder is not part of the output.
      const text = require("fs").readFileSync(file, "utf8").split(out).join("<out>");
      // Timing fields differ from run to run; everything else must not.
      const strip = (value) => Array.isArray(value) ? value.map(strip) : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).filter(([key]) => !/seconds$/i.test(key)).map(([key, inner]) => [key, strip(inner)]))
        : value;
      process.stdout.write(file.endsWith(".json") ? JSON.stringify(strip(JSON.parse(text))) : text);' "$file" "$out" | md5sum | cut -d' ' -f1) ;;
  esac
  echo "$sum  ${file#./}"
done

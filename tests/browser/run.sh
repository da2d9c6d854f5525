#!/usr/bin/env bash
# Browser test of the site statusgen renders: builds the repo's own site (the Kakao outage of
# October 2022) at two moments and under a sub-path (with and without a base URL), an English
# example during its maintenance window, and a site of twenty-year spans; serves them on
# 127.0.0.1 and drives Debian's chromium with playwright-core through check.mjs (crawl,
# console/CSP/request checks, links, the Kakao facts in the DOM, axe-core on every page type
# in light and dark at 390 and 1280 px, charts on a phone, file:// opening, screenshots).
#
#   bash tests/browser/run.sh                      # from anywhere; installs what is missing
#   SCREENSHOT_DIR=/tmp/shots bash tests/browser/run.sh
#   STATUSGEN_BIN=path/to/statusgen bash tests/browser/run.sh   # skip cargo build
#
# Last line: `browser: N passed, M failed`; exit status non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"

say() { printf 'browser: %s\n' "$*"; }
fatal() { printf 'browser: FATAL: %s\n' "$*" >&2; printf 'browser: 0 passed, 1 failed\n'; exit 1; }

# ---------------------------------------------------------------- tools

apt_updated=
apt_install() {
  command -v apt-get >/dev/null || fatal "apt-get not found; install $* by hand"
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fatal "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
    || fatal "apt-get install $* failed"
}

if [ ! -x "$chromium_bin" ]; then
  # fonts-noto-cjk so the Korean text in the screenshots is legible (the checks don't need it).
  apt_install chromium fonts-noto-cjk
  [ -x "$chromium_bin" ] || fatal "$chromium_bin still missing after apt-get install chromium"
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 18 ] || fatal "node $(node --version) is too old (need >= 18)"
command -v python3 >/dev/null || apt_install python3
command -v cargo >/dev/null || fatal "cargo not found"

if [ ! -f "$here/node_modules/playwright-core/package.json" ] \
  || [ ! -f "$here/node_modules/axe-core/axe.min.js" ] \
  || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "npm ci (playwright-core, axe-core)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fatal "npm ci failed"
fi

# ---------------------------------------------------------------- build

if [ -n "${STATUSGEN_BIN:-}" ]; then
  # For trying the test against a binary built elsewhere; CI leaves this unset.
  bin="$STATUSGEN_BIN"
  say "using STATUSGEN_BIN=$bin (no cargo build)"
else
  say "cargo build"
  (cd "$repo" && cargo build --quiet) || fatal "cargo build failed"
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac
  bin="$target_dir/debug/statusgen"
fi
[ -x "$bin" ] || fatal "$bin not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/statusgen-browser.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${SCREENSHOT_DIR:-}" ]; then
  SCREENSHOT_DIR="$(mktemp -d "${TMPDIR:-/tmp}/statusgen-screenshots.XXXXXX")"
fi
mkdir -p "$SCREENSHOT_DIR"
SCREENSHOT_DIR="$(cd "$SCREENSHOT_DIR" && pwd)"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# serve DIR PORT: python's http.server on 127.0.0.1, logging into $work; waits until it answers.
serve() {
  local dir="$1" port="$2" name="$3"
  python3 -m http.server --bind 127.0.0.1 --directory "$dir" "$port" \
    >"$work/$name.server.log" 2>&1 &
  pids+=("$!")
  python3 - "$port" <<'EOF' || { cat "$work/$name.server.log" >&2; fatal "server for $name did not start on port $port"; }
import socket, sys, time
port = int(sys.argv[1])
deadline = time.time() + 15
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF
}

build() {
  local out="$1"; shift
  build_site "$repo" "$out" "$@"
}

build_site() {
  local site="$1" out="$2"; shift 2
  "$bin" build "$site" -o "$out" --quiet "$@" || fatal "statusgen build $site -o $out $* failed"
}

port_now="$(free_port)"
build "$work/now" --now 2022-10-17T10:30:00+09:00
serve "$work/now" "$port_now" now

port_later="$(free_port)"
build "$work/later" --now 2022-10-21T00:00:00+09:00
serve "$work/later" "$port_later" later

port_sub="$(free_port)"
mkdir -p "$work/sub"
build "$work/sub/status" --now 2022-10-17T10:30:00+09:00 --base-url "http://127.0.0.1:$port_sub/status/"
serve "$work/sub" "$port_sub" sub

# The 404 page of a site without a base URL, served under a sub-path: it must still be styled.
port_nobase="$(free_port)"
mkdir -p "$work/nobase"
build "$work/nobase/status" --now 2022-10-17T10:30:00+09:00
serve "$work/nobase" "$port_nobase" nobase

# English, during a maintenance window, under a sub-path as on GitHub Pages.
port_maint="$(free_port)"
mkdir -p "$work/maint"
build_site "$repo/examples/github-pages" "$work/maint/status" --now 2025-06-14T03:00:00+02:00 \
  --base-url "http://127.0.0.1:$port_maint/status/"
serve "$work/maint" "$port_maint" maint

# A maintenance of twenty years and an incident open for ten.
port_long="$(free_port)"
build_site "$repo/tests/fixtures/build/long" "$work/long" --now 2025-03-01T12:00:00+01:00
serve "$work/long" "$port_long" long

# ---------------------------------------------------------------- browser

say "chromium $("$chromium_bin" --version 2>/dev/null | head -n1)"
set +e
CHROMIUM="$chromium_bin" \
SCREENSHOT_DIR="$SCREENSHOT_DIR" \
SITE_NOW_URL="http://127.0.0.1:$port_now/" SITE_NOW_DIR="$work/now" \
SITE_LATER_URL="http://127.0.0.1:$port_later/" SITE_LATER_DIR="$work/later" \
SITE_SUB_URL="http://127.0.0.1:$port_sub/status/" SITE_SUB_DIR="$work/sub/status" \
SITE_NOBASE_URL="http://127.0.0.1:$port_nobase/status/" SITE_NOBASE_DIR="$work/nobase/status" \
SITE_MAINT_URL="http://127.0.0.1:$port_maint/status/" SITE_MAINT_DIR="$work/maint/status" \
SITE_LONG_URL="http://127.0.0.1:$port_long/" SITE_LONG_DIR="$work/long" \
  timeout --kill-after=10 400 node "$here/check.mjs"
status=$?
set -e
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  printf 'browser: FATAL: check.mjs timed out\n'
  printf 'browser: 0 passed, 1 failed\n'
fi
exit "$status"

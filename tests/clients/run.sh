#!/usr/bin/env bash
# Third-party software, installed from the package registries, reads a statusgen build:
#   - npm `statuspage.io`, a Statuspage v2 API client, reads every endpoint; the client's own
#     TypeScript declarations are the reference for keys, types and enum values;
#   - PyPI `statuspage-prometheus-exporter` polls summary.json as it polls real pages;
#   - PyPI `feedparser` reads the Atom feeds and follows their links.
# The repository's own site (the Kakao outage of October 2022) is built at hour 43 and after
# its resolution, and served by `python3 -m http.server` on 127.0.0.1.
#
# The clients are installed once into $STATUSGEN_CLIENT_CACHE (default target/clients-cache,
# git-ignored). $STATUSGEN_BIN names a statusgen binary to use instead of `cargo build`'s.
# STATUSGEN_VERBOSE=1 prints every check, not only the failures.
#
# usage: tests/clients/run.sh     (exit 0 when every check passes)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/clients
CACHE=${STATUSGEN_CLIENT_CACHE:-$ROOT/target/clients-cache}
# Pinned. statuspage.io 3.4.x was published without its dist/ folder (and wants node 21).
NPM_PACKAGES=(statuspage.io@3.2.8)
PY_PACKAGES=(statuspage-prometheus-exporter==2.6.0 feedparser==6.0.12)
MOMENTS=("43=2022-10-17T10:30:00+09:00" "after=2022-10-21T00:00:00+09:00")

WORK=$(mktemp -d)
SERVER=
BASE=
cleanup() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_clients() {
  local stamp="${NPM_PACKAGES[*]} ${PY_PACKAGES[*]}"
  if [ "$(cat "$CACHE/installed" 2>/dev/null)" = "$stamp" ]; then
    return
  fi
  echo "installing $stamp into $CACHE"
  rm -rf "$CACHE/npm" "$CACHE/venv" "$CACHE/installed"
  mkdir -p "$CACHE/npm"
  npm install --prefix "$CACHE/npm" --no-audit --no-fund --loglevel=error "${NPM_PACKAGES[@]}" >/dev/null
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
  echo "$stamp" >"$CACHE/installed"
}

statusgen_bin() {
  if [ -n "${STATUSGEN_BIN:-}" ]; then
    echo "$STATUSGEN_BIN"
    return
  fi
  cargo build --quiet --bin statusgen --manifest-path "$ROOT/Cargo.toml" >&2
  local target
  target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  echo "$target/debug/statusgen"
}

# serve DIR: starts a server on a free port; sets SERVER (its pid) and BASE (its URL).
serve() {
  local log=$WORK/http.log port=
  : >"$log"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do
    port=$(sed -n 's/.* port \([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "the HTTP server did not start:" && cat "$log"
    exit 1
  fi
  BASE=http://127.0.0.1:$port
}

stop_server() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}

# run_exporter MOMENT: one polling pass of the exporter, then checks its metrics.
run_exporter() {
  local dir=$WORK/exporter-$1
  mkdir -p "$dir"
  printf '{"kakao": {"url": "%s/api/v2/summary.json", "name": "Kakao"}}\n' "$BASE" >"$dir/services.json"
  if ! (cd "$dir" && RUN_MODE=once CLEAR_CACHE=true SERVICES_JSON_PATH="$dir/services.json" \
    METRICS_TEXTFILE_PATH="$dir/out.prom" timeout 120 \
    "$CACHE/venv/bin/statuspage-prometheus-exporter" >"$dir/log" 2>&1); then
    cat "$dir/log"
    return 1
  fi
  "$CACHE/venv/bin/python" "$HERE/check_exporter.py" "$dir/out.prom" "$1"
}

PASSED=0
FAILED=0
step() {
  if "${@:2}"; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    echo "FAILED: $1"
  fi
}

install_clients
BIN=$(statusgen_bin)
for moment in "${MOMENTS[@]}"; do
  name=${moment%%=*}
  now=${moment#*=}
  site=$WORK/site-$name
  "$BIN" build "$ROOT" -o "$site" --now "$now" >/dev/null
  serve "$site"
  step "statuspage.io at $name" env NODE_PATH="$CACHE/npm/node_modules" \
    timeout 120 node "$HERE/statuspage-io.cjs" "$BASE" "$name"
  step "statuspage-prometheus-exporter at $name" run_exporter "$name"
  step "feedparser at $name" timeout 120 "$CACHE/venv/bin/python" "$HERE/check_feeds.py" "$BASE" "$name"
  stop_server
done

echo "clients: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

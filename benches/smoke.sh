#!/usr/bin/env bash
# The benchmarks' smoke test, run by .ci/run: the 1,000-incident cases of the whole-build
# benchmark (each workload) and of the import benchmark must complete and print their rows, and
# every criterion bench must run once. No time is asserted: CI machines are shared and the
# numbers are for people to read.
set -euo pipefail
cd "$(dirname "$0")/.."

# The build benchmark reads peak memory from GNU time.
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  else
    echo "benches/smoke.sh: GNU time is missing: sudo apt-get install -y time" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Both workloads: the project's synthetic sites and the sites of the comparison with cState.
cargo bench --locked --bench build -- 1000 | tee "$log"
for workload in synthetic comparison; do
  if ! grep -Eq "^\| $workload \| 1,000 \| [0-9.]+ s \|" "$log"; then
    echo "benches/smoke.sh: the build benchmark printed no $workload row for 1,000 incidents" >&2
    exit 1
  fi
done

cargo bench --locked --bench import -- 1000 | tee "$log"
if ! grep -Eq '^\| 1,000 \| [0-9.]+ s \|' "$log"; then
  echo "benches/smoke.sh: the import benchmark printed no row for 1,000 incidents" >&2
  exit 1
fi

# `--test` runs each criterion bench once instead of measuring it.
cargo bench --locked --bench parts -- --test | tee "$log"
if ! grep -q '^Success' "$log" || grep -qi 'panicked' "$log"; then
  echo "benches/smoke.sh: the criterion benches did not run" >&2
  exit 1
fi
echo "benches/smoke.sh: ok"

#!/usr/bin/env bash
# End-to-end check of the mdBook preprocessor: build examples/docs-embed with a real mdBook
# and `statusgen mdbook`, then look at the HTML it wrote. mdBook is installed once into
# .ci/cache/mdbook (git-ignored; a few minutes on 2 cores) and reused afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# 0.5.x builds with rustc >= 1.88. Without `serve`/`watch` (not needed here) it builds faster.
MDBOOK_VERSION=0.5.4
mdbook=$root/.ci/cache/mdbook/bin/mdbook
if ! { [ -x "$mdbook" ] && "$mdbook" --version | grep -qx "mdbook v$MDBOOK_VERSION"; }; then
  echo "installing mdbook $MDBOOK_VERSION into .ci/cache/mdbook"
  cargo install --locked mdbook --version "$MDBOOK_VERSION" \
    --no-default-features --features search --root "$root/.ci/cache/mdbook"
fi

# The book's `command = "statusgen mdbook"` finds the debug build on PATH.
cargo build --locked -q
export PATH="$root/target/debug:$PATH"
unset SOURCE_DATE_EPOCH

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# has FILE TEXT: FILE contains TEXT (fixed string).
has() { if grep -qF -- "$2" "$1"; then pass "$(basename "$1") has $2"; else fail "$(basename "$1") lacks $2"; fi; }
lacks() { if grep -qF -- "$2" "$1"; then fail "$(basename "$1") still has $2"; else pass "$(basename "$1") has no $2"; fi; }

out=$root/target/mdbook/docs-embed
rm -rf "$out"
if "$mdbook" build examples/docs-embed -d "$out"; then
  pass "mdbook build examples/docs-embed"
else
  fail "mdbook build examples/docs-embed"
fi

status=$out/status.html
incident=$out/incident.html
intro=$out/index.html
if [ -f "$status" ] && [ -f "$incident" ]; then
  has "$status" 'class="statusgen statusgen-status" data-state="degraded"'
  has "$status" 'data-service="kakaotalk" data-state="degraded"'
  has "$status" 'data-service="kakaopay" data-state="operational"'
  has "$status" '성능 저하'
  has "$incident" 'data-incident="kakao-pangyo-fire" data-phase="ongoing"'
  has "$incident" '<svg xmlns="http://www.w3.org/2000/svg" class="timeline"'
  has "$incident" '43시간째, 서비스 13개 중 9개가 아직 정상이 아닙니다.'
  # mdBook kept the blocks as HTML: not escaped, not split into paragraphs or code.
  for page in "$status" "$incident"; do
    lacks "$page" '{{#statusgen'
    lacks "$page" '&lt;svg'
    lacks "$page" '&lt;div class="statusgen'
    lacks "$page" '<pre><code>&lt;'
  done
  # The escaped directive in the introduction stays text.
  has "$intro" '<code>{{#statusgen status}}</code>'
else
  fail "the book has no status.html and incident.html"
fi

# A broken directive fails the mdBook build, and the error names the chapter's line.
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
cp -r examples/docs-embed/. "$broken/"
sed -i 's|^site = .*|site = "'"$root"'"|' "$broken/book.toml"
sed -i 's|kakao-pangyo-fire|kakao-pangyo-fir|' "$broken/src/incident.md"
if "$mdbook" build "$broken" -d "$broken/out" 2>"$broken/stderr"; then
  fail "a book with an unknown incident fails to build"
else
  pass "a book with an unknown incident fails to build"
  has "$broken/stderr" "unknown incident 'kakao-pangyo-fir' — did you mean 'kakao-pangyo-fire'?"
  has "$broken/stderr" "--> src/incident.md:6:1"
fi

echo "mdbook: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

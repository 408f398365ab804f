#!/usr/bin/env bash
# Rebuilds the oracle, re-extracts the cel-spec vectors and re-records the oracle's answers:
#   tools/cel-oracle/regenerate.sh
# Run it after editing test/cel/vectors/kro-*.json, after changing the oracle, or when the KRO pin moves
# (update go.mod, `go mod tidy`), then review the diff of test/cel/ and run test/cel/parity.test.ts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${TMPDIR:-/tmp}/typekro-cel-oracle/cel-oracle"
cd "$here"
go build -o "$bin" .
testdata="$(go list -m -f '{{.Dir}}' cel.dev/expr)/tests/simple/testdata"
"$bin" extract-spec "$testdata" "$root/test/cel/vectors"
"$bin" run "$root/test/cel/vectors" > "$root/test/cel/oracle-answers.jsonl"
echo "answers: $(wc -l < "$root/test/cel/oracle-answers.jsonl") vectors -> test/cel/oracle-answers.jsonl" >&2
if grep -q '"unstable":true' "$root/test/cel/oracle-answers.jsonl"; then
  echo "note: some answers depend on Go map order (\"unstable\"); the parity test compares those lists as multisets" >&2
fi

# THE KEY TEST: a trace in which one handle of step k was renamed is
# reported by `simloop diff` at exactly step k, whichever side it is on.
. "$(dirname "$0")/lib.sh"
ref="$SL_SOURCE_DIR/oracle/tests/expected/3.12.7/gather.jsonl"
[ -f "$ref" ] || { echo "no oracle reference trace"; exit 77; }

expect_status 0 "$SIMLOOP" diff "$ref" "$ref"
expect_in out.txt "identical: 14 steps, outcome ok"

for k in 1 3 7 14; do
  alter_handle "$ref" altered.jsonl "$k" "soon:user bogus"
  expect_status 1 "$SIMLOOP" diff "$ref" altered.jsonl
  expect_in out.txt "first divergence: step $k "
  expect_in out.txt "> "
  expect_in out.txt "soon:user bogus"
  expect_status 1 "$SIMLOOP" diff altered.jsonl "$ref" --json
  expect_in out.txt "\"identical\":false,\"what\":\"event\",\"step\":$k,"
done

# Through a database: both sides imported, compared by DB:ID.
expect_status 0 "$SIMLOOP" import "$ref" altered.jsonl --db t.db
expect_status 1 "$SIMLOOP" diff t.db:1 t.db:2
expect_in out.txt "first divergence: step 14 "
expect_status 1 "$SIMLOOP" diff 1 2 --db t.db
expect_in out.txt "first divergence: step 14 "
exit 0

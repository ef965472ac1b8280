# `simloop run --db/--jsonl`: the recorded run reads back identical from
# both, its hash is the documented one, reruns hash the same, and on a
# scenario simloop supports the trace equals CPython's.
. "$(dirname "$0")/lib.sh"
s="$SL_SOURCE_DIR/oracle/tests/scenarios/gather.py"
ref="$SL_SOURCE_DIR/oracle/tests/expected/3.12.7/gather.jsonl"
expect_status 0 "$SIMLOOP" run "$s" --python 3.12 --db t.db --jsonl a.jsonl
expect_in out.txt "['w', None]"
expect_in err.txt "run 1 stored in t.db"
expect_status 0 "$SIMLOOP" run "$s" --python 3.12 --db t.db --jsonl b.jsonl
cmp -s a.jsonl b.jsonl || fail "two runs of the same scenario differ"
expect_status 0 "$SIMLOOP" diff t.db:1 a.jsonl
expect_status 0 "$SIMLOOP" show --db t.db --list
h=$(tail -n +2 a.jsonl | sha256sum | cut -c1-12)
expect_in out.txt "$h"
[ "$(grep -c "$h" out.txt)" = 2 ] || fail "the two runs do not share one hash"
# simloop against the oracle's reference trace of the same scenario.
expect_status 0 "$SIMLOOP" diff a.jsonl "$ref"
expect_in out.txt "identical: 14 steps, outcome ok"
# Errors: an unwritable JSONL path, a database that is not one.
expect_status 2 "$SIMLOOP" run "$s" --jsonl /nonexistent/dir/x.jsonl
expect_in err.txt "/nonexistent/dir/x.jsonl: cannot write: No such file or directory"
echo "not a database, just text" >bad.db
expect_status 2 "$SIMLOOP" run "$s" --db bad.db
expect_in err.txt "bad.db:"
exit 0

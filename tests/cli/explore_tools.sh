# minimize, --jobs, --json, export and report on the examples; bad input.
. "$(dirname "$0")/lib.sh"
ex="$SL_SOURCE_DIR/examples"
for name in bank lost_wakeup lock_order cancel_lock queue_join swallowed_cancel; do
  expect_status 1 "$SIMLOOP" explore "$ex/$name.py" --runs 50 --no-db -o "$name.log"
  verdict=$(sed -n 's/^FAILED at run [0-9]* (seed [0-9]*): \([a-z-]*\):.*/\1/p' out.txt)
  expect_status 0 "$SIMLOOP" minimize "$ex/$name.py" --decisions "$name.log" -o "$name.min"
  expect_in out.txt "still fails the same way: $verdict"
  n=$(sed -n 's/^minimized .* -> \([0-9]*\) non-default.*/\1/p' out.txt)
  [ "$n" -le 2 ] || fail "$name: minimized to $n decisions, expected at most 2"
  expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --decisions "$name.min" --quiet
done
# --jobs: the same first failure as one job (the lowest failing index).
expect_status 1 "$SIMLOOP" explore "$ex/lost_wakeup.py" --runs 200 --no-db -o a.log --json
one=$(cat out.txt)
expect_status 1 "$SIMLOOP" explore "$ex/lost_wakeup.py" --runs 200 --no-db -o b.log --json --jobs 2
two=$(cat out.txt)
s1=$(echo "$one" | sed -n 's/.*"failure":{"index":\([0-9]*\),.*/\1/p')
s2=$(echo "$two" | sed -n 's/.*"failure":{"index":\([0-9]*\),.*/\1/p')
[ -n "$s1" ] && [ "$s1" = "$s2" ] || fail "--jobs 2 found run $s2, one job found run $s1"
cmp -s a.log b.log || fail "--jobs 2 wrote a different decision log"
if command -v python3 >/dev/null; then
  echo "$one" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["failure"]["verdict"]=="deadlock"' ||
    fail "--json output"
fi
# export and report from the stored failing run.
expect_status 1 "$SIMLOOP" explore "$ex/bank.py" --runs 50 --db t.db -o bank.log
expect_status 0 "$SIMLOOP" export --perfetto --db t.db -o bank.json
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; d=json.load(open("bank.json")); assert any(e.get("cat")=="handle" for e in d["traceEvents"])' ||
    fail "export: not Chrome trace JSON"
fi
expect_status 0 "$SIMLOOP" report --db t.db -o bank.html
expect_in bank.html "What went wrong"
expect_in bank.html "overdraft: balance -30"
expect_in bank.html 'class="hit"'
# Fuzzer bytes replay, and the recorded trace serves as its decision log.
printf '\000\377\200\220\000\240\377' >fuzz.bin
expect_status 1 "$SIMLOOP" replay "$ex/bank.py" --bytes fuzz.bin --jsonl fz.jsonl
expect_in out.txt "overdraft"
h1=$(sed -n 's/^trace hash: //p' out.txt)
expect_status 1 "$SIMLOOP" replay "$ex/bank.py" --decisions fz.jsonl --quiet
expect_in out.txt "trace hash: $h1"
expect_status 2 "$SIMLOOP" replay "$ex/bank.py" --decisions fuzz.bin
expect_in err.txt "replays with --bytes fuzz.bin"
# Bad input: exit 2 with a message saying what and where.
expect_status 2 "$SIMLOOP" explore nosuch.py
expect_in err.txt "nosuch.py: cannot read: No such file or directory"
expect_status 2 "$SIMLOOP" explore "$ex/bank.py" --strategy dfs
expect_in err.txt "unknown strategy 'dfs'"
printf '{"kind":"cost","value":0.01}\n{"kind":"nap","value":1}\n' >bad.log
expect_status 2 "$SIMLOOP" replay "$ex/bank.py" --decisions bad.log
expect_in err.txt "bad.log:2:1: \"kind\" must be \"cost\", \"oversleep\", \"seed\", \"io\" or \"thread\""
printf 'import asyncio\nasync def main(:\n' >syntax.py
expect_status 2 "$SIMLOOP" explore syntax.py
expect_in err.txt "syntax.py:2:"
# Whether discovery has levelled off: lost_wakeup shows all its traces in
# its first runs; after 13 runs lock_order's pct search is still finding.
expect_status 1 "$SIMLOOP" explore "$ex/lost_wakeup.py" --runs 2000 --keep-going --no-db -o c.log --json
expect_in out.txt '"levelled_off":true'
last=$(sed -n 's/.*"last_new_trace_run":\([0-9]*\),.*/\1/p' out.txt)
[ -n "$last" ] && [ "$last" -le 1000 ] || fail "lost_wakeup's newest trace at run '$last'"
expect_status 1 "$SIMLOOP" explore "$ex/lost_wakeup.py" --runs 2000 --keep-going --no-db -o c.log
expect_in out.txt "discovery has levelled off: the newest distinct trace came at run $last of 2000"
expect_status 1 "$SIMLOOP" explore "$ex/lock_order.py" --strategy pct --no-db -o d.log
expect_in out.txt "still discovering: a new distinct trace at run"
expect_status 2 "$SIMLOOP" minimize "$ex/bank.py" --decisions bad.log
: >none.log
expect_status 2 "$SIMLOOP" minimize "$ex/bank.py" --decisions none.log
expect_in err.txt "runs ok under this log"
exit 0

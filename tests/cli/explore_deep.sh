# The coverage strategy on deep bugs (docs/explore.md "coverage",
# examples/deep): the default `explore --runs 2000`, with no strategy
# option, finds each deep bug, and replaying the decision log it wrote
# gives the trace hash it printed. The bugs are deep: the random strategy
# does not find job_retry.py within the same 2000 runs (it needs ~7,000
# runs on the median, docs/explore.md), so this test fails if the default
# goes back to random. --jobs 2 makes the same runs as one job; a shard
# is a campaign of its own, reproducible, over its own runs; replay
# --seed refuses a coverage run.
. "$(dirname "$0")/lib.sh"
deep="$SL_SOURCE_DIR/examples/deep"
for name in job_retry pool_handoff stale_token; do
  expect_status 1 "$SIMLOOP" explore "$deep/$name.py" --runs 2000 --db t.db -o "$name.log"
  expect_in out.txt "strategy coverage"
  expect_in out.txt "default schedule: ok"
  expect_in out.txt "FAILED at run"
  run=$(sed -n 's/^FAILED at run \([0-9]*\) .*/\1/p' out.txt)
  [ "$run" -lt 2000 ] || fail "$name: found at run $run"
  hash=$(sed -n 's/^trace: .* hash \([0-9a-f]*\)$/\1/p' out.txt)
  [ -n "$hash" ] || fail "$name: no trace hash in the output"
  expect_in out.txt "replay:   simloop replay $deep/$name.py --decisions $name.log"
  grep -q -- "--seed" out.txt && fail "$name: a coverage run has no --seed replay"
  expect_status 1 "$SIMLOOP" replay "$deep/$name.py" --decisions "$name.log" --quiet
  expect_in out.txt "trace hash: $hash"
  # Two slow callbacks at least (minimize would show which).
  n=$(grep -c '"value":[1-9]' "$name.log")
  [ "$n" -ge 2 ] || fail "$name: the failing log has $n delays of a second or more"
done
if command -v sqlite3 >/dev/null; then
  n=$(sqlite3 t.db "select count(*) from explore_sessions where strategy = 'coverage'")
  [ "$n" = 3 ] || fail "expected 3 coverage sessions, got $n"
fi

# Random does not find it in as many runs.
expect_status 0 "$SIMLOOP" explore "$deep/job_retry.py" --strategy random --runs 2000 --no-db -o r.log
expect_in out.txt "no failure in 2000 runs"

# --jobs 2: the same runs, the same failure, the same log.
expect_status 1 "$SIMLOOP" explore "$deep/job_retry.py" --runs 2000 --no-db --json -o j1.log
python3 -c 'import json; d=json.load(open("out.txt")); print(d["failure"]["index"], d["runs"], d["distinct_traces"], d["distinct_outcomes"])' >j1.txt
expect_status 1 "$SIMLOOP" explore "$deep/job_retry.py" --runs 2000 --no-db --json --jobs 2 -o j2.log
python3 -c 'import json; d=json.load(open("out.txt")); print(d["failure"]["index"], d["runs"], d["distinct_traces"], d["distinct_outcomes"])' >j2.txt
cmp -s j1.txt j2.txt || fail "--jobs 2 differs: $(cat j1.txt) vs $(cat j2.txt)"
cmp -s j1.log j2.log || fail "--jobs 2 wrote another log"

# A shard: its own runs (i = K-1 mod N), the same on every try.
for k in 1 2; do
  expect_status 1 "$SIMLOOP" explore "$deep/pool_handoff.py" --runs 2000 --shard $k/2 --no-db --json -o s$k.log
  python3 -c 'import json,sys; d=json.load(open("out.txt")); i=d["failure"]["index"]; assert i % 2 == '$((k - 1))', i; print(i, d["runs"])' >s$k.txt ||
    fail "shard $k/2 made a run of another shard"
  expect_status 1 "$SIMLOOP" explore "$deep/pool_handoff.py" --runs 2000 --shard $k/2 --no-db --json -o s$k.again.log
  python3 -c 'import json; d=json.load(open("out.txt")); print(d["failure"]["index"], d["runs"])' >s$k.again.txt
  cmp -s s$k.txt s$k.again.txt && cmp -s s$k.log s$k.again.log || fail "shard $k/2 is not reproducible"
done

# replay --seed cannot rebuild a coverage run.
expect_status 2 "$SIMLOOP" replay "$deep/job_retry.py" --seed 5 --strategy coverage
expect_in err.txt "replay the decision log explore wrote"
exit 0

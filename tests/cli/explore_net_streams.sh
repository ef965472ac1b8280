# The stream twins of the network examples (examples/net/*_streams.py,
# docs/io.md): message framing broken by split delivery, a late reply read
# by the next request, a pooled connection the server has closed, over
# start_server/open_connection. Every strategy finds each bug within 2000
# runs; replaying the log gives the same trace hash; CPython 3.11.2 (the
# oracle) fails with an identical trace under the same log; minimize
# keeps only io decisions and says in words what the network did; each
# fixed twin passes 2000 random runs.
. "$(dirname "$0")/lib.sh"
ex="$SL_SOURCE_DIR/examples/net"
for name in framing_streams late_reply_streams stale_pool_streams; do
  for strategy in random pct bounded; do
    expect_status 1 "$SIMLOOP" explore "$ex/$name.py" --strategy "$strategy" --runs 2000 \
      --python 3.11.2 --no-db -o "$name-$strategy.log"
    cp out.txt "$name-$strategy.out"
    expect_in out.txt "default schedule: ok"
    expect_in out.txt "FAILED at run"
    hash=$(sed -n 's/^trace: .* hash \([0-9a-f]*\)$/\1/p' out.txt)
    [ -n "$hash" ] || hash=$(sed -n 's/^trace hash: \([0-9a-f]*\)$/\1/p' out.txt)
    [ -n "$hash" ] || { cat out.txt >&2; fail "$name/$strategy: explore printed no trace hash"; }
    expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 \
      --decisions "$name-$strategy.log" --jsonl "$name-$strategy.sim.jsonl" --quiet
    expect_in out.txt "trace hash: $hash"
  done
done
# The split that tears a message, in explore's words.
grep -q "^  step [0-9]*: the [0-9]*[a-z][a-z] write from fd [0-9]* on connection 1 arrived in 2 pieces" \
  framing_streams-bounded.out || { cat framing_streams-bounded.out >&2; fail "no split write named"; }
# Latency alone: one late request makes the reply come after wait_for's
# timeout (late_reply), or reach the server after it closed the idle
# pooled connection (stale_pool).
printf '{"ev":"decision","step":9,"kind":"io","value":0.1}\n' > late_reply_streams-io.log
printf '{"ev":"decision","step":11,"kind":"io","value":0.01}\n' > stale_pool_streams-io.log
for name in late_reply_streams stale_pool_streams; do
  expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 --decisions "$name-io.log" \
    --jsonl "$name-io.sim.jsonl" --quiet
  expect_in out.txt "AssertionError"
  expect_status 0 "$SIMLOOP" minimize "$ex/$name.py" --python 3.11.2 --decisions "$name-io.log" \
    -o "$name.min"
  expect_in out.txt "still fails the same way: assertion"
  grep -q "^  step [0-9]*: the 1st write from fd [0-9]* on connection 1 ([0-9]* bytes) arrived [0-9]* ms late" out.txt ||
    { cat out.txt >&2; fail "$name: minimize did not keep the late write"; }
done
expect_in late_reply_streams-io.sim.jsonl "'b' got 'answer:a'"
expect_in stale_pool_streams-io.sim.jsonl "request '2': the pooled connection was closed"
# minimize shrinks the torn message to network decisions only.
expect_status 0 "$SIMLOOP" minimize "$ex/framing_streams.py" --python 3.11.2 \
  --decisions framing_streams-random.log -o framing_streams.min
expect_in out.txt "still fails the same way: assertion: AssertionError: sent"
grep -q "^  step [0-9]*: the [0-9]*[a-z][a-z] write from fd [0-9]* on connection 1 arrived in 2 pieces" out.txt ||
  { cat out.txt >&2; fail "minimize did not say how the write was split"; }
grep -q '"kind":"cost"\|"kind":"oversleep"' framing_streams.min && fail "framing_streams.min keeps a non-network decision"
grep -q '"kind":"io"' framing_streams.min || fail "framing_streams.min has no io decision"
expect_status 1 "$SIMLOOP" replay "$ex/framing_streams.py" --python 3.11.2 --decisions framing_streams.min --quiet
# CPython 3.11.2 under the same logs: the same failure, step for step.
py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import sys; sys.exit(sys.version_info[:3] != (3, 11, 2))'; then
  for log in framing_streams-random late_reply_streams-random stale_pool_streams-pct \
    late_reply_streams-io stale_pool_streams-io; do
    name=${log%-*}
    PYTHONPATH="$SL_SOURCE_DIR/oracle" "$py" -m simloop_oracle run "$ex/$name.py" \
      --jsonl "$log.cpython.jsonl" --decisions "$log.log" >/dev/null 2>&1 ||
      fail "$log: the oracle did not run"
    grep -q '"ev":"end","outcome":"ok"' "$log.cpython.jsonl" && fail "$log: passes under CPython"
    [ -f "$log.sim.jsonl" ] || "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 --decisions "$log.log" \
      --jsonl "$log.sim.jsonl" --quiet >/dev/null 2>&1
    expect_status 0 "$SIMLOOP" diff "$log.sim.jsonl" "$log.cpython.jsonl"
    expect_in out.txt "identical"
  done
fi
for name in framing_streams late_reply_streams stale_pool_streams; do
  expect_status 0 "$SIMLOOP" explore "$ex/${name}_fixed.py" --runs 2000 --python 3.11.2 --no-db \
    -o "$name-fixed.log"
  expect_in out.txt "no failure in 2000 runs"
done
exit 0

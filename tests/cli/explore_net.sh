# The network examples (examples/net, docs/io.md): each bug needs an I/O
# timing (a write split in two, a late reply, a request arriving after the
# server closed the pooled connection). Every strategy finds it within 50
# runs; replaying the log gives the same hash; the log makes Debian's
# CPython 3.11.2 fail with an identical trace (oracle --decisions);
# minimize keeps only network decisions for framing.py; and on each fixed
# twin explore finds nothing in 2000 random runs.
. "$(dirname "$0")/lib.sh"
ex="$SL_SOURCE_DIR/examples/net"
for name in framing late_reply stale_pool; do
  for strategy in random pct bounded; do
    expect_status 1 "$SIMLOOP" explore "$ex/$name.py" --strategy "$strategy" --runs 50 \
      --python 3.11.2 --no-db -o "$name-$strategy.log"
    cp out.txt "$name-$strategy.out"
    expect_in out.txt "default schedule: ok"
    expect_in out.txt "FAILED at run"
    hash=$(sed -n 's/^trace: .* hash \([0-9a-f]*\)$/\1/p' out.txt)
    [ -n "$hash" ] || hash=$(sed -n 's/^trace hash: \([0-9a-f]*\)$/\1/p' out.txt)
    expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 \
      --decisions "$name-$strategy.log" --jsonl "$name-$strategy.sim.jsonl" --quiet
    [ -z "$hash" ] || expect_in out.txt "trace hash: $hash"
  done
done
# A torn message needs a split write: every framing log has an io decision.
for strategy in random pct bounded; do
  grep -q '"kind":"io"' "framing-$strategy.log" || fail "framing/$strategy: no io decision in the log"
done
# The other two fail on network latency alone: one late piece each.
z='{"kind":"io","value":0}'
printf '%s\n%s\n%s\n%s\n{"kind":"io","value":0.02}\n' "$z" "$z" "$z" "$z" > stale_pool-io.log
printf '%s\n%s\n{"kind":"io","value":0.05}\n' "$z" "$z" > late_reply-io.log
for name in stale_pool late_reply; do
  expect_status 1 "$SIMLOOP" replay "$ex/$name.py" --python 3.11.2 --decisions "$name-io.log" \
    --jsonl "$name-io.sim.jsonl" --quiet
done
py=/usr/bin/python3
if [ -x "$py" ] && "$py" -c 'import sys; sys.exit(sys.version_info[:3] != (3, 11, 2))'; then
  for run in framing:random late_reply:random stale_pool:random stale_pool:io late_reply:io; do
    name=${run%:*} log=${run%:*}-${run#*:}
    PYTHONPATH="$SL_SOURCE_DIR/oracle" "$py" -m simloop_oracle run "$ex/$name.py" \
      --jsonl "$log.cpython.jsonl" --decisions "$log.log" >/dev/null 2>&1 ||
      fail "$log: the oracle did not run"
    grep -q '"ev":"end","outcome":"ok"' "$log.cpython.jsonl" && fail "$log: passes under CPython"
    expect_status 0 "$SIMLOOP" diff "$log.sim.jsonl" "$log.cpython.jsonl"
    expect_in out.txt "identical"
  done
fi
expect_status 0 "$SIMLOOP" minimize "$ex/framing.py" --python 3.11.2 --decisions framing-random.log \
  -o framing.min
# The one decision left, in words (docs/io.md "Decisions").
grep -q "^  step [0-9]*: the [0-9]*[a-z][a-z] write from fd [0-9]* on connection 1 arrived in 2 pieces" out.txt ||
  { cat out.txt >&2; fail "minimize did not say how the write was split"; }
# explore says it too, and the hand-written latency logs read as latencies.
grep -q "^  step [0-9]*: .* arrived in 2 pieces (.* bytes), the second [0-9.]* ms later" framing-random.out ||
  { cat framing-random.out >&2; fail "explore did not say how the write was split"; }
expect_status 0 "$SIMLOOP" minimize "$ex/late_reply.py" --python 3.11.2 --decisions late_reply-io.log -o lr.min
expect_in out.txt "step 4: the 1st write from fd 4 on connection 1 (9 bytes) arrived 50 ms late"
grep -q '"kind":"cost"\|"kind":"oversleep"' framing.min && fail "framing.min keeps a non-network decision"
for name in framing late_reply stale_pool; do
  expect_status 0 "$SIMLOOP" explore "$ex/${name}_fixed.py" --runs 2000 --no-db -o "$name-fixed.log"
  expect_in out.txt "no failure in 2000 runs"
done
exit 0

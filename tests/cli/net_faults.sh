# cli.net_faults: the network's fault questions (docs/io.md "Faults"):
# stalled peers and reset connections on TCP. Without --faults no strategy
# draws them (a default or plain seeded run never resets); with --faults
# seeded schedules reset connections and stall peers, and CPython 3.11
# (and 3.14 under Pyodide) replays the same decisions to identical traces.
# Fuzzer bytes answer them only under --faults too.
. "$(dirname "$0")/lib.sh"
sc="$SL_SOURCE_DIR/tests/scenarios/net_reset.py"
for seed in 1 2 3 4 5 6; do
  expect_status 0 "$SIMLOOP" replay "$sc" --seed $seed --python 3.11.2
  grep -q "Connection reset\|ConnectionResetError" out.txt && fail "seed $seed without --faults reset a connection"
  expect_status 0 "$SIMLOOP" replay "$sc" --seed $seed --faults --python 3.11.2
  cat out.txt >> faults.txt
done
expect_in faults.txt "recv reset 104 Connection reset by peer"
expect_in faults.txt "failed ConnectionResetError 104 Connection reset by peer"
expect_in faults.txt "send failed ConnectionResetError 104"
# Under streams: reader.read() raises the reset, drain() reports the lost
# connection, wait_closed() re-raises it (net_streams_reset.py).
st="$SL_SOURCE_DIR/tests/scenarios/net_streams_reset.py"
for seed in 1 2 3; do
  expect_status 0 "$SIMLOOP" replay "$st" --seed $seed --python 3.11.2
  grep -q "Connection reset by peer\|sock reset" out.txt &&
    fail "streams seed $seed without --faults reset a connection"
  expect_status 0 "$SIMLOOP" replay "$st" --seed $seed --faults --python 3.11.2
  cat out.txt >> streams.txt
done
expect_in streams.txt "reset: ConnectionResetError [Errno 104] Connection reset by peer"
expect_in streams.txt "reset: ConnectionResetError Connection lost"
expect_in streams.txt "wait_closed: ConnectionResetError"
# A stall shows as a write that waits: some reply arrives after 1 s.
grep -q "got b'ok .*' [1-9]\." faults.txt || fail "no stalled write in six --faults runs"
# An unhandled reset: explore finds it only with --faults, says what the
# network did in words, and minimize keeps the reset.
ur="$SL_SOURCE_DIR/tests/cli/explore/net_reset_unhandled.py"
expect_status 0 "$SIMLOOP" explore "$ur" --runs 300 --no-db -o ur.log
expect_in out.txt "no failure in 300 runs"
expect_status 1 "$SIMLOOP" explore "$ur" --strategy random --faults --runs 300 --no-db -o ur.log
expect_in out.txt "ConnectionResetError: [Errno 104] Connection reset by peer"
grep -q "^  step [0-9]*: connection 1 (fd [0-9]* <-> [0-9]*) was reset right after the [0-9]*[a-z][a-z] write from fd" out.txt ||
  fail "explore did not say which write reset the connection"
expect_in out.txt "--strategy random --faults"
expect_status 0 "$SIMLOOP" minimize "$ur" --decisions ur.log -o ur.min
expect_in out.txt "still fails the same way: exception: ConnectionResetError"
grep -q "^  step [0-9]*: connection 1 (fd [0-9]* <-> [0-9]*) was reset right after" out.txt ||
  fail "minimize did not keep the reset"
expect_status 1 "$SIMLOOP" replay "$ur" --decisions ur.min --quiet
# Fuzzer bytes: every byte 1 ms; the fault questions take bytes only with --faults.
printf '\200\200\200\200\200\200\200\200\200\200\200\200\200\200\200\200' > ms.bytes
expect_status 0 "$SIMLOOP" replay "$sc" --bytes ms.bytes --python 3.11.2
grep -q "Connection reset\|ConnectionResetError" out.txt && fail "--bytes without --faults reset a connection"
expect_status 0 "$SIMLOOP" replay "$sc" --bytes ms.bytes --faults --python 3.11.2
expect_in out.txt "Connection reset by peer"
[ -x /usr/bin/python3 ] || { echo "no native CPython 3.11"; exit 0; }
for seed in 1 2 3 4; do
  expect_status 0 "$SIMLOOP" conform "$SL_SOURCE_DIR"/tests/scenarios/net_*.py --python 3.11 \
    --seed $seed --faults
  expect_in out.txt "0 divergent"
done
if command -v node >/dev/null && [ -f "$SL_SOURCE_DIR/oracle/pyodide/node_modules/pyodide-314/pyodide.mjs" ]; then
  expect_status 0 "$SIMLOOP" conform "$sc" "$st" --python 3.14 --seed 2 --faults
  expect_in out.txt "0 divergent"
fi
exit 0

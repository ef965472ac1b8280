# cli.net_trace: socket events in the trace (docs/trace.md `sock`): show,
# the report's Network table, the Perfetto export's network tracks, the
# JSONL round trip, and both engines emitting the same events.
. "$(dirname "$0")/lib.sh"
sc="$SL_SOURCE_DIR/tests/scenarios/net_reset.py"
expect_status 0 "$SIMLOOP" replay "$sc" --seed 2 --faults --python 3.11.2 --db t.db
expect_status 0 "$SIMLOOP" show --db t.db
expect_in out.txt "sock connect C1 fd 4 -> 5"
expect_in out.txt "sock send C1 fd 4 -> 5: 3 bytes, arrives t="
expect_in out.txt "sock accept C1 fd 5 -> 4"
expect_in out.txt "sock reset C2 fd 6 <-> 7"
expect_in out.txt "sock close C2 fd 6"
grep -q "sock recv C[0-9] fd [0-9]* -> [0-9]*: [0-9]* bytes" out.txt || fail "show has no recv"
expect_status 0 "$SIMLOOP" report --db t.db -o t.html
expect_in t.html "<h2>Network</h2>"
expect_in t.html "<td>C2</td><td>6 &harr; 7</td>"
expect_in t.html "<b>reset</b> at t="
expect_status 0 "$SIMLOOP" export --perfetto --db t.db -o t.json
expect_in t.json '"pid":2,"name":"process_name","args":{"name":"network"}'
expect_in t.json '"cat":"net","pid":2,"tid":1,'
# JSONL out and back in: the same hash.
expect_status 0 "$SIMLOOP" run "$SL_SOURCE_DIR/tests/scenarios/net_echo_clients.py" --python 3.11.2 \
  --jsonl e.jsonl
expect_in e.jsonl '{"ev":"sock","step":1,"op":"pair","conn":1,"fd":3,"peer":4,"n":0,"t":0.0}'
expect_status 0 "$SIMLOOP" import e.jsonl --db e.db
expect_status 0 "$SIMLOOP" show --db e.db
expect_in out.txt "sock pair C1 fd 3 <-> 4"
# A deadlock on the network names each socket and why nothing will come,
# in run's report and in the detectors' (explore, replay).
dl="$SL_SOURCE_DIR/tests/cli/explore/net_deadlock.py"
expect_status 1 "$SIMLOOP" run "$dl"
cat out.txt err.txt > run.txt
expect_in run.txt "(sock_recv on socket fd 4 (connection 1; its peer fd 3 is open and nobody writes to it))"
expect_status 1 "$SIMLOOP" explore "$dl" --runs 1 --no-db -o dl.log
expect_in out.txt "waits for sock_recv on socket fd 4 (connection 1; its peer fd 3 is open and nobody writes to it)"
expect_in out.txt "waits for sock_sendall on socket fd 5 (connection 2; its peer fd 6 holds 65536 unread bytes and nobody reads them)"
expect_in out.txt "waits for sock_accept on socket fd 7 (listening on 127.0.0.1:8080; no connection is on its way)"
[ -x /usr/bin/python3 ] || { echo "no native CPython 3.11"; exit 0; }
PYTHONPATH="$SL_SOURCE_DIR/oracle" /usr/bin/python3 -m simloop_oracle run \
  "$SL_SOURCE_DIR/tests/scenarios/net_echo_clients.py" --jsonl e.cpython.jsonl >/dev/null 2>&1 ||
  fail "the oracle did not run"
[ "$(grep -c '"ev":"sock"' e.cpython.jsonl)" = "$(grep -c '"ev":"sock"' e.jsonl)" ] ||
  fail "the oracle and simloop report different numbers of socket events"
[ "$(tail -n +2 e.cpython.jsonl | sha256sum)" = "$(tail -n +2 e.jsonl | sha256sum)" ] ||
  fail "the oracle's trace and simloop's differ"
exit 0

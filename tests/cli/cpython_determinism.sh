# CPython mode is deterministic: the same seed gives the same trace 100
# times in a row from one fork server (as explore runs them), and the same
# trace hash from fresh simloop processes, on a program whose output
# depends on object addresses (a set of plain objects: the children run
# without address-space randomisation, PYTHONHASHSEED fixed).
. "$(dirname "$0")/lib.sh"
prog="$SL_SOURCE_DIR/tests/cpython/set_order.py"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip

# The trace of seed 3 (random strategy) as a decision log, then 100 runs of
# it from one server, each trace hashed.
expect_status 0 "$SIMLOOP" replay --engine cpython "$prog" --seed 3 --jsonl seed3.jsonl
PYTHONPATH="$SL_SOURCE_DIR/oracle" "${SIMLOOP_PYTHON:-/usr/bin/python3}" - "$prog" seed3.jsonl <<'PY' >hashes.txt || fail "driver failed"
import hashlib, json, subprocess, sys
prog, log = sys.argv[1], sys.argv[2]
entries = [json.loads(l) for l in open(log) if '"ev":"decision"' in l]
req = json.dumps({"log": [{k: e[k] for k in ("kind", "value", "step")} for e in entries],
                  "trace": True}).encode()
req = b"%d\n%s" % (len(req), req)
srv = subprocess.Popen([sys.executable, "-m", "simloop_oracle", "serve", prog],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
assert srv.stdout.readline().startswith(b'{"ev":"ready"')
for i in range(100):
    srv.stdin.write(req); srv.stdin.flush()
    h = hashlib.sha256()
    while True:
        line = srv.stdout.readline()
        if line.startswith(b'{"ev":"exit"'):
            break
        if line.startswith(b'{"ev":"result"'):
            line = b""                  # its fingerprint is in the hash anyway
        h.update(line)
    print(h.hexdigest())
srv.stdin.close(); srv.wait()
PY
[ "$(wc -l <hashes.txt)" = 100 ] || fail "not 100 runs"
[ "$(sort -u hashes.txt | wc -l)" = 1 ] || fail "100 runs of one seed gave $(sort -u hashes.txt | wc -l) different traces"

# Fresh processes, fresh servers: one trace hash for the log of seed 3
for i in 1 2 3 4 5; do
  expect_status 0 "$SIMLOOP" replay --engine cpython "$prog" --decisions seed3.jsonl --quiet
  grep "trace hash" out.txt >>fresh.txt
done
[ "$(sort -u fresh.txt | wc -l)" = 1 ] || { cat fresh.txt >&2; fail "fresh runs of seed 3 differ"; }

# The program's set order really depends on addresses: under plain CPython
# (address-space randomisation on) it varies from run to run.
for i in 1 2 3 4 5 6; do "${SIMLOOP_PYTHON:-/usr/bin/python3}" "$prog" | head -1; done | sort -u >plain.txt
[ "$(wc -l <plain.txt)" -gt 1 ] || fail "the set order never varies under plain CPython: the test proves nothing"
exit 0

# Issue 10: a builtin's DeprecationWarning (datetime.utcnow(),
# utcfromtimestamp() from 3.12) goes to stderr exactly as CPython's default
# warning filters show it: for code of __main__ only (a helper module's
# call is silent), once per source line, with the stripped line below.
# Compared with CPython 3.14.2 (Pyodide) byte for byte; 3.11.2 (native)
# shows none. Skipped (77) only when neither oracle is installed.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"

cat >helper.py <<'PY'
import datetime
def stamp():
    return datetime.datetime.utcnow()
PY
cat >warn.py <<'PY'
import asyncio
import datetime
import helper

def f():
    return datetime.datetime.utcnow()

for i in range(3):
    f()
    print(datetime.datetime.utcnow(), helper.stamp())

async def main():
    for i in range(2):
        print(datetime.datetime.utcfromtimestamp(i))
        await asyncio.sleep(1)
    print(datetime.datetime.utcnow())

asyncio.run(main())
PY

ran=0
pkg=$SL_SOURCE_DIR/oracle/pyodide/node_modules/pyodide-314/pyodide.mjs
if command -v node >/dev/null && [ -f "$pkg" ]; then
  node "$SL_SOURCE_DIR/oracle/pyodide/run.mjs" --python 3.14 -- run warn.py --jsonl o.jsonl \
    --stdout cpy.out >/dev/null 2>cpy.err || fail "the 3.14 oracle failed: $(cat cpy.err)"
  expect_status 0 "$SIMLOOP" run warn.py --python 3.14
  cmp -s out.txt cpy.out || { diff cpy.out out.txt >&2; fail "3.14: stdout differs"; }
  cmp -s err.txt cpy.err || { diff cpy.err err.txt >&2; fail "3.14: stderr differs"; }
  expect_in err.txt "warn.py:6: DeprecationWarning: datetime.datetime.utcnow() is deprecated"
  [ "$(grep -c DeprecationWarning err.txt)" = 4 ] || fail "3.14: expected 4 warnings"
  ran=1
fi
if [ -x /usr/bin/python3 ]; then
  PYTHONPATH="$SL_SOURCE_DIR/oracle" /usr/bin/python3 -m simloop_oracle run warn.py \
    --jsonl o.jsonl --stdout cpy.out 2>cpy.err || fail "the 3.11 oracle failed: $(cat cpy.err)"
  expect_status 0 "$SIMLOOP" run warn.py --python 3.11.2
  cmp -s out.txt cpy.out || { diff cpy.out out.txt >&2; fail "3.11.2: stdout differs"; }
  [ -s err.txt ] && fail "3.11.2: no warning expected, got $(cat err.txt)"
  [ -s cpy.err ] && fail "3.11.2: the oracle warned: $(cat cpy.err)"
  ran=1
fi
[ "$ran" = 1 ] || { echo "no CPython oracle installed"; exit 77; }
exit 0

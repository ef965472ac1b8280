# simloop run|replay|explore --engine cpython: the same outputs, verdicts and
# exit statuses as the default engine, on programs both engines run.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip
ex="$SL_SOURCE_DIR/examples"

# run: stdout byte for byte as simloop's own run; status 0
expect_status 0 "$SIMLOOP" run --engine cpython "$ex/bank.py"
mv out.txt py.txt
expect_status 0 "$SIMLOOP" run "$ex/bank.py"
cmp -s out.txt py.txt || fail "run output differs between the engines"

# an exception: status 1, CPython's traceback on stderr, without the oracle's frames
cat >boom.py <<'PY'
import asyncio
async def main():
    await asyncio.sleep(1)
    raise ValueError("boom")
asyncio.run(main())
PY
expect_status 1 "$SIMLOOP" run --engine cpython boom.py
expect_in err.txt 'ValueError: boom'
expect_in err.txt 'line 4, in main'
grep -q simloop_oracle err.txt && fail "oracle frames in the traceback"

# a deadlock: status 1, who waits for what
cat >dead.py <<'PY'
import asyncio
async def main():
    await asyncio.Event().wait()
asyncio.run(main())
PY
expect_status 1 "$SIMLOOP" run --engine cpython dead.py
expect_in err.txt 'deadlock'
expect_in err.txt 'dead.py:3 in main'

# a syntax error: status 2, file:line:col
printf 'import asyncio\ndef f(:\n' >bad.py
expect_status 2 "$SIMLOOP" run --engine cpython bad.py
expect_in err.txt 'bad.py:2:'
expect_in err.txt 'SyntaxError'

# --jsonl and --db record CPython's trace; the budget stops a runaway run
expect_status 0 "$SIMLOOP" run --engine cpython "$ex/bank.py" --jsonl t.jsonl --db t.db
expect_in t.jsonl '"engine":"cpython"'
expect_status 0 "$SIMLOOP" show --db t.db 1
cat >spin.py <<'PY'
import asyncio
async def main():
    while True:
        await asyncio.sleep(0)
asyncio.run(main())
PY
expect_status 1 "$SIMLOOP" run --engine cpython spin.py --max-steps 500
expect_in err.txt 'step budget of 500 steps'

# a module only CPython has: fine in CPython mode, refused by simloop
cat >re_prog.py <<'PY'
import asyncio, re
async def main():
    print(re.sub(r"\d+", "#", "a1b22"))
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" run --engine cpython re_prog.py
expect_in out.txt 'a#b#'
expect_status 2 "$SIMLOOP" run re_prog.py

# Pyodide cannot fork: a clear refusal
expect_status 2 "$SIMLOOP" run --engine cpython --python 3.14 "$ex/bank.py"
expect_in err.txt 'use --python 3.11'

# explore finds bank.py's overdraft and prints commands that replay it in CPython
expect_status 1 "$SIMLOOP" explore --engine cpython "$ex/bank.py" --runs 50 --no-db
expect_in out.txt 'AssertionError: overdraft'
expect_in out.txt 'simloop replay --engine cpython'
log=$(ls bank-random-*.decisions)
expect_status 1 "$SIMLOOP" replay --engine cpython "$ex/bank.py" --decisions "$log" --quiet
expect_in out.txt 'overdraft'
# minimize keeps it failing in CPython
expect_status 0 "$SIMLOOP" minimize --engine cpython "$ex/bank.py" --decisions "$log" -o min.dec
expect_in out.txt "replay: simloop replay --engine cpython"
expect_status 1 "$SIMLOOP" replay --engine cpython "$ex/bank.py" --decisions min.dec --quiet
exit 0

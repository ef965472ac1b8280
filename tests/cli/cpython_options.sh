# The options that give a program its machine and its budgets work under
# --engine cpython as under simloop's engine: --path, --setenv, -- ARG...,
# --max-iterations, --max-wall (docs/cpython.md "Options").
. "$(dirname "$0")/lib.sh"
"$SIMLOOP" run --engine cpython "$SL_SOURCE_DIR/examples/bank.py" >/dev/null 2>&1 || exit 77

mkdir lib
echo 'GREETING = "hello from lib"' >lib/helper.py
cat >machine.py <<'PY'
import asyncio, os, sys
import helper
async def main():
    print(helper.GREETING, os.environ.get("COLOR"), sys.argv[1:])
asyncio.run(main())
PY
# the same output in both engines, for run, explore and replay
expect_status 0 "$SIMLOOP" run machine.py --path lib --setenv COLOR=blue -- a "b c"
mv out.txt sim.txt
expect_in sim.txt "hello from lib blue ['a', 'b c']"
expect_status 0 "$SIMLOOP" run --engine cpython machine.py --path lib --setenv COLOR=blue -- a "b c"
cmp -s out.txt sim.txt || fail "run --engine cpython printed something else than simloop"
# without --path the module is not found: an exception, as in simloop
expect_status 1 "$SIMLOOP" run --engine cpython machine.py
expect_in err.txt "ModuleNotFoundError: No module named 'helper'"
expect_status 0 "$SIMLOOP" explore --engine cpython machine.py --runs 5 --no-db \
  --path lib --setenv COLOR=blue -- a "b c"
expect_status 0 "$SIMLOOP" replay --engine cpython machine.py --seed 3 --jsonl t.jsonl \
  --path lib --setenv COLOR=blue -- a "b c"
expect_in t.jsonl "hello from lib blue ['a', 'b c']"

# an argument the program checks: a failure found only with it
cat >argv_check.py <<'PY'
import asyncio, sys
async def main():
    assert sys.argv[1:] != ["boom"], "told to fail"
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" explore --engine cpython argv_check.py --runs 3 --no-db
expect_status 1 "$SIMLOOP" explore --engine cpython argv_check.py --runs 3 --no-db -- boom
expect_in out.txt "AssertionError: told to fail"
expect_in out.txt "argv_check.py --seed 0 --strategy random -- boom"

# a loop that never awaits: both budgets end it as simloop's engine does
cat >spinloop.py <<'PY'
import asyncio
async def main():
    await asyncio.sleep(1)
    n = 0
    while True:
        n += 1
asyncio.run(main())
PY
expect_status 1 "$SIMLOOP" run --engine cpython spinloop.py --max-iterations 1000
expect_in err.txt "loop-iteration budget of 1000 iterations in one step exhausted (--max-iterations)"
expect_in err.txt "t=1.0"
grep -q "never awaited" err.txt && fail "asyncio's clean-up warnings after a budget"
expect_status 1 "$SIMLOOP" run --engine cpython spinloop.py --max-wall 0.5
expect_in err.txt "wall-clock budget of 0.5 seconds exhausted (--max-wall)"
# explore and replay report the same budget, replay reproduces it
expect_status 1 "$SIMLOOP" explore --engine cpython spinloop.py --max-iterations 1000 --runs 2 \
  --no-db -o spin.log
expect_in out.txt "loop-iteration budget of 1000 iterations"
expect_status 1 "$SIMLOOP" replay --engine cpython spinloop.py --max-iterations 1000 \
  --decisions spin.log
expect_in out.txt "loop-iteration budget of 1000 iterations"
# a loop that awaits on every turn is not an endless loop in one step
cat >counts.py <<'PY'
import asyncio
async def main():
    for i in range(5000):
        await asyncio.sleep(0)
    print("done")
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" run --engine cpython counts.py --max-iterations 10
expect_in out.txt "done"
# the iteration count is per step: 200 turns without await in each of 3 steps
cat >bursts.py <<'PY'
import asyncio
async def main():
    for _ in range(3):
        n = 0
        for i in range(200):
            n += i
        await asyncio.sleep(0)
    print("bursts", n)
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" run --engine cpython bursts.py --max-iterations 500
expect_in out.txt "bursts 19900"
expect_status 1 "$SIMLOOP" run --engine cpython bursts.py --max-iterations 100
expect_in err.txt "loop-iteration budget of 100 iterations"
expect_status 1 "$SIMLOOP" run bursts.py --max-iterations 100
expect_in err.txt "loop-iteration budget of 100 iterations"
exit 0

# The options that give a program its machine and its budgets work under
# --engine cpython as under simloop's engine: --path, --setenv, -- ARG...,
# --max-iterations, --max-wall, --max-memory (docs/cpython.md "Options").
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || exit 77  # CPython mode needs a python3; a broken engine must fail, not skip

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
# --max-memory: one request larger than the room left is the program's
# MemoryError (it may catch it); memory held in small steps ends the run
# as budget; both engines, the same words
cat >large.py <<'PY'
import asyncio
async def main():
    try:
        x = [0] * 10**9
    except MemoryError:
        print("caught MemoryError")
    await asyncio.sleep(0.1)
    y = [0] * 10**9
asyncio.run(main())
PY
cat >held.py <<'PY'
import asyncio
held = []
async def grow():
    while True:
        held.append("x" * 10000)
        if len(held) % 100 == 0:
            await asyncio.sleep(0)
async def main():
    await asyncio.gather(grow(), asyncio.sleep(1000))
asyncio.run(main())
PY
cat >callback.py <<'PY'
import asyncio
held = []
def grow(loop):
    held.append(bytearray(100000))
    loop.call_soon(grow, loop)
async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(grow, loop)
    await asyncio.sleep(1)
asyncio.run(main())
PY
for engine in simloop cpython; do
  expect_status 1 "$SIMLOOP" run --engine $engine large.py --max-memory 200M
  expect_in out.txt "caught MemoryError"
  expect_in err.txt "y = [0] * 10**9"
  tail -n 1 err.txt | grep -qx "MemoryError" || fail "$engine: large.py did not end with MemoryError"
  # the default budget (4 GiB) refuses 8 GB at once too
  expect_status 1 "$SIMLOOP" run --engine $engine large.py
  expect_in out.txt "caught MemoryError"
  for prog in held.py callback.py; do
    expect_status 1 "$SIMLOOP" run --engine $engine $prog --max-memory 100M
    expect_in err.txt "simloop: memory budget of 100 MiB exhausted (--max-memory)"
  done
done
# explore: every schedule of held.py is a budget; replay gives it again
expect_status 1 "$SIMLOOP" explore --engine cpython held.py --max-memory 64M --runs 3 --no-db \
  -o held.log
expect_in out.txt "budget: memory budget of 64 MiB exhausted (--max-memory)"
expect_status 1 "$SIMLOOP" replay --engine cpython held.py --max-memory 64M --decisions held.log
expect_in out.txt "memory budget of 64 MiB exhausted (--max-memory)"
exit 0

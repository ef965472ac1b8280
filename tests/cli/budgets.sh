# Issue 13, item 1: a runaway program ends under the default budgets, with
# exit status 1 and a message naming the budget that stopped it, within a
# timeout, under run and explore; the budgets are overridable and 0 is
# refused (it must not silently mean unlimited).
. "$SL_SOURCE_DIR/tests/cli/lib.sh"

# runaway NAME BODY: a scenario whose main() is BODY (one line).
runaway() {
  printf 'import asyncio\nasync def main():\n%s\nasyncio.run(main())\n' "$2" >"$1.py"
}
runaway sleep0 '    while True:
        await asyncio.sleep(0)'
runaway sleep_huge '    await asyncio.sleep(1e308)'
runaway sleep_inf "    await asyncio.sleep(float('inf'))"
runaway busy '    while True:
        pass'

# ends NAME WANT SECONDS cmd...: exit status 1 within SECONDS, WANT in the output.
ends() {
  name=$1 want=$2 limit=$3
  shift 3
  timeout "$limit" "$@" >out.txt 2>err.txt
  got=$?
  [ "$got" = 124 ] && fail "$name: '$*' still running after ${limit}s"
  [ "$got" = 1 ] || { cat out.txt err.txt >&2; fail "$name: '$*' exited $got, expected 1"; }
  cat out.txt err.txt >both.txt
  expect_in both.txt "$want"
}

steps="step budget of 100000 steps exhausted (--max-steps)"
vtime="virtual-time budget of 10000000.0 seconds exhausted (--max-time)"
loops="loop-iteration budget of 1000000 iterations in one step exhausted (--max-iterations)"
for cmd in run "explore --runs 3 --no-db -o run.decisions"; do
  ends sleep0 "$steps" 60 $SIMLOOP $cmd sleep0.py
  ends sleep_huge "$vtime" 30 $SIMLOOP $cmd sleep_huge.py
  ends sleep_inf "$vtime" 30 $SIMLOOP $cmd sleep_inf.py
done
# Stopped in well under a second per explored run (3 runs).
ends busy "$loops" 4 $SIMLOOP explore --runs 3 --no-db -o run.decisions busy.py
# `run` lets CPU-bound loops finish as CPython does (1e9 iterations in one
# step, tens of seconds; the wall clock still bounds it): a loop of 3e6
# iterations, past explore's budget, prints its result under run.
printf 'import asyncio\nasync def main():\n    n = 0\n    for i in range(3000000):\n        n = n + 1\n    print(n)\nasyncio.run(main())\n' >cpu.py
expect_status 0 $SIMLOOP run cpu.py
expect_in out.txt 3000000
ends cpu_explore "$loops" 10 $SIMLOOP explore --runs 1 --no-db -o cpu.decisions cpu.py
ends busy_run "loop-iteration budget of 2000000 iterations" 10 $SIMLOOP run busy.py --max-iterations 2000000
# The count is per loop step and covers every task the step runs: two
# tasks' loops of 400 and 600 in one step, then 1 + 400 and 1 + 600 (each
# outer loop's jump back after its await): 1002 is the most in one step.
printf 'import asyncio\nasync def spin(k):\n    for r in range(3):\n        for i in range(k):\n            pass\n        await asyncio.sleep(0)\nasync def main():\n    await asyncio.gather(spin(400), spin(600))\n    print("done")\nasyncio.run(main())\n' >per_step.py
expect_status 0 $SIMLOOP run per_step.py --max-iterations 1002
expect_in out.txt done
ends per_step "loop-iteration budget of 1001 iterations in one step" 10 \
  $SIMLOOP run per_step.py --max-iterations 1001
ends replay "$loops" 4 $SIMLOOP replay busy.py --seed 0 --quiet
expect_status 0 timeout 60 $SIMLOOP minimize sleep0.py --decisions run.decisions -o -
expect_in out.txt "fails the same way: budget: $steps"

# Overridden: each option names itself.
ends steps "step budget of 50 steps exhausted (--max-steps)" 10 \
  $SIMLOOP run sleep0.py --max-steps 50
ends time "virtual-time budget of 100.0 seconds exhausted (--max-time)" 10 \
  $SIMLOOP run sleep_inf.py --max-time 100
ends loops "loop-iteration budget of 1000 iterations in one step" 10 \
  $SIMLOOP explore busy.py --runs 1 --no-db -o x.decisions --max-iterations 1000
ends wall "wall-clock budget of 0.3 seconds exhausted (--max-wall)" 10 \
  $SIMLOOP run busy.py --max-iterations 100000000000 --max-wall 0.3
ends wall_steps "wall-clock budget of 0.2 seconds exhausted (--max-wall)" 10 \
  $SIMLOOP run sleep0.py --max-steps 100000000000 --max-wall 0.2
# Steps of 20,000 loop iterations each (under the VM's 65536 per poll):
# the loop reads the clock every 128 steps and the VM polls every 65536
# iterations counted across steps (sim/vselector.c), so a 0.3 s budget
# ends the run well within 3 s (measured: 0.4 s).
runaway middling '    while True:
        for i in range(20000):
            pass
        await asyncio.sleep(0)'
ends wall_middling "wall-clock budget of 0.3 seconds exhausted (--max-wall)" 3 \
  $SIMLOOP run middling.py --max-steps 100000000000 --max-wall 0.3

# time.sleep inside a callback moves the clock past --max-time: the run
# ends right after that callback, though a plain run calls the selector
# only every 256 handles otherwise (sim/vselector.c vs_handle_done_plain).
printf 'import asyncio, time\nasync def main():\n    loop = asyncio.get_running_loop()\n    n = 0\n    def tick():\n        nonlocal n\n        n += 1\n        if loop.time() > 10.5:\n            print("late", n)\n        if n %% 300 == 0:\n            time.sleep(1)\n            print("slept", n, loop.time())\n        loop.call_soon(tick)\n    loop.call_soon(tick)\n    await loop.create_future()\ntime.sleep(3)\nasyncio.run(main())\n' >sleepy.py
ends sleepy "virtual-time budget of 10.5 seconds exhausted (--max-time)" 10 \
  $SIMLOOP run sleepy.py --max-time 10.5
expect_in out.txt "slept 2400 11.0"
grep -q "late" out.txt && fail "sleepy: a callback ran after the time budget ran out"

# A program that finishes inside the budgets is not touched.
printf 'import asyncio\nasync def main():\n    n = 0\n    for i in range(100000):\n        n += i\n    await asyncio.sleep(86400)\n    print(n)\nasyncio.run(main())\n' >fine.py
expect_status 0 $SIMLOOP run fine.py
expect_in out.txt 4999950000

# 0 is not "unlimited".
for cmd in run explore replay minimize conform; do
  for opt in --max-steps --max-iterations --max-time --max-wall; do
    [ "$cmd/$opt" = conform/--max-time ] && continue # the oracle has no clock budget
    expect_status 2 $SIMLOOP $cmd fine.py $opt 0
    expect_in err.txt "$opt '0': expected"
  done
done

# Issue 13, item 2: a task polling the virtual clock with sleep(0) is a
# livelock on the virtual clock, named with its task and line.
printf 'import asyncio\nimport time\nasync def poll():\n    start = time.monotonic()\n    while time.monotonic() - start < 1.0:\n        await asyncio.sleep(0)\nasync def main():\n    await asyncio.gather(poll(), asyncio.sleep(0))\nasyncio.run(main())\n' >poll.py
ends poll "livelock on the virtual clock: virtual time stayed at 0.0 for the last 100000 steps" 60 \
  $SIMLOOP run poll.py
expect_in both.txt "task 'Task-2' (poll) keeps running without waiting at poll.py:6 in poll"

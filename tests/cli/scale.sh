# Cost that grows as CPython's does (issue 14): gather, wait, TaskGroup and
# as_completed over N tasks and a heap of N timers cost about N (N log N),
# not N squared, and a long run's memory stays flat. Each program runs at
# two sizes; the CPU ratio of a quadratic cost would be 16 for 4x the size,
# a linear one about 4 (allowance for a loaded machine: 8).
. "$(dirname "$0")/lib.sh"

# measure FILE N: "CPU_SECONDS PEAK_KB" of `simloop run FILE -- N`, or
# "fail" (its output is left in out.txt).
measure() {
  python3 -c 'import resource, subprocess, sys
with open("out.txt", "w") as o, open("err.txt", "w") as e:
    rc = subprocess.run(sys.argv[1:], stdout=o, stderr=e, timeout=300).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %d" % (r.ru_utime + r.ru_stime, r.ru_maxrss) if rc == 0 else "fail")' \
    "$SIMLOOP" run "$1" --max-steps 100000000 -- "$2"
}

# grows FILE SMALL LARGE EXPECT_SMALL EXPECT_LARGE: the CPU ratio of the
# two sizes is under 8 (LARGE is 4 x SMALL); each prints what CPython does.
grows() {
  a=$(measure "$1" "$2"); [ "$a" != fail ] || { cat err.txt >&2; fail "$1 $2 failed"; }
  expect_in out.txt "$4"
  b=$(measure "$1" "$3"); [ "$b" != fail ] || { cat err.txt >&2; fail "$1 $3 failed"; }
  expect_in out.txt "$5"
  ratio=$(echo "$a $b" | awk '{ s = $1 < 0.05 ? 0.05 : $1; printf "%.1f", $3 / s }')
  echo "$1: $2 -> $3: CPU $a -> $b (x$ratio)"
  awk -v r="$ratio" 'BEGIN { exit !(r < 8) }' || fail "$1: $2 -> $3 costs x$ratio CPU (quadratic?)"
}

cat >tasks.py <<'PY'
import asyncio, sys
N = int(sys.argv[1])
async def one(i):
    await asyncio.sleep(0)
    return i
async def main():
    r = await asyncio.gather(*[one(i) for i in range(N)])
    done, _ = await asyncio.wait([asyncio.ensure_future(one(i)) for i in range(N)])
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(one(i)) for i in range(N)]
    s = 0
    for f in asyncio.as_completed([one(i) for i in range(N)]):
        s += await f
    print(sum(r), len(done), sum(t.result() for t in ts), s)
asyncio.run(main())
PY
grows tasks.py 10000 40000 "49995000 10000 49995000 49995000" \
  "799980000 40000 799980000 799980000"

cat >timers.py <<'PY'
import asyncio, sys
N = int(sys.argv[1])
async def main():
    loop = asyncio.get_running_loop()
    fired = []
    done = loop.create_future()
    def tick(i):
        fired.append(i)
        if len(fired) == N:
            done.set_result(None)
    for i in range(N):
        loop.call_later((i * 7919 % 1000) / 1000, tick, i)
    await done
    print(len(fired), fired[0], fired[-1])
asyncio.run(main())
PY
grows timers.py 100000 400000 "100000 0 64321" "400000 0 318321"

# A long run's memory is flat: 4 million steps within a 512 KiB memory
# budget (simloop's allocator's bytes, docs/cli.md "Budgets"): a byte kept
# per step would need 4 MiB. The same budget stops a program that keeps a
# little per step, so the check can fail.
cat >steps.py <<'PY'
import asyncio, sys
N = int(sys.argv[1])
async def main():
    kept = [] if len(sys.argv) > 2 else None
    for i in range(N):
        if kept is not None:
            kept.append(i)
        await asyncio.sleep(0)
    print("done", N)
asyncio.run(main())
PY
expect_status 0 "$SIMLOOP" run steps.py --max-steps 100000000 --max-memory 512K -- 4000000
expect_in out.txt "done 4000000"
expect_status 1 "$SIMLOOP" run steps.py --max-steps 100000000 --max-memory 512K -- 4000000 keep
expect_in err.txt "memory budget of 512 KiB exhausted"

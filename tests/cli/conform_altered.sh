# THE KEY TEST, end to end: `simloop conform` against an oracle whose trace
# has one handle renamed in step k reports the divergence at exactly step
# k (the stand-in oracle in fake_oracle/ wraps the real one).
. "$(dirname "$0")/lib.sh"
command -v /usr/bin/python3 >/dev/null || { echo "no native CPython"; exit 77; }
cat >s.py <<'PY'
import asyncio

async def work(n):
    await asyncio.sleep(n)
    return n

async def main():
    t = asyncio.get_running_loop().create_task(work(0.5))
    print("started")
    await asyncio.sleep(1)
    print(await t)

asyncio.run(main())
PY
export SL_REAL_ORACLE="$SL_SOURCE_DIR/oracle"
export SIMLOOP_ORACLE="$SL_SOURCE_DIR/tests/cli/fake_oracle"

# Unaltered, the two engines agree (if they do not, the engine is wrong and
# this test cannot say anything about diff).
expect_status 0 "$SIMLOOP" conform s.py --python 3.11 --db c.db
expect_in out.txt "identical  s.py"
expect_status 0 "$SIMLOOP" show --db c.db --list
[ "$(wc -l <out.txt)" = 2 ] || fail "conform --db did not store both runs"

steps=$(PYTHONPATH="$SL_REAL_ORACLE" /usr/bin/python3 -m simloop_oracle run s.py --jsonl - | grep -c '"ev":"step"')
for k in 1 3 $steps; do
  SL_ALTER_STEP=$k expect_status 1 "$SIMLOOP" conform s.py --python 3.11
  expect_in out.txt "DIVERGES   s.py"
  expect_in out.txt "first divergence: step $k "
  expect_in out.txt "soon:user altered"
done

# Bad input: exit 2.
expect_status 2 "$SIMLOOP" conform nosuch.py --python 3.11
expect_in err.txt "nosuch.py: cannot read: No such file or directory"
expect_status 2 "$SIMLOOP" conform s.py --python 2.7
expect_in err.txt "unknown --python '2.7'"
expect_status 2 "$SIMLOOP" conform s.py --python 3.11 --seed notanumber
expect_in err.txt "--seed needs a non-negative integer"
exit 0

# The simulated machine from the command line (sim/progenv.h): the
# program's own modules beside it and in --path, a module that does not
# parse (exit 2 naming its file), --setenv, sys.argv after `--`; and the
# oracle given the same machine (conform).
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
mkdir -p prog lib
cat >prog/main.py <<'PY'
import asyncio
import os
import sys
import helper
from libmod import NAME

async def main():
    await asyncio.sleep(helper.PAUSE)
    print(helper.__name__, NAME, sys.argv[1:], os.environ.get("MODE"), os.getenv("LEVEL", "none"))

asyncio.run(main())
PY
echo 'PAUSE = 0.5' >prog/helper.py
echo 'NAME = "from lib"' >lib/libmod.py

# Without --path the module is not found: a compile error naming it.
expect_status 2 $SIMLOOP run prog/main.py
expect_in err.txt "prog/main.py:5:6: error: module 'libmod' is not supported by simloop"
expect_in err.txt "the program's own modules are found beside it and in --path"

expect_status 0 $SIMLOOP run prog/main.py --path lib --setenv MODE=fast -- one --two
expect_in out.txt "helper from lib ['one', '--two'] fast none"
# Options may follow `--` only as the program's arguments.
expect_status 0 $SIMLOOP run --path=lib prog/main.py -- --setenv X=1
expect_in out.txt "helper from lib ['--setenv', 'X=1'] None none"
expect_status 2 $SIMLOOP run prog/main.py --path lib --setenv NOEQUALS
expect_in err.txt "simloop run: --setenv wants NAME=VALUE, not 'NOEQUALS'"

# A module that does not parse: exit 2, the diagnostic names that file.
printf 'PAUSE = (\n' >prog/helper.py
expect_status 2 $SIMLOOP run prog/main.py --path lib
expect_in err.txt "prog/helper.py:1:"
expect_in err.txt "error:"
# ... also for the commands that run many schedules.
expect_status 2 $SIMLOOP explore prog/main.py --path lib --runs 3 --no-db
expect_in err.txt "prog/helper.py:1:"
echo 'PAUSE = 0.5' >prog/helper.py
expect_status 0 $SIMLOOP explore prog/main.py --path lib --runs 3 --no-db

# sys.exit(): the exit status CPython's interpreter gives.
printf 'import sys\nprint("before")\nsys.exit(3)\n' >exit3.py
expect_status 3 $SIMLOOP run exit3.py
expect_in out.txt "before"
printf 'import sys\nsys.exit("bye now")\n' >exitmsg.py
expect_status 1 $SIMLOOP run exitmsg.py
expect_in err.txt "bye now"
printf 'import sys\nprint("x", file=sys.stderr)\nsys.exit()\n' >exit0.py
expect_status 0 $SIMLOOP run exit0.py
expect_in err.txt "x"

# time.sleep in a task: the run goes on, and stderr says who blocked the loop.
cat >blocking.py <<'PY'
import asyncio, time

async def worker():
    await asyncio.sleep(0.1)
    time.sleep(0.5)
    print("worker done at", asyncio.get_running_loop().time())

async def main():
    t = asyncio.create_task(worker(), name="slow-worker")
    await asyncio.sleep(0.2)
    print("main woke at", asyncio.get_running_loop().time())
    await t

asyncio.run(main())
PY
expect_status 0 $SIMLOOP run blocking.py
expect_in out.txt "main woke at 0.6"
expect_in err.txt "simloop: blocking call: time.sleep(0.5) in task 'slow-worker' (worker() at blocking.py:5) blocked the event loop for 0.5 s"

# explore's replay and minimize lines give the same machine.
cat >strict.py <<'PY'
import asyncio, os, sys
async def main():
    await asyncio.sleep(0.1)
    assert os.environ["MODE"] == "lax", sys.argv[1:]
asyncio.run(main())
PY
expect_status 1 $SIMLOOP explore strict.py --setenv MODE=strict --no-db --runs 3 -o strict.decisions -- a
expect_in out.txt "simloop replay strict.py --decisions strict.decisions --setenv MODE=strict -- a"
expect_status 1 $SIMLOOP replay strict.py --decisions strict.decisions --setenv MODE=strict --quiet -- a

# The oracle runs the program on the same machine.
if [ -x /usr/bin/python3 ]; then
  expect_status 0 $SIMLOOP conform prog/main.py --python 3.11 --path lib --setenv MODE=fast -- a b
  expect_in out.txt "1 of 1 identical"
fi
exit 0

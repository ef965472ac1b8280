# concurrent.futures: ThreadPoolExecutor is the simulated pool (imported
# and run), ProcessPoolExecutor is refused where it is made (exit status
# 1, the traceback names file and line, the message says what to use),
# and a module of the package simloop does not provide is a compile error.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"

cat >prog.py <<'PY'
import asyncio
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        print("thread:", await loop.run_in_executor(pool, sum, [1, 2]))
    with ProcessPoolExecutor(max_workers=2) as pool:
        print("not reached")


asyncio.run(main())
PY
expect_status 1 "$SIMLOOP" run prog.py
expect_in out.txt "thread: 3"
expect_in err.txt 'File "prog.py", line 9, in main'
expect_in err.txt "NotImplementedError: simloop: ProcessPoolExecutor needs processes, which are outside the simulated machine (DESIGN.md section 4): use ThreadPoolExecutor or loop.run_in_executor(None, ...)"

printf 'import concurrent.futures.process\n' >prog.py
expect_status 2 "$SIMLOOP" run prog.py
expect_in err.txt "prog.py:1:8: error: module 'concurrent.futures.process' is not supported by simloop"
exit 0

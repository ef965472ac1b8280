# The Python twin of the C-written program in test_task.c
# (test_program_matches_cpython). Its expected trace there was produced by
# running this file under CPython 3.14.2 (Pyodide) with the oracle:
#   node oracle/pyodide/run.mjs --python 3.14 -- run tests/unit/engine_program.py --jsonl OUT
#   python3 tests/unit/jsonl_to_test_trace.py OUT
import asyncio


async def sleeper(delay):
    await asyncio.sleep(delay)
    return delay


async def failer():
    await asyncio.sleep(0.5)
    raise ValueError("boom")


async def victim():
    await asyncio.sleep(10)


async def main():
    a = asyncio.create_task(sleeper(1))
    b = asyncio.create_task(sleeper(1))
    c = asyncio.create_task(sleeper(0.5))
    v = asyncio.create_task(victim())
    f = asyncio.create_task(failer())
    await asyncio.sleep(0)
    v.cancel("stop")
    try:
        await f
    except ValueError:
        pass
    r = await asyncio.gather(a, b, c)
    try:
        await v
    except asyncio.CancelledError:
        pass
    return r


asyncio.run(main())

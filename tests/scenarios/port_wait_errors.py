# test_tasks.test_wait_errors / test_wait_duplicate_coroutines style:
# argument errors raised before anything is scheduled; the same task twice
# is one task.
import asyncio


async def work():
    await asyncio.sleep(0.5)
    return 1


async def main():
    try:
        await asyncio.wait(set())
    except ValueError as e:
        print("ValueError", e)
    t = asyncio.create_task(work(), name="w")
    try:
        await asyncio.wait([t], return_when=-1)
    except ValueError as e:
        print("ValueError", e)
    done, pending = await asyncio.wait([t, t, t])
    print(len(done), len(pending), [x.result() for x in done])
    print(asyncio.get_running_loop().time())


asyncio.run(main())

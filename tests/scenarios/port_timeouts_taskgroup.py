# test_timeouts test_timeout_taskgroup: a timeout around a TaskGroup
# cancels the children and becomes TimeoutError.
import asyncio


async def child(log, i):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append(i)
        raise


async def main():
    log = []
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.5):
            async with asyncio.TaskGroup() as tg:
                for i in range(3):
                    tg.create_task(child(log, i))
    except TimeoutError:
        print("TimeoutError", log, loop.time())
    print(asyncio.current_task().cancelling())


asyncio.run(main())

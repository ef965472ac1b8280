# A child fails while another child is still handling its cancellation
# (it sleeps in its except block and then fails too): both errors are kept.
import asyncio


async def slow_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.2)
        raise RuntimeError("cleanup failed")


async def failer():
    await asyncio.sleep(0.1)
    raise ValueError("first")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow_cleanup())
            tg.create_task(failer())
    except ExceptionGroup as eg:
        print(eg.message, sorted(type(e).__name__ for e in eg.exceptions))
    print(asyncio.get_running_loop().time())


asyncio.run(main())

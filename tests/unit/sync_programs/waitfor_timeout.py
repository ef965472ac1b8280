# test_sync.c test_wait_for_timeout (research 6.2.1): 3.11 runs work() in an
# inner task with _release_waiter; 3.12+ awaits it inline under timeout().
import asyncio


async def work():
    await asyncio.sleep(5)


async def main():
    try:
        await asyncio.wait_for(work(), 2)
    except TimeoutError:
        pass


asyncio.run(main())

# test_sync.c test_shield (research 6.5.1): 3.14 adds the
# _clear_awaited_by_callback handle before _inner_done_callback.
import asyncio


async def work():
    await asyncio.sleep(1)
    return 42


async def main():
    inner = asyncio.create_task(work())
    await asyncio.shield(inner)


asyncio.run(main())

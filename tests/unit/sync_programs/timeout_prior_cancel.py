# test_sync.c test_timeout_prior_cancel (research 6.1): a caught cancel leaves
# cancelling() == 1; 3.11.2 lets CancelledError escape the timeout block,
# 3.11.3+ converts to TimeoutError. Same handles, different outcome.
import asyncio


async def main():
    t = asyncio.current_task()
    t.cancel()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    async with asyncio.timeout(0.5):
        await asyncio.sleep(1)


asyncio.run(main())

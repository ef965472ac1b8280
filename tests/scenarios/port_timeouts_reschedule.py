# test_timeouts test_reschedule / test_timeout_when / test_repr-free state
# checks: reschedule moves the deadline, None disables it; when() reports it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(None)
    print(cm.when(), cm.expired())
    async with cm:
        cm.reschedule(loop.time() + 0.1)
        print(cm.when())
        cm.reschedule(None)
        await asyncio.sleep(0.2)
    print("survived", loop.time(), cm.expired())
    try:
        async with asyncio.timeout(0.1) as cm:
            cm.reschedule(loop.time() + 0.5)
            await asyncio.sleep(0.3)
            print("still alive", loop.time())
            cm.reschedule(loop.time() - 1)
            await asyncio.sleep(0)
            print("never")
    except TimeoutError:
        print("TimeoutError", loop.time(), cm.expired())


asyncio.run(main())

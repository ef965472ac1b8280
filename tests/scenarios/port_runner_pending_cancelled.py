# test_runners: tasks still pending when main() returns are cancelled by
# asyncio.run (_cancel_all_tasks) and run to completion.
import asyncio


async def bg(name, log):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(name, "cancelled at", asyncio.get_running_loop().time())
        raise
    finally:
        print(name, "finally")


async def main():
    log = []
    asyncio.create_task(bg("a", log))
    asyncio.create_task(bg("b", log))
    await asyncio.sleep(1)
    print("main returns")
    return 5


print(asyncio.run(main()))

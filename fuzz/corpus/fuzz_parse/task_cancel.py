import asyncio

async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "cancelled with", e.args)
        raise
    finally:
        print(name, "cleanup")

async def main():
    t = asyncio.create_task(sleeper("t1"))
    await asyncio.sleep(1)
    print(t.cancel("stop now"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw", repr(e))
    print(t.cancelled(), t.done())
    u = asyncio.create_task(sleeper("t2"))
    await asyncio.sleep(0)
    u.cancel()
    await asyncio.sleep(0)
    print(u.cancelled())

asyncio.run(main())

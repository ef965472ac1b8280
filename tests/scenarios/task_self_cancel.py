import asyncio

async def main():
    me = asyncio.current_task()
    me.cancel("self")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("cancelled", e.args, me.cancelling())
        print(me.uncancel(), me.cancelling())
    await asyncio.sleep(0.5)
    print("still running", asyncio.get_running_loop().time())

asyncio.run(main())

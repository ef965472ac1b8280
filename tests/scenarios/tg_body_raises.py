# The body of the async with raises: children are aborted and the body's
# exception joins the group.
import asyncio


async def child():
    await asyncio.sleep(1)


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(child())
            await asyncio.sleep(0)
            raise KeyError("body")
    except* KeyError as eg:
        print("group", [repr(e) for e in eg.exceptions], t.cancelled())


asyncio.run(main())

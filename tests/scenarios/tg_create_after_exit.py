# create_task on a finished group raises RuntimeError (repr in message).
import asyncio


async def noop():
    pass


async def main():
    tg = asyncio.TaskGroup()
    c = noop()
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print(e)
    async with tg:
        pass
    c = noop()
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print(e)


asyncio.run(main())

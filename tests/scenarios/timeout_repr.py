# Timeout's repr through its states (when rounded to 3 decimals).
import asyncio


async def main():
    cm = asyncio.timeout(1.23456)
    print(repr(cm))
    async with cm:
        print(repr(cm))
    print(repr(cm))
    try:
        cm.reschedule(3)
    except RuntimeError as e:
        print(e)


asyncio.run(main())

import asyncio

from . import LOADS

LOADS.append("delays")


async def delay(seconds, tag):
    await asyncio.sleep(seconds)
    print("slept", seconds, tag)
    return tag

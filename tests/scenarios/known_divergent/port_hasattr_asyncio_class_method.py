# hasattr() on an asyncio class for one of its methods: CPython True,
# simloop False (the class object does not expose its methods).
import asyncio


async def main():
    print(hasattr(asyncio.Queue, "get"), hasattr(asyncio.Lock, "acquire"))
    print(hasattr(asyncio.Queue(), "get"))


asyncio.run(main())

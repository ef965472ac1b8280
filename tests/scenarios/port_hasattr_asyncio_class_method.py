# hasattr() on an asyncio class for one of its methods (the version guard
# of test_queues' Queue.shutdown tests): the class exposes its methods.
import asyncio


async def main():
    print(hasattr(asyncio.Queue, "get"), hasattr(asyncio.Lock, "acquire"))
    print(hasattr(asyncio.Queue(), "get"))


asyncio.run(main())

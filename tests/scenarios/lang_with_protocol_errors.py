# The TypeError of a with / async with on an object missing a protocol's
# methods: which lookup missed, and on 3.14 the suggestion of the other
# statement when the object supports its protocol.
import asyncio


class OnlyEnter:
    async def __aenter__(self):
        return 1


class OnlyExit:
    async def __aexit__(self, *a):
        return 1


class Sync:
    def __enter__(self):
        return 1

    def __exit__(self, *a):
        return 1


class Async:
    async def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        return 1


async def main():
    for m in (42, OnlyEnter(), OnlyExit(), Sync()):
        try:
            async with m:
                pass
        except TypeError as e:
            print("async", e)
    for m in (42, Async()):
        try:
            with m:
                pass
        except TypeError as e:
            print("sync", e)


asyncio.run(main())

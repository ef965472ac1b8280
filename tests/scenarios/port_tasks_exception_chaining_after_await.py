# test_tasks.test_exception_chaining_after_await /
# _with_context_issue: an exception raised after an await inside an except
# block keeps the handled exception as __context__; one raised after the
# handler ended has none.
import asyncio


async def raise_after_await():
    try:
        raise KeyError("first")
    except KeyError:
        await asyncio.sleep(0)
        raise ValueError("second")


async def raise_later():
    try:
        raise KeyError("first")
    except KeyError:
        pass
    await asyncio.sleep(0)
    raise ValueError("third")


async def main():
    for coro_fn in (raise_after_await, raise_later):
        t = asyncio.create_task(coro_fn())
        try:
            await t
        except ValueError as e:
            print(e, repr(e.__context__))


asyncio.run(main())

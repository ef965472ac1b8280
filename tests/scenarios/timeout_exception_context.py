# Exception chains (__context__, __cause__, __suppress_context__) of the
# TimeoutError and CancelledError that timeouts and cancellation raise
# while the task is handling another exception, and nested timeouts that
# expire inside a finally. 3.11.2 raises TimeoutError with a bare
# `raise` (context only); 3.11.3+ raises it `from` the CancelledError.
import asyncio


def describe(e):
    parts = []
    depth = 0
    while e is not None and depth < 6:
        text = f"{type(e).__name__}({', '.join(map(str, e.args))})"
        if e.__cause__ is not None:
            text += f" cause={type(e.__cause__).__name__}"
        if e.__suppress_context__:
            text += " suppressed"
        parts.append(text)
        e = e.__context__
        depth += 1
    return " <- ".join(parts)


async def timeout_while_handling():
    try:
        async with asyncio.timeout(1):
            try:
                1 / 0
            except ZeroDivisionError:
                await asyncio.sleep(5)
    except TimeoutError as e:
        print("timeout while handling:", describe(e))


async def slow():
    await asyncio.sleep(10)
    return "late"


async def wait_for_while_handling():
    try:
        try:
            raise KeyError("lookup")
        except KeyError:
            await asyncio.wait_for(slow(), 1)
    except TimeoutError as e:
        print("wait_for while handling:", describe(e))


async def wait_for_inner_handling():
    async def inner():
        try:
            raise ValueError("inner")
        except ValueError:
            await asyncio.sleep(5)

    try:
        await asyncio.wait_for(inner(), 1)
    except TimeoutError as e:
        print("wait_for, inner handling:", describe(e))


async def nested_in_finally():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            finally:
                async with asyncio.timeout(1):
                    await asyncio.sleep(5)
    except TimeoutError as e:
        print("nested in finally:", describe(e))


async def inner_expires_outer_in_finally():
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(0.5):
                    await asyncio.sleep(5)
            finally:
                await asyncio.sleep(5)
    except TimeoutError as e:
        print("outer expires in finally:", describe(e))


async def inner_timeout_caught_then_handling():
    try:
        async with asyncio.timeout(2):
            try:
                async with asyncio.timeout(0.5):
                    await asyncio.sleep(5)
            except TimeoutError:
                await asyncio.sleep(5)
    except TimeoutError as e:
        print("expires in except TimeoutError:", describe(e))


async def cancel_while_handling():
    async def worker():
        try:
            raise OSError("disk")
        except OSError:
            await asyncio.sleep(5)

    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled while handling:", describe(e))


async def cancel_caught_reraised_other():
    async def worker():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            raise RuntimeError("shutting down")

    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except RuntimeError as e:
        print("cancel turned into:", describe(e))


async def main():
    for case in (
        timeout_while_handling,
        wait_for_while_handling,
        wait_for_inner_handling,
        nested_in_finally,
        inner_expires_outer_in_finally,
        inner_timeout_caught_then_handling,
        cancel_while_handling,
        cancel_caught_reraised_other,
    ):
        await case()


asyncio.run(main())

import asyncio

async def fail(i):
    await asyncio.sleep(0.1 * i)
    raise ValueError(i)

async def main():
    results = await asyncio.gather(*[fail(i) for i in range(3)], return_exceptions=True)
    errors = [r for r in results if isinstance(r, Exception)]
    try:
        raise ExceptionGroup("gathered", errors)
    except* ValueError as eg:
        print(len(eg.exceptions), [e.args[0] for e in eg.exceptions])

asyncio.run(main())

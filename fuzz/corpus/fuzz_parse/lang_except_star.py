import asyncio

async def main():
    try:
        raise ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as eg:
        print("values", repr(eg), eg.exceptions)
    except* TypeError as eg:
        print("types", eg.message, len(eg.exceptions))
    try:
        raise KeyError("naked")
    except* KeyError as eg:
        print("naked", repr(eg))
    try:
        try:
            raise ExceptionGroup("g", [ValueError("a"), OSError("b")])
        except* ValueError:
            print("handled values")
    except* OSError as rest:
        print("rest", repr(rest))

asyncio.run(main())

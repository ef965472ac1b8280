import asyncio

async def main():
    tests = [
        lambda: exec_raise(5),
        lambda: exec_raise(KeyError),
        lambda: exec_raise(KeyError("x")),
    ]
    for t in tests:
        try:
            t()
        except TypeError as e:
            print("TypeError:", e)
        except KeyError as e:
            print("KeyError:", repr(e))
    try:
        raise
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            raise
    except ValueError as e:
        print("re-raised", e)
    try:
        raise TypeError("x") from None
    except TypeError as e:
        print(e.__cause__, e.__suppress_context__)

def exec_raise(x):
    raise x

asyncio.run(main())

import asyncio

def f():
    try:
        return "try"
    finally:
        return "finally"

def g():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed by return"

def h():
    try:
        raise ValueError("first")
    finally:
        try:
            raise KeyError("second")
        except KeyError as e:
            print("inner context:", repr(e.__context__))

async def main():
    print(f(), g())
    try:
        h()
    except ValueError as e:
        print("outer", repr(e), e.__context__)

asyncio.run(main())

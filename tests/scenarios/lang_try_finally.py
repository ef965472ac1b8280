import asyncio

def f(x):
    try:
        if x == 0:
            return "zero"
        if x == 1:
            raise ValueError("one")
        return "other"
    except ValueError as e:
        return f"caught {e}"
    else:
        print("no exception")
    finally:
        print("finally", x)

def loop_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    return out

def swallow():
    for _ in range(1):
        try:
            raise KeyError("x")
        finally:
            break
    return "swallowed"

async def main():
    for x in range(3):
        print(f(x))
    print(loop_finally())
    print(swallow())
    try:
        try:
            raise ValueError(1)
        finally:
            print("cleanup")
    except ValueError as e:
        print("outer", e)
    else:
        print("unreachable")

asyncio.run(main())

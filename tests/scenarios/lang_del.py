import asyncio

g = 1

async def main():
    global g
    x = [1, 2, 3, 4]
    d = {"a": 1, "b": 2}
    del x[0], d["a"]
    print(x, d)
    del g
    try:
        print(g)
    except NameError as e:
        print("NameError:", e)
    y = 5
    del y
    try:
        del y
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    try:
        del d["zz"]
    except KeyError as e:
        print("KeyError:", e)

asyncio.run(main())

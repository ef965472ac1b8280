import asyncio

async def main():
    values = [1, 1.5, "s", None, True, [1], (1,), {1: 2}, {1}, range(3), len]
    print([type(v).__name__ for v in values])
    print(isinstance(True, int), isinstance(1, (str, float)), isinstance("x", str))
    print(int("  42 "), int(-3.7), int(True), str(12), str(None), bool([]), bool("0"))
    print(list("abc"), tuple(range(2, 5)), dict([("a", 1)]), set([1, 1, 2]))
    for bad in ["x", "1.5"]:
        try:
            int(bad)
        except ValueError as e:
            print("ValueError:", e)
    try:
        float("abc")
    except ValueError as e:
        print("ValueError:", e)
    try:
        len(5)
    except TypeError as e:
        print("TypeError:", e)
    try:
        "a" + 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        [1, 2][5]
    except IndexError as e:
        print("IndexError:", e)

asyncio.run(main())

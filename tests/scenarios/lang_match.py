# match statements: literal, capture, wildcard, value (dotted) patterns,
# sequences with star captures, mappings with **rest, class patterns with
# positional __match_args__ and keywords, OR patterns, guards, `as`, and a
# coroutine dispatching messages from a queue with them.
import asyncio


class Color:
    RED = "red"
    GREEN = "green"


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Circle:
    __match_args__ = ("center", "r")

    def __init__(self, center, r):
        self.center = center
        self.r = r


def describe(v):
    match v:
        case None:
            return "nothing"
        case True | False as flag:
            return f"flag {flag}"
        case 0:
            return "zero"
        case -1 | 1.5:
            return "special number"
        case int(n) if n > 100:
            return f"big {n}"
        case int() | float():
            return f"number {v}"
        case "quit" | "exit":
            return "bye"
        case Color.RED:
            return "the color red"
        case str(s):
            return f"text {s!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [Point(x=0, y=0), *rest]:
            return f"origin then {len(rest)} more"
        case [first, *_, last]:
            return f"from {first} to {last}"
        case (a, b):
            return f"pair {a} {b}"
        case {"action": "move", "to": Point(x, y)}:
            return f"move to {x},{y}"
        case {"action": action, **others} if others:
            return f"{action} with {sorted(others)}"
        case {"action": action}:
            return f"bare {action}"
        case Point(0, y):
            return f"on the y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Circle(Point(x, y) as c, r=radius):
            return f"circle at {c.x},{c.y} radius {radius}"
        case _:
            return f"other {type(v).__name__}"


async def dispatcher(q, results):
    while True:
        msg = await q.get()
        match msg:
            case ("stop",):
                q.task_done()
                return
            case ("sleep", delay):
                await asyncio.sleep(delay)
                results.append(f"slept {delay}")
            case ("echo", *words):
                results.append(" ".join(words))
            case _:
                results.append(f"unknown {msg!r}")
        q.task_done()


async def main():
    values = [None, True, 0, -1, 1.5, 500, 7, 2.5, "quit", "red", "hi", [], [9],
              [Point(0, 0), 1, 2], [1, 2, 3, 4], (5, 6), {"action": "move", "to": Point(3, 4)},
              {"action": "jump", "height": 2, "speed": 1}, {"action": "sit"}, Point(0, 7),
              Point(2, 2), Point(1, 2), Circle(Point(1, 1), 5), {1, 2}, "abc"[0]]
    for v in values:
        print(describe(v))
    q = asyncio.Queue()
    results = []
    task = asyncio.create_task(dispatcher(q, results))
    for msg in [("echo", "a", "b"), ("sleep", 0.5), ("nope", 1), ("stop",)]:
        await q.put(msg)
    await task
    print(results, asyncio.get_running_loop().time())
    match Point(1, 2), [3]:
        case (Point(x=px), [py]):
            print("tuple subject", px, py)
    try:
        match Point(1, 2):
            case Point(1, 2, 3):
                pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())

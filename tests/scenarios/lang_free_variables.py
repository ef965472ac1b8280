# Free variables read and written through the closure: nonlocal in nested
# closures, one cell shared by several closures and by callbacks and
# tasks on the loop, a free variable deleted and read again (NameError),
# class bodies and methods reading free variables, generators and
# coroutines keeping their closure after the function that made them is
# gone, and an unbound free variable read at the end (a traceback whose
# lines must match).
import asyncio


def nested_counter():
    count = 0

    def middle():
        def inner(step):
            nonlocal count
            count += step
            return count

        def reset():
            nonlocal count
            count = 0

        return inner, reset

    inner, reset = middle()
    return inner, reset, lambda: count


def shared_cells():
    a, b = 1, 2

    def swap():
        nonlocal a, b
        a, b = b, a

    def read():
        return a, b

    def grow():
        nonlocal a
        a = a * 10

    return swap, read, grow


def deletable():
    x = "set"

    def get():
        return x

    def drop():
        nonlocal x
        del x

    def put(v):
        nonlocal x
        x = v

    return get, drop, put


def class_body(label):
    tag = label.upper()

    class Holder:
        name = tag
        size = len(tag)

        def describe(self):
            return f"{tag}:{self.name}:{self.size}"

        def __repr__(self):
            return f"Holder({label!r})"

    return Holder


def gen_closure(limit):
    seen = []

    def gen():
        for i in range(limit):
            seen.append(i)
            yield len(seen)

    return gen, seen


def coro_closure(log):
    total = 0

    async def add(n):
        nonlocal total
        await asyncio.sleep(0)
        total += n
        log.append(total)
        return total

    return add, lambda: total


def late_binding():
    fns = []
    for i in range(3):
        def f():
            return i
        fns.append(f)
    i = 99
    return [f() for f in fns]


def unbound_later():
    def show():
        return value

    result = []
    try:
        show()
    except NameError as e:
        result.append(str(e))
    value = 5
    result.append(show())
    return result


async def main():
    inner, reset, peek = nested_counter()
    print(inner(1), inner(2), peek())
    reset()
    print(peek(), inner(5), peek())

    swap, read, grow = shared_cells()
    swap()
    grow()
    print(read())

    get, drop, put = deletable()
    print(get())
    drop()
    try:
        get()
    except NameError as e:
        print("NameError:", e)
    try:
        drop()
    except NameError as e:
        print("NameError again:", e)
    put("back")
    print(get())

    H = class_body("box")
    h = H()
    print(h.describe(), repr(h), H.name)

    gen, seen = gen_closure(3)
    g = gen()
    del gen
    print(list(g), seen)

    log = []
    add, total = coro_closure(log)
    results = await asyncio.gather(*(add(n) for n in (1, 2, 3)))
    print(results, total(), log)

    loop = asyncio.get_running_loop()
    done = loop.create_future()
    ticks = 0

    def tick():
        nonlocal ticks
        ticks += 1
        if ticks < 5:
            loop.call_soon(tick)
        else:
            done.set_result(ticks)

    loop.call_soon(tick)
    print("ticks", await done)

    print(late_binding(), unbound_later())


asyncio.run(main())

get, drop, put = deletable()
drop()


def report():
    return get()


report()

# Error messages as each CPython release words them: a sweep of common
# mistakes (attributes of objects without a __dict__, await of what is not
# awaitable, constructor arguments of asyncio's classes, builtins), each
# printed with its type. 3.13 and 3.14 changed many of these texts
# (docs/profiles.md lists the switches).
import asyncio


def case_0():
    "abc".x = 1

def case_1():
    (1).x = 1

def case_2():
    [].x = 1

def case_3():
    {}.x = 1

def case_4():
    (1,).x = 1

def case_5():
    None.x = 1

def case_6():
    object().x = 1

def case_7():
    print.x = 1

def case_8():
    setattr(1, "x", 2)

def case_9():
    del (1).x

def case_10():
    del "s".x

def case_11():
    "abc".nope

def case_12():
    None.nope

def case_13():
    str(1, 2, 3, 4)

def case_14():
    str(b"a", "utf-8", "strict", 1)

def case_15():
    int.from_bytes("a", "big")

def case_16():
    chr(2**40)

def case_17():
    chr(-2**40)

def case_18():
    chr(0x110000)

def case_19():
    1 // 0

def case_20():
    1 % 0

def case_21():
    1.0 / 0

def case_22():
    divmod(1, 0)

def case_23():
    {[]: 1}

def case_24():
    {[1]}

def case_25():
    frozenset([[]])

def case_26():
    a, b = [1, 2, 3]

def case_27():
    dict([1])

def case_28():
    {}.update([1])

def case_29():
    [1].index(2)

def case_30():
    "a" in 1

def case_31():
    min([])

def case_32():
    max([])

def case_33():
    asyncio.Lock(1)

def case_34():
    asyncio.Lock(x=1)

def case_35():
    asyncio.Event(1)

def case_36():
    asyncio.Event(loop=1)

def case_37():
    asyncio.TaskGroup(1)

def case_38():
    asyncio.Runner(1, 2, 3)

def case_39():
    asyncio.Semaphore(x=1)

def case_40():
    asyncio.BoundedSemaphore(1, 2)

def case_41():
    asyncio.Condition(None, 2)

def case_42():
    asyncio.Queue(1, 2)

def case_43():
    asyncio.LifoQueue(1, 2)

def case_44():
    asyncio.PriorityQueue(x=1)

def case_45():
    asyncio.Barrier()

def case_46():
    asyncio.Barrier(0)

def case_47():
    asyncio.Semaphore(-1)


async def await_cases():
    for value in (5, "s", None, [1], object()):
        try:
            await value
        except TypeError as e:
            print("await", type(value).__name__, "->", e)
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(None)
    try:
        for f in asyncio.as_completed(fut):
            await f
    except TypeError as e:
        print("as_completed(future) ->", e)

async def main():
    cases = [
        ('"abc".x = 1', case_0),
        ('(1).x = 1', case_1),
        ('[].x = 1', case_2),
        ('{}.x = 1', case_3),
        ('(1,).x = 1', case_4),
        ('None.x = 1', case_5),
        ('object().x = 1', case_6),
        ('print.x = 1', case_7),
        ('setattr(1, "x", 2)', case_8),
        ('del (1).x', case_9),
        ('del "s".x', case_10),
        ('"abc".nope', case_11),
        ('None.nope', case_12),
        ('str(1, 2, 3, 4)', case_13),
        ('str(b"a", "utf-8", "strict", 1)', case_14),
        ('int.from_bytes("a", "big")', case_15),
        ('chr(2**40)', case_16),
        ('chr(-2**40)', case_17),
        ('chr(0x110000)', case_18),
        ('1 // 0', case_19),
        ('1 % 0', case_20),
        ('1.0 / 0', case_21),
        ('divmod(1, 0)', case_22),
        ('{[]: 1}', case_23),
        ('{[1]}', case_24),
        ('frozenset([[]])', case_25),
        ('a, b = [1, 2, 3]', case_26),
        ('dict([1])', case_27),
        ('{}.update([1])', case_28),
        ('[1].index(2)', case_29),
        ('"a" in 1', case_30),
        ('min([])', case_31),
        ('max([])', case_32),
        ('asyncio.Lock(1)', case_33),
        ('asyncio.Lock(x=1)', case_34),
        ('asyncio.Event(1)', case_35),
        ('asyncio.Event(loop=1)', case_36),
        ('asyncio.TaskGroup(1)', case_37),
        ('asyncio.Runner(1, 2, 3)', case_38),
        ('asyncio.Semaphore(x=1)', case_39),
        ('asyncio.BoundedSemaphore(1, 2)', case_40),
        ('asyncio.Condition(None, 2)', case_41),
        ('asyncio.Queue(1, 2)', case_42),
        ('asyncio.LifoQueue(1, 2)', case_43),
        ('asyncio.PriorityQueue(x=1)', case_44),
        ('asyncio.Barrier()', case_45),
        ('asyncio.Barrier(0)', case_46),
        ('asyncio.Semaphore(-1)', case_47),
    ]
    for text, fn in cases:
        try:
            fn()
            print("no error:", text)
        except Exception as e:
            print(text, "->", type(e).__name__ + ":", e)
    await await_cases()


asyncio.run(main())

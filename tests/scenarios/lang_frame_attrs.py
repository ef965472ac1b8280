# What generators, coroutines and async generators show of their code and
# frame (gi_code, gi_frame, cr_code, cr_frame, ag_code, ag_frame), as
# debugging and task-dump helpers read them without inspect.
import asyncio

def gen(n):
    total = 0
    for i in range(n):
        total += i
        yield total

async def agen():
    yield 1

async def work(x):
    await asyncio.sleep(0.1)
    return x

async def main():
    g = gen(3)
    print(g.gi_code.co_name, g.gi_code.co_qualname, g.gi_code.co_firstlineno, g.gi_code.co_varnames, g.gi_code.co_argcount)
    print(g.gi_frame.f_lineno, g.gi_frame.f_locals, g.gi_frame.f_code is g.gi_code, g.gi_frame.f_back)
    next(g); next(g)
    print(g.gi_frame.f_lineno, g.gi_frame.f_locals, g.gi_suspended)
    print(list(g), g.gi_frame, g.gi_code.co_name)
    c = work(5)
    print(c.cr_code.co_name, c.cr_frame.f_lineno, c.cr_running, c.cr_frame.f_locals)
    t = asyncio.create_task(c)
    await asyncio.sleep(0)
    print(t.get_coro().cr_frame.f_lineno, t.get_coro().cr_code.co_filename.endswith(".py"))
    print(await t, c.cr_frame)
    a = agen()
    print(a.ag_code.co_name, a.ag_frame.f_lineno)
    print([x async for x in a], a.ag_frame)

asyncio.run(main())

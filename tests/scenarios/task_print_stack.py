# Task.get_stack() and Task.print_stack() as a program chasing a hang uses
# them: the frame a pending task is suspended in, the traceback of a failed
# task, nothing for a task that returned or was cancelled; limit= and
# file= (without file=, the header goes to sys.stdout and the frames to
# sys.stderr, as base_tasks._task_print_stack prints them).
import asyncio
import io
import sys


async def worker(ev):
    await ev.wait()


async def failing():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def deep(n):
    if n:
        return await deep(n - 1)
    raise KeyError(n)


async def nested():
    await helper()


async def helper():
    await asyncio.sleep(1)


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(worker(ev))
    f = asyncio.create_task(failing())
    d = asyncio.create_task(deep(3))
    n = asyncio.create_task(nested())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print([fr.f_lineno for fr in t.get_stack()], [fr.f_code.co_name for fr in n.get_stack()])
    print(t.get_stack(limit=0), len(t.get_stack(limit=1)), len(t.get_stack(limit=-2)))
    t.print_stack()
    err, sys.stderr = sys.stderr, io.StringIO()
    n.print_stack()
    d.print_stack(limit=1)
    captured, sys.stderr = sys.stderr.getvalue(), err
    print("stderr had:", captured)
    n.print_stack(file=sys.stdout)
    f.print_stack(file=sys.stdout)
    f.print_stack(limit=0, file=sys.stdout)
    d.print_stack(file=sys.stdout)
    d.print_stack(limit=2, file=sys.stdout)
    buf = io.StringIO()
    d.print_stack(file=buf)
    print(buf.getvalue().count("\n"), f.exception())
    ev.set()
    n.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    n.print_stack()
    t.print_stack(file=sys.stdout)
    print(t.get_stack(), n.get_stack())


asyncio.run(main())

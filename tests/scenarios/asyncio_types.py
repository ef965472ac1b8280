# asyncio's classes are classes: their reprs, type() of instances,
# isinstance/issubclass along the bases (LifoQueue is a Queue,
# BoundedSemaphore a Semaphore, Task a Future, TimerHandle a Handle), and
# the methods found on the class itself. Queue.shutdown exists from 3.13.
import asyncio

NAMES = ["Queue", "LifoQueue", "PriorityQueue", "Lock", "Event", "Condition", "Semaphore",
         "BoundedSemaphore", "Barrier", "TaskGroup", "Timeout", "Future", "Task", "Handle",
         "TimerHandle"]

METHODS = {
    "Queue": ["put", "get", "join", "put_nowait", "get_nowait", "task_done", "qsize", "empty",
              "full", "shutdown", "nope"],
    "LifoQueue": ["get", "put_nowait", "shutdown"],
    "PriorityQueue": ["get", "task_done"],
    "Lock": ["acquire", "release", "locked", "__aenter__", "__aexit__", "wait"],
    "Event": ["wait", "set", "clear", "is_set", "acquire"],
    "Condition": ["wait", "wait_for", "notify", "notify_all", "__aenter__", "__aexit__",
                  "acquire", "release", "locked"],
    "Semaphore": ["acquire", "release", "locked", "__aenter__", "__aexit__"],
    "BoundedSemaphore": ["acquire", "release", "locked", "__aexit__"],
    "Barrier": ["wait", "reset", "abort", "__aenter__", "__aexit__", "acquire"],
    "TaskGroup": ["create_task", "__aenter__", "__aexit__", "cancel"],
    "Timeout": ["when", "reschedule", "expired", "__aenter__", "__aexit__"],
    "Future": ["result", "exception", "done", "cancelled", "cancel", "add_done_callback",
               "remove_done_callback", "set_result", "set_exception", "get_loop", "get_name"],
    "Task": ["get_name", "set_name", "cancelling", "uncancel", "get_coro", "result", "cancel",
             "done", "add_done_callback"],
    "Handle": ["cancel", "cancelled", "when"],
    "TimerHandle": ["cancel", "cancelled", "when"],
}


async def child():
    await asyncio.sleep(0)
    return 1


async def main():
    loop = asyncio.get_running_loop()
    for name in NAMES:
        cls = getattr(asyncio, name)
        print(name, cls, type(cls), cls.__name__, cls.__qualname__, cls.__module__,
              isinstance(cls, type), type(cls) is type)
        print("  ", [(m, hasattr(cls, m)) for m in METHODS[name]])

    task = asyncio.create_task(child())
    gathered = asyncio.gather(child())
    handle = loop.call_soon(print, "soon")
    timer = loop.call_later(1, print, "later")
    timer.cancel()
    async with asyncio.TaskGroup() as tg:
        async with asyncio.timeout(5) as tm:
            objs = {
                "Queue": asyncio.Queue(), "LifoQueue": asyncio.LifoQueue(),
                "PriorityQueue": asyncio.PriorityQueue(maxsize=2), "Lock": asyncio.Lock(),
                "Event": asyncio.Event(), "Condition": asyncio.Condition(),
                "Semaphore": asyncio.Semaphore(2), "BoundedSemaphore": asyncio.BoundedSemaphore(),
                "Barrier": asyncio.Barrier(2), "TaskGroup": tg, "Timeout": tm,
                "Future": loop.create_future(), "Task": task, "Handle": handle,
                "TimerHandle": timer, "_GatheringFuture": gathered,
            }
    for key, obj in objs.items():
        t = type(obj)
        print(key, t, t.__name__, obj.__class__ is t,
              [n for n in NAMES if isinstance(obj, getattr(asyncio, n))])
        if key in NAMES:
            print("  ", t is getattr(asyncio, key), isinstance(obj, (int, getattr(asyncio, key))))
    print(type(asyncio.Queue()) is type(asyncio.Queue()), type(asyncio.Lock()) is asyncio.Lock)
    print(isinstance(asyncio.Future(), asyncio.Task), isinstance(5, asyncio.Queue),
          isinstance(asyncio.Queue, asyncio.Queue))
    for a, b in [("LifoQueue", "Queue"), ("Queue", "LifoQueue"), ("PriorityQueue", "LifoQueue"),
                 ("BoundedSemaphore", "Semaphore"), ("Semaphore", "BoundedSemaphore"),
                 ("Task", "Future"), ("Future", "Task"), ("TimerHandle", "Handle"),
                 ("Lock", "Semaphore"), ("Queue", "Queue")]:
        print(a, b, issubclass(getattr(asyncio, a), getattr(asyncio, b)))
    print(issubclass(asyncio.Queue, object), issubclass(type(gathered), asyncio.Future))

    # Methods from the class, called with the instance.
    q = asyncio.Queue()
    asyncio.Queue.put_nowait(q, "x")
    print(asyncio.Queue.qsize(q), asyncio.LifoQueue.get_nowait(q), asyncio.Queue.empty(q))
    print(asyncio.Queue.get.__name__, asyncio.Queue.get.__qualname__,
          asyncio.Task.get_name.__name__, asyncio.Lock.acquire.__qualname__)
    lock = asyncio.Lock()
    await asyncio.Lock.acquire(lock)
    print(asyncio.Lock.locked(lock), asyncio.Future.done(task), asyncio.Task.get_name(task))
    asyncio.Lock.release(lock)
    print(lock.locked(), await task, await gathered)
    try:
        asyncio.Queue.nope
    except AttributeError as e:
        print("AttributeError", e)
    await asyncio.sleep(0)


asyncio.run(main())

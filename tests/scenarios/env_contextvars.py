# contextvars wired as asyncio does: every Task runs its steps in its own
# copy of the context current when it was created (Task(context=None)), so
# two tasks that set the same variable each see their own value and the
# creator's value is untouched; callbacks run in the context they were
# scheduled with (call_soon/call_later copy it, or take context=); a
# request id set by a handler reaches the log lines of everything it calls.
import asyncio
import contextvars
from contextvars import ContextVar, copy_context

request_id = ContextVar("request_id", default="-")
user = ContextVar("user")


def log(msg):
    print(f"[{request_id.get()}] {msg}")


async def db_query(q):
    await asyncio.sleep(0.01)
    log(f"query {q!r}")
    return len(q)


async def handle(rid, delay, name):
    token = request_id.set(rid)
    user.set(name)
    log(f"start for {user.get()}")
    await asyncio.sleep(delay)
    n = await db_query(f"select {rid}")
    child = asyncio.create_task(db_query("child of " + rid))  # inherits the id
    await child
    log(f"done ({n}), user {user.get()}")
    request_id.reset(token)
    log("after reset")
    return rid


async def setter(var, value, seen):
    before = var.get("unset")
    var.set(value)
    await asyncio.sleep(0)
    seen.append((value, before, var.get()))


async def main():
    log("main starts")
    print(await asyncio.gather(handle("r1", 0.05, "ann"), handle("r2", 0.01, "bob"),
                               handle("r3", 0.03, "cy")))
    log("main after gather")
    print("user in main:", user.get("nobody"))

    seen = []
    await asyncio.gather(*(setter(user, f"u{i}", seen) for i in range(4)))
    print(sorted(seen), user.get("nobody"))

    # callbacks: the context at call_soon time, or an explicit one
    loop = asyncio.get_running_loop()
    request_id.set("main-id")
    done = asyncio.Event()
    loop.call_soon(log, "call_soon sees the caller's id")
    request_id.set("changed-after")
    ctx = copy_context()
    ctx.run(request_id.set, "explicit")
    loop.call_later(0.01, log, "call_later with context=", context=ctx)
    loop.call_later(0.02, done.set)
    await done.wait()
    log("main at the end")
    print("ctx holds", ctx[request_id], ctx.get(user, "no user"), request_id in ctx, len(ctx) >= 1)

    # a task created with an explicit context
    ctx2 = contextvars.Context()
    t = asyncio.create_task(setter(request_id, "in-ctx2", seen), context=ctx2)
    await t
    print("ctx2 after task", ctx2[request_id], request_id.get())


def sync_part():
    ctx = copy_context()
    print("run returns", ctx.run(lambda a, b=0: (request_id.set(a), request_id.get(), b)[1:], "sync", b=2))
    print("outside", request_id.get(), "inside", ctx[request_id])
    try:
        ctx.run(ctx.run, print, "nested")
    except RuntimeError as e:
        print("RuntimeError", str(e).split(":")[0])
    try:
        user.get()
    except LookupError:
        print("LookupError for a variable without default")
    t = request_id.set("x")
    request_id.reset(t)
    try:
        request_id.reset(t)
    except RuntimeError as e:
        print("RuntimeError", "has already been used once" in str(e))
    print(request_id.name, t.var is request_id, t.old_value, contextvars.Token.MISSING)


sync_part()
asyncio.run(main())
log("module end")

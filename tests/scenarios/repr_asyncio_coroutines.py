# asyncio's own coroutines (sleep, Lock.acquire, wait_for) print as
# CPython's do: their qualified name and an address. The address itself
# differs between processes, so only its shape is printed.
import asyncio


def shape(obj):
    head, _, addr = repr(obj).partition(" at 0x")
    return head, addr.endswith(">"), all(c in "0123456789abcdef" for c in addr[:-1])


async def main():
    c = asyncio.sleep(0)
    print(shape(c))
    await c
    lock = asyncio.Lock()
    a = lock.acquire()
    print(shape(a))
    await a
    lock.release()
    w = asyncio.wait_for(asyncio.sleep(0), 1)
    print(shape(w))
    await w


asyncio.run(main())

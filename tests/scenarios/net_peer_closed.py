# The peer goes away: a reader blocked in sock_recv sees the end of the
# stream, a writer gets BrokenPipeError, a closed socket EBADF, and an
# empty socket BlockingIOError.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    try:
        a.recv(10)
    except BlockingIOError as e:
        print("empty:", type(e).__name__, e.errno, e.strerror)

    async def closer():
        await asyncio.sleep(0.05)
        b.close()
        print("closed b", loop.time())

    t = asyncio.create_task(closer())
    print("recv:", await loop.sock_recv(a, 10), loop.time())
    try:
        await loop.sock_sendall(a, b"anyone?")
    except BrokenPipeError as e:
        print("sendall:", type(e).__name__, e)
    try:
        b.recv(1)
    except OSError as e:
        print("closed:", type(e).__name__, e)
    print("fileno after close:", b.fileno())
    await t
    a.close()


asyncio.run(main())

# A slow reader: the writer's sock_sendall of 150000 bytes fills the
# connection (64 KiB in the simulated network) and waits until the reader,
# which takes 20000 bytes every 10 ms, has made room.
import asyncio
import socket


async def writer(loop, sock):
    await loop.sock_sendall(sock, b"x" * 150000)
    print("sendall done", loop.time())
    sock.close()


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    w = asyncio.create_task(writer(loop, a))
    total = 0
    while True:
        await asyncio.sleep(0.01)
        data = await loop.sock_recv(b, 20000)
        if not data:
            break
        total += len(data)
        print("read", len(data), "total", total, "writer done", w.done(), loop.time())
    print("eof at", total, loop.time())
    await w
    b.close()


asyncio.run(main())

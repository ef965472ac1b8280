# An echo server task per connection (socket.socketpair), three clients
# sending two messages each; every client reads back exactly what it sent.
import asyncio
import socket


async def serve(loop, name, sock):
    while True:
        data = await loop.sock_recv(sock, 1024)
        if not data:
            print(name, "server: end of stream")
            sock.close()
            return
        await loop.sock_sendall(sock, data)


async def client(loop, name, sock, delay):
    for i in range(2):
        await asyncio.sleep(delay)
        msg = f"{name}-{i}".encode()
        await loop.sock_sendall(sock, msg)
        reply = await loop.sock_recv(sock, 1024)
        print(name, "sent", msg, "got", reply, loop.time())
    sock.close()


async def main():
    loop = asyncio.get_running_loop()
    tasks = []
    for k, name in enumerate(["a", "b", "c"]):
        c, s = socket.socketpair()
        c.setblocking(False)
        s.setblocking(False)
        tasks.append(asyncio.create_task(serve(loop, name, s)))
        tasks.append(asyncio.create_task(client(loop, name, c, 0.01 * (3 - k))))
    await asyncio.gather(*tasks)
    print("done", loop.time())


asyncio.run(main())

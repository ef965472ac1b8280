# Message framing: the server treats each recv() as one whole message.
# On an idle loopback every write arrives whole, so it works; when the
# network delivers a write in two pieces, the server sees half a message.
import asyncio
import socket


async def server(loop, sock, n):
    for _ in range(n):
        msg = await loop.sock_recv(sock, 1024)   # BUG: one recv != one message
        assert msg[-1:] == b"\n", f"torn message: {msg!r}"
        print("server got", msg.decode().strip())
        await loop.sock_sendall(sock, b"ok\n")


async def client(loop, sock, msgs):
    for m in msgs:
        await loop.sock_sendall(sock, m.encode() + b"\n")
        await loop.sock_recv(sock, 1024)


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    msgs = ["hello", "transfer 10", "bye"]
    await asyncio.gather(server(loop, s, len(msgs)), client(loop, c, msgs))
    c.close()
    s.close()


asyncio.run(main())

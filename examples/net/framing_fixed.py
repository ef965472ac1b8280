# framing.py, fixed: the server buffers bytes and splits on newlines, so a
# message delivered in pieces is put back together.
import asyncio
import socket


async def read_line(loop, sock, buf):
    while "\n" not in buf[0]:
        data = await loop.sock_recv(sock, 1024)
        assert data, "connection closed mid-message"
        buf[0] += data.decode()
    line, rest = buf[0].split("\n", 1)
    buf[0] = rest
    return line


async def server(loop, sock, n):
    buf = [""]
    for _ in range(n):
        msg = await read_line(loop, sock, buf)
        print("server got", msg)
        await loop.sock_sendall(sock, b"ok\n")


async def client(loop, sock, msgs):
    buf = [""]
    for m in msgs:
        await loop.sock_sendall(sock, m.encode() + b"\n")
        assert await read_line(loop, sock, buf) == "ok"


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    msgs = ["hello", "transfer 10", "bye"]
    await asyncio.gather(server(loop, s, len(msgs)), client(loop, c, msgs))
    c.close()
    s.close()


asyncio.run(main())

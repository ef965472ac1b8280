# Half close: the client shuts down its sending side; the server reads to
# the end of the stream, answers, and closes; the client reads the answer
# and then the end of the stream. Sending after shutdown is a broken pipe.
import asyncio
import socket


async def server(loop, sock):
    total = b""
    while True:
        data = await loop.sock_recv(sock, 4)
        if not data:
            break
        total += data
        print("server chunk", data)
    print("server: eof after", total)
    await loop.sock_sendall(sock, b"len=" + str(len(total)).encode())
    sock.close()


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    c.setblocking(False)
    s.setblocking(False)
    t = asyncio.create_task(server(loop, s))
    await loop.sock_sendall(c, b"hello world")
    c.shutdown(socket.SHUT_WR)
    try:
        c.send(b"more")
    except BrokenPipeError as e:
        print("send after shutdown:", type(e).__name__, e.errno, e)
    print("client got", await loop.sock_recv(c, 100))
    print("client got", await loop.sock_recv(c, 100))
    await t
    c.close()


asyncio.run(main())

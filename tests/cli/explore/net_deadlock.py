# Three tasks blocked on the network for good: a reader on a connection
# nobody writes to, a writer whose peer never reads, an accept on a
# listener nobody connects to. The deadlock report names each socket.
import asyncio
import socket


async def reader(loop, sock):
    await loop.sock_recv(sock, 10)


async def writer(loop, sock):
    await loop.sock_sendall(sock, b"x" * 100000)


async def acceptor(loop, lsock):
    await loop.sock_accept(lsock)


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    c, d = socket.socketpair()
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 8080))
    lsock.listen()
    for s in (a, b, c, d, lsock):
        s.setblocking(False)
    await asyncio.gather(reader(loop, b), writer(loop, c), acceptor(loop, lsock))


asyncio.run(main())

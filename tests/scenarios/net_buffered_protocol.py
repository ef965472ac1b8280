# Reading into caller-owned buffers: loop.sock_recv_into (into a bytearray
# and into a memoryview slice of one), socket.recv_into with nbytes, and a
# BufferedProtocol server whose get_buffer hands out a memoryview of its
# own bytearray and whose buffer_updated frames lines (the transport's
# _read_ready__get_buffer); a get_buffer that returns an empty buffer is a
# fatal error the transport reports and closes.
import asyncio
import socket


class LineServer(asyncio.BufferedProtocol):
    def __init__(self, size):
        self.buf = bytearray(size)
        self.used = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        print("server: connection_made", isinstance(self, asyncio.BufferedProtocol))

    def get_buffer(self, sizehint):
        return memoryview(self.buf)[self.used:]

    def buffer_updated(self, nbytes):
        self.used += nbytes
        print("server: buffer_updated", nbytes, "holds", bytes(self.buf[:self.used]))
        while b"\n" in self.buf[:self.used]:
            end = 0
            while self.buf[end] != 10:
                end += 1
            line, rest = bytes(self.buf[:end]), bytes(self.buf[end + 1:self.used])
            self.buf[:len(rest)] = rest
            self.used = len(rest)
            self.transport.write(b"got " + line + b"\n")

    def eof_received(self):
        print("server: eof_received, leftover", bytes(self.buf[:self.used]))

    def connection_lost(self, exc):
        print("server: connection_lost", exc)


class EmptyBuffer(asyncio.BufferedProtocol):
    def get_buffer(self, sizehint):
        return bytearray()

    def buffer_updated(self, nbytes):
        print("never")

    def connection_lost(self, exc):
        print("empty: connection_lost", type(exc).__name__, exc)


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    buf = bytearray(8)
    reader = asyncio.create_task(loop.sock_recv_into(b, buf))
    await asyncio.sleep(0)
    await loop.sock_sendall(a, b"hello")
    n = await reader
    print("sock_recv_into", n, buf)
    await loop.sock_sendall(a, b"0123456789")
    view = memoryview(buf)
    n = await loop.sock_recv_into(b, view[2:6])
    print("into a view", n, buf, b.recv_into(buf, 3), buf)
    try:
        b.recv_into(b"readonly")
    except TypeError as e:
        print("TypeError", e)
    try:
        b.recv_into(buf, 20)
    except ValueError as e:
        print("ValueError", e)
    a.close()
    print("at eof", await loop.sock_recv_into(b, buf), b.recv_into(buf))
    b.close()

    server = await loop.create_server(lambda: LineServer(16), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    for part in [b"one\ntw", b"o\n", b"three\nfour"]:
        w.write(part)
        await w.drain()
        await asyncio.sleep(0.01)
    w.write_eof()
    async for line in r:
        print("client:", line)
    w.close()
    await w.wait_closed()
    server.close()

    server = await loop.create_server(EmptyBuffer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"x")
    await asyncio.sleep(0.01)       # the server's transport failed and closed
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())

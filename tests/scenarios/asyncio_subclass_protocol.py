# asyncio.Protocol and friends as base classes: a scenario's protocol
# classes override what they need and inherit the do-nothing defaults of
# BaseProtocol, Protocol, DatagramProtocol and SubprocessProtocol; a fake
# transport drives one through its life cycle from a task.
import asyncio


class FakeTransport:
    def __init__(self, protocol):
        self.protocol = protocol
        self.written = []
        self.closed = False

    def write(self, data):
        self.written.append(data)

    def close(self):
        self.closed = True
        asyncio.get_running_loop().call_soon(self.protocol.connection_lost, None)


class LineEcho(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.buffer = ""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        print("connected", type(transport).__name__)

    def data_received(self, data):
        self.buffer += data.decode()
        while "\n" in self.buffer:
            line, _, self.buffer = self.buffer.partition("\n")
            self.transport.write((line.upper() + "\n").encode())

    def connection_lost(self, exc):
        print("lost", exc)
        self.done.set_result(len(self.transport.written))


class Counter(asyncio.DatagramProtocol):
    count = 0

    def datagram_received(self, data, addr):
        Counter.count += 1


async def feed(protocol, transport, chunks):
    protocol.connection_made(transport)
    for chunk in chunks:
        await asyncio.sleep(0.1)
        protocol.data_received(chunk)
    protocol.eof_received()
    transport.close()


async def main():
    done = asyncio.get_running_loop().create_future()
    proto = LineEcho(done)
    transport = FakeTransport(proto)
    await asyncio.create_task(feed(proto, transport, [b"he", b"llo\nwor", b"ld\n"]))
    print(await done, transport.written, transport.closed)
    print(isinstance(proto, asyncio.BaseProtocol), issubclass(LineEcho, asyncio.Protocol))
    print(asyncio.Protocol, asyncio.DatagramProtocol.__bases__, asyncio.Protocol.__module__)
    c = Counter()
    c.connection_made(None)
    c.datagram_received(b"x", ("127.0.0.1", 9))
    c.error_received(OSError("ignored"))
    c.pause_writing()
    c.resume_writing()
    print(Counter.count, asyncio.SubprocessProtocol().process_exited())


asyncio.run(main())

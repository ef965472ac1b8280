# A Protocol pair over create_server/create_connection: a reader that
# pauses reading fills the sender's buffer (pause_writing at the high-water
# mark, resume_writing once drained), write after write_eof, close, and the
# server's async with / serve_forever after close.
import asyncio


class Sink(asyncio.Protocol):
    """Reads nothing until told to: the sender's buffer fills up."""

    def connection_made(self, transport):
        self.transport = transport
        self.got = 0
        transport.pause_reading()
        print("sink: paused, reading", transport.is_reading())

    def data_received(self, data):
        self.got += len(data)

    def eof_received(self):
        print("sink: eof after", self.got, "bytes")
        return False

    def connection_lost(self, exc):
        print("sink: lost", exc)


class Source(asyncio.Protocol):
    def __init__(self):
        self.resumed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport
        transport.set_write_buffer_limits(high=1000)
        print("source: limits", transport.get_write_buffer_limits())

    def pause_writing(self):
        print("source: pause_writing, buffered", self.transport.get_write_buffer_size())

    def resume_writing(self):
        print("source: resume_writing, buffered", self.transport.get_write_buffer_size())
        self.resumed.set_result(None)

    def connection_lost(self, exc):
        print("source: lost", exc)


async def main():
    loop = asyncio.get_running_loop()
    sinks = []

    def make_sink():
        s = Sink()
        sinks.append(s)
        return s

    async with await loop.create_server(make_sink, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        tr, src = await loop.create_connection(Source, "127.0.0.1", port)
        for i in range(40):
            tr.write(bytes(4000))
        print("buffered", tr.get_write_buffer_size())
        await asyncio.sleep(0.1)
        print("sink got", sinks[0].got)
        sinks[0].transport.resume_reading()
        await src.resumed
        print("sink got", sinks[0].got, "buffered", tr.get_write_buffer_size())
        tr.write_eof()
        try:
            tr.write(b"more")
        except RuntimeError as e:
            print("RuntimeError:", e)
        await asyncio.sleep(0.1)
        tr.close()
        print("closing", tr.is_closing(), server.is_serving())
    print("after async with", server.is_serving(), server.sockets)
    try:
        await server.serve_forever()
    except RuntimeError as e:
        print("RuntimeError:", str(e).split(" is ")[1])


asyncio.run(main())

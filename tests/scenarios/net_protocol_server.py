import asyncio


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection from", transport.get_extra_info("peername")[0])

    def data_received(self, data):
        print("server: got", data)
        self.transport.write(data + b"!")

    def eof_received(self):
        print("server: eof")
        self.transport.close()

    def connection_lost(self, exc):
        print("server: lost", exc)


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        print("client: connected", transport.get_extra_info("sockname")[0])
        transport.write(b"hello")
        transport.write(b" world")
        transport.write_eof()

    def data_received(self, data):
        print("client: got", data)

    def eof_received(self):
        print("client: eof")

    def connection_lost(self, exc):
        print("client: lost", exc)
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving", server.is_serving())
    done = loop.create_future()
    tr, pr = await loop.create_connection(lambda: Client(done), "127.0.0.1", port)
    print("is_closing", tr.is_closing())
    await done
    print("is_closing", tr.is_closing())
    server.close()
    await server.wait_closed()
    print("serving", server.is_serving())
    try:
        await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    except ConnectionRefusedError as e:
        print("refused:", e)


asyncio.run(main())

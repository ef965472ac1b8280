# Message framing on streams (start_server, open_connection): the server
# treats each reader.read() as one whole message. On an idle loopback
# every write arrives whole, so it works; when the network delivers a
# write in two pieces, read() returns what has arrived: half a message.
# The stream twin of framing.py.
import asyncio

handlers = []                                     # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    while True:
        msg = await reader.read(1024)             # BUG: one read != one message
        if not msg:
            break
        print("server got", msg)
        writer.write(b"ok " + msg)
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for m in ["hello", "transfer 10", "bye"]:
        writer.write(m.encode() + b"\n")
        await writer.drain()
        reply = await reader.readline()
        assert reply == b"ok " + m.encode() + b"\n", f"sent {m!r}, got {reply!r}"
    writer.close()
    await writer.wait_closed()
    await asyncio.gather(*handlers)               # each saw its connection end
    server.close()
    await server.wait_closed()


asyncio.run(main())

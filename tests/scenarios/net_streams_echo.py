# start_server/open_connection echo with two clients at once: readline,
# drain, write_eof, read() to EOF, wait_closed, readexactly at EOF
# (IncompleteReadError), a refused open_connection.
import asyncio


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")[0]
    while True:
        line = await reader.readline()
        if not line:
            break
        print("server got", line, "from", peer)
        writer.write(b"echo: " + line)
        await writer.drain()
    print("server: client done, at_eof", reader.at_eof())
    writer.close()
    await writer.wait_closed()


async def client(name, port, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for ln in lines:
        writer.write(ln.encode() + b"\n")
        await writer.drain()
        reply = await reader.readline()
        print(name, "got", reply)
    writer.write_eof()
    rest = await reader.read()
    print(name, "rest", rest, reader.at_eof())
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(client("a", port, ["hi", "there"]), client("b", port, ["x"]))
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(b"abc")
        w.write_eof()
        try:
            await r.readexactly(10)
        except asyncio.IncompleteReadError as e:
            print("incomplete:", e, e.partial, e.expected)
        w.close()
        await w.wait_closed()
        try:
            await asyncio.open_connection("127.0.0.1", 1)
        except ConnectionRefusedError as e:
            print("refused:", e)


asyncio.run(main())

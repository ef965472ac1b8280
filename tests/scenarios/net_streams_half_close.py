# Half close under streams: the client sends its request and write_eof();
# the server reads to the end (at_eof() turns true only once the end is
# read), answers on its still open side, and half closes too. Writing
# after write_eof() is refused; the client reads the answer, then b''.
import asyncio

handlers = []                         # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    loop = asyncio.get_running_loop()
    print("server at_eof before", reader.at_eof())
    body = await reader.read()
    print("server read", body, "at_eof", reader.at_eof(), loop.time())
    print("server read again", await reader.read(10), await reader.readline())
    for word in body.decode().split():
        writer.write(word.upper().encode() + b"\n")
        await writer.drain()
    print("server can_write_eof", writer.can_write_eof())
    writer.write_eof()
    try:
        writer.write(b"late")
    except RuntimeError as e:
        print("server write after write_eof:", e)
    writer.close()
    await writer.wait_closed()


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"alpha beta ")
    await writer.drain()
    writer.write(b"gamma")
    writer.write_eof()
    print("client is_closing after write_eof", writer.is_closing())
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            break
        lines.append(line)
        print("client line", line, loop.time())
    print("client at_eof", reader.at_eof(), lines)
    try:
        await reader.readexactly(1)
    except asyncio.IncompleteReadError as e:
        print("readexactly at eof:", e, e.partial, e.expected)
    writer.close()
    await writer.wait_closed()
    await asyncio.gather(*handlers)       # 3.11's wait_closed does not wait for them
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())

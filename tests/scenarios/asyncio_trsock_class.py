# asyncio.trsock.TransportSocket, the class of the sockets a server lists
# and a transport's extra info "socket" gives: importable, named as
# CPython names it, the type of those objects, usable in casts.
import asyncio
import asyncio.trsock
from asyncio.trsock import TransportSocket
from typing import cast

seen = []


async def serve(reader, writer):
    sock = writer.get_extra_info("socket")
    seen.append(type(sock) is TransportSocket)
    line = await reader.readline()
    writer.write(line.decode().upper().encode())
    await writer.drain()
    writer.close()


async def main():
    print(TransportSocket, TransportSocket.__name__, TransportSocket.__module__)
    print(asyncio.trsock.TransportSocket is TransportSocket)
    server = await asyncio.start_server(serve, "127.0.0.1", 7001)
    listening = cast(tuple[TransportSocket, ...], server.sockets)
    first = listening[0]
    print(len(listening), type(first), isinstance(first, TransportSocket))
    print("serving on", first.getsockname())
    reader, writer = await asyncio.open_connection("127.0.0.1", 7001)
    client_sock = writer.get_extra_info("socket")
    print("client side:", type(client_sock).__name__, isinstance(client_sock, TransportSocket))
    writer.write(b"ping\n")
    print(await reader.readline())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("server side saw a TransportSocket:", seen)


asyncio.run(main())

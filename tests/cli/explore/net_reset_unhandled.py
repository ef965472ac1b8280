# A client that does not expect its connection to be reset: correct on an
# idle loopback (explore without --faults finds nothing), it fails with
# ConnectionResetError once explore --faults resets the connection.
import asyncio
import socket


async def recv_exactly(loop, sock, n):
    data = b""
    while len(data) < n:
        chunk = await loop.sock_recv(sock, n - len(data))
        if not chunk:
            break
        data += chunk
    return data


async def serve(loop, conn):
    while True:
        data = await recv_exactly(loop, conn, 5)
        if not data:
            break
        await loop.sock_sendall(conn, b"ok " + data)
    conn.close()


async def main():
    loop = asyncio.get_running_loop()
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    lsock.setblocking(False)
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, lsock.getsockname())
    conn, _ = await loop.sock_accept(lsock)
    srv = asyncio.create_task(serve(loop, conn))
    for i in range(3):
        await loop.sock_sendall(sock, f"req {i}".encode())
        print(await recv_exactly(loop, sock, 8))
    sock.close()
    await srv
    lsock.close()


asyncio.run(main())

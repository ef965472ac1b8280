# Resets and stalls on TCP connections (docs/io.md "Faults"). Under the
# default schedule nothing goes wrong; under `--faults` schedules a write
# may reset its connection (both ends then see ConnectionResetError once,
# then the end of the stream or BrokenPipeError) or stall its peer (the
# next sock_sendall waits). Every outcome is printed, so the traces show
# which one each side saw.
import asyncio
import socket


async def serve(loop, conn, name):
    while True:
        try:
            data = await loop.sock_recv(conn, 100)
        except ConnectionResetError as e:
            print(name, "recv reset", e.errno, e.strerror, loop.time())
            break
        if not data:
            print(name, "end of stream", loop.time())
            break
        try:
            await loop.sock_sendall(conn, b"ok " + data)
        except (ConnectionResetError, BrokenPipeError) as e:
            print(name, "send failed", type(e).__name__, e.errno, loop.time())
            break
    conn.close()


async def client(loop, port, name):
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))
    for i in range(3):
        try:
            await loop.sock_sendall(sock, f"{name}-{i}".encode())
            reply = await loop.sock_recv(sock, 100)
        except (ConnectionResetError, BrokenPipeError) as e:
            print(name, "failed", type(e).__name__, e.errno, e.strerror, loop.time())
            break
        if not reply:
            print(name, "server went away", loop.time())
            break
        print(name, "got", reply, loop.time())
    sock.close()


async def main():
    loop = asyncio.get_running_loop()
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    lsock.setblocking(False)
    port = lsock.getsockname()[1]
    clients = [asyncio.create_task(client(loop, port, n)) for n in ("a", "b", "c")]
    servers = []
    for _ in clients:
        conn, addr = await loop.sock_accept(lsock)
        conn.setblocking(False)
        servers.append(asyncio.create_task(serve(loop, conn, "server" + str(len(servers)))))
    await asyncio.gather(*clients)
    await asyncio.gather(*servers)
    lsock.close()
    # A reset seen by a plain send() and recv() too.
    print("done", loop.time())


asyncio.run(main())

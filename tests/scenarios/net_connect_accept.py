# A listening socket on the loopback: sock_accept serves three clients
# that connect with sock_connect (ephemeral ports), each echoed once; and
# the errors of bad addresses: a port nobody listens on is refused, an
# address that is not this host's cannot be bound, a bound port is in use.
import asyncio
import socket


async def echo(loop, conn, name):
    data = await loop.sock_recv(conn, 100)
    await loop.sock_sendall(conn, b"echo:" + data)
    conn.close()
    print("served", name)


async def server(loop, listener, n):
    tasks = []
    for i in range(n):
        conn, addr = await loop.sock_accept(listener)
        print("accepted", addr, "on", conn.getsockname(), "blocking", conn.getblocking())
        tasks.append(asyncio.create_task(echo(loop, conn, i)))
    await asyncio.gather(*tasks)


async def client(loop, port, text, delay):
    await asyncio.sleep(delay)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    await loop.sock_connect(s, ("127.0.0.1", port))
    print(text, "connected from", s.getsockname(), "to", s.getpeername())
    await loop.sock_sendall(s, text.encode())
    print(text, "->", await loop.sock_recv(s, 100), loop.time())
    s.close()


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    print("listening on", listener.getsockname())
    srv = asyncio.create_task(server(loop, listener, 3))
    await asyncio.gather(client(loop, port, "a", 0.02), client(loop, port, "b", 0.01),
                         client(loop, port, "c", 0.01))
    await srv

    other = socket.socket()
    try:
        await loop.sock_connect(other, ("127.0.0.1", port + 1))
    except ConnectionRefusedError as e:
        print("refused:", e.errno, e)
    other.close()
    for addr in [("10.1.2.3", 0), ("127.0.0.1", port)]:
        s = socket.socket()
        try:
            s.bind(addr)
        except OSError as e:
            print("bind", addr[0], type(e).__name__, e)
        s.close()
    listener.close()


asyncio.run(main())

# A late reply read by the next request: the client gives up on a slow
# reply (wait_for) but keeps using the connection, so the next read
# returns the previous request's answer. Messages are newline-framed.
import asyncio
import socket


async def read_line(loop, conn):
    # conn = [socket, text received but not yet returned]
    while "\n" not in conn[1]:
        data = await loop.sock_recv(conn[0], 1024)
        if not data:
            return None
        conn[1] += data.decode()
    line, conn[1] = conn[1].split("\n", 1)
    return line


async def server(loop, conn):
    while True:
        req = await read_line(loop, conn)
        if req is None:
            return
        await asyncio.sleep(0.01)                 # the work
        await loop.sock_sendall(conn[0], ("answer:" + req + "\n").encode())


async def call(loop, conn, req):
    await loop.sock_sendall(conn[0], (req + "\n").encode())
    try:
        return await asyncio.wait_for(read_line(loop, conn), 0.05)
    except asyncio.TimeoutError:
        return None                               # BUG: the reply may still come


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    client = [c, ""]
    srv = asyncio.create_task(server(loop, [s, ""]))
    for req in ["a", "b", "c"]:
        reply = await call(loop, client, req)
        print("request", req, "reply", reply)
        if reply is not None:
            assert reply == "answer:" + req, f"{req!r} got {reply!r}"
        await asyncio.sleep(0.1)
    c.close()
    await srv
    s.close()


asyncio.run(main())

# Several sockets ready in one select: readers registered with add_reader
# run in one step, in descriptor order under the default schedule; a
# reader removed before the select does not run; add_writer on a socket
# with room runs at once.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    pairs = [socket.socketpair() for _ in range(4)]
    got = asyncio.Queue()

    def on_readable(i, sock):
        data = sock.recv(100)
        print("reader", i, data, loop.time())
        got.put_nowait(i)
        if not data or i == 3:
            loop.remove_reader(sock)

    for i, (a, b) in enumerate(pairs):
        loop.add_reader(b.fileno(), on_readable, i, b)
    print("removed:", loop.remove_reader(pairs[1][1].fileno()))
    print("removed again:", loop.remove_reader(pairs[1][1].fileno()))
    await asyncio.sleep(0.01)
    for i, (a, b) in enumerate(pairs):
        a.send(("msg" + str(i)).encode())
    for _ in range(3):
        print("queued", await got.get())
    for i in (0, 2):
        loop.remove_reader(pairs[i][1])

    done = loop.create_future()

    def on_writable(sock):
        print("writable", sock.send(b"w"))
        loop.remove_writer(sock.fileno())
        done.set_result(None)

    loop.add_writer(pairs[0][0].fileno(), on_writable, pairs[0][0])
    await done
    print("pending byte:", pairs[0][1].recv(10))
    for a, b in pairs:
        a.close()
        b.close()


asyncio.run(main())

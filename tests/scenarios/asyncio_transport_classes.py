# The abstract classes of asyncio/transports.py (BaseTransport ... SubprocessTransport)
# as classes a program subclasses (a fake transport in a test), with their
# concrete methods (__init__(extra), get_extra_info, writelines) and abstract
# ones raising NotImplementedError; asyncio.events.AbstractEventLoop and
# isinstance of the running loop; asyncio.transports / asyncio.protocols.
import asyncio
import asyncio.events
from asyncio.transports import Transport as T2
from asyncio.protocols import Protocol
from asyncio.events import AbstractEventLoop


class FakeTransport(asyncio.Transport):
    def __init__(self):
        super().__init__(extra={"peername": ("10.0.0.1", 80)})
        self.sent = []
        self.closed = False

    def write(self, data):
        self.sent.append(data)

    def close(self):
        self.closed = True

    def is_closing(self):
        return self.closed


async def main():
    loop = asyncio.get_running_loop()
    print(isinstance(loop, asyncio.AbstractEventLoop), isinstance(loop, AbstractEventLoop),
          asyncio.events.AbstractEventLoop is asyncio.AbstractEventLoop)
    for name in ["BaseTransport", "ReadTransport", "WriteTransport", "Transport",
                 "DatagramTransport", "SubprocessTransport"]:
        cls = getattr(asyncio, name)
        print(cls, cls.__name__, cls.__module__, [b.__name__ for b in cls.__mro__])
    t = FakeTransport()
    print(T2 is asyncio.Transport, Protocol is asyncio.Protocol)
    print(isinstance(t, asyncio.BaseTransport), isinstance(t, asyncio.ReadTransport),
          isinstance(t, asyncio.WriteTransport), isinstance(t, asyncio.DatagramTransport))
    t.writelines([b"ab", b"cd"])
    t.write(b"e")
    print(t.sent, t.get_extra_info("peername"), t.get_extra_info("socket"),
          t.get_extra_info("x", 5), t.is_closing())
    t.close()
    print(t.is_closing())
    for call in [t.pause_reading, t.abort, t.get_write_buffer_size, t.can_write_eof,
                 lambda: asyncio.BaseTransport().close(), lambda: asyncio.DatagramTransport().sendto(b"x"),
                 lambda: asyncio.SubprocessTransport().get_pid()]:
        try:
            call()
        except NotImplementedError as e:
            print("NotImplementedError", repr(e))
    b = asyncio.BaseTransport()
    print(b.get_extra_info("a"), b.get_extra_info("a", 1))
    await asyncio.sleep(0.1)


asyncio.run(main())

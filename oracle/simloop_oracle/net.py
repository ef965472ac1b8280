"""The simulated network for CPython: the same model as simloop's
sim/net/net.c, question for question (docs/io.md).

CPython's own selector_events code runs unchanged over a FakeSelector (the
selectors API: register/modify/unregister/get_key/get_map/select) and
FakeSocket objects (the socket methods asyncio calls).  `socket.socketpair`
is pointed at the model for the run.  Every nondeterministic outcome is an
`io` decision taken from the tracer, in the order simloop takes them:
send() -> latency, then split (when >= 2 bytes); select() -> order (when
>= 2 descriptors are ready).
"""

import collections.abc
import selectors
import socket as _socket

BUFSIZE = 65536
FIRST_FD = 3
# Linux's numbers; Pyodide's socket module lacks some of these names
AF_UNIX = getattr(_socket, "AF_UNIX", 1)
SHUT_RD = getattr(_socket, "SHUT_RD", 0)
SHUT_WR = getattr(_socket, "SHUT_WR", 1)
SHUT_RDWR = getattr(_socket, "SHUT_RDWR", 2)


class errno:
    """Linux's errno numbers: the simulated host is Linux whatever runs the
    oracle (Pyodide's errno module numbers them as WASI does)."""
    EBADF = 9
    EAGAIN = 11
    EINVAL = 22
    EPIPE = 32
    EOPNOTSUPP = 95
    ECONNRESET = 104
    ENOTCONN = 107
    ECONNREFUSED = 111


# Linux's texts (simloop's core/lang/socket_mod.c has the same table), not
# os.strerror: Pyodide's libc words some of them differently.
_STRERROR = {
    errno.EAGAIN: "Resource temporarily unavailable",
    errno.EPIPE: "Broken pipe",
    errno.ECONNRESET: "Connection reset by peer",
    errno.ECONNREFUSED: "Connection refused",
    errno.EBADF: "Bad file descriptor",
    errno.ENOTCONN: "Transport endpoint is not connected",
    errno.EINVAL: "Invalid argument",
    errno.EOPNOTSUPP: "Operation not supported",
}


def _oserror(cls, code):
    e = cls(code, _STRERROR.get(code, "Unknown error"))
    if type(e) is not cls:
        # OSError(n, ...) picks a subclass by the platform's numbering;
        # under Pyodide a Linux number may name another error
        e = cls.__new__(cls, code, _STRERROR.get(code, "Unknown error"))
        cls.__init__(e, code, _STRERROR.get(code, "Unknown error"))
    return e


class _Piece:
    __slots__ = ("arrive", "eof", "data")

    def __init__(self, arrive, eof, data):
        self.arrive = arrive
        self.eof = eof
        self.data = data                  # bytearray, consumed from the left


class _Sock:
    __slots__ = ("family", "peer", "wr_shut", "incoming", "queued", "last_arrive")

    def __init__(self, family):
        self.family = family
        self.peer = None                  # fd of the other end, None once it closed
        self.wr_shut = False
        self.incoming = []                # _Piece, in arrival order
        self.queued = 0
        self.last_arrive = 0.0


class Net:
    """One run's network; `clock()` reads the virtual time, `decide(kind)`
    takes a decision."""

    def __init__(self, clock, decide):
        self.clock = clock
        self.decide = decide
        self.socks = {}

    # ---- descriptors -------------------------------------------------------
    def _alloc(self, family):
        fd = FIRST_FD
        while fd in self.socks:
            fd += 1
        self.socks[fd] = _Sock(family)
        return fd

    def socketpair(self, family):
        a = self._alloc(family)
        b = self._alloc(family)
        self.socks[a].peer = b
        self.socks[b].peer = a
        return a, b

    def _push(self, to, arrive, eof, data):
        if arrive < to.last_arrive:       # never before the piece sent earlier
            arrive = to.last_arrive
        to.last_arrive = arrive
        to.incoming.append(_Piece(arrive, eof, bytearray(data)))
        to.queued += len(data)

    def _arrived(self, piece):
        return piece.arrive <= self.clock()

    # ---- operations (negative errno on failure, as the C backend) ----------
    def send(self, fd, data):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.wr_shut or s.peer is None:
            return -errno.EPIPE
        if not data:
            return 0
        p = self.socks[s.peer]
        if p.queued >= BUFSIZE:
            return -errno.EAGAIN
        n = min(len(data), BUFSIZE - p.queued)
        now = self.clock()
        latency = self.decide("io")
        arrive = now + latency
        split = self.decide("io") if n >= 2 else 0.0
        if split > 0:
            first = n // 2
            self._push(p, arrive, False, data[:first])
            self._push(p, arrive + split, False, data[first:n])
        else:
            self._push(p, arrive, False, data[:n])
        return n

    def readable(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        n = 0
        for pc in s.incoming:
            if not self._arrived(pc):
                break
            if pc.eof:
                return n
            n += len(pc.data)
        return n if n else -errno.EAGAIN

    def recv(self, fd, n):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        out = bytearray()
        while s.incoming and len(out) < n:
            pc = s.incoming[0]
            if not self._arrived(pc) or pc.eof:
                break
            take = min(len(pc.data), n - len(out))
            out += pc.data[:take]
            del pc.data[:take]
            s.queued -= take
            if not pc.data:
                s.incoming.pop(0)
        if out:
            return bytes(out)
        if s.incoming and s.incoming[0].eof and self._arrived(s.incoming[0]):
            return b""
        return -errno.EAGAIN if n else b""

    def shutdown_write(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.peer is None:
            return -errno.ENOTCONN
        if not s.wr_shut:
            s.wr_shut = True
            self._push(self.socks[s.peer], self.clock(), True, b"")
        return 0

    def close(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.peer is not None:
            p = self.socks[s.peer]
            if not s.wr_shut:
                self._push(p, self.clock(), True, b"")
            p.peer = None
        del self.socks[fd]
        return 0

    # ---- readiness -----------------------------------------------------------
    def ready(self, fd, want):
        s = self.socks.get(fd)
        if s is None:
            return 0
        mask = 0
        if want & selectors.EVENT_READ and s.incoming and self._arrived(s.incoming[0]):
            mask |= selectors.EVENT_READ
        if want & selectors.EVENT_WRITE:
            if s.wr_shut or s.peer is None or self.socks[s.peer].queued < BUFSIZE:
                mask |= selectors.EVENT_WRITE
        return mask

    def next_arrival(self, readers):
        best = None
        for fd in readers:
            s = self.socks.get(fd)
            if s is None:
                continue
            for pc in s.incoming:
                if self._arrived(pc):
                    continue
                if best is None or pc.arrive < best:
                    best = pc.arrive
                break
        return best


def _raise(code):
    code = -code
    cls = {errno.EAGAIN: BlockingIOError, errno.EPIPE: BrokenPipeError,
           errno.ECONNRESET: ConnectionResetError,
           errno.ECONNREFUSED: ConnectionRefusedError}.get(code, OSError)
    raise _oserror(cls, code)


class FakeSocket:
    """What asyncio and the scenario see of a simulated socket."""

    type = _socket.SOCK_STREAM
    proto = 0

    def __init__(self, net, fd, family):
        self._net = net
        self._fd = fd
        self.family = family
        self._blocking = True

    def fileno(self):
        return self._fd

    def send(self, data):
        data = bytes(memoryview(data))
        if self._fd < 0:
            _raise(-errno.EBADF)
        n = self._net.send(self._fd, data)
        if n < 0:
            _raise(n)
        return n

    def recv(self, n):
        if n < 0:
            raise ValueError("negative buffersize in recv")
        if self._fd < 0:
            _raise(-errno.EBADF)
        got = self._net.recv(self._fd, n)
        if isinstance(got, int):
            _raise(got)
        return got

    def close(self):
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            self._net.close(fd)

    def shutdown(self, how):
        if self._fd < 0:
            _raise(-errno.EBADF)
        if how not in (SHUT_RD, SHUT_WR, SHUT_RDWR):
            _raise(-errno.EINVAL)
        if how != SHUT_RD:
            rc = self._net.shutdown_write(self._fd)
            if rc < 0:
                _raise(rc)

    def setblocking(self, flag):
        self._blocking = bool(flag)

    def getblocking(self):
        return self._blocking

    def gettimeout(self):
        return None if self._blocking else 0.0

    def getsockname(self):
        if self._fd < 0:
            _raise(-errno.EBADF)
        return ""

    getpeername = getsockname

    def __repr__(self):
        return "<socket.socket fd=%d, family=%d, type=1, proto=0>" % (self._fd, self.family)


class _Map(collections.abc.Mapping):
    """get_map(): like selectors' _SelectorMapping, looked up by file
    object or descriptor."""

    def __init__(self, sel):
        self._sel = sel

    def __len__(self):
        return len(self._sel._keys)

    def __getitem__(self, fileobj):
        try:
            fd = self._sel._fd(fileobj)
        except (AttributeError, TypeError, ValueError):
            raise KeyError(fileobj) from None
        return self._sel._keys[fd]

    def __iter__(self):
        return iter(self._sel._keys)


class FakeSelector(selectors.BaseSelector):
    """The selectors API over the Net; select() is the loop's only wait."""

    def __init__(self, loop):
        self._loop = loop
        self._keys = {}                   # fd -> SelectorKey

    @staticmethod
    def _fd(fileobj):
        return fileobj if isinstance(fileobj, int) else fileobj.fileno()

    def _note(self, data):
        tr = self._loop._simloop_tracer
        if tr is not None and data:
            for h in data:
                if h is not None:
                    tr.io_handles.add(h)

    def register(self, fileobj, events, data=None):
        fd = self._fd(fileobj)
        if fd in self._keys:
            raise KeyError("%r is already registered" % (fileobj,))
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        self._note(data)
        return key

    def unregister(self, fileobj):
        return self._keys.pop(self._fd(fileobj))

    def modify(self, fileobj, events, data=None):
        fd = self._fd(fileobj)
        key = self._keys[fd]._replace(events=events, data=data)
        self._keys[fd] = key
        self._note(data)
        return key

    def get_key(self, fileobj):
        return self._keys[self._fd(fileobj)]

    def get_map(self):
        return _Map(self)

    def close(self):
        self._keys = {}

    def select(self, timeout=None):
        loop = self._loop
        tr = loop._simloop_tracer
        if tr is not None and tr.active:
            return tr.on_select(loop, timeout)
        if timeout is None:               # untraced loop (counter probe)
            from .tracer import Deadlock
            raise Deadlock()
        if timeout > 0:
            loop._now = loop._now + timeout
        return []

    # ---- used by Tracer.on_select ------------------------------------------
    def ready_now(self, net):
        out = []
        for fd in sorted(self._keys):
            key = self._keys[fd]
            mask = net.ready(fd, key.events) if key.events else 0
            if mask:
                out.append((key, mask))
        return out

    def readers(self):
        return [fd for fd, k in self._keys.items() if k.events & selectors.EVENT_READ]


_net = None                           # the current run's Net
_saved_socketpair = None


def _socketpair(family=None, type=_socket.SOCK_STREAM, proto=0):
    if family is None:
        family = AF_UNIX
    if family != AF_UNIX:
        raise _oserror(OSError, errno.EOPNOTSUPP)
    a, b = _net.socketpair(family)
    return FakeSocket(_net, a, family), FakeSocket(_net, b, family)


def start_run(net):
    """Points socket.socketpair at `net` for the run."""
    global _net, _saved_socketpair
    _net = net
    if _saved_socketpair is None:
        _saved_socketpair = _socket.socketpair
    _socket.socketpair = _socketpair


def end_run():
    global _net, _saved_socketpair
    _net = None
    if _saved_socketpair is not None:
        _socket.socketpair = _saved_socketpair
        _saved_socketpair = None

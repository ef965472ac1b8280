"""The simulated network for CPython: the same model as simloop's
sim/net/net.c, question for question (docs/io.md).

CPython's own selector_events code runs unchanged over a FakeSelector (the
selectors API: register/modify/unregister/get_key/get_map/select) and
FakeSocket objects (the socket methods asyncio calls).  `socket.socketpair`
is pointed at the model for the run.  Every nondeterministic outcome is an
`io` decision taken from the tracer, in the order simloop takes them:
send() -> latency, then split (when >= 2 bytes), then on a TCP connection
stall and reset (the fault questions); select() -> order (when >= 2
descriptors are ready).
"""

import collections.abc
import selectors
import sys
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
    EADDRINUSE = 98
    EADDRNOTAVAIL = 99
    ENETUNREACH = 101
    EISCONN = 106
    EINPROGRESS = 115
    EOPNOTSUPP = 95
    ECONNRESET = 104
    ENOTCONN = 107
    ECONNREFUSED = 111
    ENOTSOCK = 88


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
    errno.EADDRINUSE: "Address already in use",
    errno.EADDRNOTAVAIL: "Cannot assign requested address",
    errno.ENETUNREACH: "Network is unreachable",
    errno.EISCONN: "Transport endpoint is already connected",
    errno.EINPROGRESS: "Operation now in progress",
    -2: "Name or service not known",
    errno.EOPNOTSUPP: "Operation not supported",
    errno.ENOTSOCK: "Socket operation on non-socket",
}

_STDIO = {0: "stdin", 1: "stdout", 2: "stderr"}


def _check_watchable(fd):
    """epoll_ctl refuses a descriptor that is not open (EBADF); the
    process's stdin/stdout/stderr are real files no simulation can watch
    (simloop's core/lang/io_loop.c says the same)."""
    if _net is None or fd in _net.socks:
        return
    if fd in _STDIO:
        raise NotImplementedError("simloop: descriptor %d (%s) is not simulated: only sockets of "
                                  "the simulated host can be watched" % (fd, _STDIO[fd]))
    raise _oserror(OSError, errno.EBADF)


def _oserror(cls, code):
    e = cls(code, _STRERROR.get(code, "Unknown error"))
    if type(e) is not cls:
        # OSError(n, ...) picks a subclass by the platform's numbering;
        # under Pyodide a Linux number may name another error
        e = cls.__new__(cls, code, _STRERROR.get(code, "Unknown error"))
        cls.__init__(e, code, _STRERROR.get(code, "Unknown error"))
    return e


class _Piece:
    __slots__ = ("arrive", "eof", "reset", "data")

    def __init__(self, arrive, eof, data, reset=False):
        self.arrive = arrive
        self.eof = eof or reset           # a reset ends the stream too
        self.reset = reset
        self.data = data                  # bytearray, consumed from the left


AF_INET = 2
AF_INET6 = 10
FIRST_PORT = 32768
CONNECTED, NEW, LISTENING = 0, 1, 2


def _is_any(family, ip):
    return ip == "" or ip == ("::" if family == AF_INET6 else "0.0.0.0")


def _is_loopback(family, ip):
    return ip == "::1" if family == AF_INET6 else ip.startswith("127.")


def _norm(family, ip):
    return ip or ("::" if family == AF_INET6 else "0.0.0.0")


class _Sock:
    __slots__ = ("family", "peer", "wr_shut", "incoming", "queued", "last_arrive",
                 "state", "bound", "ip", "port", "rip", "rport", "pend",
                 "stall_until", "reset", "reset_told", "conn", "writes", "so_error")

    def __init__(self, family):
        self.state = CONNECTED
        self.bound = False
        self.ip = self.rip = ""
        self.port = self.rport = 0
        self.pend = []                    # listening: fds of connections not accepted
        self.family = family
        self.peer = None                  # fd of the other end, None once it closed
        self.wr_shut = False
        self.incoming = []                # _Piece, in arrival order
        self.queued = 0
        self.last_arrive = 0.0
        self.stall_until = 0.0            # the peer reads nothing before this time
        self.reset = False                # reset: the error is pending
        self.reset_told = False           # ECONNRESET reported once
        self.conn = 0                     # connection number, both ends
        self.writes = 0                   # sends that accepted bytes
        self.so_error = 0                 # a non-blocking connect's outcome (SO_ERROR)


class Net:
    """One run's network; `clock()` reads the virtual time, `decide(kind)`
    takes a decision."""

    def __init__(self, clock, decide, report=None):
        self.clock = clock
        self.decide = decide
        self.report = report              # report(op, conn, fd, peer, n, t): a sock event
        self.socks = {}
        self.next_port = FIRST_PORT
        self.nconns = 0

    def _report(self, op, fd, n=0, t=None):
        if self.report is not None:
            s = self.socks[fd]
            self.report(op, s.conn, fd, s.peer, n, self.clock() if t is None else t)

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
        self.nconns += 1
        self.socks[a].conn = self.socks[b].conn = self.nconns
        self._report("pair", a)
        return a, b

    def _push(self, to, arrive, eof, data, reset=False):
        if arrive < to.last_arrive:       # never before the piece sent earlier
            arrive = to.last_arrive
        to.last_arrive = arrive
        to.incoming.append(_Piece(arrive, eof, bytearray(data), reset))
        to.queued += len(data)

    def _arrived(self, piece):
        return piece.arrive <= self.clock()

    # ---- operations (negative errno on failure, as the C backend) ----------
    def send(self, fd, data):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.reset:
            if s.reset_told:
                return -errno.EPIPE
            s.reset_told = True
            return -errno.ECONNRESET
        if s.wr_shut or s.peer is None:
            return -errno.EPIPE
        if not data:
            return 0
        p = self.socks[s.peer]
        if p.queued >= BUFSIZE or self.clock() < s.stall_until:
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
        s.writes += 1
        self._report("send", fd, n, p.last_arrive)
        if s.family not in (AF_INET, AF_INET6):
            return n
        stall = self.decide("io")         # the fault questions
        if stall > 0:
            s.stall_until = now + stall
        if self.decide("io") > 0:
            self._reset(fd, s, p)
        return n

    def _reset(self, fd, s, p):
        """Both ends have the error pending at once; each reads the bytes
        already on their way to it, then the error."""
        self._report("reset", fd)
        now = self.clock()
        self._push(p, now, False, b"", reset=True)
        self._push(s, now, False, b"", reset=True)
        s.peer = p.peer = None
        s.reset = p.reset = True

    def readable(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.state != CONNECTED:
            return -errno.ENOTCONN
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
        if s.state != CONNECTED:
            return -errno.ENOTCONN
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
            self._report("recv", fd, len(out))
            return bytes(out)
        if s.incoming and s.incoming[0].eof and self._arrived(s.incoming[0]):
            # Linux's tcp_recvmsg: queued data first, then the pending
            # error once (unless send() reported it), then end of stream
            if s.incoming[0].reset and not s.reset_told:
                s.reset_told = True
                return -errno.ECONNRESET
            self._report("recv", fd, 0)
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
            self._report("shutdown", fd)
            self._push(self.socks[s.peer], self.clock(), True, b"")
        return 0

    def close(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        self._report("close", fd)
        while s.pend:                     # connections nobody accepted
            self.close(s.pend.pop(0))
        if s.peer is not None:
            p = self.socks[s.peer]
            if not s.wr_shut:
                self._push(p, self.clock(), True, b"")
            p.peer = None
        del self.socks[fd]
        return 0

    # ---- addresses, listen, connect, accept -----------------------------------
    def socket(self, family):
        fd = self._alloc(family)
        self.socks[fd].state = NEW
        return fd

    def _port_in_use(self, family, ip, port):
        for o in self.socks.values():
            if o.bound and o.port == port and o.family == family and \
                    (_is_any(family, ip) or _is_any(family, o.ip) or o.ip == ip):
                return True
        return False

    def _ephemeral(self, family, ip):
        while True:
            p = self.next_port
            self.next_port += 1
            if self.next_port > 60999:
                self.next_port = FIRST_PORT
            if not self._port_in_use(family, ip, p):
                return p

    def bind(self, fd, ip, port):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.bound or s.state != NEW:
            return -errno.EINVAL
        if not _is_any(s.family, ip) and not _is_loopback(s.family, ip):
            return -errno.EADDRNOTAVAIL
        if port and self._port_in_use(s.family, ip, port):
            return -errno.EADDRINUSE
        s.ip = _norm(s.family, ip)
        s.port = port or self._ephemeral(s.family, ip)
        s.bound = True
        return 0

    def listen(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.state == CONNECTED:
            return -errno.EINVAL
        if not s.bound:
            rc = self.bind(fd, "", 0)
            if rc:
                return rc
        s.state = LISTENING
        return 0

    def _listener(self, family, ip, port):
        for fd in sorted(self.socks):
            o = self.socks[fd]
            if o.state == LISTENING and o.family == family and o.port == port and \
                    (_is_any(family, o.ip) or o.ip == ip):
                return fd
        return None

    def connect(self, fd, ip, port, nonblocking=False):
        """A non-blocking connect is done (or refused) at once too, but
        reports EINPROGRESS, as Linux does on the loopback; the outcome
        is then read with getsockopt(SO_ERROR) once the socket is
        writable."""
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.state == CONNECTED:
            return -errno.EISCONN
        if s.state == LISTENING:
            return -errno.EINVAL
        if not _is_loopback(s.family, ip):
            return -errno.ENETUNREACH
        lfd = self._listener(s.family, ip, port)
        if lfd is None:
            if nonblocking:
                s.so_error = errno.ECONNREFUSED
                return -errno.EINPROGRESS
            return -errno.ECONNREFUSED
        sfd = self._alloc(s.family)
        srv = self.socks[sfd]
        self.socks[lfd].pend.append(sfd)
        if not s.bound:
            s.ip = _norm(s.family, ip)
            s.port = self._ephemeral(s.family, ip)
            s.bound = True
        s.rip, s.rport, s.state, s.peer = _norm(s.family, ip), port, CONNECTED, sfd
        self.nconns += 1
        s.conn = srv.conn = self.nconns
        self._report("connect", fd)
        srv.state, srv.bound = CONNECTED, True
        srv.ip, srv.port = _norm(s.family, ip), port
        srv.rip, srv.rport, srv.peer = s.ip, s.port, fd
        return -errno.EINPROGRESS if nonblocking else 0

    def take_error(self, fd):
        """getsockopt(SOL_SOCKET, SO_ERROR): the pending error, cleared."""
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        err, s.so_error = s.so_error, 0
        return err

    def accept(self, fd):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if s.state != LISTENING:
            return -errno.EINVAL
        if not s.pend:
            return -errno.EAGAIN
        c = s.pend.pop(0)
        self._report("accept", c)
        return c

    def name(self, fd, peer):
        s = self.socks.get(fd)
        if s is None:
            return -errno.EBADF
        if peer:
            if s.state != CONNECTED or not s.rport:
                return -errno.ENOTCONN
            return s.rip, s.rport
        if not s.bound:
            return ("::" if s.family == AF_INET6 else "0.0.0.0"), 0
        return s.ip, s.port

    # ---- readiness -----------------------------------------------------------
    def ready(self, fd, want):
        s = self.socks.get(fd)
        if s is None:
            return 0
        mask = 0
        if want & selectors.EVENT_READ and s.incoming and self._arrived(s.incoming[0]):
            mask |= selectors.EVENT_READ
        if want & selectors.EVENT_READ and s.state == LISTENING and s.pend:
            mask |= selectors.EVENT_READ
        if want & selectors.EVENT_WRITE and s.so_error:
            mask |= selectors.EVENT_WRITE
        elif want & selectors.EVENT_WRITE and s.state == CONNECTED:
            if s.wr_shut or s.peer is None or (
                    self.socks[s.peer].queued < BUFSIZE and self.clock() >= s.stall_until):
                mask |= selectors.EVENT_WRITE
        return mask

    def next_arrival(self, readers, writers=()):
        best = None
        now = self.clock()
        for fd in writers:                # a stalled peer reading again
            s = self.socks.get(fd)
            if s is not None and s.stall_until > now and s.peer is not None \
                    and not s.wr_shut and (best is None or s.stall_until < best):
                best = s.stall_until
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
    if code == 2:                         # no DNS on the simulated host
        raise _socket.gaierror(-2, "Name or service not known")
    cls = {errno.EAGAIN: BlockingIOError, errno.EINPROGRESS: BlockingIOError,
           errno.EPIPE: BrokenPipeError,
           errno.ECONNRESET: ConnectionResetError,
           errno.ECONNREFUSED: ConnectionRefusedError}.get(code, OSError)
    raise _oserror(cls, code)


class FakeSocket:
    """What asyncio and the scenario see of a simulated socket."""

    type = _socket.SOCK_STREAM

    def __init__(self, net, fd, family, proto=0):
        self._net = net
        self._fd = fd
        self.family = family
        self.proto = proto
        self._blocking = True
        self._connecting_to = None        # address of a non-blocking connect

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

    def sendmsg(self, buffers, *ancdata):
        return self.send(b"".join(bytes(memoryview(b)) for b in buffers))

    def recv_into(self, buf, nbytes=0):
        # a real socket's checks first (socketmodule.c sock_recv_into)
        try:
            view = memoryview(buf)
        except TypeError:
            view = None
        if view is None or view.readonly:
            raise TypeError("recv_into() argument 1 must be read-write bytes-like object, not %s"
                            % type(buf).__name__)
        if nbytes < 0:
            raise ValueError("negative buffersize in recv_into")
        if nbytes == 0:
            nbytes = view.nbytes
        if nbytes > view.nbytes:
            raise ValueError("buffer too small for requested bytes")
        data = self.recv(nbytes)
        view[:len(data)] = data
        return len(data)

    def setsockopt(self, level, option, value, optlen=None):
        if self._fd < 0:
            _raise(-errno.EBADF)

    def getsockopt(self, level, option, buflen=None):
        """SO_ERROR: the outcome of a non-blocking connect (selector_events'
        _sock_connect_cb reads it); other options read as 0."""
        if self._fd < 0:
            _raise(-errno.EBADF)
        if (level, option) != (SOL_SOCKET, SO_ERROR):
            return 0
        err = self._net.take_error(self._fd)
        if err > 0 and type(OSError(err, "")) is OSError:
            # Pyodide numbers errors as WASI does, so CPython's own
            # OSError(err, 'Connect call failed ...') would not pick the
            # Linux subclass: raise what it raises on Linux
            exc = _oserror({errno.ECONNREFUSED: ConnectionRefusedError}.get(err, OSError), err)
            exc.strerror = "Connect call failed %s" % (self._connecting_to,)
            raise exc
        return err

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

    def _name(self, peer):
        if self._fd < 0:
            _raise(-errno.EBADF)
        if self.family == AF_UNIX:
            return ""
        got = self._net.name(self._fd, peer)
        if isinstance(got, int):
            _raise(got)
        return self._addr(*got)

    def _addr(self, ip, port):
        return (ip, port, 0, 0) if self.family == AF_INET6 else (ip, port)

    def getsockname(self):
        return self._name(False)

    def getpeername(self):
        return self._name(True)

    def _parse(self, address):
        if not isinstance(address, tuple) or len(address) < 2:
            raise TypeError("%s address must be tuple, not %s" % (
                "AF_INET6" if self.family == AF_INET6 else "AF_INET", type(address).__name__))
        host, port = address[:2]
        if not isinstance(host, str):
            raise TypeError("str, bytes or bytearray expected, not %s" % type(host).__name__)
        port = int(port)
        if not 0 <= port <= 65535:
            raise OverflowError("socket.connect(): port must be 0-65535.")
        if host == "localhost":
            host = "::1" if self.family == AF_INET6 else "127.0.0.1"
        if any(c not in "0123456789.:abcdefABCDEF" for c in host):
            raise _socket.gaierror(-2, "Name or service not known")
        return host, port

    def bind(self, address):
        if self._fd < 0:
            _raise(-errno.EBADF)
        ip, port = self._parse(address)
        rc = self._net.bind(self._fd, ip, port)
        if rc < 0:
            _raise(rc)

    def listen(self, backlog=None):
        if self._fd < 0:
            _raise(-errno.EBADF)
        rc = self._net.listen(self._fd)
        if rc < 0:
            _raise(rc)

    def connect(self, address):
        if self._fd < 0:
            _raise(-errno.EBADF)
        ip, port = self._parse(address)
        self._connecting_to = address
        rc = self._net.connect(self._fd, ip, port, nonblocking=not self._blocking)
        if rc < 0:
            _raise(rc)

    def accept(self):
        if self._fd < 0:
            _raise(-errno.EBADF)
        c = self._net.accept(self._fd)
        if c < 0:
            _raise(c)
        conn = FakeSocket(self._net, c, self.family, self.proto)
        return conn, conn._addr(*self._net.name(c, True))

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
        _check_watchable(fd)
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

    def writers(self):
        return [fd for fd, k in self._keys.items() if k.events & selectors.EVENT_WRITE]


_net = None                           # the current run's Net
_saved_socketpair = None
_saved_socket = None
_saved_getaddrinfo = None


def _socket_factory(family=-1, type=-1, proto=-1, fileno=None):
    if family in (-1, None):
        family = AF_INET
    if type in (-1, None):
        type = _socket.SOCK_STREAM
    if fileno is not None:
        # socket(fileno=) of a descriptor the program did not get from the
        # simulated host: Linux's answer (stdin/stdout/stderr are not
        # sockets, other numbers are not open)
        if fileno in _STDIO:
            raise _oserror(OSError, errno.ENOTSOCK)
        if _net is not None and fileno not in _net.socks:
            raise _oserror(OSError, errno.EBADF)
        raise OSError("simloop: sockets from real descriptors (fileno=) are not simulated")
    if type != _socket.SOCK_STREAM or family not in (AF_INET, AF_INET6):
        raise OSError("simloop: only AF_INET/AF_INET6 SOCK_STREAM sockets are simulated")
    return FakeSocket(_net, _net.socket(family), family, proto if proto not in (-1, None) else 0)


def _socketpair(family=None, type=_socket.SOCK_STREAM, proto=0):
    if family is None:
        family = AF_UNIX
    if family != AF_UNIX:
        raise _oserror(OSError, errno.EOPNOTSUPP)
    a, b = _net.socketpair(family)
    return FakeSocket(_net, a, family), FakeSocket(_net, b, family)


# Linux's socket option numbers, for the names Pyodide's socket module
# lacks (create_server sets SO_REUSEADDR on POSIX).
SOL_SOCKET = getattr(_socket, "SOL_SOCKET", 1)
SO_ERROR = getattr(_socket, "SO_ERROR", 4)
_LINUX_OPTIONS = {"SOL_SOCKET": 1, "SO_REUSEADDR": 2, "SO_ERROR": 4, "SO_REUSEPORT": 15,
                  "IPPROTO_TCP": 6, "TCP_NODELAY": 1, "IPPROTO_IPV6": 41, "IPV6_V6ONLY": 26}
for _name, _value in _LINUX_OPTIONS.items():
    if not hasattr(_socket, _name):
        setattr(_socket, _name, _value)
# asyncio compares errno values with the errno module's names (3.12's
# create_server skips EADDRNOTAVAIL): under Pyodide they are WASI's, so
# they are set to Linux's for the names the simulated host reports.
if sys.platform == "emscripten":
    import errno as _errno
    for _name in ("EBADF", "EAGAIN", "EINVAL", "EPIPE", "EADDRINUSE", "EADDRNOTAVAIL",
                  "ENETUNREACH", "EISCONN", "ECONNRESET", "ENOTCONN", "ECONNREFUSED",
                  "EINPROGRESS"):
        setattr(_errno, _name, getattr(errno, _name))


class _AddrInfo(tuple):
    """A getaddrinfo() entry whose hash is constant, so that the set
    create_server() builds of them iterates in resolution order (CPython
    leaves that order to string hashing; simloop uses resolution order)."""
    __slots__ = ()

    def __hash__(self):
        return 0


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """The simulated host's resolver (docs/io.md): numeric loopback and any
    addresses, `localhost` (127.0.0.1, as Debian's /etc/hosts has it), the
    passive any addresses for host None; no DNS."""
    if isinstance(host, bytes):
        host = host.decode("idna")
    if port is None:
        port = 0
    elif isinstance(port, (str, bytes)):
        try:
            port = int(port)
        except ValueError:
            raise _socket.gaierror(-8, "Servname not supported for ai_socktype") from None
    want = (AF_INET, AF_INET6) if not family else (family,)
    if host is None:
        cands = [(AF_INET, "0.0.0.0" if flags & 1 else "127.0.0.1"),
                 (AF_INET6, "::" if flags & 1 else "::1")]
    elif host == "localhost":
        cands = [(AF_INET, "127.0.0.1")] if family != AF_INET6 else [(AF_INET6, "::1")]
    elif ":" in host and all(c in "0123456789abcdefABCDEF:." for c in host):
        cands = [(AF_INET6, host)]
    elif host and all(c in "0123456789." for c in host) and host.count(".") == 3:
        cands = [(AF_INET, host)]
    else:
        raise _socket.gaierror(-2, "Name or service not known")
    out = []
    types = (type,) if type else (_socket.SOCK_STREAM,)
    for af, ip in cands:
        if af not in want:
            continue
        for t in types:
            sa = (ip, port, 0, 0) if af == AF_INET6 else (ip, port)
            out.append(_AddrInfo((_socket.AddressFamily(af), _socket.SocketKind(t),
                                  proto or 6, "", sa)))
    if not out:
        raise _socket.gaierror(-9, "Address family for hostname not supported")
    return out


def start_run(net):
    """Points socket.socketpair at `net` for the run."""
    global _net, _saved_socketpair, _saved_socket
    _net = net
    global _saved_getaddrinfo
    if _saved_socketpair is None:
        _saved_socketpair = _socket.socketpair
        _saved_socket = _socket.socket
        _saved_getaddrinfo = _socket.getaddrinfo
    _socket.socketpair = _socketpair
    _socket.socket = _socket_factory
    _socket.getaddrinfo = getaddrinfo


def end_run():
    global _net, _saved_socketpair, _saved_socket
    _net = None
    if _saved_socketpair is not None:
        _socket.socketpair = _saved_socketpair
        _socket.socket = _saved_socket
        _socket.getaddrinfo = _saved_getaddrinfo
        _saved_socketpair = _saved_socket = None

/* The loop's I/O surface: what the engine asks of the simulated network.
 *
 * The engine sees descriptors only through this interface; sim/net/
 * implements it (core never includes sim/). Mirrors the part of the socket
 * module and of the selector that Lib/asyncio/selector_events.py uses:
 * socketpair(), send(), recv(), close(), getsockname()/getpeername().
 *
 * Every operation returns >= 0 on success, or a negative errno value
 * (-SL_IO_EAGAIN: would block, ...); core/lang turns those into CPython's
 * exceptions (BlockingIOError, BrokenPipeError, ...). Operations never
 * block: a simulated socket is always non-blocking underneath. */
#ifndef SL_IO_BACKEND_H
#define SL_IO_BACKEND_H

#include <stddef.h>

#include "core/object.h"

/* errno values as Linux numbers them (they show in exception texts). */
#define SL_IO_EBADF         9
#define SL_IO_EAGAIN        11
#define SL_IO_EINVAL        22
#define SL_IO_EPIPE         32
#define SL_IO_ENOTSOCK      88
#define SL_IO_EADDRINUSE    98
#define SL_IO_EADDRNOTAVAIL 99
#define SL_IO_ENETUNREACH   101
#define SL_IO_EISCONN       106
#define SL_IO_ECONNRESET    104
#define SL_IO_ENOTCONN      107
#define SL_IO_ECONNREFUSED  111
#define SL_IO_EINPROGRESS   115

#define SL_AF_UNIX     1
#define SL_AF_INET     2
#define SL_AF_INET6    10
#define SL_SOCK_STREAM 1

typedef struct sl_io_backend {
  /* socket.socketpair(family): two connected descriptors in fds. */
  int (*socketpair)(void *ctx, sl_rt *rt, int family, int fds[2]);
  /* sock.send(data): bytes accepted (> 0), or a negative errno. */
  long (*send)(void *ctx, sl_rt *rt, int fd, const unsigned char *data, size_t len);
  /* sock.recv(n) into buf (cap >= n): bytes read (0 = end of stream). */
  long (*recv)(void *ctx, sl_rt *rt, int fd, unsigned char *buf, size_t n);
  /* Bytes recv() could return now without blocking (0 at end of stream
   * too); a negative errno when recv() would fail or block. */
  long (*readable)(void *ctx, sl_rt *rt, int fd);
  /* sock.shutdown(SHUT_WR): the peer reads end of stream after the data. */
  int (*shutdown_write)(void *ctx, sl_rt *rt, int fd);
  int (*close)(void *ctx, sl_rt *rt, int fd);
  /* The socket's family (SL_AF_*), or a negative errno. */
  int (*family)(void *ctx, sl_rt *rt, int fd);
  /* socket.socket(family): a new descriptor, or -1 (out of memory). */
  int (*socket)(void *ctx, sl_rt *rt, int family);
  /* bind/connect to a numeric address; listen; accept (a new descriptor). */
  int (*bind)(void *ctx, sl_rt *rt, int fd, const char *ip, int port);
  int (*listen)(void *ctx, sl_rt *rt, int fd);
  /* A non-blocking connect returns -SL_IO_EINPROGRESS (as Linux does even
   * on the loopback) and leaves its outcome to sockerr once the socket is
   * writable. */
  int (*connect)(void *ctx, sl_rt *rt, int fd, const char *ip, int port, bool nonblocking);
  int (*accept)(void *ctx, sl_rt *rt, int fd);
  /* getsockname (peer false) / getpeername (peer true); *ip borrowed. */
  int (*name)(void *ctx, sl_rt *rt, int fd, bool peer, const char **ip, int *port);
  /* getsockopt(SOL_SOCKET, SO_ERROR): the pending error (a positive errno,
   * 0 for none), cleared; a negative errno when fd is not open. */
  int (*sockerr)(void *ctx, sl_rt *rt, int fd);
} sl_io_backend;

#endif

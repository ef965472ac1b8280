/* The simulated network: one host on a loopback network (docs/io.md).
 *
 * Sockets are descriptors numbered from 3 (the lowest free one, as the
 * kernel hands them out). A connection is two sockets, each with a queue of
 * incoming pieces; a piece arrives at a virtual time, and recv() reads the
 * arrived pieces as one byte stream (pieces coalesce at the reader). Bytes
 * of one direction are never reordered or lost: a piece never arrives
 * before the one sent earlier. A direction holds at most SL_NET_BUFSIZE
 * bytes (in flight plus unread); send() takes what fits and would block
 * when nothing fits, so a peer that stops reading makes the writer wait.
 *
 * Nondeterminism is `io` decisions, asked in this order (the CPython
 * oracle's model asks the same questions, oracle/simloop_oracle/net.py):
 *   - each send() that accepted n bytes: latency (seconds until the data
 *     arrives; default 0), then, when n >= 2, split (0: the write arrives
 *     whole; v > 0: its first n // 2 bytes arrive first and the rest v
 *     seconds later); then, on a TCP connection (AF_INET/AF_INET6), the
 *     two fault questions (SL_DECISION_IO_FAULT: strategies draw them only
 *     when asked to, sim/schedule.h): stall (v > 0: the peer stops reading
 *     for v seconds: the direction takes no more bytes until then, sends
 *     raise EAGAIN and the socket is not writable) and reset (v > 0: the
 *     connection is reset right after this write: each end reads what
 *     arrived before, then ECONNRESET once, then end of stream; the first
 *     send after the reset fails with ECONNRESET, later ones with EPIPE,
 *     as Linux's tcp_sendmsg/tcp_recvmsg report a pending sk_err);
 *   - each select() that reports two or more ready descriptors: order
 *     (0: by descriptor; v > 0: reversed).
 * The default schedule is an idle loopback: every write arrives whole, at
 * once, in order.
 *
 * Ownership: the net owns its sockets and their queues (sl_net_free); it
 * borrows the clock and the decider. */
#ifndef SL_NET_H
#define SL_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/io/backend.h"
#include "sim/vselector.h"

#define SL_NET_BUFSIZE  65536
#define SL_NET_FIRST_FD 3

typedef struct sl_net_piece {
  double arrive;       /* virtual time the piece becomes readable */
  bool eof;            /* end of stream (close or shutdown of the peer) */
  bool reset;          /* the connection was reset (eof is set too) */
  size_t len, off;     /* bytes in data, bytes already read */
  unsigned char *data; /* owned */
} sl_net_piece;

/* What the non-default answers of a run's io questions did, in words
 * ("the 2nd write from fd 5 on connection 1 (12 bytes) arrived in 2
 * pieces, the second 40 ms later"), keyed by the question's step and its
 * position among the step's io questions (the positions decision logs
 * record, sim/schedule.h). explore and minimize print them. */
typedef struct sl_net_said {
  uint64_t step;
  uint32_t pos;
  char text[200];
} sl_net_said;
typedef struct sl_net_words {
  sl_net_said *said; /* owned */
  size_t n, cap;
  bool failed; /* out of memory: some are missing */
} sl_net_words;
void sl_net_words_free(sl_net_words *w);
/* The words for the io question (step, pos), or NULL. */
const char *sl_net_words_find(const sl_net_words *w, uint64_t step, uint32_t pos);

#define SL_NET_IPLEN      48
#define SL_NET_FIRST_PORT 32768 /* ephemeral ports: 32768, 32769, ... */

typedef enum sl_net_state {
  SL_NET_CONNECTED, /* a socketpair end or a connected stream */
  SL_NET_NEW,       /* socket.socket(): neither connected nor listening */
  SL_NET_LISTENING, /* listen(): pending connections in `pend` */
} sl_net_state;

typedef struct sl_net_sock {
  bool used;  /* the descriptor is open */
  int family; /* SL_AF_* */
  sl_net_state state;
  bool bound; /* has a local address (bind, or connect's ephemeral port) */
  char ip[SL_NET_IPLEN], rip[SL_NET_IPLEN]; /* local and remote address */
  int port, rport;
  int *pend; /* owned: listening: descriptors of connections not yet
                        accepted (allocated when the connection arrives) */
  size_t pend_head, pend_len, pend_cap;
  int peer;         /* descriptor of the other end, -1 once it closed */
  bool wr_shut;     /* shutdown(SHUT_WR) or close: no more sends */
  sl_net_piece *in; /* owned queue of incoming pieces, in arrival order */
  size_t in_head, in_len, in_cap;
  size_t queued;      /* unread bytes in `in` (in flight or arrived) */
  double last_arrive; /* arrival time of the latest incoming piece */
  double stall_until; /* the peer reads nothing before this time (stall) */
  bool reset;         /* the connection was reset: the error is pending and a
                        reset piece is queued after the bytes on their way */
  bool reset_told;    /* ECONNRESET was reported once (by recv or send) */
  unsigned conn;      /* connection number (1, 2, ... in connect/socketpair
                        order), shared by both ends; 0: none */
  unsigned writes;    /* send() calls that accepted bytes, for the words */
  int so_error;       /* SO_ERROR: a non-blocking connect's refusal, until read */
} sl_net_sock;

typedef struct sl_net {
  sl_net_sock *socks; /* owned, indexed by descriptor */
  size_t cap;
  const double *now;   /* borrowed: the virtual clock */
  sl_decider decider;  /* copied; NULL decide: defaults */
  int next_port;       /* next ephemeral port to try */
  unsigned nconns;     /* connections made so far */
  sl_net_words *words; /* borrowed; NULL: say nothing */
  uint64_t q_step;     /* step of the last io question */
  uint32_t q_pos;      /* io questions asked in q_step */
} sl_net;

void sl_net_init(sl_net *net, const double *now, const sl_decider *decider);
void sl_net_free(sl_net *net);

/* The backend operations (core/io/backend.h); ctx is the sl_net. */
int sl_net_socketpair(sl_net *net, sl_rt *rt, int family, int fds[2]);
long sl_net_send(sl_net *net, sl_rt *rt, int fd, const unsigned char *data, size_t len);
long sl_net_recv(sl_net *net, sl_rt *rt, int fd, unsigned char *buf, size_t n);
long sl_net_readable(sl_net *net, int fd);
int sl_net_shutdown_write(sl_net *net, sl_rt *rt, int fd);
int sl_net_close(sl_net *net, sl_rt *rt, int fd);
int sl_net_family(sl_net *net, int fd);
/* socket.socket(family, SOCK_STREAM): a new descriptor, or -1 (no memory). */
int sl_net_socket(sl_net *net, sl_rt *rt, int family);
/* bind((ip, port)): `ip` numeric ("" and "0.0.0.0"/"::" are any address);
 * port 0 picks an ephemeral port. -EADDRNOTAVAIL for an address that is
 * not this host's loopback, -EADDRINUSE, -EINVAL when already bound. */
int sl_net_bind(sl_net *net, sl_rt *rt, int fd, const char *ip, int port);
int sl_net_listen(sl_net *net, sl_rt *rt, int fd);
/* connect((ip, port)): completes at once on the loopback (the server's end
 * gets its descriptor now and waits in the listener's queue), or
 * -ECONNREFUSED when nobody listens there, -ENETUNREACH off the host. */
int sl_net_connect(sl_net *net, sl_rt *rt, int fd, const char *ip, int port);
/* The same for a non-blocking socket: done (or refused) at once, but
 * reported as -EINPROGRESS; the refusal waits in SO_ERROR (the socket is
 * writable meanwhile). */
int sl_net_connect_nonblocking(sl_net *net, sl_rt *rt, int fd, const char *ip, int port);
/* getsockopt(SOL_SOCKET, SO_ERROR): the pending error, cleared. */
int sl_net_take_error(sl_net *net, int fd);
/* accept(): the next pending connection's descriptor, or -EAGAIN. */
int sl_net_accept(sl_net *net, sl_rt *rt, int fd);
/* getsockname() (peer false) / getpeername() (peer true): the address, or
 * a negative errno (-ENOTCONN). *ip is borrowed from the net. */
int sl_net_name(sl_net *net, int fd, bool peer, const char **ip, int *port);

/* When `fut` is the future a reader or writer of the loop resolves
 * (sock_recv, sock_sendall, sock_accept: its first argument), appends
 * "sock_recv on socket fd 4 (connection 1; its peer fd 3 is open and
 * nobody writes to it)" and returns true (sim/net/describe.c). */
bool sl_net_describe_wait(sl_net *net, sl_rt *rt, sl_obj *fut, sl_strbuf *out);

/* The order question of a select() that reports `nready` >= 2
 * descriptors: true to report them in reverse. */
bool sl_net_ask_order(sl_net *net, sl_rt *rt, size_t nready);

/* Events of `want` (SL_EVENT_*) that `fd` has now. */
int sl_net_ready(sl_net *net, int fd, int want);
/* The earliest time after now at which a descriptor registered in the
 * loop's map becomes ready by itself: a piece in flight to a reader
 * arrives, or a stalled writer's peer reads again; false when none. */
bool sl_net_next_arrival(sl_net *net, const sl_iomap *map, double *when);

#endif

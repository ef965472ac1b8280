/* The simulated network (see net.h). The same model, question for
 * question, is oracle/simloop_oracle/net.py. */
#include "sim/net/net.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/rt.h"

void sl_net_init(sl_net *net, const double *now, const sl_decider *decider) {
  memset(net, 0, sizeof *net);
  net->now = now;
  net->next_port = SL_NET_FIRST_PORT;
  net->q_step = UINT64_MAX; /* the first io question is at position 0 */
  if (decider) net->decider = *decider;
}

static void sock_drop_queue(sl_net_sock *s) {
  sl_free(s->pend);
  s->pend = NULL;
  s->pend_head = s->pend_len = s->pend_cap = 0;
  for (size_t i = 0; i < s->in_len; i++) sl_free(s->in[(s->in_head + i) % s->in_cap].data);
  sl_free(s->in);
  s->in = NULL;
  s->in_head = s->in_len = s->in_cap = 0;
  s->queued = 0;
}

void sl_net_free(sl_net *net) {
  for (size_t i = 0; i < net->cap; i++) sock_drop_queue(&net->socks[i]);
  sl_free(net->socks);
  net->socks = NULL;
  net->cap = 0;
}

static sl_net_sock *sock_of(sl_net *net, int fd) {
  if (fd < 0 || (size_t)fd >= net->cap || !net->socks[fd].used) return NULL;
  return &net->socks[fd];
}

/* Reports a socket event to the run's observer (docs/trace.md `sock`). */
static void report(sl_net *net, sl_rt *rt, const char *op, int fd, uint64_t n, double t) {
  if (!rt || !rt->observer.sock) return;
  const sl_net_sock *s = &net->socks[fd];
  sl_sock_info info = {rt->loop->step, op, s->conn, fd, s->peer, n, t};
  rt->observer.sock(rt->observer.ctx, &info);
}

/* Asks one io question; net->q_pos is then its position in the step, as
 * the schedule counts them. */
static double decide_io(sl_net *net, sl_rt *rt, sl_decision_kind kind) {
  uint64_t step = rt->loop->step;
  if (step != net->q_step) {
    net->q_step = step;
    net->q_pos = 0;
  } else {
    net->q_pos++;
  }
  if (!net->decider.decide) return 0.0;
  return net->decider.decide(net->decider.ctx, rt, kind);
}

/* ---- the answers in words ------------------------------------------------- */

void sl_net_words_free(sl_net_words *w) {
  sl_free(w->said);
  memset(w, 0, sizeof *w);
}

const char *sl_net_words_find(const sl_net_words *w, uint64_t step, uint32_t pos) {
  for (size_t i = 0; w && i < w->n; i++)
    if (w->said[i].step == step && w->said[i].pos == pos) return w->said[i].text;
  return NULL;
}

/* Records the words for the question just asked (a non-default answer). */
static void say(sl_net *net, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(sl_net *net, const char *fmt, ...) {
  sl_net_words *w = net->words;
  if (!w) return;
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 16;
    sl_net_said *grown = sl_realloc(w->said, cap * sizeof *grown);
    if (!grown) {
      w->failed = true;
      return;
    }
    w->said = grown;
    w->cap = cap;
  }
  sl_net_said *s = &w->said[w->n++];
  s->step = net->q_step;
  s->pos = net->q_pos;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->text, sizeof s->text, fmt, ap);
  va_end(ap);
}

/* "40 ms", "1.5 s" */
static const char *span(char buf[32], double seconds) {
  if (seconds < 1.0)
    snprintf(buf, 32, "%g ms", seconds * 1000.0);
  else
    snprintf(buf, 32, "%g s", seconds);
  return buf;
}

/* "1st", "2nd", "3rd", "4th", "11th", ... */
static const char *ordinal(char buf[24], unsigned k) {
  const char *suf = "th";
  if (k % 100 < 11 || k % 100 > 13)
    suf = k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
  snprintf(buf, 24, "%u%s", k, suf);
  return buf;
}

bool sl_net_ask_order(sl_net *net, sl_rt *rt, size_t nready) {
  bool reversed = decide_io(net, rt, SL_DECISION_IO) > 0;
  if (reversed) say(net, "select reported the %zu ready descriptors in reverse order", nready);
  return reversed;
}

/* The lowest free descriptor >= SL_NET_FIRST_FD, marked used; -1 when out
 * of memory. */
static int alloc_fd(sl_net *net, sl_rt *rt, int family) {
  size_t fd = SL_NET_FIRST_FD;
  while (fd < net->cap && net->socks[fd].used) fd++;
  if (fd >= net->cap) {
    size_t cap = net->cap ? net->cap * 2 : 16;
    sl_net_sock *grown = sl_realloc(net->socks, cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    memset(grown + net->cap, 0, (cap - net->cap) * sizeof *grown);
    net->socks = grown;
    net->cap = cap;
  }
  sl_net_sock *s = &net->socks[fd];
  memset(s, 0, sizeof *s);
  s->used = true;
  s->family = family;
  s->peer = -1;
  return (int)fd;
}

int sl_net_socketpair(sl_net *net, sl_rt *rt, int family, int fds[2]) {
  int a = alloc_fd(net, rt, family);
  if (a < 0) return -1;
  int b = alloc_fd(net, rt, family);
  if (b < 0) {
    net->socks[a].used = false;
    return -1;
  }
  net->socks[a].peer = b;
  net->socks[b].peer = a;
  net->socks[a].conn = net->socks[b].conn = ++net->nconns;
  report(net, rt, "pair", a, 0, *net->now);
  fds[0] = a;
  fds[1] = b;
  return 0;
}

/* Appends a piece to `to`'s queue (data copied). 0 or -1 (out of memory). */
static int push_piece(sl_rt *rt, sl_net_sock *to, double arrive, bool eof, bool reset,
                      const unsigned char *data, size_t len) {
  if (to->in_len == to->in_cap) {
    size_t cap = to->in_cap ? to->in_cap * 2 : 8;
    sl_net_piece *grown = sl_malloc(cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    for (size_t i = 0; i < to->in_len; i++) grown[i] = to->in[(to->in_head + i) % to->in_cap];
    sl_free(to->in);
    to->in = grown;
    to->in_cap = cap;
    to->in_head = 0;
  }
  unsigned char *copy = NULL;
  if (len) {
    copy = sl_malloc(len);
    if (!copy) return sl_nomem(rt);
    memcpy(copy, data, len);
  }
  /* Never before the piece sent earlier: bytes are not reordered. */
  if (arrive < to->last_arrive) arrive = to->last_arrive;
  to->last_arrive = arrive;
  to->in[(to->in_head + to->in_len++) % to->in_cap] =
      (sl_net_piece){arrive, eof || reset, reset, len, 0, copy};
  to->queued += len;
  return 0;
}

static bool arrived(const sl_net *net, const sl_net_piece *pc) { return pc->arrive <= *net->now; }

static bool is_tcp(const sl_net_sock *s) {
  return s->family == SL_AF_INET || s->family == SL_AF_INET6;
}

/* Resets the connection of `s` (a reset decision on its write). Both ends
 * have the error pending at once (send() fails); each reads the bytes
 * already on their way to it, then the error (a reset piece queued after
 * them: bytes are never lost or reordered). */
static int reset_connection(sl_net *net, sl_rt *rt, sl_net_sock *s) {
  report(net, rt, "reset", (int)(s - net->socks), 0, *net->now);
  sl_net_sock *p = &net->socks[s->peer];
  double now = *net->now;
  if (push_piece(rt, p, now, false, true, NULL, 0) || push_piece(rt, s, now, false, true, NULL, 0))
    return -1;
  p->peer = -1;
  s->peer = -1;
  p->reset = s->reset = true;
  return 0;
}

/* The questions of one write of n bytes (net.h), then its pieces. */
static long deliver(sl_net *net, sl_rt *rt, sl_net_sock *s, const unsigned char *data, size_t n) {
  sl_net_sock *p = &net->socks[s->peer];
  double now = *net->now;
  int fd = (int)(s - net->socks), pfd = s->peer;
  char nth[24], dt[32];
  ordinal(nth, s->writes + 1);
  double latency = decide_io(net, rt, SL_DECISION_IO);
  if (rt->fatal) return -1;
  if (latency > 0)
    say(net, "the %s write from fd %d on connection %u (%zu byte%s) arrived %s late", nth, fd,
        s->conn, n, n == 1 ? "" : "s", span(dt, latency));
  double arrive = now + latency;
  double split = n >= 2 ? decide_io(net, rt, SL_DECISION_IO) : 0.0;
  if (rt->fatal) return -1;
  if (split > 0)
    say(net,
        "the %s write from fd %d on connection %u arrived in 2 pieces (%zu + %zu bytes), the "
        "second %s later",
        nth, fd, s->conn, n / 2, n - n / 2, span(dt, split));
  if (split > 0) {
    size_t first = n / 2;
    if (push_piece(rt, p, arrive, false, false, data, first) ||
        push_piece(rt, p, arrive + split, false, false, data + first, n - first))
      return -1;
  } else if (push_piece(rt, p, arrive, false, false, data, n)) {
    return -1;
  }
  s->writes++;
  report(net, rt, "send", (int)(s - net->socks), n, p->last_arrive);
  if (!is_tcp(s)) return (long)n;
  double stall = decide_io(net, rt, SL_DECISION_IO_FAULT);
  if (rt->fatal) return -1;
  if (stall > 0) {
    s->stall_until = now + stall;
    say(net,
        "after the %s write from fd %d on connection %u, its peer (fd %d) stopped reading for %s",
        nth, fd, s->conn, pfd, span(dt, stall));
  }
  double reset = decide_io(net, rt, SL_DECISION_IO_FAULT);
  if (rt->fatal) return -1;
  if (reset > 0) {
    say(net, "connection %u (fd %d <-> %d) was reset right after the %s write from fd %d", s->conn,
        fd, pfd, nth, fd);
    if (reset_connection(net, rt, s)) return -1;
  }
  return (long)n;
}

long sl_net_send(sl_net *net, sl_rt *rt, int fd, const unsigned char *data, size_t len) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->reset) {
    if (s->reset_told) return -SL_IO_EPIPE;
    s->reset_told = true;
    return -SL_IO_ECONNRESET;
  }
  if (s->wr_shut || s->peer < 0) return -SL_IO_EPIPE;
  if (len == 0) return 0;
  sl_net_sock *p = &net->socks[s->peer];
  if (p->queued >= SL_NET_BUFSIZE || *net->now < s->stall_until) return -SL_IO_EAGAIN;
  size_t n = SL_NET_BUFSIZE - p->queued;
  if (n > len) n = len;
  return deliver(net, rt, s, data, n);
}

long sl_net_readable(sl_net *net, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->state != SL_NET_CONNECTED) return -SL_IO_ENOTCONN;
  long n = 0;
  for (size_t i = 0; i < s->in_len; i++) {
    const sl_net_piece *pc = &s->in[(s->in_head + i) % s->in_cap];
    if (!arrived(net, pc)) break;
    if (pc->eof) return n; /* a reset too: recv(0) then reports it */
    n += (long)(pc->len - pc->off);
  }
  return n ? n : -SL_IO_EAGAIN;
}

long sl_net_recv(sl_net *net, sl_rt *rt, int fd, unsigned char *buf, size_t n) {
  (void)rt;
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->state != SL_NET_CONNECTED) return -SL_IO_ENOTCONN;
  size_t got = 0;
  while (s->in_len && got < n) {
    sl_net_piece *pc = &s->in[s->in_head];
    if (!arrived(net, pc) || pc->eof) break;
    size_t take = pc->len - pc->off;
    if (take > n - got) take = n - got;
    memcpy(buf + got, pc->data + pc->off, take);
    pc->off += take;
    got += take;
    s->queued -= take;
    if (pc->off == pc->len) {
      sl_free(pc->data);
      s->in_head = (s->in_head + 1) % s->in_cap;
      s->in_len--;
    }
  }
  if (got) {
    report(net, rt, "recv", fd, got, *net->now);
    return (long)got;
  }
  const sl_net_piece *head = s->in_len ? &s->in[s->in_head] : NULL;
  if (head && head->eof && arrived(net, head)) {
    /* Linux's tcp_recvmsg: queued data first, then the pending error
     * once (unless send() reported it), then end of stream. */
    if (head->reset && !s->reset_told) {
      s->reset_told = true;
      return -SL_IO_ECONNRESET;
    }
    report(net, rt, "recv", fd, 0, *net->now);
    return 0;
  }
  return n ? -SL_IO_EAGAIN : 0;
}

int sl_net_shutdown_write(sl_net *net, sl_rt *rt, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->peer < 0) return -SL_IO_ENOTCONN;
  if (s->wr_shut) return 0;
  s->wr_shut = true;
  report(net, rt, "shutdown", fd, 0, *net->now);
  return push_piece(rt, &net->socks[s->peer], *net->now, true, false, NULL, 0);
}

int sl_net_close(sl_net *net, sl_rt *rt, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  report(net, rt, "close", fd, 0, *net->now);
  /* Connections nobody accepted are closed with the listener. */
  while (s->pend_len) {
    int c = s->pend[s->pend_head];
    s->pend_head = (s->pend_head + 1) % s->pend_cap;
    s->pend_len--;
    if (sl_net_close(net, rt, c) < 0 && rt->fatal) return -1;
  }
  if (s->peer >= 0) {
    sl_net_sock *p = &net->socks[s->peer];
    int rc = s->wr_shut ? 0 : push_piece(rt, p, *net->now, true, false, NULL, 0);
    p->peer = -1;
    if (rc) return -1;
  }
  sock_drop_queue(s);
  s->used = false;
  return 0;
}

int sl_net_family(sl_net *net, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  return s ? s->family : -SL_IO_EBADF;
}

int sl_net_ready(sl_net *net, int fd, int want) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return 0;
  int mask = 0;
  if ((want & SL_EVENT_READ) && s->in_len && arrived(net, &s->in[s->in_head]))
    mask |= SL_EVENT_READ;
  if ((want & SL_EVENT_READ) && s->state == SL_NET_LISTENING && s->pend_len) mask |= SL_EVENT_READ;
  if ((want & SL_EVENT_WRITE) && s->so_error) {
    mask |= SL_EVENT_WRITE;
  } else if ((want & SL_EVENT_WRITE) && s->state == SL_NET_CONNECTED) {
    /* A send that would fail (peer gone, shut down, reset) does not block
     * either; a stalled peer (net.h) takes nothing until it reads again. */
    if (s->wr_shut || s->peer < 0 ||
        (net->socks[s->peer].queued < SL_NET_BUFSIZE && *net->now >= s->stall_until))
      mask |= SL_EVENT_WRITE;
  }
  return mask;
}

bool sl_net_next_arrival(sl_net *net, const sl_iomap *map, double *when) {
  bool found = false;
  for (size_t fd = 0; fd < net->cap; fd++) {
    const sl_net_sock *s = &net->socks[fd];
    int events = s->used ? sl_iomap_events(map, (int)fd) : 0;
    if ((events & SL_EVENT_WRITE) && s->stall_until > *net->now && s->peer >= 0 && !s->wr_shut &&
        (!found || s->stall_until < *when)) {
      *when = s->stall_until;
      found = true;
    }
    if (!(events & SL_EVENT_READ)) continue;
    for (size_t i = 0; i < s->in_len; i++) {
      const sl_net_piece *pc = &s->in[(s->in_head + i) % s->in_cap];
      if (arrived(net, pc)) continue;
      if (!found || pc->arrive < *when) *when = pc->arrive;
      found = true;
      break;
    }
  }
  return found;
}

/* ---- addresses, listen, connect, accept ---------------------------------- */

int sl_net_socket(sl_net *net, sl_rt *rt, int family) {
  int fd = alloc_fd(net, rt, family);
  if (fd >= 0) net->socks[fd].state = SL_NET_NEW;
  return fd;
}

static bool is_any(int family, const char *ip) {
  return !*ip || !strcmp(ip, family == SL_AF_INET6 ? "::" : "0.0.0.0");
}

/* An address of this host: the loopback network (127.0.0.0/8, ::1). */
static bool is_loopback(int family, const char *ip) {
  if (family == SL_AF_INET6) return !strcmp(ip, "::1");
  return !strncmp(ip, "127.", 4);
}

static bool port_in_use(const sl_net *net, int family, const char *ip, int port) {
  for (size_t i = 0; i < net->cap; i++) {
    const sl_net_sock *o = &net->socks[i];
    if (!o->used || !o->bound || o->port != port || o->family != family) continue;
    if (is_any(family, ip) || is_any(family, o->ip) || !strcmp(o->ip, ip)) return true;
  }
  return false;
}

static int ephemeral_port(sl_net *net, int family, const char *ip) {
  for (;;) {
    int p = net->next_port++;
    if (net->next_port > 60999) net->next_port = SL_NET_FIRST_PORT;
    if (!port_in_use(net, family, ip, p)) return p;
  }
}

static void set_ip(char *dst, int family, const char *ip) {
  if (!*ip) ip = family == SL_AF_INET6 ? "::" : "0.0.0.0";
  snprintf(dst, SL_NET_IPLEN, "%s", ip);
}

int sl_net_bind(sl_net *net, sl_rt *rt, int fd, const char *ip, int port) {
  (void)rt;
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->bound || s->state != SL_NET_NEW) return -SL_IO_EINVAL;
  if (!is_any(s->family, ip) && !is_loopback(s->family, ip)) return -SL_IO_EADDRNOTAVAIL;
  if (port && port_in_use(net, s->family, ip, port)) return -SL_IO_EADDRINUSE;
  set_ip(s->ip, s->family, ip);
  s->port = port ? port : ephemeral_port(net, s->family, ip);
  s->bound = true;
  return 0;
}

int sl_net_listen(sl_net *net, sl_rt *rt, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->state == SL_NET_CONNECTED) return -SL_IO_EINVAL;
  if (!s->bound) {
    /* listen() on an unbound socket binds it to any address, port chosen */
    int rc = sl_net_bind(net, rt, fd, "", 0);
    if (rc) return rc;
  }
  s->state = SL_NET_LISTENING;
  return 0;
}

/* The listening socket for (family, ip, port), or -1. */
static int find_listener(const sl_net *net, int family, const char *ip, int port) {
  for (size_t i = 0; i < net->cap; i++) {
    const sl_net_sock *o = &net->socks[i];
    if (o->used && o->state == SL_NET_LISTENING && o->family == family && o->port == port &&
        (is_any(family, o->ip) || !strcmp(o->ip, ip)))
      return (int)i;
  }
  return -1;
}

static int push_pending(sl_rt *rt, sl_net_sock *l, int fd) {
  if (l->pend_len == l->pend_cap) {
    size_t cap = l->pend_cap ? l->pend_cap * 2 : 8;
    int *grown = sl_malloc(cap * sizeof *grown);
    if (!grown) return sl_nomem(rt);
    for (size_t i = 0; i < l->pend_len; i++) grown[i] = l->pend[(l->pend_head + i) % l->pend_cap];
    sl_free(l->pend);
    l->pend = grown;
    l->pend_cap = cap;
    l->pend_head = 0;
  }
  l->pend[(l->pend_head + l->pend_len++) % l->pend_cap] = fd;
  return 0;
}

int sl_net_connect(sl_net *net, sl_rt *rt, int fd, const char *ip, int port) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->state == SL_NET_CONNECTED) return -SL_IO_EISCONN;
  if (s->state == SL_NET_LISTENING) return -SL_IO_EINVAL;
  if (!is_loopback(s->family, ip)) return -SL_IO_ENETUNREACH;
  int lfd = find_listener(net, s->family, ip, port);
  if (lfd < 0) return -SL_IO_ECONNREFUSED;
  int sfd = alloc_fd(net, rt, s->family);
  if (sfd < 0) return -1;
  /* alloc_fd may have moved the table */
  s = &net->socks[fd];
  sl_net_sock *l = &net->socks[lfd], *srv = &net->socks[sfd];
  if (push_pending(rt, l, sfd)) {
    srv->used = false;
    return -1;
  }
  if (!s->bound) {
    set_ip(s->ip, s->family, ip);
    s->port = ephemeral_port(net, s->family, ip);
    s->bound = true;
  }
  set_ip(s->rip, s->family, ip);
  s->rport = port;
  s->state = SL_NET_CONNECTED;
  s->peer = sfd;
  s->conn = srv->conn = ++net->nconns;
  report(net, rt, "connect", fd, 0, *net->now);
  srv->state = SL_NET_CONNECTED;
  srv->bound = true;
  set_ip(srv->ip, s->family, ip);
  srv->port = port;
  set_ip(srv->rip, s->family, s->ip);
  srv->rport = s->port;
  srv->peer = fd;
  return 0;
}

int sl_net_connect_nonblocking(sl_net *net, sl_rt *rt, int fd, const char *ip, int port) {
  int rc = sl_net_connect(net, rt, fd, ip, port);
  if (rc == -SL_IO_ECONNREFUSED) {
    net->socks[fd].so_error = SL_IO_ECONNREFUSED;
    return -SL_IO_EINPROGRESS;
  }
  return rc == 0 ? -SL_IO_EINPROGRESS : rc;
}

int sl_net_take_error(sl_net *net, int fd) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  int err = s->so_error;
  s->so_error = 0;
  return err;
}

int sl_net_accept(sl_net *net, sl_rt *rt, int fd) {
  (void)rt;
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (s->state != SL_NET_LISTENING) return -SL_IO_EINVAL;
  if (!s->pend_len) return -SL_IO_EAGAIN;
  int c = s->pend[s->pend_head];
  s->pend_head = (s->pend_head + 1) % s->pend_cap;
  s->pend_len--;
  report(net, rt, "accept", c, 0, *net->now);
  return c;
}

int sl_net_name(sl_net *net, int fd, bool peer, const char **ip, int *port) {
  sl_net_sock *s = sock_of(net, fd);
  if (!s) return -SL_IO_EBADF;
  if (peer) {
    if (s->state != SL_NET_CONNECTED || !s->rport) return -SL_IO_ENOTCONN;
    *ip = s->rip;
    *port = s->rport;
    return 0;
  }
  if (!s->bound) {
    *ip = s->family == SL_AF_INET6 ? "::" : "0.0.0.0";
    *port = 0;
    return 0;
  }
  *ip = s->ip;
  *port = s->port;
  return 0;
}

/* Storing runs in the SQLite trace store (see tracedb.h, schema.sql): a
 * writer that takes a run's events one at a time inside one transaction,
 * so a run can be stored as it happens (`simloop run --db`) or from a
 * trace in memory (sl_tracedb_store), by the same code. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "traces/jsonl.h"
#include "traces/tracedb_write-int.h"

static const char *const INSERTS[S__COUNT] = {
    /* The end line's columns are completed by S_RUN_END when the run ends. */
    "INSERT INTO runs(engine, engine_version, python, impl, scenario, scenario_sha256, seed, "
    "strategy, outcome, detail, steps, final_time, trace_hash) "
    "VALUES(?,?,?,?,?,?,?,?,'',NULL,0,0,'')",
    "UPDATE runs SET outcome=?, detail=?, steps=?, final_time=?, trace_hash=? WHERE id=?",
    "INSERT INTO step_chunks(run, seq, n, events) VALUES(?,?,?,?)",
    "INSERT INTO handle_chunks(run, seq, n, events, step, names) VALUES(?,?,?,?,?,?)",
    "INSERT INTO tasks(run, id, name, coro, parent, created_step, created_seq) "
    "VALUES(?,?,?,?,?,?,?)",
    /* A task seen only finishing still gets its row (creation columns NULL). */
    "INSERT INTO tasks(run, id, done_step, done_seq, outcome, detail) VALUES(?1,?2,?3,?4,?5,?6)"
    " ON CONFLICT(run, id) DO UPDATE SET done_step=?3, done_seq=?4, outcome=?5, detail=?6",
    "INSERT INTO output(run, seq, step, task, text) VALUES(?,?,?,?,?)",
    "INSERT INTO decisions(run, seq, step, kind, value) VALUES(?,?,?,?,?)",
    "INSERT INTO events(run, seq, step, kind, op, \"when\", message, exception) "
    "VALUES(?,?,?,?,?,?,?,?)",
    "INSERT INTO sock_events(run, seq, step, op, conn, fd, peer, n, t) VALUES(?,?,?,?,?,?,?,?,?)",
    "INSERT INTO handle_names(name, owner) VALUES(?,?) ON CONFLICT(name) DO NOTHING",
    "SELECT id FROM handle_names WHERE name=?",
    "INSERT INTO handle_name_runs(name, run, count) VALUES(?,?,?)",
};

/* FNV-1a over 8-byte words (the tail zero-padded, the length mixed in):
 * names are looked up once per handle event, and only this process
 * compares the hashes. */
static uint64_t name_hash(const char *p, size_t n) {
  uint64_t h = 1469598103934665603u ^ n, w;
  for (; n >= 8; p += 8, n -= 8) {
    memcpy(&w, p, 8);
    h = (h ^ w) * 1099511628211u;
  }
  if (n) {
    w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 1099511628211u;
  }
  return h ^ (h >> 29);
}

static bool name_ids_grow(name_ids *m) {
  size_t cap = m->cap ? m->cap * 2 : 256;
  name_slot *slot = sl_calloc(cap, sizeof *slot);
  if (!slot) return false;
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slot[i].p) continue;
    size_t k = m->slot[i].hash & (cap - 1);
    while (slot[k].p) k = (k + 1) & (cap - 1);
    slot[k] = m->slot[i];
  }
  sl_free(m->slot);
  m->slot = slot;
  m->cap = cap;
  memset(m->recent, 0, sizeof m->recent);
  return true;
}

static void name_ids_free(name_ids *m) {
  for (size_t i = 0; i < m->cap; i++) {
    sl_free(m->slot[i].p);
    sl_free(m->slot[i].listed);
  }
  sl_free(m->slot);
}

/* Runs a bound statement. Returns the sqlite code (SQLITE_OK when done). */
static int run_stmt(sqlite3_stmt *s) {
  /* Every statement binds all of its parameters, so none are cleared. */
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Stores a closed chunk (its text and, for handles, its names): ctx is
 * the writer. */
static int store_chunk(void *ctx, const sl__chunk_job *j) {
  sl_tracedb_writer *w = ctx;
  sqlite3_stmt *s = w->st[j->stmt];
  sqlite3_bind_int64(s, 1, w->run);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)j->seq);
  sqlite3_bind_int64(s, 3, j->n);
  sqlite3_bind_text(s, 4, j->text.data, (int)j->text.len, SQLITE_STATIC);
  if (j->stmt == S_HANDLE_CHUNK) {
    sqlite3_bind_int64(s, 5, (sqlite3_int64)j->step);
    sqlite3_bind_text(s, 6, j->names.data, (int)j->names.len, SQLITE_STATIC);
  }
  return run_stmt(s);
}

/* Records the first failure with SQLite's message for it. */
static sl_errcode fail(sl_tracedb_writer *w, const char *what) {
  sl__chunk_bg_quiet(&w->bg); /* the message is the connection's: the thread's failure's */
  if (w->failed == SL_EOK) w->failed = sl__tracedb_fail(w->db, &w->err, what);
  return w->failed;
}

/* The slot of `name` (inserting the name into handle_names when new), valid
 * until the next call. Returns the sqlite code; SQLITE_NOMEM when the table
 * cannot grow. */
static int name_slot_of(sl_tracedb_writer *w, const char *p, size_t n, name_slot **out) {
  name_ids *m = &w->names;
  recent_name *r = recent_of(m, p);
  if (r->p == p && m->slot[r->k].n == n && same_text(m->slot[r->k].p, p, n)) {
    m->slot[r->k].count++;
    *out = &m->slot[r->k];
    return SQLITE_OK;
  }
  uint64_t h = name_hash(p, n);
  size_t k = 0;
  if (m->cap) {
    for (k = h & (m->cap - 1); m->slot[k].p; k = (k + 1) & (m->cap - 1))
      if (m->slot[k].hash == h && m->slot[k].n == n && !memcmp(m->slot[k].p, p, n)) {
        m->slot[k].count++;
        *r = (recent_name){p, k};
        *out = &m->slot[k];
        return SQLITE_OK;
      }
  }
  if ((m->len + 1) * 2 > m->cap) {
    if (!name_ids_grow(m)) return SQLITE_NOMEM;
    for (k = h & (m->cap - 1); m->slot[k].p; k = (k + 1) & (m->cap - 1)) {}
  }
  sl_strbuf listed = SL_STRBUF_INIT;
  sl_strbuf_putc(&listed, ',');
  sl_json_put_string(&listed, p, n);
  size_t listed_n = 0;
  char *listed_p = listed.failed ? NULL : sl_strbuf_take(&listed, &listed_n);
  sl_strbuf_free(&listed);
  char *copy = listed_p ? sl_strndup(p, n) : NULL;
  if (!copy) {
    sl_free(listed_p);
    return SQLITE_NOMEM;
  }
  char owner[32];
  sl_handle_owner(copy, owner);
  int rc = sl__chunk_bg_settle(&w->bg);
  if (rc != SQLITE_OK) {
    sl_free(copy);
    sl_free(listed_p);
    return rc;
  }
  sqlite3_stmt *add = w->st[S_NAME_ADD], *get = w->st[S_NAME_ID];
  sqlite3_bind_text(add, 1, p, (int)n, SQLITE_STATIC);
  if (owner[0])
    sqlite3_bind_text(add, 2, owner, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(add, 2);
  rc = sqlite3_step(add);
  sqlite3_reset(add);
  int64_t id = 0;
  if (rc == SQLITE_DONE) {
    sqlite3_bind_text(get, 1, p, (int)n, SQLITE_STATIC);
    rc = sqlite3_step(get);
    if (rc == SQLITE_ROW) id = sqlite3_column_int64(get, 0);
    sqlite3_reset(get);
  }
  if (rc != SQLITE_ROW) {
    sl_free(copy);
    sl_free(listed_p);
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  }
  m->slot[k] = (name_slot){copy, n, h, id, 1, 0, 0, listed_p, listed_n};
  m->len++;
  *recent_of(m, p) = (recent_name){p, k};
  *out = &m->slot[k];
  return SQLITE_OK;
}

static void bind_str(sqlite3_stmt *st, int i, const sl_tstr *s) {
  if (s->p)
    sqlite3_bind_text(st, i, s->p, (int)s->n, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, uint64_t id) {
  if (id)
    sqlite3_bind_int64(st, i, (sqlite3_int64)id);
  else
    sqlite3_bind_null(st, i);
}

/* Starts the thread that stores full chunks (once: false when the
 * system gives none, and the chunks are then stored here). */
static bool start_bg(sl_tracedb_writer *w) {
  w->bg_wanted = false;
  return sl__chunk_bg_start(&w->bg, store_chunk, w);
}

/* Stores chunk `c` when it holds entries: by the thread when the writer
 * uses one. */
static int flush_chunk(sl_tracedb_writer *w, chunk *c) {
  if (!c->n) return SQLITE_OK;
  sl_strbuf_putc(&c->text, ']');
  if (c->stmt == S_HANDLE_CHUNK) sl_strbuf_putc(&c->names, ']');
  if (c->text.failed || c->names.failed) return SQLITE_NOMEM;
  sl__chunk_job j = {c->stmt, c->seq, c->step, c->n, c->text, c->names};
  int rc;
  if (w->bg.w.started || (w->bg_wanted && start_bg(w))) {
    rc = sl__chunk_bg_add(&w->bg, &j);
    c->text = j.text; /* the emptied buffers it gave back */
    c->names = j.names;
  } else {
    rc = store_chunk(w, &j);
  }
  sl_strbuf_clear(&c->text);
  sl_strbuf_clear(&c->names);
  c->n = 0;
  c->names_n = 0;
  c->gen++;
  return rc;
}

/* The end of text b with room for an entry; NULL when it cannot grow. */
static char *entry_at(sl_strbuf *b) {
  if (b->cap - b->len <= ENTRY_ROOM && !sl_strbuf_reserve(b, ENTRY_ROOM)) return NULL;
  return b->data + b->len;
}

/* Writes float x at q, the end of an entry being written in b, as
 * sl_json_put_float writes it: in place when whole (most trace times),
 * else through it, after which the entry goes on at entry_at. Returns the
 * new end (NULL: no memory). */
static char *entry_float(sl_strbuf *b, char *q, double x) {
  if (sl_json_whole_float(x)) {
    q = sl_json_u64_at(q, (uint64_t)x);
    *q++ = '.';
    *q++ = '0';
    return q;
  }
  b->len = (size_t)(q - b->data);
  sl_json_put_float(b, x); /* Python's repr: reads back exactly */
  return entry_at(b);
}

/* Closes the entry written up to q (NULL: no memory) in c's text. */
static int end_entry(sl_tracedb_writer *w, chunk *c, char *q) {
  sl_strbuf *b = &c->text;
  if (!q || b->failed) return SQLITE_NOMEM;
  *q++ = ']';
  *q = '\0';
  b->len = (size_t)(q - b->data);
  return ++c->n == CHUNK_EVENTS ? flush_chunk(w, c) : SQLITE_OK;
}

/* Adds the pending step to its chunk: [seq,i,t,timeout,handles]. */
static int flush_step(sl_tracedb_writer *w) {
  if (!w->step_pending) return SQLITE_OK;
  w->step_pending = false;
  chunk *c = &w->steps;
  sl_strbuf *b = &c->text;
  if (!c->n) c->seq = w->step_seq;
  char *q = entry_at(b);
  if (!q) return SQLITE_NOMEM;
  *q++ = c->n ? ',' : '[';
  *q++ = '[';
  q = sl_json_u64_at(q, w->step_seq);
  *q++ = ',';
  q = sl_json_u64_at(q, w->step_step);
  *q++ = ',';
  if (!(q = entry_float(b, q, w->step_t))) return SQLITE_NOMEM;
  *q++ = ',';
  if (w->step_has_timeout) {
    if (!(q = entry_float(b, q, w->step_timeout))) return SQLITE_NOMEM;
  } else {
    memcpy(q, "null", 4);
    q += 4;
  }
  *q++ = ',';
  q = sl_json_u64_at(q, (uint64_t)w->step_handles);
  return end_entry(w, c, q);
}

/* The index of name slot `ns` among chunk c's names, added when new. The
 * names are text, not handle_names ids, so that a chunk reads the same in
 * any database it is merged into. */
static uint32_t chunk_name(chunk *c, name_slot *ns) {
  if (ns->chunk_gen != c->gen) {
    ns->chunk_gen = c->gen;
    ns->chunk_k = c->names_n++;
    size_t at = c->names.len;
    sl_strbuf_append(&c->names, ns->listed, ns->listed_n);
    if (!ns->chunk_k && !c->names.failed) c->names.data[at] = '[';
  }
  return ns->chunk_k;
}

/* entry_float for a handle's time: the last one's text again when the
 * time is the same (to its bits), a fixed-size copy. */
static char *handle_time(sl_tracedb_writer *w, sl_strbuf *b, char *q, double t) {
  uint64_t bits;
  memcpy(&bits, &t, sizeof bits);
  if (w->t_n && bits == w->t_bits) {
    /* ENTRY_ROOM has room for the whole copy: the time starts at most 64
     * bytes into the entry */
    memcpy(q, w->t_text, sizeof w->t_text);
    return q + w->t_n;
  }
  size_t at = (size_t)(q - b->data);
  if (!(q = entry_float(b, q, t))) return NULL;
  size_t n = (size_t)(q - b->data) - at; /* b->data may have moved */
  w->t_n = 0;
  if (n < sizeof w->t_text) {
    memcpy(w->t_text, b->data + at, n);
    w->t_n = (uint8_t)n;
    w->t_bits = bits;
  }
  return q;
}

/* Adds a handle event (at `seq`) to the chunk: [seq - chunk seq,
 * step - chunk step, pos, t, index of the name in the chunk's names]
 * (schema.sql: small numbers and no repeated text keep a long run's
 * chunks a third of their size as [seq,step,pos,t,name]). */
static __attribute__((noinline)) int add_handle(sl_tracedb_writer *w, uint64_t step, uint32_t pos,
                                                double t, const char *name, size_t n,
                                                uint64_t seq) {
  name_slot *ns = NULL;
  int rc = name_slot_of(w, name ? name : "", name ? n : 0, &ns);
  if (rc != SQLITE_OK) return rc;
  chunk *c = &w->handles;
  sl_strbuf *b = &c->text;
  if (!c->n) {
    c->seq = seq;
    c->step = step;
  }
  char *q = entry_at(b);
  if (!q) return SQLITE_NOMEM;
  *q++ = c->n ? ',' : '[';
  *q++ = '[';
  q = small_at(q, seq - c->seq);
  *q++ = ',';
  q = sl_json_u64_at(q, step - c->step);
  *q++ = ',';
  q = sl_json_u64_at(q, pos);
  *q++ = ',';
  if (!(q = handle_time(w, b, q, t))) return SQLITE_NOMEM;
  *q++ = ',';
  q = sl_json_u64_at(q, chunk_name(c, ns));
  w->step_handles++;
  return end_entry(w, c, q);
}

/* Binds and runs the insert of event `e` at position `seq`, an event of
 * a kind stored as a row of its own. Returns the sqlite code. */
static int insert_row(sl_tracedb_writer *w, const sl_tev *e, uint64_t seq) {
  sqlite3_stmt **st = w->st, *s = NULL;
  int64_t run = w->run;
  switch (e->kind) {
  case SL_TEV_STEP:
  case SL_TEV_HANDLE: return SQLITE_ERROR; /* stored in chunks: insert_event */
  case SL_TEV_TASK:
    s = st[S_TASK];
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)e->task);
    bind_str(s, 3, &e->a);
    bind_str(s, 4, &e->b);
    bind_id(s, 5, e->parent);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)e->step);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)seq);
    return run_stmt(s); /* tasks are keyed by id, not seq */
  case SL_TEV_TASK_DONE:
    s = st[S_TASK_DONE];
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)e->task);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)seq);
    bind_str(s, 5, &e->a);
    bind_str(s, 6, &e->b);
    return run_stmt(s);
  case SL_TEV_OUTPUT:
    s = st[S_OUTPUT];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_id(s, 4, e->task);
    bind_str(s, 5, &e->a);
    break;
  case SL_TEV_DECISION:
    s = st[S_DECISION];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_str(s, 4, &e->a);
    sqlite3_bind_double(s, 5, e->t);
    break;
  case SL_TEV_TIMER:
  case SL_TEV_ERROR:
    s = st[S_EVENT];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    if (e->kind == SL_TEV_TIMER) {
      sqlite3_bind_text(s, 4, "timer", -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 5, e->cancelled ? "cancelled" : "scheduled", -1, SQLITE_STATIC);
      sqlite3_bind_double(s, 6, e->t);
      sqlite3_bind_null(s, 7);
      sqlite3_bind_null(s, 8);
    } else {
      sqlite3_bind_text(s, 4, "error", -1, SQLITE_STATIC);
      sqlite3_bind_null(s, 5);
      sqlite3_bind_null(s, 6);
      bind_str(s, 7, &e->a);
      bind_str(s, 8, &e->b);
    }
    break;
  case SL_TEV_SOCK:
    s = st[S_SOCK];
    sqlite3_bind_int64(s, 3, (sqlite3_int64)e->step);
    bind_str(s, 4, &e->a);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)e->conn);
    sqlite3_bind_int64(s, 6, e->fd);
    if (e->peer >= 0)
      sqlite3_bind_int64(s, 7, e->peer);
    else
      sqlite3_bind_null(s, 7);
    sqlite3_bind_int64(s, 8, (sqlite3_int64)e->n);
    sqlite3_bind_double(s, 9, e->t);
    break;
  }
  sqlite3_bind_int64(s, 1, run);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)seq);
  return run_stmt(s);
}

/* Stores the pending step and makes this one (at `seq`) pending: its row
 * counts its handles. Returns the sqlite code. */
static int begin_step(sl_tracedb_writer *w, uint64_t step, double t, bool has_timeout,
                      double timeout, uint64_t seq) {
  int rc = flush_step(w);
  if (rc != SQLITE_OK) return rc;
  w->step_pending = true;
  w->step_step = step;
  w->step_t = t;
  w->step_has_timeout = has_timeout;
  w->step_timeout = timeout;
  w->step_seq = seq;
  w->step_handles = 0;
  return SQLITE_OK;
}

/* Stores event `e` at position `seq`. Returns the sqlite code. */
static int insert_event(sl_tracedb_writer *w, const sl_tev *e, uint64_t seq) {
  int rc;
  switch (e->kind) {
  case SL_TEV_STEP: return begin_step(w, e->step, e->t, e->has_timeout, e->timeout, seq);
  case SL_TEV_HANDLE: return add_handle(w, e->step, e->pos, e->t, e->a.p, e->a.n, seq);
  default:
    /* a row of its own: the connection must be this thread's */
    if ((rc = sl__chunk_bg_settle(&w->bg)) != SQLITE_OK) return rc;
    return insert_row(w, e, seq);
  }
}

/* The writer's transaction turns the per-row foreign-key probe off: every
 * row references the run row inserted first in the same transaction, so
 * the probe (a runs lookup per row) proves nothing. The pragma cannot
 * change inside a transaction, hence before BEGIN and restored after.
 * (A 64 MB page cache helped when every handle event was a row; with
 * chunks, SQLite's default cache is faster: fewer fresh pages to fault in,
 * and the appended pages go to the log as they fill.) */
static void bulk_settings(sl_tracedb *db, bool on) {
  sqlite3_exec(db->db, on ? "PRAGMA foreign_keys=OFF" : "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
}

static void writer_free(sl_tracedb_writer *w) {
  sl__chunk_bg_free(&w->bg);
  for (int i = 0; i < S__COUNT; i++) sqlite3_finalize(w->st[i]);
  name_ids_free(&w->names);
  sl_strbuf_free(&w->steps.text);
  /* a step chunk's names are never written, but a buffer the thread gave
   * back for them can be one a handle chunk had */
  sl_strbuf_free(&w->steps.names);
  sl_strbuf_free(&w->handles.text);
  sl_strbuf_free(&w->handles.names);
  sl_strbuf_free(&w->err);
  sl_free(w);
}

void sl_tracedb_writer_abort(sl_tracedb_writer *w) {
  if (!w) return;
  sl__chunk_bg_stop(&w->bg);
  sqlite3_exec(w->db->db, "ROLLBACK", NULL, NULL, NULL);
  bulk_settings(w->db, false);
  writer_free(w);
}

/* Takes the writer's failure message into err, rolls back, frees. */
static sl_errcode give_up(sl_tracedb_writer *w, sl_strbuf *err) {
  sl_errcode rc = w->failed;
  sl_strbuf_append(err, w->err.data ? w->err.data : "", w->err.len);
  sl_tracedb_writer_abort(w);
  return rc;
}

sl_errcode sl_tracedb_writer_begin(sl_tracedb *db, const sl_trace_meta *m, sl_tracedb_writer **out,
                                   sl_strbuf *err) {
  *out = NULL;
  sl_tracedb_writer *w = sl_calloc(1, sizeof *w);
  if (!w) return SL_ENOMEM;
  w->db = db;
  w->err = (sl_strbuf)SL_STRBUF_INIT;
  w->steps = (chunk){SL_STRBUF_INIT, 0, 0, 0, S_STEP_CHUNK, SL_STRBUF_INIT, 0, 1};
  w->handles = (chunk){SL_STRBUF_INIT, 0, 0, 0, S_HANDLE_CHUNK, SL_STRBUF_INIT, 0, 1};
  bulk_settings(db, true);
  if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
    sl_errcode rc = sl__tracedb_fail(db, err, "cannot begin a transaction");
    bulk_settings(db, false);
    writer_free(w);
    return rc;
  }
  for (int i = 0; i < S__COUNT; i++)
    if (sqlite3_prepare_v3(db->db, INSERTS[i], -1, SQLITE_PREPARE_PERSISTENT, &w->st[i], NULL) !=
        SQLITE_OK) {
      fail(w, "cannot prepare the inserts");
      return give_up(w, err);
    }
  sqlite3_stmt *s = w->st[S_RUN];
  bind_str(s, 1, &m->engine);
  bind_str(s, 2, &m->engine_version);
  bind_str(s, 3, &m->python);
  bind_str(s, 4, &m->impl);
  bind_str(s, 5, &m->scenario);
  bind_str(s, 6, &m->sha256);
  if (m->has_seed)
    sqlite3_bind_int64(s, 7, m->seed);
  else
    sqlite3_bind_null(s, 7);
  bind_str(s, 8, &m->strategy);
  if (run_stmt(s) != SQLITE_OK) {
    fail(w, "cannot write the run");
    return give_up(w, err);
  }
  w->run = sqlite3_last_insert_rowid(db->db);
  *out = w;
  return SL_EOK;
}

/* The writer's state after a store that returned sqlite code rc. */
static sl_errcode stored(sl_tracedb_writer *w, int rc) {
  if (rc == SQLITE_NOMEM) {
    w->failed = SL_ENOMEM;
    sl_strbuf_printf(&w->err, "%s: out of memory while storing the run\n", w->db->path);
  } else if (rc != SQLITE_OK) {
    fail(w, "cannot write the run's events");
  }
  return w->failed;
}

sl_errcode sl_tracedb_writer_event(sl_tracedb_writer *w, const sl_tev *e) {
  if (w->failed != SL_EOK) return w->failed;
  return stored(w, insert_event(w, e, w->seq++));
}

sl_errcode sl_tracedb_writer_handle(sl_tracedb_writer *w, uint64_t step, uint32_t pos, double t,
                                    const char *name, size_t n) {
  if (sl__tracedb_writer_handle_quick(w, step, pos, t, name, n)) return SL_EOK;
  if (w->failed != SL_EOK) return w->failed;
  return stored(w, add_handle(w, step, pos, t, name, n, w->seq++));
}

sl_errcode sl_tracedb_writer_step(sl_tracedb_writer *w, uint64_t step, double t, bool has_timeout,
                                  double timeout) {
  if (w->failed != SL_EOK) return w->failed;
  return stored(w, begin_step(w, step, t, has_timeout, timeout, w->seq++));
}

void sl_tracedb_writer_use_thread(sl_tracedb_writer *w) { w->bg_wanted = true; }

const char *sl_tracedb_writer_error(sl_tracedb_writer *w) {
  return w->failed == SL_EOK ? NULL : sl_strbuf_cstr(&w->err);
}

/* The per-name counts of handle_name_runs, from the name table. */
static int write_name_runs(sl_tracedb_writer *w) {
  int rc = SQLITE_OK;
  for (size_t k = 0; k < w->names.cap && rc == SQLITE_OK; k++) {
    if (!w->names.slot[k].p) continue;
    sqlite3_stmt *nr = w->st[S_NAME_RUN];
    sqlite3_bind_int64(nr, 1, w->names.slot[k].id);
    sqlite3_bind_int64(nr, 2, w->run);
    sqlite3_bind_int64(nr, 3, w->names.slot[k].count);
    rc = run_stmt(nr);
  }
  return rc;
}

sl_errcode sl_tracedb_writer_end(sl_tracedb_writer *w, const sl_trace_meta *m, const char *hash,
                                 int64_t *id, sl_strbuf *err) {
  if (w->failed != SL_EOK) return give_up(w, err);
  w->bg_wanted = false;
  if (sl__chunk_bg_settle(&w->bg) != SQLITE_OK || sl__chunk_bg_stop(&w->bg) != SQLITE_OK ||
      flush_step(w) != SQLITE_OK || flush_chunk(w, &w->steps) != SQLITE_OK ||
      flush_chunk(w, &w->handles) != SQLITE_OK || write_name_runs(w) != SQLITE_OK) {
    fail(w, "cannot write the run's events");
    return give_up(w, err);
  }
  sqlite3_stmt *s = w->st[S_RUN_END];
  bind_str(s, 1, &m->outcome);
  bind_str(s, 2, &m->detail);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)m->steps);
  sqlite3_bind_double(s, 4, m->t);
  sqlite3_bind_text(s, 5, hash, 64, SQLITE_STATIC);
  sqlite3_bind_int64(s, 6, w->run);
  if (run_stmt(s) != SQLITE_OK) {
    fail(w, "cannot write the run");
    return give_up(w, err);
  }
  if (sqlite3_exec(w->db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    fail(w, "cannot commit the run");
    return give_up(w, err);
  }
  *id = w->run;
  bulk_settings(w->db, false);
  writer_free(w);
  return SL_EOK;
}

sl_errcode sl_tracedb_store(sl_tracedb *db, sl_trace *tr, sl_strbuf *err) {
  char hash[65];
  if (!tr->meta.ended) {
    sl_strbuf_printf(err, "%s: refusing to store a run that has not ended\n", db->path);
    return SL_EINVAL;
  }
  if (sl_trace_hash(tr, hash) != SL_EOK) return SL_ENOMEM;
  sl_tracedb_writer *w;
  sl_errcode rc = sl_tracedb_writer_begin(db, &tr->meta, &w, err);
  for (size_t i = 0; i < tr->nev && rc == SL_EOK; i++) rc = sl_tracedb_writer_event(w, &tr->ev[i]);
  if (rc == SL_EOK) return sl_tracedb_writer_end(w, &tr->meta, hash, &tr->id, err);
  if (w) give_up(w, err);
  return rc;
}

-- simloop trace store, schema version 5 (docs/trace.md "SQLite schema").
--
-- One database holds any number of runs. Every event row carries `seq`, its
-- 0-based position among the run's events (docs/trace.md event order), so
-- the exact JSONL stream, and with it the trace hash, can be rebuilt from
-- the tables. Virtual times are REAL: SQLite stores IEEE doubles exactly.
-- Task ids are the integer k of "T<k>"; NULL stands for JSON null.
-- This file is embedded in the binary at build time (traces/embed_schema.cmake).

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
  id             INTEGER PRIMARY KEY,
  engine         TEXT NOT NULL,          -- 'simloop' or 'cpython'
  engine_version TEXT NOT NULL,
  python         TEXT NOT NULL,          -- exact CPython version reproduced
  impl           TEXT NOT NULL,          -- 'sim', or the oracle's 'c' / 'py'
  scenario       TEXT NOT NULL,          -- path as given
  scenario_sha256 TEXT NOT NULL,
  seed           INTEGER,                -- NULL: default schedule
  strategy       TEXT,                   -- NULL for imported runs
  outcome        TEXT NOT NULL,          -- ok, exception, deadlock, ...
  detail         TEXT,
  steps          INTEGER NOT NULL,
  final_time     REAL NOT NULL,
  trace_hash     TEXT NOT NULL,          -- docs/trace.md "Trace hash"
  created        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Step events of runs stored before schema version 5, a row each; the
-- `steps` view below shows them and the chunked ones alike.
CREATE TABLE IF NOT EXISTS step_rows (
  run       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  i         INTEGER NOT NULL,            -- 1-based _run_once index
  t         REAL NOT NULL,               -- virtual time when the step began
  timeout   REAL,                        -- select timeout, NULL for None
  io_events INTEGER NOT NULL DEFAULT 0,  -- I/O events select returned
  handles   INTEGER NOT NULL DEFAULT 0,  -- handles run in this step
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

-- Step events in chunks (schema version 5), as handle_chunks below: up to
-- 256 consecutive step events of a run as a JSON array of
-- [seq, i, t, timeout, handles] (timeout null for None).
CREATE TABLE IF NOT EXISTS step_chunks (
  run    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq    INTEGER NOT NULL,               -- seq of its first event
  n      INTEGER NOT NULL,               -- events in it
  events TEXT NOT NULL,                  -- [[seq, i, t, timeout, handles], ...]
  PRIMARY KEY (run, seq)
);

CREATE VIEW IF NOT EXISTS steps(run, seq, i, t, timeout, io_events, handles) AS
  SELECT run, seq, i, t, timeout, io_events, handles FROM step_rows
  UNION ALL
  SELECT c.run, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
         json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), 0,
         json_extract(j.value, '$[4]')
    FROM step_chunks c JOIN json_each(c.events) j;

-- Each distinct canonical handle name is stored once (schema version 2);
-- handle events refer to it by id. The `handles` view below gives the
-- version 1 shape (name and owner inline) for queries.
CREATE TABLE IF NOT EXISTS handle_names (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,            -- canonical name, 'soon:step T3'
  owner TEXT                             -- first T<k>/F<k> in the name
);

CREATE TABLE IF NOT EXISTS handle_events (
  run   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq   INTEGER NOT NULL,
  step  INTEGER NOT NULL,
  pos   INTEGER NOT NULL,
  t     REAL NOT NULL,
  name  INTEGER NOT NULL REFERENCES handle_names(id),
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

-- Which runs ran each handle name, and how often: the lookup by name. (A
-- per-event index on handle_events(name) cost more than the rest of the
-- store; a run's own handles are found by its primary-key range.)
CREATE TABLE IF NOT EXISTS handle_name_runs (
  name  INTEGER NOT NULL REFERENCES handle_names(id),
  run   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  count INTEGER NOT NULL,                -- handle events of this name in the run
  PRIMARY KEY (name, run)
) WITHOUT ROWID;

-- Handle events in chunks (schema version 4): a long run has a million
-- handle events, and a row per event made storing it cost ten times the run.
-- A chunk holds up to 256 consecutive handle events of one run as a JSON
-- array of entries (t written as Python's repr, which reads back exactly).
-- Since version 6 an entry is [seq - chunk seq, step - chunk step, pos, t,
-- k], k the index of its name in the chunk's `names` (a JSON array of
-- text): small numbers and no repeated names make a long run's chunks less
-- than half the size of version 4's [seq, step, pos, t, name], which
-- chunks stored before version 6 keep (their `names` is NULL). Names are
-- text, not handle_names ids, so that chunks need no rewriting when
-- databases are merged. Runs stored before version 4 keep their
-- handle_events rows; the `handles` view shows all three.
CREATE TABLE IF NOT EXISTS handle_chunks (
  run    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq    INTEGER NOT NULL,               -- seq of its first event
  n      INTEGER NOT NULL,               -- events in it
  events TEXT NOT NULL,                  -- [[seq, step, pos, t, k], ...] (see above)
  step   INTEGER,                        -- step of its first event (NULL before version 6)
  names  TEXT,                           -- ["soon:step T1", ...] (NULL before version 6)
  PRIMARY KEY (run, seq)
);

CREATE VIEW IF NOT EXISTS handles(run, seq, step, pos, t, name, owner) AS
  SELECT e.run, e.seq, e.step, e.pos, e.t, n.name, n.owner
    FROM handle_events e JOIN handle_names n ON n.id = e.name
  UNION ALL
  SELECT c.run, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
         json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), n.name, n.owner
    FROM handle_chunks c JOIN json_each(c.events) j
    JOIN handle_names n ON n.name = json_extract(j.value, '$[4]')
   WHERE c.names IS NULL
  UNION ALL
  SELECT c.run, c.seq + json_extract(j.value, '$[0]'), c.step + json_extract(j.value, '$[1]'),
         json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), n.name, n.owner
    FROM handle_chunks c JOIN json_each(c.events) j
    JOIN handle_names n
      ON n.name = json_extract(c.names, '$[' || json_extract(j.value, '$[4]') || ']')
   WHERE c.names IS NOT NULL;

CREATE TABLE IF NOT EXISTS tasks (
  run          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id           INTEGER NOT NULL,         -- k of T<k>
  name         TEXT,
  coro         TEXT,
  parent       INTEGER,                  -- k of the creating task, NULL if none
  created_step INTEGER,                  -- NULL: seen only finishing
  created_seq  INTEGER,
  done_step    INTEGER,                  -- NULL: never finished
  done_seq     INTEGER,
  outcome      TEXT,                     -- result, exception, cancelled
  detail       TEXT,
  PRIMARY KEY (run, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS output (
  run  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq  INTEGER NOT NULL,
  step INTEGER NOT NULL,
  task INTEGER,                          -- k of T<k>, NULL outside tasks
  text TEXT NOT NULL,
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS decisions (
  run   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq   INTEGER NOT NULL,
  step  INTEGER NOT NULL,
  kind  TEXT NOT NULL,                   -- cost, oversleep
  value REAL NOT NULL,
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
  run       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  step      INTEGER NOT NULL,
  kind      TEXT NOT NULL,               -- 'timer' or 'error'
  op        TEXT,                        -- timer: scheduled, cancelled
  "when"    REAL,                        -- timer: its deadline
  message   TEXT,                        -- error: the handler's message
  exception TEXT,                        -- error: 'Type: message'
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

-- Socket events of the simulated network (schema version 3; docs/io.md).
CREATE TABLE IF NOT EXISTS sock_events (
  run   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq   INTEGER NOT NULL,
  step  INTEGER NOT NULL,
  op    TEXT NOT NULL,                   -- pair, connect, accept, send, recv, shutdown, close, reset
  conn  INTEGER NOT NULL,                -- connection number, 0: none
  fd    INTEGER NOT NULL,                -- the socket's descriptor
  peer  INTEGER,                         -- the other end's descriptor, NULL: none
  n     INTEGER NOT NULL,                -- send: bytes accepted; recv: bytes read (0: end)
  t     REAL NOT NULL,                   -- send: arrival of its last byte; else the time
  PRIMARY KEY (run, seq)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS runs_scenario ON runs(scenario_sha256, python);

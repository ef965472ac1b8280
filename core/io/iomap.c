/* Readers and writers by descriptor (see iomap.h). Mirrors
 * Lib/asyncio/selector_events.py@3.11: _add_reader, _remove_reader,
 * _add_writer, _remove_writer, _process_events (unchanged through 3.14). */
#include "core/io/iomap.h"

#include "core/alloc.h"
#include "core/handle.h"
#include "core/loop.h"
#include "core/rt.h"

int sl_iomap_events(const sl_iomap *map, int fd) {
  if (fd < 0 || (size_t)fd >= map->cap) return 0;
  return map->keys[fd].events;
}

void sl_iomap_clear(sl_rt *rt, sl_iomap *map) {
  for (size_t i = 0; i < map->cap; i++) {
    sl_decref(rt, map->keys[i].reader);
    sl_decref(rt, map->keys[i].writer);
  }
  sl_iomap_release(map);
}

void sl_iomap_release(sl_iomap *map) {
  sl_free(map->keys);
  map->keys = NULL;
  map->cap = map->nregistered = 0;
}

/* The key of `fd`, growing the array; NULL when out of memory. */
static sl_io_key *key_for(sl_rt *rt, sl_iomap *map, int fd) {
  if ((size_t)fd >= map->cap) {
    size_t cap = map->cap ? map->cap : 16;
    while (cap <= (size_t)fd) cap *= 2;
    sl_io_key *grown = sl_realloc(map->keys, cap * sizeof *grown);
    if (!grown) {
      sl_nomem(rt);
      return NULL;
    }
    for (size_t i = map->cap; i < cap; i++) grown[i] = (sl_io_key){0, NULL, NULL};
    map->keys = grown;
    map->cap = cap;
  }
  return &map->keys[fd];
}

/* _add_reader / _add_writer:
 *   handle = events.Handle(callback, args, self, None)
 *   register(fd, EVENT, (handle, None)) or modify(fd, mask | EVENT, ...)
 *   if reader is not None: reader.cancel() */
static sl_obj *add_io(sl_rt *rt, int fd, int event, sl_value callback, const sl_value *args,
                      size_t nargs) {
  if (rt->loop->closed) {
    sl_raise(rt, SL_EXC_RUNTIME_ERROR, "Event loop is closed");
    return NULL;
  }
  sl_iomap *map = &rt->loop->io;
  sl_io_key *key = key_for(rt, map, fd);
  if (!key) return NULL;
  sl_obj *h = sl_handle_new(rt, callback, args, nargs, false, 0.0);
  if (!h) return NULL;
  sl_as_handle(h)->is_io = true;
  if (!key->events) map->nregistered++;
  key->events |= event;
  sl_obj **slot = event == SL_EVENT_READ ? &key->reader : &key->writer;
  sl_obj *old = *slot;
  sl_incref(h);
  *slot = h;
  if (old) {
    sl_handle_cancel(rt, old);
    sl_decref(rt, old);
  }
  return h;
}

sl_obj *sl_loop_add_reader(sl_rt *rt, int fd, sl_value callback, const sl_value *args,
                           size_t nargs) {
  return add_io(rt, fd, SL_EVENT_READ, callback, args, nargs);
}

sl_obj *sl_loop_add_writer(sl_rt *rt, int fd, sl_value callback, const sl_value *args,
                           size_t nargs) {
  return add_io(rt, fd, SL_EVENT_WRITE, callback, args, nargs);
}

/* _remove_reader / _remove_writer: drop the event from the mask
 * (unregistering when none is left) and cancel the handle. */
static bool remove_io(sl_rt *rt, int fd, int event) {
  if (rt->loop->closed) return false;
  sl_iomap *map = &rt->loop->io;
  if (!sl_iomap_events(map, fd)) return false;
  sl_io_key *key = &map->keys[fd];
  key->events &= ~event;
  if (!key->events) map->nregistered--;
  sl_obj **slot = event == SL_EVENT_READ ? &key->reader : &key->writer;
  sl_obj *old = *slot;
  *slot = NULL;
  if (!old) return false;
  sl_handle_cancel(rt, old);
  sl_decref(rt, old);
  return true;
}

bool sl_loop_remove_reader(sl_rt *rt, int fd) { return remove_io(rt, fd, SL_EVENT_READ); }
bool sl_loop_remove_writer(sl_rt *rt, int fd) { return remove_io(rt, fd, SL_EVENT_WRITE); }

/* One event of _process_events: a cancelled handle is removed instead of
 * queued (self._remove_reader(fileobj)); _add_callback skips cancelled. */
static int process_one(sl_rt *rt, int fd, int event, sl_obj *h) {
  if (!h) return 0;
  if (sl_as_handle(h)->cancelled) {
    remove_io(rt, fd, event);
    return 0;
  }
  return sl__loop_ready_append(rt, h);
}

int sl_loop_io_event(sl_rt *rt, int fd, int mask) {
  sl_iomap *map = &rt->loop->io;
  if (!sl_iomap_events(map, fd)) return 0;
  if ((mask & SL_EVENT_READ) && process_one(rt, fd, SL_EVENT_READ, map->keys[fd].reader)) return -1;
  if (!sl_iomap_events(map, fd)) return 0;
  if ((mask & SL_EVENT_WRITE) && process_one(rt, fd, SL_EVENT_WRITE, map->keys[fd].writer))
    return -1;
  return 0;
}

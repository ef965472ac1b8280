/* Readers and writers by descriptor: mirrors the selector keys of
 * Lib/asyncio/selector_events.py (key.events and key.data = (reader,
 * writer)) and the loop methods that change them: _add_reader,
 * _remove_reader, _add_writer, _remove_writer, _process_events.
 *
 * The map belongs to the loop; the handles in it are owned references,
 * dropped when removed or when the loop is cleared. The simulated
 * selector reads the registered interest (sl_iomap_events) to decide what
 * is ready and reports each ready descriptor with sl_loop_io_event. */
#ifndef SL_IO_IOMAP_H
#define SL_IO_IOMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/object.h"

#define SL_EVENT_READ  1
#define SL_EVENT_WRITE 2

typedef struct sl_io_key {
  int events;     /* registered mask; 0: not registered */
  sl_obj *reader; /* owned Handle or NULL */
  sl_obj *writer; /* owned Handle or NULL */
} sl_io_key;

typedef struct sl_iomap {
  sl_io_key *keys; /* owned, indexed by descriptor */
  size_t cap;
  size_t nregistered;
} sl_iomap;

/* Registered events of `fd` (0 when not registered). */
int sl_iomap_events(const sl_iomap *map, int fd);
/* Drops every handle and the array. */
void sl_iomap_clear(sl_rt *rt, sl_iomap *map);
/* Frees the array only (the loop's release): at run teardown the handles
 * are freed by the run, and a loop that was never closed (a run ending in
 * a deadlock or an error with readers registered) still holds it. */
void sl_iomap_release(sl_iomap *map);

/* loop._add_reader(fd, callback, *args): new reference to the Handle (named
 * "io:..." in traces), NULL on error. A previous reader is cancelled. */
sl_obj *sl_loop_add_reader(sl_rt *rt, int fd, sl_value callback, const sl_value *args,
                           size_t nargs);
sl_obj *sl_loop_add_writer(sl_rt *rt, int fd, sl_value callback, const sl_value *args,
                           size_t nargs);
/* loop._remove_reader(fd): true when a reader was registered. */
bool sl_loop_remove_reader(sl_rt *rt, int fd);
bool sl_loop_remove_writer(sl_rt *rt, int fd);
/* _process_events for one (key, mask): queues the reader and/or writer
 * (dropping cancelled ones). 0 or -1 (out of memory). */
int sl_loop_io_event(sl_rt *rt, int fd, int mask);

#endif

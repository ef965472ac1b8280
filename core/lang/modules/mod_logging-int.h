/* Shared between mod_logging.c (loggers, handlers, the module) and
 * mod_logging_record.c (log records and their formatting). Private to
 * the logging module. */
#ifndef SL_LANG_MOD_LOGGING_INT_H
#define SL_LANG_MOD_LOGGING_INT_H

#include <stdbool.h>

#include "core/cfunc.h"
#include "core/object.h"

#define EPOCH_AT_START 1767225600.0 /* mod_time.c: time.time() at clock 0 */
#define EPOCH_NS       1767225600000000000LL

enum { NOTSET = 0, DEBUG = 10, INFO = 20, WARNING = 30, ERROR = 40, CRITICAL = 50 };

typedef struct logger {
  sl_obj hdr;
  sl_obj *name; /* owned str */
  int level;
  bool propagate, disabled, root;
  sl_obj *handlers; /* owned list of handlers */
} logger;

typedef struct handler {
  sl_obj hdr;
  int level;
  sl_value stream;    /* owned: what emit() writes to */
  sl_value formatter; /* owned formatter or None */
} handler;

typedef struct formatter {
  sl_obj hdr;
  sl_value fmt, datefmt; /* owned str or None */
} formatter;

extern const sl_type sl__log_formatter_type, sl__log_handler_type;

/* "INFO" for 20, ...; NULL for a level without a name. */
const char *sl__log_level_name(int level);
/* The logging module's internal item `key` (new reference). 0 or -1. */
int sl__log_dict_item(sl_rt *rt, sl_obj *d, const char *key, sl_value *out);

/* A level argument as an int (names such as "INFO" too). 0 or -1. */
int sl__log_check_level(sl_rt *rt, sl_value v, int *out);

/* mod_logging_handler.c: a new StreamHandler on `stream` (None: stderr)
 * and a new Formatter, in *out; the module's StreamHandler(...) and
 * Formatter(...) functions. */
int sl__log_new_handler(sl_rt *rt, sl_value stream, sl_value *out);
int sl__log_new_formatter(sl_rt *rt, sl_value fmt, sl_value datefmt, sl_value style, sl_value *out);
int sl__log_stream_handler_call(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out);
int sl__log_formatter_call(sl_rt *rt, sl_value self, const sl_args *a, sl_value *out);

/* mod_logging_record.c */
/* The LogRecord's __dict__ (new reference in *out). */
int sl__log_make_record(sl_rt *rt, logger *l, int level, sl_value msg, sl_value args,
                        sl_value exc_text, sl_obj **out);
/* Formatter.format(record) with formatter `fmtr` (None: "%(message)s"). */
int sl__log_format_record(sl_rt *rt, sl_value fmtr, sl_obj *rec, sl_value *out);
/* stream.write(text + "\n"). */
int sl__log_write_line(sl_rt *rt, sl_value stream, sl_value text);
/* sys.<name> (new reference). */
int sl__log_sys_stream(sl_rt *rt, const char *name, sl_value *out);
/* The handled exception's traceback text, or "NoneType: None". */
int sl__log_exc_text_now(sl_rt *rt, sl_value *out);

#endif

/* argparse, shared between its files: the parser and its actions
 * (mod_argparse.c), the help formatter (mod_argparse_help.c) and the
 * command-line parser (mod_argparse_parse.c). Mirrors Lib/argparse.py.
 *
 * Ownership: every sl_value and sl_obj* field is owned by its object. */
#ifndef SL_LANG_MOD_ARGPARSE_INT_H
#define SL_LANG_MOD_ARGPARSE_INT_H

#include <stdbool.h>

#include "core/object.h"
#include "core/strbuf.h"
#include "core/tuple.h"

/* argparse.SUPPRESS */
#define AP_SUPPRESS "==SUPPRESS=="

/* The action classes add_argument(action=...) names. */
typedef enum ap_kind {
  AP_STORE,
  AP_STORE_CONST,
  AP_STORE_TRUE,
  AP_STORE_FALSE,
  AP_APPEND,
  AP_APPEND_CONST,
  AP_EXTEND,
  AP_COUNT,
  AP_HELP,
  AP_VERSION,
} ap_kind;

/* nargs: N >= 0 arguments, or one of these. */
enum {
  AP_NARGS_NONE = -1,     /* None: one argument, stored as is */
  AP_NARGS_OPTIONAL = -2, /* '?' */
  AP_NARGS_ANY = -3,      /* '*' */
  AP_NARGS_SOME = -4,     /* '+' */
  AP_NARGS_REST = -5,     /* argparse.REMAINDER, '...' */
};

typedef struct ap_action {
  sl_obj hdr;
  ap_kind kind;
  int nargs;
  bool required;
  int group;              /* index in the parser's groups */
  sl_obj *option_strings; /* list of str; empty for a positional */
  sl_value dest;          /* str */
  sl_value konst, deflt, type, choices, help, metavar, version; /* None when not given */
} ap_action;

typedef struct ap_parser {
  sl_obj hdr;
  sl_value prog, usage, description, epilog, argument_default;
  sl_obj *actions;  /* list of ap_action, in the order added */
  sl_obj *groups;   /* list of (title, description) tuples; 0 positionals, 1 options */
  sl_obj *defaults; /* dict: set_defaults() */
  bool allow_abbrev, add_help;
  char prefix_chars[16];
} ap_parser;

extern const sl_type sl__ap_action_type, sl__ap_parser_type;

static inline ap_parser *ap_parser_of(sl_obj *o) { return (ap_parser *)o; }
static inline ap_action *ap_action_at(ap_parser *p, size_t i);

/* A new str of s in *out: 0 or -1. */
int sl__ap_str(sl_rt *rt, const char *s, sl_value *out);
/* The text of a str value (borrowed), or NULL. */
const char *sl__ap_cstr(sl_value v);
/* True when v is argparse.SUPPRESS. */
bool sl__ap_is_suppress(sl_value v);
/* _get_action_name(action): '/'.join(option strings), else the metavar,
 * else the dest. Appends to out; 0 or -1. */
int sl__ap_action_name(sl_rt *rt, ap_action *a, sl_strbuf *out);

/* format_usage() (with "usage: ") and format_help(): new str in *out.
 * 0 or -1. */
int sl__ap_format_usage(sl_rt *rt, ap_parser *p, sl_value *out);
int sl__ap_format_help(sl_rt *rt, ap_parser *p, sl_value *out);
/* The version action's text, formatted as CPython's formatter fills it. */
int sl__ap_format_version(sl_rt *rt, ap_parser *p, sl_value version, sl_value *out);

/* parse_known_args(args, namespace): 0 with *ns and *extras (a list) new
 * references; -1 with an exception (SystemExit after printing the usage
 * and the error, as parser.error() does). */
int sl__ap_parse_known(sl_rt *rt, ap_parser *p, sl_value args, sl_value namespace, sl_value *ns,
                       sl_value *extras);
/* parser.error(message): prints the usage and "PROG: error: MESSAGE" on
 * sys.stderr and raises SystemExit(2). Always -1. */
int sl__ap_error(sl_rt *rt, ap_parser *p, const char *message);
/* parser.exit(status, message): -1 with SystemExit(status). */
int sl__ap_exit(sl_rt *rt, int status, const char *message);
/* file.write(text) for sys.<stream> ("stdout"/"stderr") or a given file
 * (not None). 0 or -1. */
int sl__ap_print(sl_rt *rt, sl_value file, const char *stream, sl_value text);
/* An ArgumentError reported by error(): "argument NAME: MSG" (a NULL:
 * MSG alone). Always -1. */
int sl__ap_arg_error(sl_rt *rt, ap_parser *p, ap_action *a, const char *msg);
/* mod_argparse_values.c: _get_value (type(arg)), _get_values (the
 * arguments an action took, n of them), and Action.__call__. */
int sl__ap_get_value(sl_rt *rt, ap_parser *p, ap_action *a, sl_value arg, sl_value *out);
int sl__ap_get_values(sl_rt *rt, ap_parser *p, ap_action *a, const char **args, size_t n,
                      sl_value *out);
int sl__ap_apply(sl_rt *rt, ap_parser *p, ap_action *a, sl_value ns, sl_value values);
/* A new argparse.Namespace (empty). */
int sl__ap_namespace_new(sl_rt *rt, sl_value *out);

static inline ap_action *ap_action_at(ap_parser *p, size_t i) {
  return (ap_action *)sl_as_list(p->actions)->items[i].u.o;
}

#endif

/* fuzz_parse: the input bytes are a scenario's source text. The parser
 * must return a module or a diagnostic, never crash, and a module must
 * compile to code or to a diagnostic (the compiler runs without running
 * the program). Exports only LLVMFuzzerTestOneInput (docs/fuzzing.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/lang/parser.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/strbuf.h"

/* Longer inputs only make each run slower without reaching new code. */
#define MAX_INPUT 64 * 1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A diagnostic must say something: an error with no kind or no message
 * would reach the user as an empty report. Aborts so the fuzzer keeps it. */
static void check_diag(const sl_diag *d) {
  if (d->kind == SL_DIAG_NONE || !d->message[0]) abort();
  sl_strbuf b = SL_STRBUF_INIT;
  sl_diag_format(d, &b);
  sl_strbuf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > MAX_INPUT) return -1; /* rejected: not added to the corpus */
  sl_diag diag;
  sl_ast_module *mod = sl_parse("fuzz.py", (const char *)data, size, &diag);
  if (!mod) {
    check_diag(&diag);
    return 0;
  }
  /* A fresh run for the compiler (it interns names and builds code
   * objects on the run's heap); torn down before returning. */
  sl_rt *rt = sl_rt_new(NULL, NULL);
  if (rt) {
    if (sl_vm_init(rt, "fuzz.py", (const char *)data, size) == 0) {
      sl_obj *code = sl_vm_compile(rt, mod, &diag);
      if (!code && !rt->fatal) check_diag(&diag);
      sl_decref(rt, code);
    }
    sl_rt_free(rt);
  }
  sl_ast_free(mod);
  return 0;
}

/* Linked into every cmocka test binary: SL_TEST_FILTER=test_name runs only
 * that test function, so CTest runs each as its own test
 * (<module>.<behaviour>, tests/CMakeLists.txt). Unset: every test runs. A
 * constructor, so no test's main() needs to know about it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

__attribute__((constructor)) static void sl_test_filter(void) {
  const char *name = getenv("SL_TEST_FILTER");
  if (name && *name) cmocka_set_test_filter(name);
}

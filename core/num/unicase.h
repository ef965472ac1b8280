/* Case mapping and character classes of Unicode code points, as CPython's
 * str methods apply them (str.upper/lower/title/casefold, isalpha, ...).
 * Pure functions over static tables: nothing to own or free. */
#ifndef SL_UNICASE_H
#define SL_UNICASE_H

#include <stddef.h>
#include <stdint.h>

/* The class bits of a code point: str.islower(), isupper(), a titlecase
 * letter (Lt), isalpha(), isdecimal(), isdigit(), isnumeric(), isspace() of the one
 * character, and Unicode's Cased and Case_Ignorable properties (the order
 * tests/unit/gen_unicase_tables.py writes them in). */
#define SL_UC_LOWER          (1u << 0)
#define SL_UC_UPPER          (1u << 1)
#define SL_UC_TITLE          (1u << 2)
#define SL_UC_ALPHA          (1u << 3)
#define SL_UC_DECIMAL        (1u << 4)
#define SL_UC_DIGIT          (1u << 5)
#define SL_UC_NUMERIC        (1u << 6)
#define SL_UC_SPACE          (1u << 7)
#define SL_UC_CASED          (1u << 8)
#define SL_UC_CASE_IGNORABLE (1u << 9)

/* The class bits of code point c. */
uint32_t sl_uc_class(uint32_t c);

typedef enum sl_uc_kind { SL_UC_TO_UPPER, SL_UC_TO_LOWER, SL_UC_TO_TITLE, SL_UC_FOLD } sl_uc_kind;

/* The full case mapping of c (SpecialCasing included: 'ß' upper-cases to
 * "SS"): writes 1 to 3 code points to out and returns how many. The final
 * sigma rule of str.lower() is the caller's (it depends on the context). */
size_t sl_uc_map(uint32_t c, sl_uc_kind kind, uint32_t out[3]);

#endif

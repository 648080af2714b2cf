/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Locales.  Wring's msvcrt has the "C" locale only: setlocale reports it and
 * accepts it, and refuses other names (returning NULL, the documented
 * failure) rather than pretend to switch.
 */
#include <limits.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

static char dot[] = ".", empty[] = "", c_name[] = "C";
static wchar_t c_name_w[] = L"C";

static struct lconv c_lconv = {
    dot, empty, empty, empty, empty, empty, empty, empty, empty, empty,
    CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
};

struct lconv *__cdecl localeconv(void)
{
    return &c_lconv;
}

static int valid_category(int category)
{
    return category >= LC_ALL && category <= LC_MAX;
}

char *__cdecl setlocale(int category, const char *name)
{
    if (!valid_category(category)) return NULL;
    if (!name || !strcmp(name, "C")) return c_name;
    return NULL;
}

wchar_t *__cdecl _wsetlocale(int category, const wchar_t *name)
{
    if (!valid_category(category)) return NULL;
    if (!name || (name[0] == 'C' && !name[1])) return c_name_w;
    return NULL;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of ucrtbase_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_files(void);
extern void func_heap(void);
extern void func_invalid(void);
extern void func_locale(void);
extern void func_math(void);
extern void func_positional(void);
extern void func_printf(void);
extern void func_scanf(void);
extern void func_secure(void);
extern void func_startup(void);
extern void func_string(void);
extern void func_time(void);

const struct test winetest_testlist[] =
{
    { "files", func_files },
    { "heap", func_heap },
    { "invalid", func_invalid },
    { "locale", func_locale },
    { "math", func_math },
    { "positional", func_positional },
    { "printf", func_printf },
    { "scanf", func_scanf },
    { "secure", func_secure },
    { "startup", func_startup },
    { "string", func_string },
    { "time", func_time },
    { 0, 0 }
};

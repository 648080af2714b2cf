/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of kernel32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_basics(void);
extern void func_message(void);
extern void func_version(void);
extern void func_sysinfo(void);
extern void func_debug(void);

const struct test winetest_testlist[] =
{
    { "basics", func_basics },
    { "message", func_message },
    { "version", func_version },
    { "sysinfo", func_sysinfo },
    { "debug", func_debug },
    { 0, 0 }
};

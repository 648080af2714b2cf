/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of msvcrt_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_file(void);
extern void func_fpu(void);
extern void func_printf(void);
extern void func_scanf(void);
extern void func_string(void);
extern void func_thread(void);

const struct test winetest_testlist[] =
{
    { "file", func_file },
    { "fpu", func_fpu },
    { "printf", func_printf },
    { "scanf", func_scanf },
    { "string", func_string },
    { "thread", func_thread },
    { 0, 0 }
};

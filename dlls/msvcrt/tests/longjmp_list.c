/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of longjmp_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_longjmp(void);

const struct test winetest_testlist[] =
{
    { "longjmp", func_longjmp },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of seh_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_seh(void);

const struct test winetest_testlist[] =
{
    { "seh", func_seh },
    { 0, 0 }
};

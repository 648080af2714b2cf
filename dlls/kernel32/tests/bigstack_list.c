/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of bigstack_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_bigstack(void);

const struct test winetest_testlist[] =
{
    { "bigstack", func_bigstack },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of bcryptprimitives_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_prng(void);

const struct test winetest_testlist[] =
{
    { "prng", func_prng },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of bcrypt_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_rng(void);

const struct test winetest_testlist[] =
{
    { "rng", func_rng },
    { 0, 0 }
};

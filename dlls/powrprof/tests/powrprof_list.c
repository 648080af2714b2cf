/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of powrprof_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_notify(void);

const struct test winetest_testlist[] =
{
    { "notify", func_notify },
    { 0, 0 }
};

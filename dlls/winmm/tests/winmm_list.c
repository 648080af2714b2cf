/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of winmm_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_timer(void);

const struct test winetest_testlist[] =
{
    { "timer", func_timer },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of userenv_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_profile(void);

const struct test winetest_testlist[] =
{
    { "profile", func_profile },
    { 0, 0 }
};

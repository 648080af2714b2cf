/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of version_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_info(void);

const struct test winetest_testlist[] =
{
    { "info", func_info },
    { 0, 0 }
};

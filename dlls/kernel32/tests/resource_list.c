/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of resource_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_resource(void);

const struct test winetest_testlist[] =
{
    { "resource", func_resource },
    { 0, 0 }
};

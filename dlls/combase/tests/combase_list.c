/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of combase_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_malloc(void);
extern void func_apartment(void);
extern void func_guid(void);

const struct test winetest_testlist[] =
{
    { "malloc", func_malloc },
    { "apartment", func_apartment },
    { "guid", func_guid },
    { 0, 0 }
};

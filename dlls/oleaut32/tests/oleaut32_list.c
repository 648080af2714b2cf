/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of oleaut32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_bstr(void);
extern void func_variant(void);

const struct test winetest_testlist[] =
{
    { "bstr", func_bstr },
    { "variant", func_variant },
    { 0, 0 }
};

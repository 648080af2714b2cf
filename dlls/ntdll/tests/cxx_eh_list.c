/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of cxx_eh_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_cxx_eh(void);

const struct test winetest_testlist[] =
{
    { "cxx_eh", func_cxx_eh },
    { 0, 0 }
};

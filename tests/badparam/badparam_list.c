/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of badparam.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_badparam(void);

const struct test winetest_testlist[] =
{
    { "badparam", func_badparam },
    { 0, 0 }
};

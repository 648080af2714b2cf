/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of exception_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_exception(void);

const struct test winetest_testlist[] =
{
    { "exception", func_exception },
    { 0, 0 }
};

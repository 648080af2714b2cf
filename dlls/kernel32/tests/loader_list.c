/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of loader_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_loader(void);
extern void func_loader_threads(void);

const struct test winetest_testlist[] =
{
    { "loader", func_loader },
    { "loader_threads", func_loader_threads },
    { 0, 0 }
};

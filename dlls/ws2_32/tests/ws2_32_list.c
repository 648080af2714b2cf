/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of ws2_32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_async(void);
extern void func_echo(void);
extern void func_overlapped(void);
extern void func_select(void);
extern void func_sock(void);

const struct test winetest_testlist[] =
{
    { "async", func_async },
    { "echo", func_echo },
    { "overlapped", func_overlapped },
    { "select", func_select },
    { "sock", func_sock },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of threadpool_test.exe (kernel32's and ntdll's thread pools); this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_threadpool(void);
extern void func_ntdll_threadpool(void);

const struct test winetest_testlist[] =
{
    { "threadpool", func_threadpool },
    { "ntdll_threadpool", func_ntdll_threadpool },
    { 0, 0 }
};

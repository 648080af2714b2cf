/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of sync_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_sync(void);
extern void func_thread(void);
extern void func_timer(void);

const struct test winetest_testlist[] =
{
    { "sync", func_sync },
    { "thread", func_thread },
    { "timer", func_timer },
    { 0, 0 }
};

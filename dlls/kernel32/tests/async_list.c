/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of async_test.exe (overlapped I/O and completion ports); this unit also holds the
 * harness and main().  Tests that need named pipes have names of their own, so that the others
 * run where pipes do not. */
#define STANDALONE
#include "wine/test.h"

extern void func_iocompletion(void);
extern void func_iocp(void);
extern void func_overlapped(void);
extern void func_overlapped_lock(void);
extern void func_skipmodes(void);
extern void func_skipmodes_pipe(void);
extern void func_cancel(void);
extern void func_cancel_sync(void);
extern void func_waitpacket(void);

const struct test winetest_testlist[] =
{
    { "iocompletion", func_iocompletion },
    { "iocp", func_iocp },
    { "overlapped", func_overlapped },
    { "overlapped_lock", func_overlapped_lock },
    { "skipmodes", func_skipmodes },
    { "skipmodes_pipe", func_skipmodes_pipe },
    { "cancel", func_cancel },
    { "cancel_sync", func_cancel_sync },
    { "waitpacket", func_waitpacket },
    { 0, 0 }
};

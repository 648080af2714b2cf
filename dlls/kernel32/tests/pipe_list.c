/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of pipe_test.exe (named and anonymous pipes, byte-range locks); this unit also holds the
 * harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_pipe(void);
extern void func_lock(void);

const struct test winetest_testlist[] =
{
    { "pipe", func_pipe },
    { "lock", func_lock },
    { 0, 0 }
};

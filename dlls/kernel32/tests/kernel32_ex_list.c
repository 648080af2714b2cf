/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of kernel32_ex_test.exe (what Rust's std calls); this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_fileinfo_ex(void);
extern void func_thread_ex(void);

const struct test winetest_testlist[] =
{
    { "fileinfo_ex", func_fileinfo_ex },
    { "thread_ex", func_thread_ex },
    { 0, 0 }
};

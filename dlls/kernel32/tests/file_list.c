/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of file_test.exe (files and directories); this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_file(void);
extern void func_directory(void);

const struct test winetest_testlist[] =
{
    { "file", func_file },
    { "directory", func_directory },
    { 0, 0 }
};

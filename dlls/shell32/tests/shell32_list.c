/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of shell32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_argv(void);
extern void func_folders(void);

const struct test winetest_testlist[] =
{
    { "argv", func_argv },
    { "folders", func_folders },
    { 0, 0 }
};

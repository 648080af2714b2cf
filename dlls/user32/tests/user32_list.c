/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of user32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_char(void);
extern void func_keyboard(void);
extern void func_loadstring(void);
extern void func_wsprintf(void);

const struct test winetest_testlist[] =
{
    { "char", func_char },
    { "keyboard", func_keyboard },
    { "loadstring", func_loadstring },
    { "wsprintf", func_wsprintf },
    { 0, 0 }
};

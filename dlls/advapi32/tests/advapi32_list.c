/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of advapi32_test.exe; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_file(void);
extern void func_registry(void);
extern void func_security(void);
extern void func_token(void);

const struct test winetest_testlist[] =
{
    { "file", func_file },
    { "registry", func_registry },
    { "security", func_security },
    { "token", func_token },
    { 0, 0 }
};

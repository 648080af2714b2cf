/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of ws2_32_net_test.exe (names and addresses); this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_addrinfo(void);
extern void func_inet(void);

const struct test winetest_testlist[] =
{
    { "addrinfo", func_addrinfo },
    { "inet", func_inet },
    { 0, 0 }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of memory_test.exe: virtual memory, heaps, file mappings and sections; this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_virtual(void);
extern void func_heap(void);
extern void func_mapping(void);
extern void func_section(void);

const struct test winetest_testlist[] =
{
    { "virtual", func_virtual },
    { "heap", func_heap },
    { "mapping", func_mapping },
    { "section", func_section },
    { 0, 0 }
};

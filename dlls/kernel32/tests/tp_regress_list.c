/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of tp_regress_test.exe (thread-pool regressions); this unit also holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_tp_regress(void);
extern void func_tp_bindio(void);
extern void func_tp_batch(void);

const struct test winetest_testlist[] =
{
    { "tp_regress", func_tp_regress },
    { "tp_bindio", func_tp_bindio },
    { "tp_batch", func_tp_batch },
    { 0, 0 }
};

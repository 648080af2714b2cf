/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The main thread's stack is as large as the exe's SizeOfStackReserve (this exe is linked
 * with 64 MiB, far beyond Linux's usual 8 MiB limit), and all of it can be used.
 */
#define _WIN32_WINNT 0x0602
#include <windows.h>
#include "wine/test.h"

#define RESERVE (64 << 20)

static __attribute__((noinline)) ULONG_PTR touch_down(volatile char *from, SIZE_T depth)
{
    volatile char block[64 * 1024];
    block[0] = 1;
    block[sizeof(block) - 1] = 1;
    if ((SIZE_T)(from - block) >= depth) return (ULONG_PTR)block;
    return touch_down(from, depth) + block[0] - 1;
}

static void test_main_stack(void)
{
    ULONG_PTR low, high;
    char *base, *reservation;
    volatile char here;
    ULONG_PTR deepest;

    GetCurrentThreadStackLimits(&low, &high);
    base = (char *)high;
    reservation = (char *)low;
    ok(base - reservation == RESERVE, "the main thread's stack reserves %#Ix bytes, not %#x\n",
       (ULONG_PTR)(base - reservation), RESERVE);
    /* 48 MiB down: past any Linux default, within the reservation */
    deepest = touch_down(&here, 48 << 20);
    ok((char *)deepest > reservation && (char *)deepest < base - (48 << 20), "deepest frame at %#Ix\n", deepest);
}

START_TEST(bigstack)
{
    test_main_stack();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the Windows benchmark programs that keep requests in flight share (tp_read,
 * tp_write, cp_read): the slots, one OVERLAPPED and one 4 KiB buffer each, handed out
 * through a semaphore, and the offsets generator native_uring uses too.
 */
#ifndef WRING_BENCH_SLOTS_H
#define WRING_BENCH_SLOTS_H

#include <windows.h>

#define BLOCK 4096
#define MAX_INFLIGHT 256

struct slot
{
    OVERLAPPED ov;
    volatile LONG busy;
    __attribute__((aligned(64))) unsigned char buf[BLOCK];
};

static struct slot slots[MAX_INFLIGHT];
static unsigned int inflight;
/* one count per free slot */
static HANDLE free_slots;

/* The same generator as native_uring, so all read the same offsets. */
static inline ULONG64 next_offset(ULONG64 *state, ULONG64 blocks)
{
    ULONG64 x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return (x % blocks) * BLOCK;
}

/* Waits for a free slot and marks it busy; *hint is where the search starts. */
static inline struct slot *take_slot(unsigned int *hint)
{
    WaitForSingleObject(free_slots, INFINITE);
    for (;;)
    {
        struct slot *s = &slots[*hint];
        *hint = (*hint + 1) % inflight;
        if (!InterlockedCompareExchange(&s->busy, 1, 0)) return s;
    }
}

#endif

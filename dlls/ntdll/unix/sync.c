/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WaitOnAddress on futexes, and the clocks.
 *
 * A 4-byte aligned wait goes straight to a futex on the address itself, so the
 * kernel compares and sleeps atomically.  Other sizes wait on a hashed
 * sequence word that every wake of an address in that bucket bumps; waking a
 * bucket wakes all its waiters, which WaitOnAddress allows (spurious wake-ups
 * are part of its contract) and which keeps a colliding address from stealing
 * the one wake meant for another.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "private.h"

#define BUCKETS 256

static struct
{
    atomic_uint seq;
    atomic_uint waiters;
    char pad[56];
} buckets[BUCKETS];

static long futex(const void *addr, int op, unsigned int val, const struct timespec *deadline)
{
    /* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline; FUTEX_WAKE ignores it */
    if (op == FUTEX_WAIT) return syscall(SYS_futex, addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, val, deadline, NULL,
                                         FUTEX_BITSET_MATCH_ANY);
    return syscall(SYS_futex, addr, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static unsigned int bucket_of(const void *addr)
{
    ULONG_PTR a = (ULONG_PTR)addr;
    return (unsigned int)((a >> 3) * 0x9e3779b97f4a7c15ULL >> 56) % BUCKETS;
}

static bool values_differ(const void *addr, const void *cmp, SIZE_T size)
{
    switch (size)
    {
    case 1: return *(const volatile BYTE *)addr != *(const BYTE *)cmp;
    case 2: return *(const volatile WORD *)addr != *(const WORD *)cmp;
    case 4: return *(const volatile DWORD *)addr != *(const DWORD *)cmp;
    default: return *(const volatile ULONG64 *)addr != *(const ULONG64 *)cmp;
    }
}

/* A Windows timeout (negative: relative, in 100 ns units; positive: absolute system time)
 * as a CLOCK_MONOTONIC deadline; false for an infinite one. */
bool nt_timeout_deadline(const LARGE_INTEGER *timeout, struct timespec *deadline)
{
    LONGLONG rel;
    if (!timeout) return false;
    if (timeout->QuadPart <= 0) rel = -timeout->QuadPart;
    else
    {
        LARGE_INTEGER now;
        NtQuerySystemTime(&now);
        rel = timeout->QuadPart > now.QuadPart ? timeout->QuadPart - now.QuadPart : 0;
    }
    if (rel > (LONGLONG)1 << 62) rel = (LONGLONG)1 << 62;
    clock_gettime(CLOCK_MONOTONIC, deadline);
    deadline->tv_sec += rel / 10000000;
    deadline->tv_nsec += (rel % 10000000) * 100;
    if (deadline->tv_nsec >= 1000000000) { deadline->tv_sec++; deadline->tv_nsec -= 1000000000; }
    return true;
}

/* What is left until a deadline, as a relative Windows timeout. */
LARGE_INTEGER deadline_remaining(const struct timespec *deadline)
{
    struct timespec now;
    LARGE_INTEGER t;
    clock_gettime(CLOCK_MONOTONIC, &now);
    LONGLONG ns = (deadline->tv_sec - now.tv_sec) * 1000000000LL + (deadline->tv_nsec - now.tv_nsec);
    t.QuadPart = ns > 0 ? -(ns / 100) : 0;
    return t;
}

/* The sleep itself: < 0 with errno set when it ends in an error (ETIMEDOUT); 0 when woken or
 * when the value differs already. */
static long address_wait(const void *addr, const void *cmp, SIZE_T size, const struct timespec *tsp)
{
    unsigned int b;
    unsigned int seq;
    long ret;

    if (size == 4 && !((ULONG_PTR)addr & 3)) return futex(addr, FUTEX_WAIT, *(const DWORD *)cmp, tsp);
    b = bucket_of(addr);
    seq = atomic_load(&buckets[b].seq);
    atomic_fetch_add(&buckets[b].waiters, 1);
    /* the value is checked after the sequence is read, so a wake in between changes the sequence */
    ret = values_differ(addr, cmp, size) ? 0 : futex(&buckets[b].seq, FUTEX_WAIT, seq, tsp);
    atomic_fetch_sub(&buckets[b].waiters, 1);
    return ret;
}

NTSTATUS WINAPI RtlWaitOnAddress(const void *addr, const void *cmp, SIZE_T size, const LARGE_INTEGER *timeout)
{
    struct timespec ts, *tsp;
    long ret;

    if (size != 1 && size != 2 && size != 4 && size != 8) return STATUS_INVALID_PARAMETER;
    tsp = nt_timeout_deadline(timeout, &ts) ? &ts : NULL;
    /* a port's thread that sleeps here (a critical section in a pool callback) lets the port release
     * another, and gives back the packets of its batch, as in any other wait */
    if (current_thread && current_thread->port && !values_differ(addr, cmp, size))
    {
        port_thread_blocking(current_thread);
        ret = address_wait(addr, cmp, size, tsp);
        port_thread_unblocked(current_thread);
    }
    else ret = address_wait(addr, cmp, size, tsp);
    if (ret < 0 && errno == ETIMEDOUT) return STATUS_TIMEOUT;
    return STATUS_SUCCESS;
}

static void wake_address(const void *addr, int count)
{
    unsigned int b = bucket_of(addr);
    /* the caller's store to *addr must be visible before the waiter count is read */
    atomic_thread_fence(memory_order_seq_cst);
    if (!((ULONG_PTR)addr & 3)) futex(addr, FUTEX_WAKE, count, NULL);
    if (atomic_load(&buckets[b].waiters))
    {
        atomic_fetch_add(&buckets[b].seq, 1);
        futex(&buckets[b].seq, FUTEX_WAKE, INT_MAX, NULL);
    }
}

void WINAPI RtlWakeAddressSingle(const void *addr)
{
    wake_address(addr, 1);
}

void WINAPI RtlWakeAddressAll(const void *addr)
{
    wake_address(addr, INT_MAX);
}

NTSTATUS WINAPI NtQuerySystemTime(LARGE_INTEGER *time)
{
    if (time && !probe_user(time, sizeof(*time), true)) return STATUS_ACCESS_VIOLATION;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    time->QuadPart = (ts.tv_sec + 11644473600LL) * 10000000 + ts.tv_nsec / 100;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryPerformanceCounter(LARGE_INTEGER *counter, LARGE_INTEGER *frequency)
{
    if (counter && !probe_user(counter, sizeof(*counter), true)) return STATUS_ACCESS_VIOLATION;
    if (frequency && !probe_user(frequency, sizeof(*frequency), true)) return STATUS_ACCESS_VIOLATION;
    struct timespec ts;
    if (!counter) return STATUS_ACCESS_VIOLATION;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* 10 MHz, the frequency Windows 10 reports */
    counter->QuadPart = ts.tv_sec * 10000000LL + ts.tv_nsec / 100;
    if (frequency) frequency->QuadPart = 10000000;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtYieldExecution(void)
{
    sched_yield();
    return STATUS_SUCCESS;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * native_pingpong: the ceiling for cp_pingpong.exe.  Two threads, two futex
 * words, each thread sleeping in FUTEX_WAIT on its own word: the main thread
 * stores round trip n's number in the other thread's word and wakes it
 * (FUTEX_WAKE), then waits on its own word until the other thread has stored
 * the same number there and woken it.  No spinning before the wait, as a
 * GetQueuedCompletionStatus waiter sleeps.  N round trips.
 *
 * usage: native_pingpong [N]
 * prints: native_pingpong ops/s=NNN  (round trips per second)
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The value that ends the other thread; round trip n carries n + 1. */
#define EXIT_VALUE 0

static _Alignas(64) atomic_uint ping;
static _Alignas(64) atomic_uint pong;

static void die(const char *what, int err)
{
    fprintf(stderr, "native_pingpong: %s: %s\n", what, strerror(err));
    exit(1);
}

/* Sleeps until *word differs from seen; returns the new value. */
static unsigned int wait_change(atomic_uint *word, unsigned int seen)
{
    unsigned int now;

    while ((now = atomic_load_explicit(word, memory_order_acquire)) == seen)
    {
        if (syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0) && errno != EAGAIN && errno != EINTR)
            die("FUTEX_WAIT", errno);
    }
    return now;
}

static void store_wake(atomic_uint *word, unsigned int value)
{
    atomic_store_explicit(word, value, memory_order_release);
    if (syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) < 0) die("FUTEX_WAKE", errno);
}

static void *ponger(void *arg)
{
    unsigned int seen = EXIT_VALUE;

    while ((seen = wait_change(&ping, seen)) != EXIT_VALUE) store_wake(&pong, seen);
    return NULL;
}

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    pthread_t thread;
    long long total;
    int ret;

    if (argc > 2)
    {
        fprintf(stderr, "usage: native_pingpong [N]\n");
        return 2;
    }
    total = argc > 1 ? atoll(argv[1]) : 100000;
    if (total <= 0 || total >= UINT32_MAX)
    {
        fprintf(stderr, "native_pingpong: N must be in 1..%u\n", UINT32_MAX - 1);
        return 2;
    }
    if ((ret = pthread_create(&thread, NULL, ponger, NULL))) die("pthread_create", ret);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long long n = 0; n < total; n++)
    {
        unsigned int value = (unsigned int)n + 1;

        store_wake(&ping, value);
        if (wait_change(&pong, value - 1) != value) die("round trip", EPROTO);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);

    store_wake(&ping, EXIT_VALUE);
    if ((ret = pthread_join(thread, NULL))) die("pthread_join", ret);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("native_pingpong ops/s=%.0f\n", (double)total / secs);
    return 0;
}

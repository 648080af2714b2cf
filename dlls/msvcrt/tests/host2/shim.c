/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What msvcrt's core library imports, provided by the Linux host so that its
 * files run in a plain unit test. All symbols carry the w_ prefix that
 * objcopy gives the library's objects.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static __thread int err;

int *w__errno(void) { return &err; }
void *w_malloc(size_t size) { return malloc(size); }

typedef struct { unsigned int lo, hi; } filetime;

void w_GetSystemTimeAsFileTime(filetime *ft)
{
    struct timespec ts;
    unsigned long long t;

    clock_gettime(CLOCK_REALTIME, &ts);
    t = (unsigned long long)ts.tv_sec * 10000000 + ts.tv_nsec / 100 + 116444736000000000ull;
    ft->lo = (unsigned int)t;
    ft->hi = (unsigned int)(t >> 32);
}

int w_QueryPerformanceCounter(long long *c)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    *c = (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
    return 1;
}

int w_QueryPerformanceFrequency(long long *f)
{
    *f = 1000000000;
    return 1;
}

unsigned int w_TlsAlloc(void)
{
    pthread_key_t k;
    return pthread_key_create(&k, NULL) ? 0xffffffffu : (unsigned int)k;
}

int w_TlsFree(unsigned int i) { return !pthread_key_delete(i); }
void *w_TlsGetValue(unsigned int i) { return pthread_getspecific(i); }
int w_TlsSetValue(unsigned int i, void *v) { return !pthread_setspecific(i, v); }
void *w_GetProcessHeap(void) { return (void *)1; }
void *w_HeapAlloc(void *h, unsigned int flags, size_t size) { return (flags & 8) ? calloc(1, size) : malloc(size); }
int w_HeapFree(void *h, unsigned int flags, void *p) { free(p); return 1; }

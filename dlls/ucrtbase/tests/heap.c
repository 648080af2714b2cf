/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The UCRT heap: malloc and friends, _msize, _recalloc and the aligned blocks. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include "wine/test.h"

typedef int (__cdecl *new_handler)(size_t size);
__declspec(dllimport) new_handler __cdecl _set_new_handler(new_handler func);
__declspec(dllimport) int __cdecl _set_new_mode(int mode);
__declspec(dllimport) int __cdecl _callnewh(size_t size);
__declspec(dllimport) intptr_t __cdecl _get_heap_handle(void);
__declspec(dllimport) void *__cdecl _malloc_base(size_t size);
__declspec(dllimport) void __cdecl _free_base(void *p);

/* Called through pointers, so the compiler cannot assume the allocations succeed and drop them. */
static void *(__cdecl *volatile do_malloc)(size_t) = malloc;
static void *(__cdecl *volatile do_calloc)(size_t, size_t) = calloc;

static void test_malloc(void)
{
    char *p, *q;
    int i;

    p = malloc(100);
    ok(p != NULL, "malloc failed\n");
    if (!p) return;
    ok(_msize(p) == 100, "_msize %Iu\n", _msize(p));
    memset(p, 0x5a, 100);
    q = realloc(p, 5000);
    ok(q != NULL, "realloc failed\n");
    if (!q) return;
    for (i = 0; i < 100; i++)
        if (q[i] != 0x5a) break;
    ok(i == 100, "realloc lost byte %d\n", i);
    ok(_msize(q) == 5000, "_msize %Iu\n", _msize(q));
    free(q);
    free(NULL);

    p = malloc(0);
    ok(p != NULL, "malloc(0) gives a block\n");
    free(p);
}

static void test_calloc(void)
{
    unsigned char *p;
    int i;

    p = calloc(10, 10);
    ok(p != NULL, "calloc failed\n");
    if (!p) return;
    for (i = 0; i < 100; i++)
        if (p[i]) break;
    ok(i == 100, "calloc left byte %d set\n", i);
    free(p);

    errno = 0;
    p = do_calloc(SIZE_MAX / 2, 4);
    ok(p == NULL && errno == ENOMEM, "an overflowing count: %p, errno %d\n", p, errno);

    p = _recalloc(NULL, 4, 4);
    ok(p != NULL, "_recalloc of NULL failed\n");
    if (!p) return;
    memset(p, 1, 16);
    p = _recalloc(p, 8, 4);
    ok(p != NULL, "_recalloc failed\n");
    if (!p) return;
    ok(p[15] == 1 && p[16] == 0 && p[31] == 0, "grown part not zeroed: %d %d %d\n", p[15], p[16], p[31]);
    free(p);
}

static void test_aligned(void)
{
    void *p;
    size_t align;

    for (align = 1; align <= 4096; align *= 2)
    {
        p = _aligned_malloc(40, align);
        ok(p != NULL, "alignment %Iu failed\n", align);
        ok(((uintptr_t)p & (align - 1)) == 0, "%p is not aligned to %Iu\n", p, align);
        if (p) memset(p, 0, 40);
        _aligned_free(p);
    }
    p = _aligned_malloc(16, 64);
    ok(p != NULL, "_aligned_malloc failed\n");
    p = _aligned_realloc(p, 1000, 64);
    ok(p && ((uintptr_t)p & 63) == 0, "_aligned_realloc gave %p\n", p);
    _aligned_free(p);
    _aligned_free(NULL);
}

static int handler_calls;
static size_t handler_size;

static int __cdecl refusing_handler(size_t size)
{
    handler_calls++;
    handler_size = size;
    return 0;
}

/* Asks for one more try, then gives up. */
static int __cdecl retrying_handler(size_t size)
{
    return ++handler_calls < 2;
}

/* Wine 8.0's _set_new_handler is std::set_new_handler's, which keeps no handler: the calls
 * Microsoft documents for _set_new_mode(1) do not happen there */
static void test_new_mode(void)
{
    size_t huge = SIZE_MAX / 2;
    void *p;

    ok(_set_new_handler(refusing_handler) == NULL, "a new handler was set at start\n");
    todo_wine ok(_callnewh(12) == 0 && handler_calls == 1 && handler_size == 12, "_callnewh: %d calls\n", handler_calls);

    /* new mode 0: malloc does not call the handler */
    handler_calls = 0;
    errno = 0;
    p = do_malloc(huge);
    ok(!p && errno == ENOMEM && handler_calls == 0, "mode 0: %p errno %d, %d calls\n", p, errno, handler_calls);

    ok(_set_new_mode(1) == 0, "setting new mode 1\n");
    handler_calls = 0;
    p = do_malloc(huge);
    todo_wine ok(!p && handler_calls == 1 && handler_size == huge, "mode 1: %p, %d calls\n", p, handler_calls);
    handler_calls = 0;
    p = do_calloc(huge / 4, 4);
    todo_wine ok(!p && handler_calls == 1, "calloc in mode 1: %d calls\n", handler_calls);

    _set_new_handler(retrying_handler);
    handler_calls = 0;
    errno = 0;
    p = do_malloc(huge);
    todo_wine ok(!p && handler_calls == 2 && errno == ENOMEM, "a retry: %d calls, errno %d\n", handler_calls, errno);

    ok(_set_new_mode(0) == 1, "the old mode is returned\n");
    todo_wine ok(_set_new_handler(NULL) == retrying_handler, "the old handler is returned\n");
}

static void test_heap_handle(void)
{
    HANDLE heap = (HANDLE)_get_heap_handle();
    void *p = malloc(24), *q;

    ok(heap != NULL, "no heap handle\n");
    ok(p && HeapSize(heap, 0, p) == 24, "malloc's block is not on _get_heap_handle's heap\n");
    free(p);
    ok(_heapchk() == _HEAPOK, "_heapchk\n");
    q = _malloc_base(40);
    ok(q && _msize(q) == 40, "_malloc_base\n");
    _free_base(q);
}

START_TEST(heap)
{
    test_malloc();
    test_calloc();
    test_aligned();
    test_new_mode();
    test_heap_handle();
}

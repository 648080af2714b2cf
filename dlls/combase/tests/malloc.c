/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The task allocator through ole32 (which forwards to combase) and combase
 * itself: memory one side allocates and the other frees, realloc's edge cases.
 */
#include <string.h>
#include <windows.h>
#include <objbase.h>
#include "wine/test.h"

START_TEST(malloc)
{
    void *(WINAPI *combase_alloc)(SIZE_T);
    void (WINAPI *combase_free)(void *);
    HMODULE combase = LoadLibraryA("combase.dll");
    char *p, *q;

    p = CoTaskMemAlloc(100);
    ok(p != NULL, "CoTaskMemAlloc failed\n");
    memset(p, 'x', 100);
    q = CoTaskMemRealloc(p, 100000);
    ok(q != NULL, "CoTaskMemRealloc failed\n");
    ok(q[0] == 'x' && q[99] == 'x', "realloc lost the contents\n");
    q[99999] = 'y';
    CoTaskMemFree(q);
    CoTaskMemFree(NULL);

    /* realloc of NULL allocates; to zero bytes frees and returns NULL */
    p = CoTaskMemRealloc(NULL, 16);
    ok(p != NULL, "realloc(NULL) failed\n");
    q = CoTaskMemRealloc(p, 0);
    ok(q == NULL, "realloc to 0 gave %p\n", q);

    ok(combase != NULL, "no combase.dll: %lu\n", GetLastError());
    if (!combase) return;
    combase_alloc = (void *)GetProcAddress(combase, "CoTaskMemAlloc");
    combase_free = (void *)GetProcAddress(combase, "CoTaskMemFree");
    ok(combase_alloc && combase_free, "combase lacks the task allocator\n");
    if (!combase_alloc || !combase_free) return;
    /* one allocator: what combase hands out, ole32's CoTaskMemFree takes */
    p = combase_alloc(32);
    ok(p != NULL, "combase's CoTaskMemAlloc failed\n");
    strcpy(p, "shared");
    CoTaskMemFree(p);
    p = CoTaskMemAlloc(32);
    combase_free(p);
}

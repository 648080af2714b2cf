/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The invalid-parameter handler: set and read back, called by the functions that refuse input. */
#include <stdlib.h>
#include <stdio.h>
#include <errno.h>
#include "wine/test.h"

__declspec(dllimport) void __cdecl _invalid_parameter_noinfo(void);

static int calls;
static const wchar_t *seen_expr, *seen_func, *seen_file;
static unsigned int seen_line;

static void __cdecl handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                            unsigned int line, uintptr_t reserved)
{
    calls++;
    seen_expr = expr;
    seen_func = func;
    seen_file = file;
    seen_line = line;
}

static void __cdecl other_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                  unsigned int line, uintptr_t reserved)
{
}

static void test_set_get(void)
{
    _invalid_parameter_handler old;

    old = _set_invalid_parameter_handler(handler);
    ok(old == NULL, "a handler was set at start: %p\n", old);
    ok(_get_invalid_parameter_handler() == handler, "_get_invalid_parameter_handler\n");
    ok(_set_invalid_parameter_handler(other_handler) == handler, "the previous handler is returned\n");
    ok(_set_invalid_parameter_handler(NULL) == other_handler, "the previous handler is returned\n");
    ok(_get_invalid_parameter_handler() == NULL, "the handler was not cleared\n");
}

static void test_calls(void)
{
    _set_invalid_parameter_handler(handler);
    calls = 0;
    seen_line = 1;
    _invalid_parameter_noinfo();
    ok(calls == 1, "%d calls\n", calls);
    ok(!seen_expr && !seen_func && !seen_file && !seen_line, "a release build passes no details\n");

    calls = 0;
    errno = 0;
    ok(fprintf(NULL, "x") == -1, "fprintf to NULL\n");
    ok(calls == 1 && errno == EINVAL, "%d calls, errno %d\n", calls, errno);

    /* a size with no buffer; Wine 8.0 takes it for a request to measure */
    calls = 0;
    errno = 0;
    todo_wine ok(snprintf(NULL, 4, "x") == -1, "a NULL buffer with a size\n");
    todo_wine ok(calls == 1 && errno == EINVAL, "%d calls, errno %d\n", calls, errno);

    calls = 0;
    errno = 0;
    ok(fwprintf(stdout, NULL) == -1, "fwprintf without a format\n");
    ok(calls == 1 && errno == EINVAL, "%d calls, errno %d\n", calls, errno);
    _set_invalid_parameter_handler(NULL);
}

static void __cdecl thread_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                   unsigned int line, uintptr_t reserved)
{
    calls += 100;
}

static DWORD WINAPI other_thread(void *arg)
{
    *(int *)arg = _get_thread_local_invalid_parameter_handler() == NULL;
    return 0;
}

static void test_thread_local(void)
{
    HANDLE thread;
    int clean = 0;

    _set_invalid_parameter_handler(handler);
    ok(_set_thread_local_invalid_parameter_handler(thread_handler) == NULL, "a thread handler was set\n");
    ok(_get_thread_local_invalid_parameter_handler() == thread_handler, "the thread handler reads back\n");
    calls = 0;
    _invalid_parameter_noinfo();
    ok(calls == 100, "the thread's handler comes first: %d\n", calls);

    thread = CreateThread(NULL, 0, other_thread, &clean, 0, NULL);
    ok(thread != NULL, "CreateThread failed\n");
    if (thread)
    {
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    ok(clean, "another thread sees this thread's handler\n");

    ok(_set_thread_local_invalid_parameter_handler(NULL) == thread_handler, "the old handler is returned\n");
    calls = 0;
    _invalid_parameter_noinfo();
    ok(calls == 1, "back to the process's handler: %d\n", calls);
    _set_invalid_parameter_handler(NULL);
}

START_TEST(invalid)
{
    test_set_get();
    test_calls();
    test_thread_local();
}

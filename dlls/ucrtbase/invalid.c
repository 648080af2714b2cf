/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The invalid-parameter handler.  A UCRT function given a parameter it
 * refuses calls the handler the program set, the thread's own before the
 * process's; when it returns, the function
 * fails with its documented errno and result.  With no handler the process
 * ends as Windows' __fastfail(FAST_FAIL_INVALID_ARG) ends it, with
 * STATUS_STACK_BUFFER_OVERRUN as its exit code.
 */
#include "ucrtbase_private.h"

typedef void (__cdecl *invalid_parameter_handler)(const WCHAR *expr, const WCHAR *func, const WCHAR *file,
                                                  unsigned int line, uintptr_t reserved);

static invalid_parameter_handler handler;

void ucrt_fail_fast(void)
{
    TerminateProcess(GetCurrentProcess(), STATUS_STACK_BUFFER_OVERRUN);
    for (;;) ;
}

invalid_parameter_handler __cdecl _set_invalid_parameter_handler(invalid_parameter_handler func)
{
    return InterlockedExchangePointer((void **)&handler, func);
}

invalid_parameter_handler __cdecl _get_invalid_parameter_handler(void)
{
    return InterlockedCompareExchangePointer((void **)&handler, NULL, NULL);
}

invalid_parameter_handler __cdecl _set_thread_local_invalid_parameter_handler(invalid_parameter_handler func)
{
    struct thread_data *data = msvcrt_get_thread_data();
    invalid_parameter_handler old = data->invalid_handler;

    data->invalid_handler = func;
    return old;
}

invalid_parameter_handler __cdecl _get_thread_local_invalid_parameter_handler(void)
{
    return msvcrt_get_thread_data()->invalid_handler;
}

void __cdecl _invalid_parameter(const WCHAR *expr, const WCHAR *func, const WCHAR *file,
                                unsigned int line, uintptr_t reserved)
{
    invalid_parameter_handler h = _get_thread_local_invalid_parameter_handler();

    if (!h) h = _get_invalid_parameter_handler();

    if (!h) ucrt_fail_fast();
    h(expr, func, file, line, reserved);
}

void __cdecl _invalid_parameter_noinfo(void)
{
    _invalid_parameter(NULL, NULL, NULL, 0, 0);
}

/* What a caller that cannot go on calls: even after a handler returns, the process ends. */
void __cdecl _invalid_parameter_noinfo_noreturn(void)
{
    _invalid_parameter(NULL, NULL, NULL, 0, 0);
    ucrt_fail_fast();
}

void __cdecl _invoke_watson(const WCHAR *expr, const WCHAR *func, const WCHAR *file,
                            unsigned int line, uintptr_t reserved)
{
    ucrt_fail_fast();
}

void ucrt_invalid_parameter(void)
{
    _invalid_parameter_noinfo();
}

int ucrt_invalid(int err, int ret)
{
    *_errno() = err;
    _invalid_parameter_noinfo();
    return ret;
}

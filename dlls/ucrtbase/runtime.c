/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* terminate, assertions and the few C99 float functions the UCRT adds to msvcrt's math. */
#include "ucrtbase_private.h"

typedef void (__cdecl *terminate_handler)(void);

static terminate_handler terminate_func;

terminate_handler __cdecl set_terminate(terminate_handler func)
{
    return InterlockedExchangePointer((void **)&terminate_func, func);
}

terminate_handler __cdecl _get_terminate(void)
{
    return InterlockedCompareExchangePointer((void **)&terminate_func, NULL, NULL);
}

/* What an unhandled C++ exception or a noexcept violation comes to: the handler, which must
 * not return, then abort. */
void __cdecl terminate(void)
{
    terminate_handler func = _get_terminate();

    if (func) func();
    abort();
}

int __cdecl fputws(const WCHAR *s, M_FILE *f);

void __cdecl _wassert(const WCHAR *msg, const WCHAR *file, unsigned int line)
{
    WCHAR num[16];
    int n = 0, i;
    WCHAR digits[16];

    do digits[n++] = L'0' + line % 10; while ((line /= 10));
    for (i = 0; i < n; i++) num[i] = digits[n - 1 - i];
    num[n] = 0;
    fflush(m_stderr);
    fputws(L"Assertion failed: ", m_stderr);
    fputws(msg ? msg : L"(null)", m_stderr);
    fputws(L", file ", m_stderr);
    fputws(file ? file : L"(null)", m_stderr);
    fputws(L", line ", m_stderr);
    fputws(num, m_stderr);
    fputws(L"\n", m_stderr);
    fflush(m_stderr);
    abort();
}

void __cdecl _assert(const char *msg, const char *file, unsigned int line)
{
    WCHAR *wmsg = msvcrt_ansi_to_wide(msg ? msg : "(null)");
    WCHAR *wfile = msvcrt_ansi_to_wide(file ? file : "(null)");

    _wassert(wmsg, wfile, line);
}

double __cdecl fmod(double x, double y);

/* fmod's result is exact, so narrowing it again is too. */
float __cdecl fmodf(float x, float y)
{
    return (float)fmod(x, y);
}

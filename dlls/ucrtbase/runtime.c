/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* abort, terminate and assertions. */
#include "ucrtbase_private.h"

#define M_SIGABRT 22
#define WRITE_ABORT_MSG  0x1
#define CALL_REPORTFAULT 0x2

typedef void (__cdecl *sighandler)(int);
sighandler __cdecl signal(int sig, sighandler handler);
int __cdecl raise(int sig);

static LONG abort_behavior = WRITE_ABORT_MSG | CALL_REPORTFAULT;

unsigned int __cdecl _set_abort_behavior(unsigned int flags, unsigned int mask)
{
    LONG old, new;

    do
    {
        old = abort_behavior;
        new = (old & ~mask) | (flags & mask);
    } while (InterlockedCompareExchange(&abort_behavior, new, old) != old);
    return old;
}

/* Exported as abort.  The UCRT's release build writes no message: it runs a SIGABRT handler if
 * the program set one, then ends the process as __fastfail does, or with exit code 3 when
 * _set_abort_behavior took _CALL_REPORTFAULT away. */
void __cdecl ucrt_abort(void)
{
    sighandler handler = signal(M_SIGABRT, NULL);

    if (handler && handler != (sighandler)-1)
    {
        signal(M_SIGABRT, handler);
        raise(M_SIGABRT);
    }
    if (abort_behavior & CALL_REPORTFAULT) ucrt_fail_fast();
    _exit(3);
}

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
    ucrt_abort();
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
    ucrt_abort();
}

void __cdecl _assert(const char *msg, const char *file, unsigned int line)
{
    WCHAR *wmsg = msvcrt_ansi_to_wide(msg ? msg : "(null)");
    WCHAR *wfile = msvcrt_ansi_to_wide(file ? file : "(null)");

    _wassert(wmsg, wfile, line);
}

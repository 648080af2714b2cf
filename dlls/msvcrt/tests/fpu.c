/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The floating-point control and status functions on x64: they read and
 * write MXCSR, with float.h's bit layout; precision control does not exist.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <windows.h>
#include "wine/test.h"

/* not every float.h declares the status bits */
#ifndef _SW_INVALID
#define _SW_INVALID 0x10
#endif

static unsigned int mxcsr(void)
{
    unsigned int value;
    __asm__ volatile("stmxcsr %0" : "=m"(value));
    return value;
}

static DWORD WINAPI control_word_thread(void *arg)
{
    *(unsigned int *)arg = _control87(0, 0);
    return 0;
}

static void test_control(void)
{
    unsigned int saved = _control87(0, 0), cw, thread_cw = 0;
    HANDLE thread;

    /* a new thread: every exception masked, round to nearest, denormals kept */
    thread = CreateThread(NULL, 0, control_word_thread, &thread_cw, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(thread_cw == _MCW_EM, "a new thread's control word %#x\n", thread_cw);

    cw = _controlfp(_RC_CHOP, _MCW_RC);
    ok((cw & _MCW_RC) == _RC_CHOP, "rounding %#x\n", cw & _MCW_RC);
    ok((mxcsr() & 0x6000) == 0x6000, "MXCSR %#x after _RC_CHOP\n", mxcsr());
    cw = _controlfp(_RC_DOWN, _MCW_RC);
    ok((cw & _MCW_RC) == _RC_DOWN && (mxcsr() & 0x6000) == 0x2000, "_RC_DOWN: %#x, MXCSR %#x\n", cw, mxcsr());

    /* _controlfp leaves the denormal exception mask alone; _control87 does not */
    cw = _controlfp(0, _MCW_EM);
    ok((cw & _MCW_EM) == _EM_DENORMAL, "after _controlfp(0, _MCW_EM): %#x\n", cw);
    ok((mxcsr() & 0x1f80) == 0x0100, "MXCSR %#x\n", mxcsr());
    cw = _control87(_MCW_EM, _MCW_EM);
    ok((cw & _MCW_EM) == _MCW_EM && (mxcsr() & 0x1f80) == 0x1f80, "all masked again: %#x, MXCSR %#x\n", cw,
       mxcsr());

    cw = _control87(_DN_FLUSH, _MCW_DN);
    ok((cw & _MCW_DN) == _DN_FLUSH && (mxcsr() & 0x8040) == 0x8040, "_DN_FLUSH: %#x, MXCSR %#x\n", cw, mxcsr());
    cw = _control87(_DN_SAVE, _MCW_DN);
    ok(!(cw & _MCW_DN) && !(mxcsr() & 0x8040), "_DN_SAVE: %#x, MXCSR %#x\n", cw, mxcsr());

    /* no precision on x64: it reads as _PC_64, and _controlfp_s refuses to set it */
    ok(!(_control87(0, 0) & _MCW_PC), "precision bits %#x\n", _control87(0, 0) & _MCW_PC);
    cw = 0xdeadbeef;
    /* Microsoft documents EINVAL for the precision mask on x64; Wine 8.0 accepts it */
    todo_wine ok(_controlfp_s(&cw, _PC_24, _MCW_PC) == EINVAL, "_controlfp_s with _MCW_PC did not fail\n");
    ok(cw == _control87(0, 0), "_controlfp_s left %#x\n", cw);
    ok(!_controlfp_s(&cw, _RC_UP, _MCW_RC) && (cw & _MCW_RC) == _RC_UP, "_controlfp_s(_RC_UP): %#x\n", cw);

    _control87(saved, 0xffffffff);
}

static volatile double two = 2.0;

static void test_status(void)
{
    double d;

    _clearfp();
    ok(_statusfp() == 0, "flags %#x after _clearfp\n", _statusfp());
    errno = 0;
    d = acos(two);
    ok(isnan(d) && errno == EDOM, "acos(2) = %f, errno %d\n", d, errno);
    ok(_statusfp() & _SW_INVALID, "acos(2) raised %#x\n", _statusfp());
    ok(_clearfp() & _SW_INVALID, "_clearfp did not report the invalid operation\n");
    ok(_statusfp() == 0 && !(mxcsr() & 0x3f), "flags %#x, MXCSR %#x after _clearfp\n", _statusfp(), mxcsr());
}

START_TEST(fpu)
{
    test_control();
    test_status();
}

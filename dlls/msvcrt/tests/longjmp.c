/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * longjmp on x64 Windows is an unwind: with the frame mingw-w64's setjmp
 * records, every __finally between the longjmp and the setjmp caller runs,
 * innermost first, and no __except filter is asked; a buffer with no frame
 * is a plain jump.  Built with clang (-fms-extensions) for __try.
 */
#include <windows.h>
#include <setjmp.h>
#include "wine/test.h"

static jmp_buf env;
static char trail[32];
static int trail_len;

static void mark(char c)
{
    if (trail_len < (int)sizeof(trail) - 1) trail[trail_len++] = c;
    trail[trail_len] = 0;
}

static LONG filter(void)
{
    mark('F');
    return EXCEPTION_EXECUTE_HANDLER;
}

__attribute__((noinline)) static void jump(int value)
{
    longjmp(env, value);
}

__attribute__((noinline)) static void inner(int value)
{
    __try { jump(value); }
    __finally { mark('i'); }
}

__attribute__((noinline)) static void middle(int value)
{
    __try { inner(value); }
    __except (filter()) { mark('x'); }
    mark('m');
}

__attribute__((noinline)) static void outer(int value)
{
    __try { middle(value); }
    __finally { mark('o'); }
}

static void test_unwinds_finally_blocks(void)
{
    volatile int r;

    trail_len = 0;
    trail[0] = 0;
    r = setjmp(env);
    if (!r)
    {
        outer(42);
        ok(0, "longjmp returned\n");
        return;
    }
    ok(r == 42, "setjmp returned %d the second time\n", r);
    ok(!strcmp(trail, "io"), "ran %s, expected the __finally blocks innermost first and no filter\n", trail);
}

static void test_zero_becomes_one(void)
{
    volatile int r, count = 0;

    r = setjmp(env);
    if (count++ == 0) jump(0);
    ok(count == 2 && r == 1, "longjmp(env, 0): setjmp gave %d after %d returns\n", r, count);
}

__attribute__((noinline)) static void poke(volatile int *p)
{
    *p = 1;
}

static void test_exceptions_after_jump(void)
{
    volatile int r, caught = 0;

    r = setjmp(env);
    if (!r) outer(7);
    ok(r == 7, "setjmp gave %d\n", r);
    /* the unwind left nothing behind: a fault now finds this frame's handler */
    __try { poke(NULL); }
    __except (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH)
    {
        caught = 1;
    }
    ok(caught, "access violation after a longjmp not caught\n");
}

static void test_no_frame_no_unwind(void)
{
    volatile int r;
    /* mingw-w64's setjmp without the frame argument (USE_NO_MINGW_SETJMP_TWO_ARGS) */
    trail_len = 0;
    trail[0] = 0;
    r = _setjmp(env, NULL);
    if (!r)
    {
        outer(3);
        return;
    }
    ok(r == 3, "setjmp gave %d\n", r);
    ok(!strcmp(trail, ""), "a jump with no frame ran %s\n", trail);
}

START_TEST(longjmp)
{
    test_unwinds_finally_blocks();
    test_zero_becomes_one();
    test_exceptions_after_jump();
    test_no_frame_no_unwind();
}

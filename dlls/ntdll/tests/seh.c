/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * C structured exception handling as compilers emit it for x64: scope tables
 * run by __C_specific_handler, frames walked through .pdata/.xdata, unwinds
 * that run every __finally between the fault and the __except that takes it.
 * Built with clang (-fms-extensions), whose __try is "synchronous": only
 * calls inside a __try are covered, so every fault happens in a function the
 * __try calls.
 */
#include <windows.h>
#include "wine/test.h"

static char trail[64];
static int trail_len;

static void mark(char c)
{
    if (trail_len < (int)sizeof(trail) - 1) trail[trail_len++] = c;
    trail[trail_len] = 0;
}

static void reset(void)
{
    trail_len = 0;
    trail[0] = 0;
}

__attribute__((noinline)) static void poke(volatile int *p)
{
    *p = 1;
}

static volatile int dividend = 1, divisor;
static volatile int quotient;

__attribute__((noinline)) static void divide(void)
{
    quotient = dividend / divisor;
}

static const ULONG_PTR raise_args[2] = { 5, 6 };

/* raises and reports whether the raise returned */
__attribute__((noinline)) static void raise_with_args(DWORD code, DWORD flags)
{
    RaiseException(code, flags, 2, raise_args);
    mark('r');
}

static LONG filter(EXCEPTION_POINTERS *ptrs, char c, LONG verdict, EXCEPTION_RECORD *copy)
{
    mark(c);
    if (copy) *copy = *ptrs->ExceptionRecord;
    return verdict;
}

static void test_except(void)
{
    EXCEPTION_RECORD rec;
    volatile int reached = 0;
    volatile DWORD code = 0;

    reset();
    __try
    {
        poke((int *)0x18);
        reached = 1;
    }
    __except (filter(GetExceptionInformation(), 'f', EXCEPTION_EXECUTE_HANDLER, &rec))
    {
        mark('e');
    }
    ok(!reached, "the __try body went on after the fault\n");
    ok(!strcmp(trail, "fe"), "trail \"%s\"\n", trail);
    ok(rec.ExceptionCode == STATUS_ACCESS_VIOLATION, "code %#lx\n", rec.ExceptionCode);
    ok(rec.NumberParameters == 2 && rec.ExceptionInformation[0] == EXCEPTION_WRITE_FAULT &&
       rec.ExceptionInformation[1] == 0x18, "parameters %lu: %Iu %#Ix\n", rec.NumberParameters,
       rec.ExceptionInformation[0], rec.ExceptionInformation[1]);

    reset();
    __try
    {
        divide();
    }
    __except (filter(GetExceptionInformation(), 'd', EXCEPTION_EXECUTE_HANDLER, &rec))
    {
        mark('e');
        code = GetExceptionCode();
    }
    ok(!strcmp(trail, "de"), "trail \"%s\"\n", trail);
    ok(rec.ExceptionCode == STATUS_INTEGER_DIVIDE_BY_ZERO, "code %#lx\n", rec.ExceptionCode);
    /* the __except body gets the code as the unwind's return value (Rax at the target):
     * Windows' __C_specific_handler passes it, Wine 8.0's passes 0 */
    todo_wine ok(code == STATUS_INTEGER_DIVIDE_BY_ZERO, "GetExceptionCode() in the __except body %#lx\n", code);
}

/* The filters run innermost first during the search; the __finally blocks run during the unwind
 * that follows, before the __except body. */
static void test_nesting(void)
{
    reset();
    __try
    {
        __try
        {
            __try
            {
                RaiseException(0xe0000010, 0, 0, NULL);
            }
            __finally
            {
                mark(AbnormalTermination() ? 'F' : 'n');
            }
        }
        __except (filter(GetExceptionInformation(), '1', EXCEPTION_CONTINUE_SEARCH, NULL))
        {
            mark('x');
        }
    }
    __except (filter(GetExceptionInformation(), '2', EXCEPTION_EXECUTE_HANDLER, NULL))
    {
        mark('e');
    }
    ok(!strcmp(trail, "12Fe"), "trail \"%s\"\n", trail);

    /* a __finally left normally, and by __leave */
    reset();
    __try
    {
        mark('b');
    }
    __finally
    {
        mark(AbnormalTermination() ? 'F' : 'n');
    }
    __try
    {
        mark('b');
        __leave;
    }
    __finally
    {
        mark(AbnormalTermination() ? 'F' : 'n');
    }
    ok(!strcmp(trail, "bnbn"), "trail \"%s\"\n", trail);
}

static int depth_finally;

__attribute__((noinline)) static void recurse(int n)
{
    __try
    {
        if (n) recurse(n - 1);
        else poke(NULL);
    }
    __finally
    {
        depth_finally++;
    }
}

/* An unwind through many frames runs each frame's __finally once. */
static void test_deep_unwind(void)
{
    int caught = 0;

    depth_finally = 0;
    __try
    {
        recurse(40);
    }
    __except (EXCEPTION_EXECUTE_HANDLER)
    {
        caught = 1;
    }
    ok(caught, "not caught\n");
    ok(depth_finally == 41, "%d __finally blocks ran, expected 41\n", depth_finally);
}

static LONG continue_filter(EXCEPTION_POINTERS *ptrs)
{
    /* the exception that resuming a noncontinuable one raises comes here too: pass it on */
    if (ptrs->ExceptionRecord->ExceptionCode == STATUS_NONCONTINUABLE_EXCEPTION)
    {
        mark('n');
        return EXCEPTION_CONTINUE_SEARCH;
    }
    mark('c');
    ok(ptrs->ExceptionRecord->NumberParameters == 2 && ptrs->ExceptionRecord->ExceptionInformation[0] == 5 &&
       ptrs->ExceptionRecord->ExceptionInformation[1] == 6, "parameters not passed\n");
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* A filter may resume a continuable exception where it was raised; a noncontinuable one cannot be
 * resumed, and trying raises STATUS_NONCONTINUABLE_EXCEPTION. */
static void test_continue(void)
{
    EXCEPTION_RECORD rec;

    reset();
    __try
    {
        raise_with_args(0xe0000020, 0);
    }
    __except (continue_filter(GetExceptionInformation()))
    {
        mark('x');
    }
    ok(!strcmp(trail, "cr"), "trail \"%s\"\n", trail);

    reset();
    __try
    {
        __try
        {
            raise_with_args(0xe0000030, EXCEPTION_NONCONTINUABLE);
        }
        __except (continue_filter(GetExceptionInformation()))
        {
            mark('x');
        }
    }
    __except (filter(GetExceptionInformation(), 'o', EXCEPTION_EXECUTE_HANDLER, &rec))
    {
        mark('e');
    }
    ok(!strcmp(trail, "cnoe"), "trail \"%s\"\n", trail);
    ok(rec.ExceptionCode == STATUS_NONCONTINUABLE_EXCEPTION, "code %#lx\n", rec.ExceptionCode);
    /* Windows chains the resumed exception's record to the new one; Wine 8.0 leaves it NULL */
    todo_wine ok(rec.ExceptionRecord != NULL, "no record of the exception that was resumed\n");
}

static DWORD WINAPI thread_proc(void *arg)
{
    EXCEPTION_RECORD rec;
    (void)arg;
    rec.ExceptionCode = 0;
    __try
    {
        poke((int *)0x60);
    }
    __except (filter(GetExceptionInformation(), 't', EXCEPTION_EXECUTE_HANDLER, &rec))
    {
    }
    return rec.ExceptionCode;
}

static void test_thread(void)
{
    HANDLE thread = CreateThread(NULL, 0, thread_proc, NULL, 0, NULL);
    DWORD code = 0;

    ok(thread != NULL, "CreateThread failed\n");
    WaitForSingleObject(thread, INFINITE);
    ok(GetExitCodeThread(thread, &code) && code == STATUS_ACCESS_VIOLATION, "thread returned %#lx\n", code);
    CloseHandle(thread);
}

/* deep enough to run through any stack: each call keeps 4 KiB */
#pragma clang diagnostic ignored "-Winfinite-recursion"
__attribute__((noinline)) static int overflow(int depth)
{
    volatile char block[4096];
    block[0] = (char)depth;
    block[sizeof(block) - 1] = (char)depth;
    return overflow(depth + 1) + block[0] + block[sizeof(block) - 1];
}

static DWORD WINAPI overflow_thread(void *arg)
{
    EXCEPTION_RECORD rec;
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    (void)arg;
    rec.ExceptionCode = 0;
    __try
    {
        overflow(0);
    }
    __except (filter(GetExceptionInformation(), 's', EXCEPTION_EXECUTE_HANDLER, &rec))
    {
    }
    /* the handlers ran below the old limit: the stack limit went down */
    ok((char *)tib->StackLimit < (char *)tib->StackBase - 64 * 1024, "stack limit %p, base %p\n",
       tib->StackLimit, tib->StackBase);
    return rec.ExceptionCode;
}

/* Running off the end of a thread's stack raises STATUS_STACK_OVERFLOW, with room left for the
 * handlers. */
static void test_stack_overflow(void)
{
    HANDLE thread = CreateThread(NULL, 256 * 1024, overflow_thread, NULL, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    DWORD code = 0;

    ok(thread != NULL, "CreateThread failed\n");
    WaitForSingleObject(thread, INFINITE);
    /* Windows raises it for __except to take (see _resetstkoflw's documentation); Wine 8.0 ends
     * such a thread with 0 instead */
    todo_wine ok(GetExitCodeThread(thread, &code) && code == STATUS_STACK_OVERFLOW, "thread returned %#lx\n", code);
    CloseHandle(thread);
}

START_TEST(seh)
{
    test_except();
    test_nesting();
    test_deep_unwind();
    test_continue();
    test_thread();
    test_stack_overflow();
}

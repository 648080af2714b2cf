/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * exitcode.exe MODE: ends the process the way MODE names, so tests/exitcode.sh
 * can check the exit status, atexit order and stdio flushing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void first(void)  { printf("atexit 1\n"); }
static void second(void) { printf("atexit 2\n"); }
static void third(void)  { printf("atexit 3\n"); }

static volatile int zero;

/* each call keeps 4 KiB, until the stack runs out */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int __attribute__((noinline)) overflow(int depth)
{
    volatile char block[4096];
    block[0] = (char)depth;
    return overflow(depth + 1) + block[0];
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "return";

    /* msvcrt flushes an unbuffered stdout after each printf; a real buffer
     * makes the flush at exit observable. */
    setvbuf(stdout, NULL, _IOFBF, 4096);
    atexit(first);
    atexit(second);
    atexit(third);
    /* Left in the stdio buffer: only exits that flush streams show it. */
    printf("buffered");

    if (!strcmp(mode, "return")) return 7;
    if (!strcmp(mode, "exit")) exit(42);
    if (!strcmp(mode, "exit300")) exit(300);
    if (!strcmp(mode, "exitneg")) exit(-1);
    if (!strcmp(mode, "_exit")) _exit(5);
    if (!strcmp(mode, "ExitProcess"))
    {
        fflush(stdout);
        ExitProcess(9);
    }
    if (!strcmp(mode, "abort")) abort();
    /* no handler, no atexit, no flush: the process ends with STATUS_FAIL_FAST_EXCEPTION */
    if (!strcmp(mode, "failfast")) RaiseFailFastException(NULL, NULL, 0);
    /* unhandled exceptions: no atexit, no flush, the exception code's low byte */
    if (!strcmp(mode, "fault")) *(volatile int *)(ULONG_PTR)zero = 1;
    if (!strcmp(mode, "divide")) printf("%d", 100 / zero);
    if (!strcmp(mode, "breakpoint")) DebugBreak();
    if (!strcmp(mode, "overflow")) printf("%d", overflow(0));
    printf("unknown mode %s\n", mode);
    return 100;
}

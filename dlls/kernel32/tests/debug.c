/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * OutputDebugString without a debugger: a DBG_PRINTEXCEPTION_C that vectored
 * handlers see (length with the terminator, then the string) and that
 * OutputDebugString takes itself, so the program goes on after the call.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static int print_exceptions;
static ULONG_PTR print_length;
static char print_text[32];

static LONG CALLBACK print_handler(EXCEPTION_POINTERS *ptrs)
{
    EXCEPTION_RECORD *rec = ptrs->ExceptionRecord;

    if (rec->ExceptionCode != DBG_PRINTEXCEPTION_C) return EXCEPTION_CONTINUE_SEARCH;
    print_exceptions++;
    ok(rec->NumberParameters == 2, "%lu parameters\n", rec->NumberParameters);
    print_length = rec->ExceptionInformation[0];
    lstrcpynA(print_text, (const char *)rec->ExceptionInformation[1], sizeof(print_text));
    return EXCEPTION_CONTINUE_SEARCH;
}

static void test_output_debug_string(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, print_handler);

    print_exceptions = 0;
    OutputDebugStringA("Hello World");
    ok(print_exceptions == 1, "%d print exceptions\n", print_exceptions);
    ok(print_length == 12, "length %Iu\n", print_length);
    ok(!strcmp(print_text, "Hello World"), "text %s\n", print_text);

    /* nothing is left raised: the call returns, and the program goes on */
    SetLastError(0xdeadbeef);
    OutputDebugStringA("");
    ok(print_exceptions == 2, "%d print exceptions\n", print_exceptions);
    OutputDebugStringW(L"wide");
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
    OutputDebugStringA("no handler");
}

START_TEST(debug)
{
    test_output_debug_string();
}

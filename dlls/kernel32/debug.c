/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * OutputDebugString: on Windows a DBG_PRINTEXCEPTION_C exception that a debugger
 * takes and prints, raised inside a handler of OutputDebugString's own that
 * takes it when no debugger does.  Vectored handlers see it on the way, as
 * they do on Windows; the program's frame handlers never do.  Wring has no
 * debuggers, so the string goes nowhere else.
 */
#include <stdarg.h>
#include "kernel32_private.h"

/* The handler of raise_debug_string's frame: the print exception goes no further. */
EXCEPTION_DISPOSITION WINAPI debug_string_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *context,
                                                  void *dispatch)
{
    (void)frame; (void)context; (void)dispatch;
    if (rec->ExceptionCode == DBG_PRINTEXCEPTION_C && !(rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND)))
        return ExceptionContinueExecution;
    return ExceptionContinueSearch;
}

static void __attribute__((noinline)) raise_debug_string(EXCEPTION_RECORD *rec)
{
    /* gcc has no __try: the frame's handler is named to the assembler directly */
    __asm__ volatile(".seh_handler debug_string_handler, @except");
    RtlRaiseException(rec);
    /* a real call, not a jump: the frame, and its handler, must be there while it raises */
    __asm__ volatile("nop");
}

void WINAPI OutputDebugStringA(const char *text)
{
    EXCEPTION_RECORD rec = { 0 };

    if (!text) text = "";
    rec.ExceptionCode = DBG_PRINTEXCEPTION_C;
    rec.NumberParameters = 2;
    rec.ExceptionInformation[0] = strlen(text) + 1;
    rec.ExceptionInformation[1] = (ULONG_PTR)text;
    raise_debug_string(&rec);
}

void WINAPI OutputDebugStringW(const WCHAR *text)
{
    UNICODE_STRING wide;
    ANSI_STRING ansi;

    RtlInitUnicodeString(&wide, text ? text : L"");
    if (RtlUnicodeStringToAnsiString(&ansi, &wide, TRUE)) return;
    OutputDebugStringA(ansi.Buffer);
    RtlFreeAnsiString(&ansi);
}

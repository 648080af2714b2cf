/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * longjmp as x64 Windows has it: with a frame recorded by setjmp, it is an
 * unwind to that frame, so the __finally blocks and C++ destructors in
 * between run (Microsoft documents longjmp as using the same stack-unwinding
 * semantics as exceptions).  RtlUnwind's STATUS_LONGJUMP record names the
 * jump buffer, from which RtlRestoreContext resumes the setjmp caller.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "msvcrt_private.h"

void __cdecl restore_jump_buffer(void *buffer, int retval) __attribute__((noreturn));

void __cdecl longjmp(void *buffer, int retval)
{
    ULONG64 frame = *(ULONG64 *)buffer, ip = ((ULONG64 *)buffer)[10];
    EXCEPTION_RECORD rec = { 0 };

    if (!retval) retval = 1;    /* setjmp must not appear to return 0 again */
    if (frame)
    {
        rec.ExceptionCode = STATUS_LONGJUMP;
        rec.NumberParameters = 1;
        rec.ExceptionInformation[0] = (ULONG_PTR)buffer;
        RtlUnwind((void *)frame, (void *)ip, &rec, (void *)(ULONG_PTR)retval);
    }
    restore_jump_buffer(buffer, retval);
}

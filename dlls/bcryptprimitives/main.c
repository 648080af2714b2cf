/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bcryptprimitives.dll: ProcessPrng, the random source Go's runtime and the
 * Rust standard library take on Windows 10 and later, over the kernel's
 * getrandom (ntdll's private wring_random).
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"

/* The Unix side's random source (ntdll's private export over getrandom). */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* nothing to set up: the kernel keeps the generator */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

/* Windows documents that ProcessPrng always succeeds; a buffer the program cannot write faults
 * there, so it is an access violation here, raised as Windows would raise it. */
BOOL WINAPI ProcessPrng(BYTE *data, SIZE_T size)
{
    while (size)
    {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (wring_random(data, chunk))
        {
            EXCEPTION_RECORD record = { .ExceptionCode = STATUS_ACCESS_VIOLATION,
                                        .ExceptionFlags = EXCEPTION_NONCONTINUABLE,
                                        .ExceptionAddress = __builtin_return_address(0),
                                        .NumberParameters = 2,
                                        .ExceptionInformation = { 1, (ULONG_PTR)data } };
            RtlRaiseException(&record);
        }
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}

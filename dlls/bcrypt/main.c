/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bcrypt.dll: BCryptGenRandom with the system-preferred generator, which is what
 * the Rust standard library (and most programs) ask CNG for.  No algorithm
 * providers: a program that opens one gets the stub line, not a pretend handle.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "bcrypt.h"

/* The Unix side's random source (ntdll's private export over getrandom). */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* the kernel keeps the generator: nothing to set up */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

/* Without BCRYPT_USE_SYSTEM_PREFERRED_RNG an algorithm handle is required, and Wring opens
 * none, so a NULL one is STATUS_INVALID_HANDLE as on Windows; any other handle cannot be one
 * of ours either. */
NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE algorithm, UCHAR *buffer, ULONG size, ULONG flags)
{
    if (flags & ~(BCRYPT_USE_SYSTEM_PREFERRED_RNG | BCRYPT_RNG_USE_ENTROPY_IN_BUFFER))
        return STATUS_INVALID_PARAMETER;
    if (!(flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG) || algorithm) return STATUS_INVALID_HANDLE;
    if (!size) return STATUS_SUCCESS;
    if (!buffer) return STATUS_INVALID_PARAMETER;
    return wring_random(buffer, size) ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
}

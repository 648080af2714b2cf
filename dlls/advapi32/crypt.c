/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* RtlGenRandom, which Windows exports as advapi32's SystemFunction036. */
#include "advapi32_private.h"
#include "ntsecapi.h"

/* The Unix side's random source (ntdll's private export over getrandom). */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size);

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG size)
{
    return !wring_random(buffer, size);
}

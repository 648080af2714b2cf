/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef WRING_COMBASE_PRIVATE_H
#define WRING_COMBASE_PRIVATE_H

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "objbase.h"

/* combase links to ntdll alone: the process heap straight from the PEB. */
#undef GetProcessHeap
#define GetProcessHeap() (NtCurrentTeb()->Peb->ProcessHeap)

/* The Unix side's random source (ntdll's private export over getrandom). */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size);

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal helpers of advapi32.dll. */
#ifndef WRING_ADVAPI32_PRIVATE_H
#define WRING_ADVAPI32_PRIVATE_H

#include "wring/rtlsecurity.h"

/* SetLastError and GetLastError live in ntdll (kernel32 only forwards them). */
#define SetLastError RtlSetLastWin32Error
#define GetLastError RtlGetLastWin32Error

/* Sets the last error from an NT status; TRUE when the status is a success. */
static inline BOOL set_ntstatus(NTSTATUS status)
{
    if (status) SetLastError(RtlNtStatusToDosError(status));
    return !status;
}

#endif

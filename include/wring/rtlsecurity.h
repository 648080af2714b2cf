/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Windows headers with the Rtl security prototypes Windows has.
 *
 * Wine's winternl.h declares four of them with other types than Microsoft's
 * ntifs.h/wdm.h (RtlCopySid and RtlInitializeSid return NTSTATUS on Windows,
 * RtlValidSecurityDescriptor a BOOLEAN, RtlFreeSid the pointer it could not
 * free).  Programs are built against Microsoft's, so ntdll exports those; this
 * header hides Wine's declarations and states the real ones.  Include it before
 * anything else that pulls in winternl.h.
 */
#ifndef WRING_RTLSECURITY_H
#define WRING_RTLSECURITY_H

#define RtlCopySid wine_header_RtlCopySid
#define RtlInitializeSid wine_header_RtlInitializeSid
#define RtlValidSecurityDescriptor wine_header_RtlValidSecurityDescriptor
#define RtlFreeSid wine_header_RtlFreeSid
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#undef WIN32_NO_STATUS
#undef RtlCopySid
#undef RtlInitializeSid
#undef RtlValidSecurityDescriptor
#undef RtlFreeSid

NTSYSAPI NTSTATUS WINAPI RtlCopySid(ULONG length, PSID dst, PSID src);
NTSYSAPI NTSTATUS WINAPI RtlInitializeSid(PSID sid, PSID_IDENTIFIER_AUTHORITY auth, BYTE count);
NTSYSAPI BOOLEAN WINAPI RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd);
NTSYSAPI PVOID WINAPI RtlFreeSid(PSID sid);

#endif

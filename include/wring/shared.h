/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Windows types as both sides see them: Wine's headers, with WINE_UNIX_LIB on the Unix side. */
#ifndef WRING_SHARED_H
#define WRING_SHARED_H

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "winioctl.h"
#undef WIN32_NO_STATUS

/* NtReadFile/NtWriteFile offsets with a meaning of their own (wdm.h; not in Wine's public headers) */
#ifndef FILE_USE_FILE_POINTER_POSITION
#define FILE_USE_FILE_POINTER_POSITION  ((LONGLONG)-2)
#endif
#ifndef FILE_WRITE_TO_END_OF_FILE
#define FILE_WRITE_TO_END_OF_FILE       ((LONGLONG)-1)
#endif

/* Windows 8's wait completion packets: ntdll exports Wine 8.0's headers do not declare */
NTSYSAPI NTSTATUS WINAPI NtCreateWaitCompletionPacket(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr);
NTSYSAPI NTSTATUS WINAPI NtAssociateWaitCompletionPacket(HANDLE packet, HANDLE port, HANDLE target, void *key,
                                                         void *apc_context, NTSTATUS io_status,
                                                         ULONG_PTR io_information, BOOLEAN *already_signaled);
NTSYSAPI NTSTATUS WINAPI NtCancelWaitCompletionPacket(HANDLE packet, BOOLEAN remove_signaled);

/* the privileges Windows added after those Wine's winternl.h numbers (up to 30) */
#ifndef SE_INC_WORKING_SET_PRIVILEGE
#define SE_TRUSTED_CREDMAN_ACCESS_PRIVILEGE     31
#define SE_RELABEL_PRIVILEGE                    32
#define SE_INC_WORKING_SET_PRIVILEGE            33
#define SE_TIME_ZONE_PRIVILEGE                  34
#define SE_CREATE_SYMBOLIC_LINK_PRIVILEGE       35
#define SE_DELEGATE_SESSION_USER_IMPERSONATE_PRIVILEGE 36
#endif

#endif

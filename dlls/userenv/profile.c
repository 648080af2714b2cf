/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * userenv.dll: the user's profile folder.  Wring has one user, so every token
 * has the same profile; the token must still be one, as Windows reads the
 * profile of the token's user.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "userenv.h"

/* ntdll's private export: C:\users\<name>, with its length counting the null. */
NTSTATUS WINAPI wring_user_profile(WCHAR *buffer, ULONG count, ULONG *needed);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* the profile is the Unix side's: nothing to set up here */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

static BOOL fail(DWORD error)
{
    NtCurrentTeb()->LastErrorValue = error;
    return FALSE;
}

/* The size, in and out, counts characters with the terminating null; a buffer too small
 * (or none) gets ERROR_INSUFFICIENT_BUFFER and the size it needs. */
BOOL WINAPI GetUserProfileDirectoryW(HANDLE token, WCHAR *dir, DWORD *size)
{
    BYTE user[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    ULONG len, needed;
    NTSTATUS status;

    if (!size) return fail(ERROR_INVALID_PARAMETER);
    if ((status = NtQueryInformationToken(token, TokenUser, user, sizeof(user), &len)))
        return fail(RtlNtStatusToDosError(status));
    status = wring_user_profile(dir, dir ? *size : 0, &needed);
    if (status == STATUS_BUFFER_TOO_SMALL)
    {
        *size = needed;
        return fail(ERROR_INSUFFICIENT_BUFFER);
    }
    if (status) return fail(RtlNtStatusToDosError(status));
    *size = needed;
    return TRUE;
}

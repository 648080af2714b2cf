/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Access tokens and privileges: the Win32 names over ntdll's token calls
 * (dlls/ntdll/unix/token.c), and the table of privilege names, which Windows
 * numbers the same on every machine (the LUID's low part is the privilege's
 * fixed number, so no lookup on the system is needed).
 */
#include "advapi32_private.h"
#include "wring/shared.h"

BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, HANDLE *token)
{
    return set_ntstatus(NtOpenProcessToken(process, access, token));
}

BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL as_self, HANDLE *token)
{
    return set_ntstatus(NtOpenThreadToken(thread, access, as_self, token));
}

BOOL WINAPI GetTokenInformation(HANDLE token, TOKEN_INFORMATION_CLASS klass, void *info, DWORD length,
                                DWORD *result)
{
    /* a NULL buffer asks for the size: Windows fails that with ERROR_INSUFFICIENT_BUFFER too */
    return set_ntstatus(NtQueryInformationToken(token, klass, info, length, result));
}

BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, TOKEN_PRIVILEGES *privs, DWORD length,
                                  TOKEN_PRIVILEGES *prev, DWORD *result)
{
    NTSTATUS status = NtAdjustPrivilegesToken(token, disable_all, privs, length, prev, result);
    /* STATUS_NOT_ALL_ASSIGNED is a success that still leaves its error to read */
    if (status == STATUS_NOT_ALL_ASSIGNED)
    {
        SetLastError(ERROR_NOT_ALL_ASSIGNED);
        return TRUE;
    }
    if (!status) SetLastError(ERROR_SUCCESS);
    return set_ntstatus(status);
}

static const WCHAR *const privilege_names[] =
{
    [SE_CREATE_TOKEN_PRIVILEGE] = L"SeCreateTokenPrivilege",
    [SE_ASSIGNPRIMARYTOKEN_PRIVILEGE] = L"SeAssignPrimaryTokenPrivilege",
    [SE_LOCK_MEMORY_PRIVILEGE] = L"SeLockMemoryPrivilege",
    [SE_INCREASE_QUOTA_PRIVILEGE] = L"SeIncreaseQuotaPrivilege",
    [SE_MACHINE_ACCOUNT_PRIVILEGE] = L"SeMachineAccountPrivilege",
    [SE_TCB_PRIVILEGE] = L"SeTcbPrivilege",
    [SE_SECURITY_PRIVILEGE] = L"SeSecurityPrivilege",
    [SE_TAKE_OWNERSHIP_PRIVILEGE] = L"SeTakeOwnershipPrivilege",
    [SE_LOAD_DRIVER_PRIVILEGE] = L"SeLoadDriverPrivilege",
    [SE_SYSTEM_PROFILE_PRIVILEGE] = L"SeSystemProfilePrivilege",
    [SE_SYSTEMTIME_PRIVILEGE] = L"SeSystemtimePrivilege",
    [SE_PROF_SINGLE_PROCESS_PRIVILEGE] = L"SeProfileSingleProcessPrivilege",
    [SE_INC_BASE_PRIORITY_PRIVILEGE] = L"SeIncreaseBasePriorityPrivilege",
    [SE_CREATE_PAGEFILE_PRIVILEGE] = L"SeCreatePagefilePrivilege",
    [SE_CREATE_PERMANENT_PRIVILEGE] = L"SeCreatePermanentPrivilege",
    [SE_BACKUP_PRIVILEGE] = L"SeBackupPrivilege",
    [SE_RESTORE_PRIVILEGE] = L"SeRestorePrivilege",
    [SE_SHUTDOWN_PRIVILEGE] = L"SeShutdownPrivilege",
    [SE_DEBUG_PRIVILEGE] = L"SeDebugPrivilege",
    [SE_AUDIT_PRIVILEGE] = L"SeAuditPrivilege",
    [SE_SYSTEM_ENVIRONMENT_PRIVILEGE] = L"SeSystemEnvironmentPrivilege",
    [SE_CHANGE_NOTIFY_PRIVILEGE] = L"SeChangeNotifyPrivilege",
    [SE_REMOTE_SHUTDOWN_PRIVILEGE] = L"SeRemoteShutdownPrivilege",
    [SE_UNDOCK_PRIVILEGE] = L"SeUndockPrivilege",
    [SE_SYNC_AGENT_PRIVILEGE] = L"SeSyncAgentPrivilege",
    [SE_ENABLE_DELEGATION_PRIVILEGE] = L"SeEnableDelegationPrivilege",
    [SE_MANAGE_VOLUME_PRIVILEGE] = L"SeManageVolumePrivilege",
    [SE_IMPERSONATE_PRIVILEGE] = L"SeImpersonatePrivilege",
    [SE_CREATE_GLOBAL_PRIVILEGE] = L"SeCreateGlobalPrivilege",
    [SE_TRUSTED_CREDMAN_ACCESS_PRIVILEGE] = L"SeTrustedCredManAccessPrivilege",
    [SE_RELABEL_PRIVILEGE] = L"SeRelabelPrivilege",
    [SE_INC_WORKING_SET_PRIVILEGE] = L"SeIncreaseWorkingSetPrivilege",
    [SE_TIME_ZONE_PRIVILEGE] = L"SeTimeZonePrivilege",
    [SE_CREATE_SYMBOLIC_LINK_PRIVILEGE] = L"SeCreateSymbolicLinkPrivilege",
    [SE_DELEGATE_SESSION_USER_IMPERSONATE_PRIVILEGE] = L"SeDelegateSessionUserImpersonatePrivilege",
};

/* Only the local machine's names are known: a remote system cannot be asked. */
static BOOL is_local_system(const WCHAR *system)
{
    if (system && *system)
    {
        SetLastError(RPC_S_SERVER_UNAVAILABLE);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI LookupPrivilegeValueW(const WCHAR *system, const WCHAR *name, LUID *luid)
{
    if (!is_local_system(system)) return FALSE;
    for (ULONG i = 0; name && i < ARRAYSIZE(privilege_names); i++)
    {
        if (!privilege_names[i] || _wcsicmp(privilege_names[i], name)) continue;
        luid->LowPart = i;
        luid->HighPart = 0;
        return TRUE;
    }
    SetLastError(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
}

BOOL WINAPI LookupPrivilegeValueA(const char *system, const char *name, LUID *luid)
{
    WCHAR wname[64];
    ULONG len;

    if (!name) return LookupPrivilegeValueW(NULL, NULL, luid);
    if (system && *system)
    {
        SetLastError(RPC_S_SERVER_UNAVAILABLE);
        return FALSE;
    }
    /* privilege names are ASCII: a longer name than the buffer matches none */
    len = strlen(name);
    if (len >= ARRAYSIZE(wname))
    {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    RtlMultiByteToUnicodeN(wname, sizeof(wname), NULL, name, len + 1);
    return LookupPrivilegeValueW(NULL, wname, luid);
}

BOOL WINAPI LookupPrivilegeNameW(const WCHAR *system, LUID *luid, WCHAR *name, DWORD *len)
{
    const WCHAR *found;
    DWORD needed;

    if (!is_local_system(system)) return FALSE;
    if (luid->HighPart || luid->LowPart >= ARRAYSIZE(privilege_names) || !(found = privilege_names[luid->LowPart]))
    {
        SetLastError(ERROR_NO_SUCH_PRIVILEGE);
        return FALSE;
    }
    needed = wcslen(found);
    if (*len <= needed)
    {
        *len = needed + 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    wcscpy(name, found);
    *len = needed;
    return TRUE;
}

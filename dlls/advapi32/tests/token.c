/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The process token as a standard user's: its user, its privileges looked up
 * by name, and AdjustTokenPrivileges on one the user holds and one nobody
 * but the system account does (SeTcbPrivilege), which Windows reports with
 * ERROR_NOT_ALL_ASSIGNED while still returning TRUE.
 */
#include <windows.h>
#include "wine/test.h"

/* the privileges' fixed numbers (wdm.h, which user-mode headers leave out) */
#define SE_BACKUP_PRIVILEGE 17
#define SE_SHUTDOWN_PRIVILEGE 19
#define SE_CHANGE_NOTIFY_PRIVILEGE 23

static void test_token(void)
{
    BYTE buf[512];
    TOKEN_PRIVILEGES tp, prev;
    TOKEN_USER *user = (TOKEN_USER *)buf;
    HANDLE token;
    DWORD size, i;
    LUID luid;
    WCHAR name[64];
    BOOL ret;

    ret = OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES, &token);
    ok(ret, "OpenProcessToken failed: %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ret = GetTokenInformation(token, TokenUser, NULL, 0, &size);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "size query: %d %lu\n", ret, GetLastError());
    ok(size > sizeof(TOKEN_USER) && size <= sizeof(buf), "size %lu\n", size);
    ret = GetTokenInformation(token, TokenUser, buf, sizeof(buf), &size);
    ok(ret && IsValidSid(user->User.Sid), "TokenUser: %d\n", ret);

    ret = GetTokenInformation(token, TokenPrivileges, buf, sizeof(buf), &size);
    ok(ret, "TokenPrivileges: %lu\n", GetLastError());
    BOOL change_notify = FALSE;
    for (i = 0; ret && i < ((TOKEN_PRIVILEGES *)buf)->PrivilegeCount; i++)
        if (((TOKEN_PRIVILEGES *)buf)->Privileges[i].Luid.LowPart == SE_CHANGE_NOTIFY_PRIVILEGE)
            change_notify = TRUE;
    ok(change_notify, "SeChangeNotifyPrivilege not held\n");

    ret = LookupPrivilegeValueW(NULL, L"SeShutdownPrivilege", &luid);
    ok(ret && luid.LowPart == SE_SHUTDOWN_PRIVILEGE && !luid.HighPart, "shutdown: %d %lu\n", ret, luid.LowPart);
    ret = LookupPrivilegeValueA(NULL, "sechangenotifyprivilege", &luid);
    ok(ret && luid.LowPart == SE_CHANGE_NOTIFY_PRIVILEGE, "change notify: %d %lu\n", ret, luid.LowPart);
    SetLastError(0xdeadbeef);
    ret = LookupPrivilegeValueW(NULL, L"SeNoSuchPrivilege", &luid);
    ok(!ret && GetLastError() == ERROR_NO_SUCH_PRIVILEGE, "no such privilege: %d %lu\n", ret, GetLastError());
    luid.LowPart = SE_BACKUP_PRIVILEGE;
    luid.HighPart = 0;
    size = ARRAY_SIZE(name);
    ret = LookupPrivilegeNameW(NULL, &luid, name, &size);
    ok(ret && !wcscmp(name, L"SeBackupPrivilege") && size == 17, "name: %d %s\n", ret, wine_dbgstr_w(name));

    tp.PrivilegeCount = 1;
    tp.Privileges[0].Luid.LowPart = SE_CHANGE_NOTIFY_PRIVILEGE;
    tp.Privileges[0].Luid.HighPart = 0;
    tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    SetLastError(0xdeadbeef);
    ret = AdjustTokenPrivileges(token, FALSE, &tp, sizeof(prev), &prev, &size);
    ok(ret && GetLastError() == ERROR_SUCCESS, "held privilege: %d %lu\n", ret, GetLastError());

    LookupPrivilegeValueW(NULL, L"SeTcbPrivilege", &tp.Privileges[0].Luid);
    SetLastError(0xdeadbeef);
    ret = AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL);
    /* Wine 8.0 gives the process an administrator's token and does not report a missing privilege */
    todo_wine ok(ret && GetLastError() == ERROR_NOT_ALL_ASSIGNED, "privilege not held: %d %lu\n", ret,
                 GetLastError());

    SetLastError(0xdeadbeef);
    ret = OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token);
    ok(!ret && GetLastError() == ERROR_NO_TOKEN, "thread token: %d %lu\n", ret, GetLastError());
    CloseHandle(token);
}

START_TEST(token)
{
    test_token();
}

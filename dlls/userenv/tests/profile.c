/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * GetUserProfileDirectoryW for the process token, as the Rust standard library
 * asks for the home directory: a folder that exists, the size protocol (a
 * buffer too small gets the size it needs, null included), the environment's
 * USERPROFILE naming the same folder, and bad arguments.
 */
#include <windows.h>
#include <userenv.h>
#include "wine/test.h"

START_TEST(profile)
{
    WCHAR dir[MAX_PATH], env[MAX_PATH], small[2];
    HANDLE token;
    DWORD size, needed, attrs;
    BOOL ret;

    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token), "OpenProcessToken: %lu\n", GetLastError());

    needed = 0;
    SetLastError(0xdeadbeef);
    ret = GetUserProfileDirectoryW(token, NULL, &needed);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "no buffer: %d, error %lu\n", ret, GetLastError());
    ok(needed > 3, "needed %lu\n", needed);

    size = ARRAYSIZE(small);
    SetLastError(0xdeadbeef);
    ret = GetUserProfileDirectoryW(token, small, &size);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer: %d, error %lu\n", ret, GetLastError());
    ok(size == needed, "size %lu, needed %lu\n", size, needed);

    size = ARRAYSIZE(dir);
    ret = GetUserProfileDirectoryW(token, dir, &size);
    ok(ret, "GetUserProfileDirectoryW: %lu\n", GetLastError());
    ok(lstrlenW(dir) + 1 == needed, "%s is %d characters, %lu needed\n", wine_dbgstr_w(dir), lstrlenW(dir), needed);
    ok(dir[1] == ':' && dir[2] == '\\', "not an absolute path: %s\n", wine_dbgstr_w(dir));
    attrs = GetFileAttributesW(dir);
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "%s: attributes %#lx\n",
       wine_dbgstr_w(dir), attrs);

    ok(GetEnvironmentVariableW(L"USERPROFILE", env, ARRAYSIZE(env)), "no USERPROFILE\n");
    ok(!lstrcmpiW(env, dir), "USERPROFILE is %s, the profile %s\n", wine_dbgstr_w(env), wine_dbgstr_w(dir));

    SetLastError(0xdeadbeef);
    ret = GetUserProfileDirectoryW(token, dir, NULL);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "no size: %d, error %lu\n", ret, GetLastError());
    size = ARRAYSIZE(dir);
    ret = GetUserProfileDirectoryW(NULL, dir, &size);
    ok(!ret, "a NULL token gave %s\n", wine_dbgstr_w(dir));
    CloseHandle(token);
}

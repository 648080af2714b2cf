/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SHGetKnownFolderPath for the folders console programs (Rust's dirs crate,
 * Go's os.UserConfigDir) ask for: paths that exist, inside the profile where
 * Windows puts them, from the task allocator; and failures leave NULL behind.
 */
#include <windows.h>
#include <initguid.h>
#include <knownfolders.h>
#include <shlobj.h>
#include <userenv.h>
#include "wine/test.h"

static WCHAR *folder(const KNOWNFOLDERID *id)
{
    WCHAR *path = (WCHAR *)1;
    HRESULT hr = SHGetKnownFolderPath(id, 0, NULL, &path);
    ok(hr == S_OK, "SHGetKnownFolderPath: %#lx\n", hr);
    if (hr != S_OK) return NULL;
    ok(path && path[1] == ':' && path[2] == '\\', "not an absolute path: %s\n", wine_dbgstr_w(path));
    ok(GetFileAttributesW(path) & FILE_ATTRIBUTE_DIRECTORY, "%s is no folder\n", wine_dbgstr_w(path));
    return path;
}

/* Whether path is base\sub, without regard to case. */
static BOOL is_below(const WCHAR *path, const WCHAR *base, const WCHAR *sub)
{
    WCHAR expect[MAX_PATH];
    lstrcpyW(expect, base);
    lstrcatW(expect, L"\\");
    lstrcatW(expect, sub);
    return !lstrcmpiW(path, expect);
}

START_TEST(folders)
{
    WCHAR profile_dir[MAX_PATH], windows[MAX_PATH], system[MAX_PATH], env[MAX_PATH];
    WCHAR *profile, *path;
    HANDLE token;
    DWORD size = ARRAYSIZE(profile_dir);
    HRESULT hr;
    static const GUID unknown = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };

    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    ok(GetUserProfileDirectoryW(token, profile_dir, &size), "GetUserProfileDirectoryW: %lu\n", GetLastError());
    CloseHandle(token);

    profile = folder(&FOLDERID_Profile);
    if (!profile) return;
    ok(!lstrcmpiW(profile, profile_dir), "profile %s, userenv says %s\n", wine_dbgstr_w(profile),
       wine_dbgstr_w(profile_dir));
    /* the environment names the same folders */
    if ((path = folder(&FOLDERID_RoamingAppData)))
    {
        ok(is_below(path, profile, L"AppData\\Roaming"), "roaming app data: %s\n", wine_dbgstr_w(path));
        ok(GetEnvironmentVariableW(L"APPDATA", env, ARRAYSIZE(env)) && !lstrcmpiW(env, path), "APPDATA is %s\n",
           wine_dbgstr_w(env));
    }
    CoTaskMemFree(path);
    if ((path = folder(&FOLDERID_LocalAppData)))
    {
        ok(is_below(path, profile, L"AppData\\Local"), "local app data: %s\n", wine_dbgstr_w(path));
        ok(GetEnvironmentVariableW(L"LOCALAPPDATA", env, ARRAYSIZE(env)) && !lstrcmpiW(env, path),
           "LOCALAPPDATA is %s\n", wine_dbgstr_w(env));
    }
    CoTaskMemFree(path);
    CoTaskMemFree(profile);

    GetWindowsDirectoryW(windows, ARRAYSIZE(windows));
    GetSystemDirectoryW(system, ARRAYSIZE(system));
    if ((path = folder(&FOLDERID_Windows)))
        ok(!lstrcmpiW(path, windows), "Windows folder %s, not %s\n", wine_dbgstr_w(path), wine_dbgstr_w(windows));
    CoTaskMemFree(path);
    if ((path = folder(&FOLDERID_System)))
        ok(!lstrcmpiW(path, system), "system folder %s, not %s\n", wine_dbgstr_w(path), wine_dbgstr_w(system));
    CoTaskMemFree(path);

    path = (WCHAR *)1;
    hr = SHGetKnownFolderPath(&unknown, 0, NULL, &path);
    ok(FAILED(hr), "an unknown folder: %#lx\n", hr);
    ok(path == NULL, "an unknown folder left %p\n", path);
}

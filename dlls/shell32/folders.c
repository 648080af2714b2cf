/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SHGetKnownFolderPath for the folders a console program asks for: the user's
 * profile and what lies inside it, and the Windows folders.  The profile is
 * C:\users\<name> for every token, as Wring has one user.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "objbase.h"
#include "initguid.h"
#include "knownfolders.h"
#include "shlobj.h"

/* ntdll's private export: C:\users\<name>, with its length counting the null. */
NTSTATUS WINAPI wring_user_profile(WCHAR *buffer, ULONG count, ULONG *needed);

enum base { BASE_PROFILE, BASE_WINDOWS, BASE_SYSTEM };

static const struct
{
    const KNOWNFOLDERID *id;
    enum base base;
    const WCHAR *sub;   /* below the base folder, or NULL for the base itself */
} folders[] =
{
    { &FOLDERID_Profile, BASE_PROFILE, NULL },
    { &FOLDERID_RoamingAppData, BASE_PROFILE, L"AppData\\Roaming" },
    { &FOLDERID_LocalAppData, BASE_PROFILE, L"AppData\\Local" },
    { &FOLDERID_Desktop, BASE_PROFILE, L"Desktop" },
    { &FOLDERID_Documents, BASE_PROFILE, L"Documents" },
    { &FOLDERID_Windows, BASE_WINDOWS, NULL },
    { &FOLDERID_System, BASE_SYSTEM, NULL },
};

static BOOL base_path(enum base base, WCHAR *buffer, ULONG count)
{
    ULONG needed;

    if (base == BASE_PROFILE) return !wring_user_profile(buffer, count, &needed);
    needed = base == BASE_WINDOWS ? GetWindowsDirectoryW(buffer, count) : GetSystemDirectoryW(buffer, count);
    return needed && needed < count;
}

/* The path comes from the task allocator (the caller frees it with CoTaskMemFree); *path is
 * NULL whenever the call fails.  A folder that does not exist fails unless the flags say to
 * create it or not to look. */
HRESULT WINAPI SHGetKnownFolderPath(REFKNOWNFOLDERID id, DWORD flags, HANDLE token, PWSTR *path)
{
    WCHAR buffer[MAX_PATH];
    size_t len;

    (void)token;    /* one user: every token's folders are the same */
    if (!path) return E_INVALIDARG;
    *path = NULL;
    if (!id) return E_INVALIDARG;
    for (size_t i = 0; i < ARRAYSIZE(folders); i++)
    {
        if (!IsEqualGUID(id, folders[i].id)) continue;
        if (!base_path(folders[i].base, buffer, ARRAYSIZE(buffer))) return E_FAIL;
        if (folders[i].sub)
        {
            len = lstrlenW(buffer);
            if (len + 1 + lstrlenW(folders[i].sub) >= ARRAYSIZE(buffer)) return E_FAIL;
            buffer[len] = '\\';
            lstrcpyW(buffer + len + 1, folders[i].sub);
        }
        if (!(flags & KF_FLAG_DONT_VERIFY) && GetFileAttributesW(buffer) == INVALID_FILE_ATTRIBUTES)
        {
            if (!(flags & KF_FLAG_CREATE)) return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
            if (!CreateDirectoryW(buffer, NULL)) return HRESULT_FROM_WIN32(GetLastError());
        }
        len = (lstrlenW(buffer) + 1) * sizeof(WCHAR);
        if (!(*path = CoTaskMemAlloc(len))) return E_OUTOFMEMORY;
        memcpy(*path, buffer, len);
        return S_OK;
    }
    return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
}

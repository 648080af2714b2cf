/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The registry as Wring has it today: the predefined root keys
 * (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, ...) exist and hold nothing, so
 * every key below them and every value in them is absent.  Programs that
 * read a key and fall back when it is missing -- as Go's time package does
 * with the Time Zones key -- are answered exactly as Windows answers when
 * the key is not there: ERROR_FILE_NOT_FOUND.
 */
#include "advapi32_private.h"
#include "winreg.h"

/* The predefined handles run from HKEY_CLASSES_ROOT to HKEY_CURRENT_USER_LOCAL_SETTINGS,
 * the one after HKEY_DYN_DATA, which Wine's headers do not name. */
static BOOL is_root_key(HKEY key)
{
    ULONG_PTR value = (ULONG_PTR)key;
    return value >= (ULONG_PTR)HKEY_CLASSES_ROOT && value <= (ULONG_PTR)HKEY_DYN_DATA + 1;
}

LSTATUS WINAPI RegOpenKeyExW(HKEY key, const WCHAR *subkey, DWORD options, REGSAM access, HKEY *result)
{
    (void)options; (void)access;
    if (!result) return ERROR_INVALID_PARAMETER;
    *result = NULL;
    if (!is_root_key(key)) return ERROR_INVALID_HANDLE;
    /* an empty name opens the key itself, and a predefined key is its own handle */
    if (!subkey || !*subkey)
    {
        *result = key;
        return ERROR_SUCCESS;
    }
    return ERROR_FILE_NOT_FOUND;
}

LSTATUS WINAPI RegCloseKey(HKEY key)
{
    /* closing a predefined key is allowed and changes nothing */
    return is_root_key(key) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

LSTATUS WINAPI RegQueryValueExW(HKEY key, const WCHAR *name, DWORD *reserved, DWORD *type, BYTE *data, DWORD *size)
{
    (void)name; (void)type;
    if (reserved || (data && !size)) return ERROR_INVALID_PARAMETER;
    if (!is_root_key(key)) return ERROR_INVALID_HANDLE;
    return ERROR_FILE_NOT_FOUND;
}

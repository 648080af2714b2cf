/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Resources: FindResource*, LoadResource and friends, EnumResource*.  The
 * directory walk and its language fallback are ntdll's (LdrFindResource_U);
 * this file turns Win32 names into what ntdll looks up.
 */
#include "kernel32_private.h"

/* a "name" below 64K is an id (MAKEINTRESOURCE); winuser.h's test, which kernel32 does not include */
static inline BOOL is_int_resource(const void *name)
{
    return !((ULONG_PTR)name >> 16);
}

/*
 * A type or name as the directory stores it: an id stays an id, "#123" is
 * id 123, and any other string is compared in upper case, as resource
 * compilers store names.  *copy is set when the result was allocated.
 */
static BOOL resource_name(LPCWSTR name, ULONG_PTR *ret, WCHAR **copy)
{
    SIZE_T len;
    WCHAR *up;

    *copy = NULL;
    if (is_int_resource(name))
    {
        *ret = (ULONG_PTR)name;
        return TRUE;
    }
    if (name[0] == '#')
    {
        ULONG value = 0;
        const WCHAR *p = name + 1;
        if (!*p) goto invalid;
        for (; *p; p++)
        {
            if (*p < '0' || *p > '9') goto invalid;
            value = value * 10 + (*p - '0');
            if (value > 0xffff) goto invalid;
        }
        *ret = value;
        return TRUE;
    }
    len = wcslen(name);
    if (!(up = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    for (SIZE_T i = 0; i <= len; i++) up[i] = RtlUpcaseUnicodeChar(name[i]);
    *ret = (ULONG_PTR)up;
    *copy = up;
    return TRUE;

invalid:
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

/* resource_name for an ANSI name: ids pass through, strings are converted first. */
static BOOL resource_name_a(LPCSTR name, ULONG_PTR *ret, WCHAR **copy)
{
    WCHAR *w;
    BOOL ok;

    if (is_int_resource(name)) return resource_name((LPCWSTR)name, ret, copy);
    if (!(w = ansi_to_wide(name))) return FALSE;
    ok = resource_name(w, ret, copy);
    HeapFree(GetProcessHeap(), 0, w);
    return ok;
}

static HRSRC find_resource(HMODULE module, ULONG_PTR type, ULONG_PTR name, WORD lang)
{
    LDR_RESOURCE_INFO info = { type, name, lang };
    const IMAGE_RESOURCE_DATA_ENTRY *entry;

    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    if (!set_ntstatus(LdrFindResource_U(module, &info, 3, &entry))) return NULL;
    return (HRSRC)entry;
}

HRSRC WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD lang)
{
    ULONG_PTR t, n;
    WCHAR *tcopy, *ncopy = NULL;
    HRSRC ret = NULL;

    if (!resource_name(type, &t, &tcopy)) return NULL;
    if (resource_name(name, &n, &ncopy)) ret = find_resource(module, t, n, lang);
    HeapFree(GetProcessHeap(), 0, tcopy);
    HeapFree(GetProcessHeap(), 0, ncopy);
    return ret;
}

HRSRC WINAPI FindResourceExA(HMODULE module, LPCSTR type, LPCSTR name, WORD lang)
{
    ULONG_PTR t, n;
    WCHAR *tcopy, *ncopy = NULL;
    HRSRC ret = NULL;

    if (!resource_name_a(type, &t, &tcopy)) return NULL;
    if (resource_name_a(name, &n, &ncopy)) ret = find_resource(module, t, n, lang);
    HeapFree(GetProcessHeap(), 0, tcopy);
    HeapFree(GetProcessHeap(), 0, ncopy);
    return ret;
}

/* FindResource takes the name before the type, and no language: the neutral one, which falls back */
HRSRC WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type)
{
    return FindResourceExW(module, type, name, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
}

HRSRC WINAPI FindResourceA(HMODULE module, LPCSTR name, LPCSTR type)
{
    return FindResourceExA(module, type, name, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
}

HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC res)
{
    void *ptr;

    if (!res)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    if (!set_ntstatus(LdrAccessResource(module, (const IMAGE_RESOURCE_DATA_ENTRY *)res, &ptr, NULL))) return NULL;
    return ptr;
}

/* A Win32 resource "handle" is its address in the module: there is nothing to lock or free. */
LPVOID WINAPI LockResource(HGLOBAL handle)
{
    return handle;
}

BOOL WINAPI FreeResource(HGLOBAL handle)
{
    (void)handle;
    return FALSE;
}

DWORD WINAPI SizeofResource(HMODULE module, HRSRC res)
{
    (void)module;
    if (!res)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return ((const IMAGE_RESOURCE_DATA_ENTRY *)res)->Size;
}

/* ------------------------------------------------------------------ enumeration */

/* What the callbacks are handed for an entry: its id, or its name as a NUL-terminated heap string. */
static void *entry_name(const IMAGE_RESOURCE_DIRECTORY *root, const IMAGE_RESOURCE_DIRECTORY_ENTRY *entry,
                        BOOL ansi, void **copy)
{
    const IMAGE_RESOURCE_DIR_STRING_U *str;
    int len;

    *copy = NULL;
    if (!entry->NameIsString) return (void *)(ULONG_PTR)entry->Id;
    str = (const IMAGE_RESOURCE_DIR_STRING_U *)((const char *)root + entry->NameOffset);
    if (ansi)
    {
        len = WideCharToMultiByte(CP_ACP, 0, str->NameString, str->Length, NULL, 0, NULL, NULL);
        if (!(*copy = HeapAlloc(GetProcessHeap(), 0, len + 1))) return NULL;
        WideCharToMultiByte(CP_ACP, 0, str->NameString, str->Length, *copy, len, NULL, NULL);
        ((char *)*copy)[len] = 0;
    }
    else
    {
        if (!(*copy = HeapAlloc(GetProcessHeap(), 0, (str->Length + 1) * sizeof(WCHAR)))) return NULL;
        memcpy(*copy, str->NameString, str->Length * sizeof(WCHAR));
        ((WCHAR *)*copy)[str->Length] = 0;
    }
    return *copy;
}

enum enum_level { ENUM_TYPES, ENUM_NAMES, ENUM_LANGUAGES };

/*
 * One loop for the six EnumResource functions: the directory at level
 * (root, a type, a name) and a callback per entry, until one returns FALSE,
 * whose answer is then the result.  type and name are passed to the callback
 * as the caller gave them.
 */
static BOOL enum_resources(HMODULE module, enum enum_level level, const void *type, const void *name, BOOL ansi,
                           void *func, LONG_PTR param)
{
    const IMAGE_RESOURCE_DIRECTORY *root, *dir;
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries;
    LDR_RESOURCE_INFO info = { 0 };
    WCHAR *tcopy = NULL, *ncopy = NULL;
    BOOL ret = FALSE;

    if (!func)
    {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    if (level >= ENUM_NAMES &&
        !(ansi ? resource_name_a(type, &info.Type, &tcopy) : resource_name(type, &info.Type, &tcopy)))
        return FALSE;
    if (level == ENUM_LANGUAGES &&
        !(ansi ? resource_name_a(name, &info.Name, &ncopy) : resource_name(name, &info.Name, &ncopy)))
        goto done;
    if (!set_ntstatus(LdrFindResourceDirectory_U(module, NULL, 0, &root))) goto done;
    if (!set_ntstatus(LdrFindResourceDirectory_U(module, &info, level, &dir))) goto done;
    entries = (const IMAGE_RESOURCE_DIRECTORY_ENTRY *)(dir + 1);
    for (int i = 0; i < dir->NumberOfNamedEntries + dir->NumberOfIdEntries; i++)
    {
        void *copy = NULL, *entry = NULL;
        if (level != ENUM_LANGUAGES && !(entry = entry_name(root, &entries[i], ansi, &copy)))
        {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            ret = FALSE;
            break;
        }
        switch (level)
        {
        case ENUM_TYPES:
            ret = ansi ? ((ENUMRESTYPEPROCA)func)(module, entry, param) : ((ENUMRESTYPEPROCW)func)(module, entry, param);
            break;
        case ENUM_NAMES:
            ret = ansi ? ((ENUMRESNAMEPROCA)func)(module, type, entry, param)
                       : ((ENUMRESNAMEPROCW)func)(module, type, entry, param);
            break;
        case ENUM_LANGUAGES:
            ret = ansi ? ((ENUMRESLANGPROCA)func)(module, type, name, entries[i].Id, param)
                       : ((ENUMRESLANGPROCW)func)(module, type, name, entries[i].Id, param);
            break;
        }
        HeapFree(GetProcessHeap(), 0, copy);
        if (!ret) break;
    }
done:
    HeapFree(GetProcessHeap(), 0, tcopy);
    HeapFree(GetProcessHeap(), 0, ncopy);
    return ret;
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW func, LONG_PTR param)
{
    return enum_resources(module, ENUM_TYPES, NULL, NULL, FALSE, func, param);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA func, LONG_PTR param)
{
    return enum_resources(module, ENUM_TYPES, NULL, NULL, TRUE, func, param);
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW func, LONG_PTR param)
{
    return enum_resources(module, ENUM_NAMES, type, NULL, FALSE, func, param);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA func, LONG_PTR param)
{
    return enum_resources(module, ENUM_NAMES, type, NULL, TRUE, func, param);
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW func,
                                   LONG_PTR param)
{
    return enum_resources(module, ENUM_LANGUAGES, type, name, FALSE, func, param);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA func,
                                   LONG_PTR param)
{
    return enum_resources(module, ENUM_LANGUAGES, type, name, TRUE, func, param);
}

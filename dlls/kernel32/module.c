/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Modules: LoadLibrary, GetProcAddress, GetModuleHandle, GetModuleFileName, FreeLibrary. */
#include "kernel32_private.h"

HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    UNICODE_STRING us;
    HMODULE module;
    NTSTATUS status;
    (void)file;

    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (flags & (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | LOAD_LIBRARY_AS_IMAGE_RESOURCE))
    {
        /* mapping a DLL as data is not supported yet: say so rather than pretend */
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    RtlInitUnicodeString(&us, name);
    status = LdrLoadDll(NULL, flags, &us, &module);
    if (status)
    {
        set_ntstatus(status);
        return NULL;
    }
    return module;
}

HMODULE WINAPI LoadLibraryW(LPCWSTR name)
{
    return LoadLibraryExW(name, NULL, 0);
}

HMODULE WINAPI LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
    WCHAR *w;
    HMODULE module;
    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(w = ansi_to_wide(name))) return NULL;
    module = LoadLibraryExW(w, file, flags);
    HeapFree(GetProcessHeap(), 0, w);
    return module;
}

HMODULE WINAPI LoadLibraryA(LPCSTR name)
{
    return LoadLibraryExA(name, NULL, 0);
}

BOOL WINAPI FreeLibrary(HMODULE module)
{
    if (!module)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return set_ntstatus(LdrUnloadDll(module));
}

FARPROC WINAPI GetProcAddress(HMODULE module, LPCSTR name)
{
    ANSI_STRING str;
    void *addr;
    NTSTATUS status;

    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    /* a "name" below 64K is an ordinal */
    if ((ULONG_PTR)name >> 16)
    {
        RtlInitAnsiString(&str, name);
        status = LdrGetProcedureAddress(module, &str, 0, &addr);
    }
    else status = LdrGetProcedureAddress(module, NULL, LOWORD(name), &addr);
    /* a missing ordinal is reported like a missing name */
    if (status == STATUS_ORDINAL_NOT_FOUND) status = STATUS_PROCEDURE_NOT_FOUND;
    if (status)
    {
        set_ntstatus(status);
        return NULL;
    }
    return addr;
}

HMODULE WINAPI GetModuleHandleW(LPCWSTR name)
{
    UNICODE_STRING us;
    HMODULE module;
    NTSTATUS status;
    if (!name) return NtCurrentTeb()->Peb->ImageBaseAddress;
    RtlInitUnicodeString(&us, name);
    if ((status = LdrGetDllHandle(NULL, 0, &us, &module)))
    {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    return module;
}

HMODULE WINAPI GetModuleHandleA(LPCSTR name)
{
    WCHAR *w;
    HMODULE module;
    if (!name) return GetModuleHandleW(NULL);
    if (!(w = ansi_to_wide(name))) return NULL;
    module = GetModuleHandleW(w);
    HeapFree(GetProcessHeap(), 0, w);
    return module;
}

BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *module)
{
    LDR_DATA_TABLE_ENTRY *entry;
    if (!module)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *module = NULL;
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)
    {
        if (LdrFindEntryForAddress(name, &entry))
        {
            SetLastError(ERROR_MOD_NOT_FOUND);
            return FALSE;
        }
        *module = entry->DllBase;
    }
    else if (!(*module = GetModuleHandleW(name))) return FALSE;
    /* without the unchanged-refcount flag the caller owns a reference, released by FreeLibrary */
    if (!(flags & (GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT | GET_MODULE_HANDLE_EX_FLAG_PIN)) &&
        *module != NtCurrentTeb()->Peb->ImageBaseAddress)
    {
        WCHAR path[MAX_PATH * 2];
        UNICODE_STRING us = { 0, sizeof(path), path };
        HMODULE again;
        if (!LdrGetDllFullName(*module, &us)) LdrLoadDll(NULL, 0, &us, &again);
    }
    return TRUE;
}

BOOL WINAPI GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *module)
{
    WCHAR *w = NULL;
    BOOL ret;
    if (name && !(flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) && !(w = ansi_to_wide(name))) return FALSE;
    ret = GetModuleHandleExW(flags, w ? w : (LPCWSTR)name, module);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

DWORD WINAPI GetModuleFileNameW(HMODULE module, LPWSTR buffer, DWORD size)
{
    UNICODE_STRING us;
    NTSTATUS status;
    DWORD len;

    us.Buffer = buffer;
    us.Length = 0;
    us.MaximumLength = size * sizeof(WCHAR) > 0xfffe ? 0xfffe : size * sizeof(WCHAR);
    status = LdrGetDllFullName(module, &us);
    if (status && status != STATUS_BUFFER_TOO_SMALL)
    {
        set_ntstatus(status);
        return 0;
    }
    len = us.Length / sizeof(WCHAR);
    if (len >= size)
    {
        /* truncated: the result is cut to the buffer, terminated, and flagged */
        if (size) buffer[size - 1] = 0;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    SetLastError(NO_ERROR);
    return len;
}

DWORD WINAPI GetModuleFileNameA(HMODULE module, LPSTR buffer, DWORD size)
{
    WCHAR path[MAX_PATH * 4];
    DWORD len = GetModuleFileNameW(module, path, ARRAYSIZE(path)), n;
    if (!len) return 0;
    n = WideCharToMultiByte(file_api_code_page(), 0, path, len, NULL, 0, NULL, NULL);
    if (n >= size)
    {
        if (size)
        {
            WideCharToMultiByte(file_api_code_page(), 0, path, len, buffer, size - 1, NULL, NULL);
            buffer[size - 1] = 0;
        }
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    WideCharToMultiByte(file_api_code_page(), 0, path, len, buffer, n, NULL, NULL);
    buffer[n] = 0;
    SetLastError(NO_ERROR);
    return n;
}

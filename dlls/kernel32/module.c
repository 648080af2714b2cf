/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Modules: LoadLibrary, GetProcAddress, GetModuleHandle, GetModuleFileName, FreeLibrary. */
#include "kernel32_private.h"

/* A module loaded for its resources only: bit 0 marks the file as it is on disk, bit 1 an image layout. */
static inline BOOL is_resource_only(HMODULE module)
{
    return ((ULONG_PTR)module & 3) != 0;
}

/* Reads a whole file into read-only memory: the flat view LOAD_LIBRARY_AS_DATAFILE gives. */
static void *read_whole_file(HANDLE file, SIZE_T *size_ret)
{
    LARGE_INTEGER size;
    DWORD done;
    char *data;
    SIZE_T pos = 0;

    if (!GetFileSizeEx(file, &size)) return NULL;
    if (size.QuadPart < (LONGLONG)sizeof(IMAGE_DOS_HEADER) || size.QuadPart > 0x7fffffff)
    {
        SetLastError(ERROR_BAD_EXE_FORMAT);
        return NULL;
    }
    if (!(data = VirtualAlloc(NULL, size.QuadPart, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE))) return NULL;
    while (pos < (SIZE_T)size.QuadPart)
    {
        if (!ReadFile(file, data + pos, size.QuadPart - pos, &done, NULL) || !done)
        {
            VirtualFree(data, 0, MEM_RELEASE);
            SetLastError(ERROR_BAD_EXE_FORMAT);
            return NULL;
        }
        pos += done;
    }
    *size_ret = pos;
    return data;
}

/* The image layout of a flat file, for LOAD_LIBRARY_AS_IMAGE_RESOURCE: headers and sections where the RVAs say. */
static void *lay_out_image(const char *file, SIZE_T file_size, const IMAGE_NT_HEADERS *nt)
{
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    DWORD image_size = nt->OptionalHeader.SizeOfImage, headers = nt->OptionalHeader.SizeOfHeaders;
    char *image;

    if (headers > file_size || headers > image_size)
    {
        SetLastError(ERROR_BAD_EXE_FORMAT);
        return NULL;
    }
    if (!(image = VirtualAlloc(NULL, image_size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE))) return NULL;
    memcpy(image, file, headers);
    for (WORD i = 0; i < nt->FileHeader.NumberOfSections; i++, sec++)
    {
        DWORD len = sec->SizeOfRawData;
        if (sec->VirtualAddress >= image_size || sec->PointerToRawData >= file_size) continue;
        if (len > image_size - sec->VirtualAddress) len = image_size - sec->VirtualAddress;
        if (len > file_size - sec->PointerToRawData) len = file_size - sec->PointerToRawData;
        memcpy(image + sec->VirtualAddress, file + sec->PointerToRawData, len);
    }
    return image;
}

/* Opens name as Windows searches for a DLL it will not run: the application's directory, then as given. */
static HANDLE open_resource_file(LPCWSTR name)
{
    WCHAR path[MAX_PATH * 2];
    DWORD len;
    HANDLE file;

    if (!wcschr(name, '\\') && !wcschr(name, '/') && (len = GetModuleFileNameW(NULL, path, ARRAYSIZE(path))) &&
        len < ARRAYSIZE(path))
    {
        WCHAR *slash = wcsrchr(path, '\\');
        if (slash && (slash - path) + 1 + wcslen(name) < ARRAYSIZE(path))
        {
            wcscpy(slash + 1, name);
            file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
            if (file != INVALID_HANDLE_VALUE) return file;
        }
    }
    return CreateFileW(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
}

static HMODULE load_resource_module(LPCWSTR name, DWORD flags)
{
    UNICODE_STRING us;
    HMODULE module;
    HANDLE file;
    SIZE_T size;
    char *data, *image;
    const IMAGE_NT_HEADERS *nt;
    DWORD old_protect;

    /* a module that is already loaded is handed out as it is, with one more reference */
    RtlInitUnicodeString(&us, name);
    if (!LdrGetDllHandle(NULL, 0, &us, &module))
    {
        WCHAR path[MAX_PATH * 2];
        UNICODE_STRING full = { 0, sizeof(path), path };
        HMODULE again;
        if (module != NtCurrentTeb()->Peb->ImageBaseAddress && !LdrGetDllFullName(module, &full))
            LdrLoadDll(NULL, 0, &full, &again);
        return module;
    }
    if ((file = open_resource_file(name)) == INVALID_HANDLE_VALUE) return NULL;
    data = read_whole_file(file, &size);
    CloseHandle(file);
    if (!data) return NULL;
    if (!(nt = RtlImageNtHeader((HMODULE)data)) || (char *)nt - data + sizeof(*nt) > size ||
        (char *)IMAGE_FIRST_SECTION(nt) - data + nt->FileHeader.NumberOfSections * sizeof(IMAGE_SECTION_HEADER) > size)
    {
        VirtualFree(data, 0, MEM_RELEASE);
        SetLastError(ERROR_BAD_EXE_FORMAT);
        return NULL;
    }
    if (flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE)
    {
        image = lay_out_image(data, size, nt);
        VirtualFree(data, 0, MEM_RELEASE);
        if (!image) return NULL;
        data = image;
        size = ((const IMAGE_NT_HEADERS *)RtlImageNtHeader((HMODULE)image))->OptionalHeader.SizeOfImage;
    }
    VirtualProtect(data, size, PAGE_READONLY, &old_protect);
    return (HMODULE)(data + ((flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE) ? 2 : 1));
}

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
        return load_resource_module(name, flags);
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
    /* a resource-only module is a private copy of the file, nothing the loader knows */
    if (is_resource_only(module))
        return VirtualFree((void *)((ULONG_PTR)module & ~(ULONG_PTR)3), 0, MEM_RELEASE);
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

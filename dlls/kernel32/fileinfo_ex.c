/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SetFileInformationByHandle and GetFinalPathNameByHandleW: the Win32 faces of
 * NtSetInformationFile and of an open file's name, as the Rust standard library
 * uses them to rename, delete, truncate and canonicalize.
 */
#include "kernel32_private.h"
#include "wring/fileinfo_ex.h"

/* ntdll's private export: the file's path with its drive; sizes in characters with the null. */
NTSTATUS WINAPI wring_file_dos_path(HANDLE handle, WCHAR *buffer, ULONG count, ULONG *needed);

/* The class numbers FILE_INFO_BY_HANDLE_CLASS gives the two Windows 10 additions. */
#define FileDispositionInfoExClass 21
#define FileRenameInfoExClass 22

/* A rename's new name is a Win32 path when no directory handle anchors it: NtSetInformationFile
 * takes NT paths, so it is converted, and the flags (or the BOOLEAN) are carried over. */
static NTSTATUS set_rename(HANDLE file, const FILE_RENAME_INFO *info, DWORD size, FILE_INFORMATION_CLASS klass)
{
    FILE_RENAME_INFORMATION_EX *nt_info;
    IO_STATUS_BLOCK io;
    UNICODE_STRING nt;
    WCHAR *name;
    ULONG len;
    NTSTATUS status;

    if (size < offsetof(FILE_RENAME_INFO, FileName) ||
        size - offsetof(FILE_RENAME_INFO, FileName) < info->FileNameLength)
        return STATUS_INVALID_PARAMETER;
    if (info->RootDirectory)
        return NtSetInformationFile(file, &io, (void *)info, size, klass);
    if (!(name = HeapAlloc(GetProcessHeap(), 0, info->FileNameLength + sizeof(WCHAR)))) return STATUS_NO_MEMORY;
    memcpy(name, info->FileName, info->FileNameLength);
    name[info->FileNameLength / sizeof(WCHAR)] = 0;
    status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, name);
    if (status) return status;
    len = offsetof(FILE_RENAME_INFORMATION_EX, FileName) + nt.Length;
    if (!(nt_info = HeapAlloc(GetProcessHeap(), 0, len)))
    {
        RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
        return STATUS_NO_MEMORY;
    }
    /* the BOOLEAN of FILE_RENAME_INFORMATION is the low byte of the Ex structure's flags */
    nt_info->Flags = klass == FileRenameInformationEx ? ((const FILE_RENAME_INFORMATION_EX *)info)->Flags
                                                      : info->ReplaceIfExists;
    nt_info->RootDirectory = NULL;
    nt_info->FileNameLength = nt.Length;
    memcpy(nt_info->FileName, nt.Buffer, nt.Length);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    status = NtSetInformationFile(file, &io, nt_info, len, klass);
    HeapFree(GetProcessHeap(), 0, nt_info);
    return status;
}

BOOL WINAPI SetFileInformationByHandle(HANDLE file, FILE_INFO_BY_HANDLE_CLASS klass, void *info, DWORD size)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (!info)
    {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    switch ((int)klass)
    {
    case FileBasicInfo:
        status = NtSetInformationFile(file, &io, info, size, FileBasicInformation);
        break;
    case FileEndOfFileInfo:
        status = NtSetInformationFile(file, &io, info, size, FileEndOfFileInformation);
        break;
    case FileDispositionInfo:
        status = NtSetInformationFile(file, &io, info, size, FileDispositionInformation);
        break;
    case FileDispositionInfoExClass:
        status = NtSetInformationFile(file, &io, info, size, FileDispositionInformationEx);
        break;
    case FileRenameInfo:
        status = set_rename(file, info, size, FileRenameInformation);
        break;
    case FileRenameInfoExClass:
        status = set_rename(file, info, size, FileRenameInformationEx);
        break;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return set_ntstatus(status);
}

/* DOS names are "\\?\C:\dir\name", VOLUME_NAME_NONE ones "\dir\name".  Wring has no volume
 * devices or volume GUIDs, so the NT and GUID forms are refused with ERROR_NOT_SUPPORTED
 * rather than made up.  The result counts characters without the null; a buffer too small
 * gets back the size it needs, null included. */
DWORD WINAPI GetFinalPathNameByHandleW(HANDLE file, LPWSTR path, DWORD count, DWORD flags)
{
    static const WCHAR prefix[] = L"\\\\?\\";
    WCHAR stack[MAX_PATH], *dos = stack;
    const WCHAR *result;
    ULONG needed;
    NTSTATUS status;
    DWORD len;

    if (flags & ~(FILE_NAME_OPENED | VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & (VOLUME_NAME_GUID | VOLUME_NAME_NT))
    {
        SetLastError(ERROR_NOT_SUPPORTED);
        return 0;
    }
    status = wring_file_dos_path(file, dos, ARRAYSIZE(stack), &needed);
    if (status == STATUS_BUFFER_TOO_SMALL)
    {
        if (!(dos = HeapAlloc(GetProcessHeap(), 0, needed * sizeof(WCHAR))))
        {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        status = wring_file_dos_path(file, dos, needed, &needed);
    }
    if (status)
    {
        if (dos != stack) HeapFree(GetProcessHeap(), 0, dos);
        set_ntstatus(status);
        return 0;
    }
    /* needed counts the null; the DOS form adds its prefix, the bare form drops the drive */
    if (flags & VOLUME_NAME_NONE)
    {
        result = dos + 2;
        len = needed - 3;
    }
    else
    {
        result = dos;
        len = needed - 1 + ARRAYSIZE(prefix) - 1;
    }
    if (count <= len) len++;
    else if (flags & VOLUME_NAME_NONE) memcpy(path, result, (len + 1) * sizeof(WCHAR));
    else
    {
        memcpy(path, prefix, sizeof(prefix) - sizeof(WCHAR));
        memcpy(path + ARRAYSIZE(prefix) - 1, result, needed * sizeof(WCHAR));
    }
    if (dos != stack) HeapFree(GetProcessHeap(), 0, dos);
    return len;
}

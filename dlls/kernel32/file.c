/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Files and handles: CreateFile, ReadFile, WriteFile, file pointers, paths and the current directory. */
#include "kernel32_private.h"

/*
 * The code page of the A file functions' names: ANSI, or OEM after SetFileApisToOEM (the
 * two differ in Wring: 1252 and 437).  One flag for the process, as on Windows.
 */
static BOOL file_apis_oem;

UINT file_api_code_page(void)
{
    return file_apis_oem ? CP_OEMCP : CP_ACP;
}

void WINAPI SetFileApisToOEM(void)
{
    file_apis_oem = TRUE;
}

void WINAPI SetFileApisToANSI(void)
{
    file_apis_oem = FALSE;
}

BOOL WINAPI AreFileApisANSI(void)
{
    return !file_apis_oem;
}

static WCHAR *to_wide(const char *s, UINT cp)
{
    int n = MultiByteToWideChar(cp, 0, s, -1, NULL, 0);
    WCHAR *w;
    if (n <= 0) return NULL;
    if (!(w = HeapAlloc(GetProcessHeap(), 0, n * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    MultiByteToWideChar(cp, 0, s, -1, w, n);
    return w;
}

WCHAR *ansi_to_wide(const char *s)
{
    return to_wide(s, file_api_code_page());
}

WCHAR *acp_to_wide(const char *s)
{
    return to_wide(s, CP_ACP);
}

/* The A functions that fill a buffer return the length without the NUL, or the size needed with it. */
DWORD wide_to_ansi_result(const WCHAR *w, DWORD w_len, char *buf, DWORD size)
{
    UINT cp = file_api_code_page();
    int need = WideCharToMultiByte(cp, 0, w, w_len, NULL, 0, NULL, NULL);
    if (need < 0) return 0;
    if ((DWORD)need + 1 > size) return need + 1;
    WideCharToMultiByte(cp, 0, w, w_len, buf, need, NULL, NULL);
    buf[need] = 0;
    return need;
}

static NTSTATUS open_nt(const WCHAR *name, ACCESS_MASK access, ULONG sharing, ULONG disposition, ULONG options,
                        ULONG attributes, HANDLE *handle, ULONG_PTR *info)
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL))) return status;
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtCreateFile(handle, access, &attr, &io, NULL, attributes, sharing, disposition, options, NULL, 0);
    if (info) *info = io.Information;
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    return status;
}

HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD sharing, SECURITY_ATTRIBUTES *sa, DWORD creation,
                          DWORD attributes, HANDLE template)
{
    static const ULONG dispositions[] = {
        0, FILE_CREATE, FILE_OVERWRITE_IF, FILE_OPEN, FILE_OPEN_IF, FILE_OVERWRITE,
    };
    ULONG options = FILE_NON_DIRECTORY_FILE, disposition;
    ULONG_PTR info = 0;
    HANDLE handle;
    NTSTATUS status;
    (void)sa; (void)template;

    if (!name || !*name)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (creation < CREATE_NEW || creation > TRUNCATE_EXISTING)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    disposition = dispositions[creation];
    if (!(attributes & FILE_FLAG_OVERLAPPED)) options |= FILE_SYNCHRONOUS_IO_NONALERT;
    if (attributes & FILE_FLAG_BACKUP_SEMANTICS) options &= ~FILE_NON_DIRECTORY_FILE;
    if (attributes & FILE_FLAG_WRITE_THROUGH) options |= FILE_WRITE_THROUGH;
    if (attributes & FILE_FLAG_NO_BUFFERING) options |= FILE_NO_INTERMEDIATE_BUFFERING;
    if (attributes & FILE_FLAG_SEQUENTIAL_SCAN) options |= FILE_SEQUENTIAL_ONLY;
    if (attributes & FILE_FLAG_RANDOM_ACCESS) options |= FILE_RANDOM_ACCESS;
    if (attributes & FILE_FLAG_DELETE_ON_CLOSE)
    {
        options |= FILE_DELETE_ON_CLOSE;
        access |= DELETE;
    }
    status = open_nt(name, access | SYNCHRONIZE | FILE_READ_ATTRIBUTES, sharing, disposition, options,
                     attributes & 0xffff, &handle, &info);
    if (status)
    {
        /* a file that is really a directory is "access denied" to CreateFile, as on Windows */
        if (status == STATUS_FILE_IS_A_DIRECTORY) status = STATUS_ACCESS_DENIED;
        /* CreateFile says "file exists" where the NT status says "name collision" */
        if (status == STATUS_OBJECT_NAME_COLLISION) SetLastError(ERROR_FILE_EXISTS);
        else set_ntstatus(status);
        return INVALID_HANDLE_VALUE;
    }
    /* CREATE_ALWAYS and OPEN_ALWAYS tell the caller whether the file was there */
    if ((creation == CREATE_ALWAYS && info == FILE_OVERWRITTEN) || (creation == OPEN_ALWAYS && info == FILE_OPENED))
        SetLastError(ERROR_ALREADY_EXISTS);
    else
        SetLastError(0);
    return handle;
}

HANDLE WINAPI CreateFileA(LPCSTR name, DWORD access, DWORD sharing, SECURITY_ATTRIBUTES *sa, DWORD creation,
                          DWORD attributes, HANDLE template)
{
    WCHAR *w;
    HANDLE h;
    if (!name) return CreateFileW(NULL, access, sharing, sa, creation, attributes, template);
    if (!(w = ansi_to_wide(name))) return INVALID_HANDLE_VALUE;
    h = CreateFileW(w, access, sharing, sa, creation, attributes, template);
    HeapFree(GetProcessHeap(), 0, w);
    return h;
}

BOOL WINAPI CloseHandle(HANDLE handle)
{
    /* the std handle values are real handles here */
    return set_ntstatus(NtClose(handle));
}

HANDLE WINAPI GetStdHandle(DWORD which)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentTeb()->Peb->ProcessParameters;
    switch (which)
    {
    case STD_INPUT_HANDLE: return params->hStdInput;
    case STD_OUTPUT_HANDLE: return params->hStdOutput;
    case STD_ERROR_HANDLE: return params->hStdError;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return INVALID_HANDLE_VALUE;
}

BOOL WINAPI SetStdHandle(DWORD which, HANDLE handle)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentTeb()->Peb->ProcessParameters;
    switch (which)
    {
    case STD_INPUT_HANDLE: params->hStdInput = handle; return TRUE;
    case STD_OUTPUT_HANDLE: params->hStdOutput = handle; return TRUE;
    case STD_ERROR_HANDLE: params->hStdError = handle; return TRUE;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

/* A call without an OVERLAPPED on a handle opened for overlapped I/O may find
 * the request pending; Windows' kernel32 then waits on the file handle, which
 * is signalled when the request ends, and reports the request's own status. */
NTSTATUS wait_unoverlapped(HANDLE file, NTSTATUS status, IO_STATUS_BLOCK *io)
{
    if (status != STATUS_PENDING) return status;
    if ((status = NtWaitForSingleObject(file, FALSE, NULL))) return status;
    return io->Status;
}

BOOL WINAPI ReadFile(HANDLE file, void *buffer, DWORD count, DWORD *result, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK io;
    LARGE_INTEGER offset;
    NTSTATUS status;

    if (result) *result = 0;
    if (overlapped)
    {
        offset.QuadPart = ((LONGLONG)overlapped->OffsetHigh << 32) | overlapped->Offset;
        overlapped->Internal = STATUS_PENDING;
        /* an event with its low bit set asks for no completion packet: pass no completion value */
        status = NtReadFile(file, (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1), NULL,
                            ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped, (IO_STATUS_BLOCK *)overlapped, buffer,
                            count, &offset, NULL);
        if (status == STATUS_PENDING)
        {
            SetLastError(ERROR_IO_PENDING);
            return FALSE;
        }
        if (result && !NT_ERROR(status)) *result = overlapped->InternalHigh;
        return set_ntstatus(status);
    }
    status = NtReadFile(file, NULL, NULL, NULL, &io, buffer, count, NULL, NULL);
    status = wait_unoverlapped(file, status, &io);
    if (status == STATUS_END_OF_FILE)
    {
        /* end of file on a synchronous read is success with nothing read */
        return TRUE;
    }
    if (result && !NT_ERROR(status)) *result = io.Information;
    return set_ntstatus(status);
}

BOOL WINAPI WriteFile(HANDLE file, const void *buffer, DWORD count, DWORD *result, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK io;
    LARGE_INTEGER offset;
    NTSTATUS status;

    if (result) *result = 0;
    if (overlapped)
    {
        offset.QuadPart = ((LONGLONG)overlapped->OffsetHigh << 32) | overlapped->Offset;
        overlapped->Internal = STATUS_PENDING;
        /* an event with its low bit set asks for no completion packet: pass no completion value */
        status = NtWriteFile(file, (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1), NULL,
                            ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped, (IO_STATUS_BLOCK *)overlapped, buffer,
                             count, &offset, NULL);
        if (status == STATUS_PENDING)
        {
            SetLastError(ERROR_IO_PENDING);
            return FALSE;
        }
        if (result && !NT_ERROR(status)) *result = overlapped->InternalHigh;
        return set_ntstatus(status);
    }
    status = NtWriteFile(file, NULL, NULL, NULL, &io, buffer, count, NULL, NULL);
    status = wait_unoverlapped(file, status, &io);
    if (result && !NT_ERROR(status)) *result = io.Information;
    return set_ntstatus(status);
}

BOOL WINAPI FlushFileBuffers(HANDLE file)
{
    IO_STATUS_BLOCK io;
    return set_ntstatus(NtFlushBuffersFile(file, &io));
}

DWORD WINAPI GetFileType(HANDLE file)
{
    FILE_FS_DEVICE_INFORMATION info;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryVolumeInformationFile(file, &io, &info, sizeof(info), FileFsDeviceInformation);
    if (status)
    {
        set_ntstatus(status);
        return FILE_TYPE_UNKNOWN;
    }
    SetLastError(NO_ERROR);
    switch (info.DeviceType)
    {
    case FILE_DEVICE_DISK:
    case FILE_DEVICE_CD_ROM: return FILE_TYPE_DISK;
    case FILE_DEVICE_NAMED_PIPE: return FILE_TYPE_PIPE;
    case FILE_DEVICE_CONSOLE:
    case FILE_DEVICE_NULL:
    case FILE_DEVICE_SERIAL_PORT:
    case FILE_DEVICE_PARALLEL_PORT:
    case FILE_DEVICE_UNKNOWN: return FILE_TYPE_CHAR;
    default: return FILE_TYPE_UNKNOWN;
    }
}

BOOL WINAPI SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, LARGE_INTEGER *newpos, DWORD method)
{
    FILE_POSITION_INFORMATION pos;
    FILE_STANDARD_INFORMATION std;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    LONGLONG base;

    switch (method)
    {
    case FILE_BEGIN: base = 0; break;
    case FILE_CURRENT:
        if ((status = NtQueryInformationFile(file, &io, &pos, sizeof(pos), FilePositionInformation)))
            return set_ntstatus(status);
        base = pos.CurrentByteOffset.QuadPart;
        break;
    case FILE_END:
        if ((status = NtQueryInformationFile(file, &io, &std, sizeof(std), FileStandardInformation)))
            return set_ntstatus(status);
        base = std.EndOfFile.QuadPart;
        break;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pos.CurrentByteOffset.QuadPart = base + distance.QuadPart;
    if (pos.CurrentByteOffset.QuadPart < 0)
    {
        SetLastError(ERROR_NEGATIVE_SEEK);
        return FALSE;
    }
    if ((status = NtSetInformationFile(file, &io, &pos, sizeof(pos), FilePositionInformation)))
        return set_ntstatus(status);
    if (newpos) *newpos = pos.CurrentByteOffset;
    return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE file, LONG distance, LONG *high, DWORD method)
{
    LARGE_INTEGER dist, newpos;
    dist.QuadPart = high ? ((LONGLONG)*high << 32) | (DWORD)distance : distance;
    if (!SetFilePointerEx(file, dist, &newpos, method)) return INVALID_SET_FILE_POINTER;
    if (high) *high = newpos.u.HighPart;
    else if (newpos.u.HighPart)
    {
        /* a position past 4 GiB cannot be returned without the high part */
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_SET_FILE_POINTER;
    }
    SetLastError(NO_ERROR);
    return newpos.u.LowPart;
}

BOOL WINAPI GetFileSizeEx(HANDLE file, LARGE_INTEGER *size)
{
    FILE_STANDARD_INFORMATION std;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryInformationFile(file, &io, &std, sizeof(std), FileStandardInformation);
    if (status) return set_ntstatus(status);
    if (std.Directory)
    {
        SetLastError(ERROR_INVALID_FUNCTION);
        return FALSE;
    }
    *size = std.EndOfFile;
    return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE file, DWORD *high)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) return INVALID_FILE_SIZE;
    if (high) *high = size.u.HighPart;
    if (size.u.LowPart == INVALID_FILE_SIZE) SetLastError(NO_ERROR);
    return size.u.LowPart;
}

BOOL WINAPI SetEndOfFile(HANDLE file)
{
    FILE_POSITION_INFORMATION pos;
    FILE_END_OF_FILE_INFORMATION eof;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    if ((status = NtQueryInformationFile(file, &io, &pos, sizeof(pos), FilePositionInformation)))
        return set_ntstatus(status);
    eof.EndOfFile = pos.CurrentByteOffset;
    return set_ntstatus(NtSetInformationFile(file, &io, &eof, sizeof(eof), FileEndOfFileInformation));
}

/* An open for deletion, closed at once: the file goes when its last handle is closed. */
BOOL WINAPI DeleteFileW(LPCWSTR name)
{
    HANDLE handle;
    NTSTATUS status;
    if (!name)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    status = open_nt(name, DELETE | SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, FILE_OPEN,
                     FILE_NON_DIRECTORY_FILE | FILE_DELETE_ON_CLOSE | FILE_SYNCHRONOUS_IO_NONALERT, 0, &handle, NULL);
    /* a directory is not a file DeleteFile may delete */
    if (status == STATUS_FILE_IS_A_DIRECTORY) status = STATUS_ACCESS_DENIED;
    if (status) return set_ntstatus(status);
    NtClose(handle);
    return TRUE;
}

BOOL WINAPI DeleteFileA(LPCSTR name)
{
    WCHAR *w = ansi_to_wide(name);
    BOOL ret;
    if (!w) return FALSE;
    ret = DeleteFileW(w);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

DWORD WINAPI GetFileAttributesW(LPCWSTR name)
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    FILE_BASIC_INFORMATION info;
    NTSTATUS status;
    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL)))
    {
        set_ntstatus(status);
        return INVALID_FILE_ATTRIBUTES;
    }
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtQueryAttributesFile(&attr, &info);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    if (status)
    {
        set_ntstatus(status);
        return INVALID_FILE_ATTRIBUTES;
    }
    return info.FileAttributes;
}

DWORD WINAPI GetFileAttributesA(LPCSTR name)
{
    WCHAR *w = ansi_to_wide(name);
    DWORD ret;
    if (!w) return INVALID_FILE_ATTRIBUTES;
    ret = GetFileAttributesW(w);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/* Gives an open file a new name (FileRenameInformation) or another one (FileLinkInformation, the
 * same layout), the name as a DOS path. */
static NTSTATUS set_file_name(HANDLE handle, LPCWSTR dest, BOOLEAN replace, FILE_INFORMATION_CLASS klass)
{
    FILE_RENAME_INFORMATION *info;
    UNICODE_STRING nt;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    size_t size;

    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(dest, &nt, NULL, NULL))) return status;
    size = offsetof(FILE_RENAME_INFORMATION, FileName) + nt.Length;
    if (!(info = HeapAlloc(GetProcessHeap(), 0, size))) status = STATUS_NO_MEMORY;
    else
    {
        info->ReplaceIfExists = replace;
        info->RootDirectory = NULL;
        info->FileNameLength = nt.Length;
        memcpy(info->FileName, nt.Buffer, nt.Length);
        status = NtSetInformationFile(handle, &io, info, size, klass);
        HeapFree(GetProcessHeap(), 0, info);
    }
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    return status;
}

BOOL WINAPI MoveFileExW(LPCWSTR source, LPCWSTR dest, DWORD flags)
{
    HANDLE handle;
    NTSTATUS status;

    if (!dest || !source)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags & MOVEFILE_DELAY_UNTIL_REBOOT)
    {
        /* Wring keeps no list of renames to do at the next boot */
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    if ((status = open_nt(source, DELETE | SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                          FILE_OPEN, FILE_SYNCHRONOUS_IO_NONALERT, 0, &handle, NULL)))
        return set_ntstatus(status);
    status = set_file_name(handle, dest, (flags & MOVEFILE_REPLACE_EXISTING) != 0, FileRenameInformation);
    NtClose(handle);
    /* another volume: a move is a copy and a delete, when the caller allows it */
    if (status == STATUS_NOT_SAME_DEVICE && (flags & MOVEFILE_COPY_ALLOWED))
        return CopyFileW(source, dest, !(flags & MOVEFILE_REPLACE_EXISTING)) && DeleteFileW(source);
    return set_ntstatus(status);
}

BOOL WINAPI CreateHardLinkW(LPCWSTR link, LPCWSTR existing, SECURITY_ATTRIBUTES *sa)
{
    HANDLE handle;
    NTSTATUS status;

    (void)sa;
    if (!link || !existing)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* a directory cannot have another name: opening it as a file fails (ERROR_ACCESS_DENIED) */
    if ((status = open_nt(existing, FILE_WRITE_ATTRIBUTES | SYNCHRONIZE,
                          FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, FILE_OPEN,
                          FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE, 0, &handle, NULL)))
        return set_ntstatus(status);
    status = set_file_name(handle, link, FALSE, FileLinkInformation);
    NtClose(handle);
    return set_ntstatus(status);
}

BOOL WINAPI CreateHardLinkA(LPCSTR link, LPCSTR existing, SECURITY_ATTRIBUTES *sa)
{
    WCHAR *l = link ? ansi_to_wide(link) : NULL, *e = existing ? ansi_to_wide(existing) : NULL;
    BOOL ret = FALSE;
    if ((l || !link) && (e || !existing)) ret = CreateHardLinkW(l, e, sa);
    HeapFree(GetProcessHeap(), 0, l);
    HeapFree(GetProcessHeap(), 0, e);
    return ret;
}

/* The volume a handle is on: its serial number and label (FileFsVolumeInformation), the file
 * system's name, flags and name length (FileFsAttributeInformation). */
BOOL WINAPI GetVolumeInformationByHandleW(HANDLE file, WCHAR *label, DWORD label_size, DWORD *serial,
                                          DWORD *max_component, DWORD *fs_flags, WCHAR *fs_name, DWORD fs_name_size)
{
    union { FILE_FS_VOLUME_INFORMATION info; BYTE buf[sizeof(FILE_FS_VOLUME_INFORMATION) + MAX_PATH * sizeof(WCHAR)]; } vol;
    union { FILE_FS_ATTRIBUTE_INFORMATION info; BYTE buf[sizeof(FILE_FS_ATTRIBUTE_INFORMATION) + MAX_PATH * sizeof(WCHAR)]; } attr;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    DWORD len;

    if ((label || serial) &&
        (status = NtQueryVolumeInformationFile(file, &io, &vol, sizeof(vol), FileFsVolumeInformation)))
        return set_ntstatus(status);
    if ((max_component || fs_flags || fs_name) &&
        (status = NtQueryVolumeInformationFile(file, &io, &attr, sizeof(attr), FileFsAttributeInformation)))
        return set_ntstatus(status);
    if (label)
    {
        len = vol.info.VolumeLabelLength / sizeof(WCHAR);
        if (len >= label_size) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
        memcpy(label, vol.info.VolumeLabel, len * sizeof(WCHAR));
        label[len] = 0;
    }
    if (serial) *serial = vol.info.VolumeSerialNumber;
    if (max_component) *max_component = attr.info.MaximumComponentNameLength;
    if (fs_flags) *fs_flags = attr.info.FileSystemAttributes;
    if (fs_name)
    {
        len = attr.info.FileSystemNameLength / sizeof(WCHAR);
        if (len >= fs_name_size) { SetLastError(ERROR_BAD_LENGTH); return FALSE; }
        memcpy(fs_name, attr.info.FileSystemName, len * sizeof(WCHAR));
        fs_name[len] = 0;
    }
    return TRUE;
}

BOOL WINAPI MoveFileExA(LPCSTR source, LPCSTR dest, DWORD flags)
{
    WCHAR *s = ansi_to_wide(source), *d = dest ? ansi_to_wide(dest) : NULL;
    BOOL ret = FALSE;
    if (s && (d || !dest)) ret = MoveFileExW(s, d, flags);
    HeapFree(GetProcessHeap(), 0, s);
    HeapFree(GetProcessHeap(), 0, d);
    return ret;
}

BOOL WINAPI MoveFileW(LPCWSTR source, LPCWSTR dest)
{
    return MoveFileExW(source, dest, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI MoveFileA(LPCSTR source, LPCSTR dest)
{
    return MoveFileExA(source, dest, MOVEFILE_COPY_ALLOWED);
}

DWORD WINAPI GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buffer, LPWSTR *file_part)
{
    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return RtlGetFullPathName_U(name, size * sizeof(WCHAR), buffer, file_part) / sizeof(WCHAR);
}

DWORD WINAPI GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buffer, LPSTR *file_part)
{
    WCHAR *w = name ? ansi_to_wide(name) : NULL, full[MAX_PATH * 4], *wpart;
    DWORD len, ret;
    if (!w)
    {
        if (!name) SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    len = GetFullPathNameW(w, ARRAYSIZE(full), full, &wpart);
    HeapFree(GetProcessHeap(), 0, w);
    if (!len || len >= ARRAYSIZE(full)) return 0;
    ret = wide_to_ansi_result(full, len, buffer, size);
    if (file_part)
    {
        *file_part = NULL;
        if (ret < size && wpart)
            *file_part = buffer + WideCharToMultiByte(file_api_code_page(), 0, full, wpart - full, NULL, 0, NULL, NULL);
    }
    return ret;
}

UINT WINAPI GetCurrentDirectoryW(UINT size, LPWSTR buffer)
{
    return RtlGetCurrentDirectory_U(size * sizeof(WCHAR), buffer) / sizeof(WCHAR);
}

UINT WINAPI GetCurrentDirectoryA(UINT size, LPSTR buffer)
{
    WCHAR cwd[MAX_PATH * 4];
    DWORD len = GetCurrentDirectoryW(ARRAYSIZE(cwd), cwd);
    if (!len || len >= ARRAYSIZE(cwd)) return 0;
    return wide_to_ansi_result(cwd, len, buffer, size);
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR dir)
{
    UNICODE_STRING us;
    RtlInitUnicodeString(&us, dir);
    return set_ntstatus(RtlSetCurrentDirectory_U(&us));
}

BOOL WINAPI SetCurrentDirectoryA(LPCSTR dir)
{
    WCHAR *w = ansi_to_wide(dir);
    BOOL ret;
    if (!w) return FALSE;
    ret = SetCurrentDirectoryW(w);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/* TMP, then TEMP, then USERPROFILE, then the Windows directory, as GetTempPath documents. */
DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buffer)
{
    static const WCHAR *const vars[] = { L"TMP", L"TEMP", L"USERPROFILE" };
    WCHAR value[MAX_PATH], full[MAX_PATH + 1];
    DWORD len = 0;
    for (size_t i = 0; i < ARRAYSIZE(vars) && !len; i++)
    {
        len = GetEnvironmentVariableW(vars[i], value, ARRAYSIZE(value));
        if (len >= ARRAYSIZE(value)) len = 0;
    }
    if (!len) wcscpy(value, L"C:\\windows");
    len = GetFullPathNameW(value, MAX_PATH, full, NULL);
    if (!len || len >= MAX_PATH) return 0;
    if (full[len - 1] != '\\') { full[len++] = '\\'; full[len] = 0; }
    if (len + 1 > size) return len + 1;
    memcpy(buffer, full, (len + 1) * sizeof(WCHAR));
    return len;
}

DWORD WINAPI GetTempPathA(DWORD size, LPSTR buffer)
{
    WCHAR path[MAX_PATH + 1];
    DWORD len = GetTempPathW(ARRAYSIZE(path), path);
    if (!len || len > MAX_PATH) return 0;
    return wide_to_ansi_result(path, len, buffer, size);
}

BOOL WINAPI DuplicateHandle(HANDLE src_process, HANDLE src, HANDLE dst_process, HANDLE *dst, DWORD access,
                            BOOL inherit, DWORD options)
{
    return set_ntstatus(NtDuplicateObject(src_process, src, dst_process, dst, access,
                                          inherit ? OBJ_INHERIT : 0, options));
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR name, GET_FILEEX_INFO_LEVELS level, void *ptr)
{
    WIN32_FILE_ATTRIBUTE_DATA *data = ptr;
    FILE_NETWORK_OPEN_INFORMATION info;
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    NTSTATUS status;

    if (level != GetFileExInfoStandard)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL))) return set_ntstatus(status);
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtQueryFullAttributesFile(&attr, &info);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    if (status) return set_ntstatus(status);
    data->dwFileAttributes = info.FileAttributes;
    data->ftCreationTime.dwLowDateTime = info.CreationTime.u.LowPart;
    data->ftCreationTime.dwHighDateTime = info.CreationTime.u.HighPart;
    data->ftLastAccessTime.dwLowDateTime = info.LastAccessTime.u.LowPart;
    data->ftLastAccessTime.dwHighDateTime = info.LastAccessTime.u.HighPart;
    data->ftLastWriteTime.dwLowDateTime = info.LastWriteTime.u.LowPart;
    data->ftLastWriteTime.dwHighDateTime = info.LastWriteTime.u.HighPart;
    data->nFileSizeHigh = info.EndOfFile.u.HighPart;
    data->nFileSizeLow = info.EndOfFile.u.LowPart;
    return TRUE;
}

BOOL WINAPI GetFileAttributesExA(LPCSTR name, GET_FILEEX_INFO_LEVELS level, void *ptr)
{
    WCHAR *w = ansi_to_wide(name);
    BOOL ret;
    if (!w) return FALSE;
    ret = GetFileAttributesExW(w, level, ptr);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

static FILETIME to_filetime(LARGE_INTEGER t)
{
    FILETIME ft = { t.u.LowPart, t.u.HighPart };
    return ft;
}

BOOL WINAPI GetFileInformationByHandle(HANDLE file, BY_HANDLE_FILE_INFORMATION *info)
{
    FILE_BASIC_INFORMATION basic;
    FILE_STANDARD_INFORMATION std;
    FILE_INTERNAL_INFORMATION internal;
    FILE_FS_VOLUME_INFORMATION volume;
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if ((status = NtQueryInformationFile(file, &io, &basic, sizeof(basic), FileBasicInformation)) ||
        (status = NtQueryInformationFile(file, &io, &std, sizeof(std), FileStandardInformation)) ||
        (status = NtQueryInformationFile(file, &io, &internal, sizeof(internal), FileInternalInformation)) ||
        (status = NtQueryVolumeInformationFile(file, &io, &volume, sizeof(volume), FileFsVolumeInformation)))
        return set_ntstatus(status);
    info->dwFileAttributes = basic.FileAttributes;
    info->ftCreationTime = to_filetime(basic.CreationTime);
    info->ftLastAccessTime = to_filetime(basic.LastAccessTime);
    info->ftLastWriteTime = to_filetime(basic.LastWriteTime);
    info->dwVolumeSerialNumber = volume.VolumeSerialNumber;
    info->nFileSizeHigh = std.EndOfFile.u.HighPart;
    info->nFileSizeLow = std.EndOfFile.u.LowPart;
    info->nNumberOfLinks = std.NumberOfLinks;
    info->nFileIndexHigh = internal.IndexNumber.u.HighPart;
    info->nFileIndexLow = internal.IndexNumber.u.LowPart;
    return TRUE;
}

/* PATH\PRE<hex>.tmp; with unique 0 the number is chosen and the file created, as Windows documents. */
UINT WINAPI GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR buffer)
{
    static const WCHAR hex[] = L"0123456789ABCDEF";
    size_t len;
    WCHAR *p;
    UINT num = unique ? unique & 0xffff : (GetTickCount() & 0xffff);

    if (!path || !buffer)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    len = wcslen(path);
    if (len + 3 + 4 + 4 + 2 > MAX_PATH)
    {
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return 0;
    }
    wcscpy(buffer, path);
    p = buffer + len;
    if (len && p[-1] != '\\' && p[-1] != '/') *p++ = '\\';
    for (int i = 0; prefix && prefix[i] && i < 3; i++) *p++ = prefix[i];
    for (UINT tries = 0; tries < 0x10000; tries++, num = (num + 1) & 0xffff)
    {
        if (!num) num = 1;
        WCHAR *q = p;
        /* the number in hex without leading zeros, as Windows writes it (abc2.tmp) */
        for (int shift = 12; shift >= 0; shift -= 4)
            if ((num >> shift) || !shift) *q++ = hex[(num >> shift) & 0xf];
        wcscpy(q, L".tmp");
        if (unique) return unique;
        HANDLE h = CreateFileW(buffer, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE)
        {
            NtClose(h);
            SetLastError(NO_ERROR);
            return num;
        }
        if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS) return 0;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}

UINT WINAPI GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR buffer)
{
    WCHAR *wpath = ansi_to_wide(path), *wprefix = prefix ? ansi_to_wide(prefix) : NULL, wbuf[MAX_PATH];
    UINT ret = 0;
    if (wpath && (wprefix || !prefix) && (ret = GetTempFileNameW(wpath, wprefix, unique, wbuf)))
        WideCharToMultiByte(file_api_code_page(), 0, wbuf, -1, buffer, MAX_PATH, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, wpath);
    HeapFree(GetProcessHeap(), 0, wprefix);
    return ret;
}

BOOL WINAPI PeekNamedPipe(HANDLE pipe, void *buffer, DWORD size, DWORD *read, DWORD *avail, DWORD *left)
{
    FILE_PIPE_PEEK_BUFFER *peek;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    DWORD header = offsetof(FILE_PIPE_PEEK_BUFFER, Data);

    if (!(peek = HeapAlloc(GetProcessHeap(), 0, header + size)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    status = NtFsControlFile(pipe, NULL, NULL, NULL, &io, FSCTL_PIPE_PEEK, NULL, 0, peek, header + size);
    if (!status)
    {
        DWORD got = io.Information - header;
        if (buffer && got) memcpy(buffer, peek->Data, got);
        if (read) *read = got;
        if (avail) *avail = peek->ReadDataAvailable;
        if (left) *left = peek->MessageLength ? peek->MessageLength - got : 0;
    }
    HeapFree(GetProcessHeap(), 0, peek);
    return set_ntstatus(status);
}

BOOL WINAPI SetFileAttributesW(LPCWSTR name, DWORD attributes)
{
    FILE_BASIC_INFORMATION basic;
    IO_STATUS_BLOCK io;
    HANDLE handle;
    NTSTATUS status;

    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    status = open_nt(name, FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                     FILE_OPEN, FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT, 0, &handle, NULL);
    if (status) return set_ntstatus(status);
    memset(&basic, 0, sizeof(basic));
    /* 0 would mean "leave as is" to NtSetInformationFile; to SetFileAttributes it means "normal" */
    basic.FileAttributes = attributes ? attributes : FILE_ATTRIBUTE_NORMAL;
    status = NtSetInformationFile(handle, &io, &basic, sizeof(basic), FileBasicInformation);
    NtClose(handle);
    return set_ntstatus(status);
}

BOOL WINAPI SetFileAttributesA(LPCSTR name, DWORD attributes)
{
    WCHAR *w;
    BOOL ret;
    if (!name) return SetFileAttributesW(NULL, attributes);
    if (!(w = ansi_to_wide(name))) return FALSE;
    ret = SetFileAttributesW(w, attributes);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

BOOL WINAPI GetFileTime(HANDLE file, FILETIME *creation, FILETIME *access, FILETIME *write)
{
    FILE_BASIC_INFORMATION basic;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryInformationFile(file, &io, &basic, sizeof(basic), FileBasicInformation);
    if (status) return set_ntstatus(status);
    if (creation) *creation = to_filetime(basic.CreationTime);
    if (access) *access = to_filetime(basic.LastAccessTime);
    if (write) *write = to_filetime(basic.LastWriteTime);
    return TRUE;
}

static LARGE_INTEGER from_filetime(const FILETIME *ft)
{
    LARGE_INTEGER t;
    t.QuadPart = ft ? ((LONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime : 0;
    return t;
}

/* A NULL time is left as it is. */
BOOL WINAPI SetFileTime(HANDLE file, const FILETIME *creation, const FILETIME *access, const FILETIME *write)
{
    FILE_BASIC_INFORMATION basic;
    IO_STATUS_BLOCK io;
    memset(&basic, 0, sizeof(basic));
    basic.CreationTime = from_filetime(creation);
    basic.LastAccessTime = from_filetime(access);
    basic.LastWriteTime = from_filetime(write);
    return set_ntstatus(NtSetInformationFile(file, &io, &basic, sizeof(basic), FileBasicInformation));
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE file, FILE_INFO_BY_HANDLE_CLASS klass, void *info, DWORD size)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    switch (klass)
    {
    case FileBasicInfo:
        status = NtQueryInformationFile(file, &io, info, size, FileBasicInformation);
        break;
    case FileStandardInfo:
        status = NtQueryInformationFile(file, &io, info, size, FileStandardInformation);
        break;
    case FileNameInfo:
        status = NtQueryInformationFile(file, &io, info, size, FileNameInformation);
        break;
    case FileAttributeTagInfo:
        status = NtQueryInformationFile(file, &io, info, size, FileAttributeTagInformation);
        break;
    /* a directory's entries, the next ones or from its start again */
    case FileIdBothDirectoryInfo:
    case FileIdBothDirectoryRestartInfo:
        status = NtQueryDirectoryFile(file, NULL, NULL, NULL, &io, info, size, FileIdBothDirectoryInformation, FALSE,
                                      NULL, klass == FileIdBothDirectoryRestartInfo);
        break;
    case FileFullDirectoryInfo:
    case FileFullDirectoryRestartInfo:
        status = NtQueryDirectoryFile(file, NULL, NULL, NULL, &io, info, size, FileFullDirectoryInformation, FALSE,
                                      NULL, klass == FileFullDirectoryRestartInfo);
        break;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* a name too long for the buffer fails with ERROR_MORE_DATA, length filled in */
    return set_ntstatus(status);
}

/* Deletes a half-made copy on the way out of a failed CopyFileEx. */
static BOOL copy_failed(HANDLE src, HANDLE dst, DWORD error)
{
    FILE_DISPOSITION_INFORMATION disp = { TRUE };
    IO_STATUS_BLOCK io;
    NtSetInformationFile(dst, &io, &disp, sizeof(disp), FileDispositionInformation);
    NtClose(dst);
    NtClose(src);
    SetLastError(error);
    return FALSE;
}

BOOL WINAPI CopyFileExW(LPCWSTR source, LPCWSTR dest, LPPROGRESS_ROUTINE progress, void *param, BOOL *cancel,
                        DWORD flags)
{
    enum { CHUNK = 65536 };
    FILE_BASIC_INFORMATION basic;
    FILE_STANDARD_INFORMATION std;
    IO_STATUS_BLOCK io;
    LARGE_INTEGER total, done, zero;
    HANDLE src, dst;
    NTSTATUS status;
    BYTE *buffer;
    DWORD got, written, reason = CALLBACK_STREAM_SWITCH;

    /* no name is a path Windows cannot find */
    if (!source || !dest)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    /* the source may be open for writing elsewhere: Windows copies it all the same */
    src = CreateFileW(source, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                      OPEN_EXISTING, 0, NULL);
    if (src == INVALID_HANDLE_VALUE) return FALSE;
    if ((status = NtQueryInformationFile(src, &io, &basic, sizeof(basic), FileBasicInformation)) ||
        (status = NtQueryInformationFile(src, &io, &std, sizeof(std), FileStandardInformation)))
    {
        NtClose(src);
        return set_ntstatus(status);
    }
    dst = CreateFileW(dest, GENERIC_WRITE | DELETE, 0, NULL,
                      (flags & COPY_FILE_FAIL_IF_EXISTS) ? CREATE_NEW : CREATE_ALWAYS,
                      basic.FileAttributes & ~FILE_ATTRIBUTE_READONLY, NULL);
    if (dst == INVALID_HANDLE_VALUE)
    {
        NtClose(src);
        return FALSE;
    }
    if (!(buffer = HeapAlloc(GetProcessHeap(), 0, CHUNK))) return copy_failed(src, dst, ERROR_NOT_ENOUGH_MEMORY);
    total = std.EndOfFile;
    done.QuadPart = zero.QuadPart = 0;
    for (;;)
    {
        if (cancel && *cancel)
        {
            HeapFree(GetProcessHeap(), 0, buffer);
            return copy_failed(src, dst, ERROR_REQUEST_ABORTED);
        }
        if (progress)
        {
            DWORD ret = progress(total, done, total, done, 1, reason, src, dst, param);
            reason = CALLBACK_CHUNK_FINISHED;
            if (ret == PROGRESS_QUIET) progress = NULL;
            else if (ret == PROGRESS_CANCEL || ret == PROGRESS_STOP)
            {
                HeapFree(GetProcessHeap(), 0, buffer);
                return copy_failed(src, dst, ERROR_REQUEST_ABORTED);
            }
        }
        if (!ReadFile(src, buffer, CHUNK, &got, NULL) || (got && !WriteFile(dst, buffer, got, &written, NULL)))
        {
            DWORD error = GetLastError();
            HeapFree(GetProcessHeap(), 0, buffer);
            return copy_failed(src, dst, error);
        }
        if (!got) break;
        done.QuadPart += got;
    }
    HeapFree(GetProcessHeap(), 0, buffer);
    /* the copy keeps the source's attributes and last write time */
    basic.CreationTime.QuadPart = 0;
    basic.LastAccessTime.QuadPart = 0;
    basic.ChangeTime.QuadPart = 0;
    if (!basic.FileAttributes) basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    status = NtSetInformationFile(dst, &io, &basic, sizeof(basic), FileBasicInformation);
    NtClose(dst);
    NtClose(src);
    if (status) return set_ntstatus(status);
    /* replacing a file leaves ERROR_ALREADY_EXISTS from CREATE_ALWAYS; a copy that worked says so */
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI CopyFileExA(LPCSTR source, LPCSTR dest, LPPROGRESS_ROUTINE progress, void *param, BOOL *cancel,
                        DWORD flags)
{
    WCHAR *s = source ? ansi_to_wide(source) : NULL, *d = dest ? ansi_to_wide(dest) : NULL;
    BOOL ret = FALSE;
    if ((s || !source) && (d || !dest)) ret = CopyFileExW(s, d, progress, param, cancel, flags);
    HeapFree(GetProcessHeap(), 0, s);
    HeapFree(GetProcessHeap(), 0, d);
    return ret;
}

BOOL WINAPI CopyFileW(LPCWSTR source, LPCWSTR dest, BOOL fail_if_exists)
{
    return CopyFileExW(source, dest, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

BOOL WINAPI CopyFileA(LPCSTR source, LPCSTR dest, BOOL fail_if_exists)
{
    return CopyFileExA(source, dest, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Drives, their free space, and DeviceIoControl.  Wring maps two drives: C: (the prefix's drive_c)
 * and Z: (the Unix root); their sizes are those of the Linux file systems
 * beneath, as ntdll's FileFsFullSizeInformation reports them.
 */
#include "kernel32_private.h"

#define DRIVE_BIT(letter) (1u << ((letter) - 'A'))
static const DWORD drives = DRIVE_BIT('C') | DRIVE_BIT('Z');

DWORD WINAPI GetLogicalDrives(void)
{
    return drives;
}

/* "C:\", "Z:\" one after the other, each with its NUL, and one more NUL at the end; when the
 * buffer is too small, the size it needs (with that last NUL) and nothing written. */
UINT WINAPI GetLogicalDriveStringsW(UINT size, LPWSTR buffer)
{
    UINT need = 0, pos = 0;

    for (int i = 0; i < 26; i++)
        if (drives & (1u << i)) need += 4;
    if (size < need + 1) return need + 1;
    for (int i = 0; i < 26; i++)
    {
        if (!(drives & (1u << i))) continue;
        buffer[pos++] = 'A' + i;
        buffer[pos++] = ':';
        buffer[pos++] = '\\';
        buffer[pos++] = 0;
    }
    buffer[pos] = 0;
    return need;
}

UINT WINAPI GetLogicalDriveStringsA(UINT size, LPSTR buffer)
{
    WCHAR wide[26 * 4 + 1];
    UINT len = GetLogicalDriveStringsW(ARRAYSIZE(wide), wide);

    if (size < len + 1) return len + 1;
    /* drive strings are ASCII */
    for (UINT i = 0; i <= len; i++) buffer[i] = (char)wide[i];
    return len;
}

/* The volume's sizes, seen through a handle to the folder (NULL: the current directory's). */
static BOOL query_volume_size(const WCHAR *path, FILE_FS_FULL_SIZE_INFORMATION *info)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    HANDLE dir;

    if (!path) path = L".";
    dir = CreateFileW(path, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                      OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (dir == INVALID_HANDLE_VALUE) return FALSE;
    status = NtQueryVolumeInformationFile(dir, &io, info, sizeof(*info), FileFsFullSizeInformation);
    NtClose(dir);
    return set_ntstatus(status);
}

/* The 32-bit form cannot count past 4G clusters: larger volumes are reported as that. */
static DWORD clamp_dword(LONGLONG value)
{
    return value > 0xffffffffLL ? 0xffffffff : (DWORD)value;
}

BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR root, DWORD *sectors_per_cluster, DWORD *bytes_per_sector,
                              DWORD *free_clusters, DWORD *total_clusters)
{
    FILE_FS_FULL_SIZE_INFORMATION info;

    if (!query_volume_size(root, &info)) return FALSE;
    if (sectors_per_cluster) *sectors_per_cluster = info.SectorsPerAllocationUnit;
    if (bytes_per_sector) *bytes_per_sector = info.BytesPerSector;
    if (free_clusters) *free_clusters = clamp_dword(info.CallerAvailableAllocationUnits.QuadPart);
    if (total_clusters) *total_clusters = clamp_dword(info.TotalAllocationUnits.QuadPart);
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceA(LPCSTR root, DWORD *sectors_per_cluster, DWORD *bytes_per_sector,
                              DWORD *free_clusters, DWORD *total_clusters)
{
    WCHAR *w = NULL;
    BOOL ret;

    if (root && !(w = ansi_to_wide(root))) return FALSE;
    ret = GetDiskFreeSpaceW(w, sectors_per_cluster, bytes_per_sector, free_clusters, total_clusters);
    if (w) HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR path, ULARGE_INTEGER *caller_free, ULARGE_INTEGER *total,
                                ULARGE_INTEGER *total_free)
{
    FILE_FS_FULL_SIZE_INFORMATION info;
    ULONGLONG unit;

    if (!query_volume_size(path, &info)) return FALSE;
    unit = (ULONGLONG)info.SectorsPerAllocationUnit * info.BytesPerSector;
    if (caller_free) caller_free->QuadPart = info.CallerAvailableAllocationUnits.QuadPart * unit;
    if (total) total->QuadPart = info.TotalAllocationUnits.QuadPart * unit;
    if (total_free) total_free->QuadPart = info.ActualAvailableAllocationUnits.QuadPart * unit;
    return TRUE;
}

BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR path, ULARGE_INTEGER *caller_free, ULARGE_INTEGER *total,
                                ULARGE_INTEGER *total_free)
{
    WCHAR *w = NULL;
    BOOL ret;

    if (path && !(w = ansi_to_wide(path))) return FALSE;
    ret = GetDiskFreeSpaceExW(w, caller_free, total, total_free);
    if (w) HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/* File-system and pipe controls go to the file system (NtFsControlFile), the rest to the device. */
static BOOL is_fs_control(DWORD code)
{
    DWORD device = code >> 16;  /* CTL_CODE puts the device type in the high word */
    return device == FILE_DEVICE_FILE_SYSTEM || device == FILE_DEVICE_NAMED_PIPE;
}

BOOL WINAPI DeviceIoControl(HANDLE handle, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size,
                            DWORD *returned, OVERLAPPED *overlapped)
{
    NTSTATUS (WINAPI *control)(HANDLE, HANDLE, PIO_APC_ROUTINE, void *, IO_STATUS_BLOCK *, ULONG, void *, ULONG,
                               void *, ULONG) = is_fs_control(code) ? NtFsControlFile : NtDeviceIoControlFile;
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (overlapped)
    {
        overlapped->Internal = STATUS_PENDING;
        /* an event with its low bit set asks for no completion packet: pass no completion value */
        status = control(handle, (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1), NULL,
                         ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped, (IO_STATUS_BLOCK *)overlapped,
                         code, in, in_size, out, out_size);
        if (status == STATUS_PENDING)
        {
            SetLastError(ERROR_IO_PENDING);
            return FALSE;
        }
        if (returned && !NT_ERROR(status)) *returned = overlapped->InternalHigh;
        return set_ntstatus(status);
    }
    io.Information = 0;
    status = control(handle, NULL, NULL, NULL, &io, code, in, in_size, out, out_size);
    status = wait_unoverlapped(handle, status, &io);
    /* a partial answer (ERROR_MORE_DATA) still says how much was written */
    if (returned && !NT_ERROR(status)) *returned = io.Information;
    return set_ntstatus(status);
}

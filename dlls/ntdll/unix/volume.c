/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NtQueryVolumeInformationFile: what the volume of an open file is, and
 * NtDeviceIoControlFile: the disk requests a block device answers.  Every
 * Wring drive is shown as Windows shows a local NTFS disk -- 512-byte sectors,
 * 4 KiB clusters, "NTFS", 255-character names -- with the sizes and the free
 * space of the Linux file system beneath it.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include "file.h"
#include "private.h"

#define SECTOR_SIZE 512
#define SECTORS_PER_CLUSTER 8

/* Each class writes its answer and says how many bytes of it count (io->Information). */
typedef NTSTATUS (*volume_query)(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size);

static NTSTATUS query_volume(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size)
{
    FILE_FS_VOLUME_INFORMATION *vol = info;
    if (length < (*size = offsetof(FILE_FS_VOLUME_INFORMATION, VolumeLabel))) return STATUS_INFO_LENGTH_MISMATCH;
    /* the Linux device number tells volumes apart, which is what programs use the serial for */
    memset(vol, 0, *size);
    vol->VolumeSerialNumber = (ULONG)st->st_dev;
    vol->SupportsObjects = TRUE;
    return STATUS_SUCCESS;
}

static NTSTATUS query_device(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size)
{
    FILE_FS_DEVICE_INFORMATION *dev = info;
    if (length < (*size = sizeof(*dev))) return STATUS_INFO_LENGTH_MISMATCH;
    dev->Characteristics = 0;
    if (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode)) dev->DeviceType = FILE_DEVICE_NAMED_PIPE;
    else if (S_ISCHR(st->st_mode))
        dev->DeviceType = isatty(file->fd) ? FILE_DEVICE_CONSOLE :
                          (major(st->st_rdev) == 1 && minor(st->st_rdev) == 3) ? FILE_DEVICE_NULL :
                          FILE_DEVICE_UNKNOWN;
    else dev->DeviceType = FILE_DEVICE_DISK;
    return STATUS_SUCCESS;
}

/* The Linux file system's sizes in clusters; free space as an unprivileged caller sees it. */
static NTSTATUS volume_clusters(struct file *file, LONGLONG *total, LONGLONG *caller_free, LONGLONG *all_free)
{
    struct statvfs vfs;
    unsigned long long unit;
    if (fstatvfs(file->fd, &vfs)) return status_from_errno(errno);
    unit = vfs.f_frsize ? vfs.f_frsize : vfs.f_bsize;
    *total = (LONGLONG)(vfs.f_blocks * unit / (SECTOR_SIZE * SECTORS_PER_CLUSTER));
    *caller_free = (LONGLONG)(vfs.f_bavail * unit / (SECTOR_SIZE * SECTORS_PER_CLUSTER));
    *all_free = (LONGLONG)(vfs.f_bfree * unit / (SECTOR_SIZE * SECTORS_PER_CLUSTER));
    return STATUS_SUCCESS;
}

static NTSTATUS query_size(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size)
{
    FILE_FS_SIZE_INFORMATION *fs = info;
    LONGLONG all_free;
    NTSTATUS status;
    if (length < (*size = sizeof(*fs))) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = volume_clusters(file, &fs->TotalAllocationUnits.QuadPart, &fs->AvailableAllocationUnits.QuadPart,
                                  &all_free)))
        return status;
    fs->SectorsPerAllocationUnit = SECTORS_PER_CLUSTER;
    fs->BytesPerSector = SECTOR_SIZE;
    return STATUS_SUCCESS;
}

static NTSTATUS query_full_size(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size)
{
    FILE_FS_FULL_SIZE_INFORMATION *fs = info;
    NTSTATUS status;
    if (length < (*size = sizeof(*fs))) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = volume_clusters(file, &fs->TotalAllocationUnits.QuadPart, &fs->CallerAvailableAllocationUnits.QuadPart,
                                  &fs->ActualAvailableAllocationUnits.QuadPart)))
        return status;
    fs->SectorsPerAllocationUnit = SECTORS_PER_CLUSTER;
    fs->BytesPerSector = SECTOR_SIZE;
    return STATUS_SUCCESS;
}

static NTSTATUS query_attribute(struct file *file, const struct stat *st, void *info, ULONG length, ULONG *size)
{
    static const WCHAR ntfs[] = { 'N','T','F','S' };
    FILE_FS_ATTRIBUTE_INFORMATION *attr = info;
    ULONG room;
    if (length < (*size = offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName)))
        return STATUS_INFO_LENGTH_MISMATCH;
    /* names keep their case and are Unicode; lookups may match case (Wring's resolves without) */
    attr->FileSystemAttributes = FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
    attr->MaximumComponentNameLength = 255;
    attr->FileSystemNameLength = sizeof(ntfs);
    room = length - *size;
    memcpy(attr->FileSystemName, ntfs, room < sizeof(ntfs) ? room : sizeof(ntfs));
    if (room < sizeof(ntfs))
    {
        *size = length;
        return STATUS_BUFFER_OVERFLOW;
    }
    *size += sizeof(ntfs);
    return STATUS_SUCCESS;
}

static const volume_query queries[] =
{
    [FileFsVolumeInformation] = query_volume,
    [FileFsSizeInformation] = query_size,
    [FileFsDeviceInformation] = query_device,
    [FileFsAttributeInformation] = query_attribute,
    [FileFsFullSizeInformation] = query_full_size,
};

NTSTATUS WINAPI NtQueryVolumeInformationFile(HANDLE handle, IO_STATUS_BLOCK *io, void *info, ULONG length,
                                             FS_INFORMATION_CLASS klass)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    struct stat st;
    NTSTATUS status;
    ULONG size = 0;

    if ((status = file_get(handle, &file))) return status;
    if ((unsigned)klass >= ARRAYSIZE(queries) || !queries[klass])
    {
        TRACE(STUB, "NtQueryVolumeInformationFile: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
    }
    else if (fstat(file->fd, &st)) status = status_from_errno(errno);
    else status = queries[klass](file, &st, info, length, &size);
    if (!NT_ERROR(status))
    {
        io->Status = status;
        io->Information = size;
    }
    object_release(&file->obj);
    return status;
}

/* The size of a block device, and its sector size. */
static NTSTATUS block_device_size(int fd, ULONGLONG *bytes, ULONG *sector)
{
    int ssz;
    if (ioctl(fd, BLKGETSIZE64, bytes)) return status_from_errno(errno);
    if (ioctl(fd, BLKSSZGET, &ssz)) return status_from_errno(errno);
    *sector = ssz;
    return STATUS_SUCCESS;
}

/* Answers a disk request on a block device; the number of bytes written to out in *size. */
static NTSTATUS disk_ioctl(int fd, ULONG code, void *out, ULONG out_size, ULONG *size)
{
    ULONGLONG bytes;
    ULONG sector;
    NTSTATUS status;

    switch (code)
    {
    case IOCTL_DISK_GET_LENGTH_INFO:
    {
        /* GET_LENGTH_INFORMATION, one LARGE_INTEGER (not in Wine's headers) */
        LARGE_INTEGER length;
        if (out_size < sizeof(length)) return STATUS_BUFFER_TOO_SMALL;
        if ((status = block_device_size(fd, &bytes, &sector))) return status;
        length.QuadPart = bytes;
        if (!write_user(out, &length, sizeof(length))) return STATUS_ACCESS_VIOLATION;
        *size = sizeof(length);
        return STATUS_SUCCESS;
    }
    case IOCTL_DISK_GET_DRIVE_GEOMETRY:
    {
        DISK_GEOMETRY geo;
        if (out_size < sizeof(geo)) return STATUS_BUFFER_TOO_SMALL;
        if ((status = block_device_size(fd, &bytes, &sector))) return status;
        /* the geometry BIOSes give every large disk: 255 heads, 63 sectors a track */
        geo.MediaType = FixedMedia;
        geo.TracksPerCylinder = 255;
        geo.SectorsPerTrack = 63;
        geo.BytesPerSector = sector;
        geo.Cylinders.QuadPart = bytes / ((ULONGLONG)255 * 63 * sector);
        if (!write_user(out, &geo, sizeof(geo))) return STATUS_ACCESS_VIOLATION;
        *size = sizeof(geo);
        return STATUS_SUCCESS;
    }
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

/*
 * Device requests complete at once, as a synchronous-capable driver's do on Windows; a
 * success still goes through the engine's completion (event, APC, completion port), so an
 * overlapped handle sees it as any other I/O.
 */
NTSTATUS WINAPI NtDeviceIoControlFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                                      IO_STATUS_BLOCK *io, ULONG code, void *in, ULONG in_size, void *out,
                                      ULONG out_size)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    struct file_call call;
    struct file *file;
    struct stat st;
    NTSTATUS status;
    ULONG size = 0;

    if ((status = file_get(handle, &file))) return status;
    if (fstat(file->fd, &st)) status = status_from_errno(errno);
    else if (!S_ISBLK(st.st_mode))
    {
        /* files, pipes and consoles answer no device requests */
        TRACE(STUB, "NtDeviceIoControlFile: code %#x on a non-device", (unsigned)code);
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    else status = disk_ioctl(file->fd, code, out, out_size, &size);
    if (!status && !(status = file_call_begin(file, event, apc, apc_context, io, &call)))
    {
        call.info = size;
        status = file_call_end(&call, STATUS_SUCCESS);
    }
    object_release(&file->obj);
    return status;
}

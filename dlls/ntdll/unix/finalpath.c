/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The DOS path of an open file with its drive (C: or Z:), for kernel32's
 * GetFinalPathNameByHandle: NtQueryInformationFile's FileNameInformation gives the
 * path without the drive, as Windows does, and Wring has no volume device names
 * to map it back through.
 */
#include <string.h>
#include <stdlib.h>
#include "file.h"

/* count and *needed are in characters with the terminating null. */
NTSTATUS WINAPI wring_file_dos_path(HANDLE handle, WCHAR *buffer, ULONG count, ULONG *needed)
{
    struct file *file;
    NTSTATUS status;
    WCHAR *dos = NULL;
    size_t len;

    if ((status = file_get(handle, &file))) return status;
    if (!file->unix_path || file->pipe) status = STATUS_INVALID_PARAMETER;
    else if (!(dos = unix_to_dos_path(file->unix_path))) status = STATUS_NO_MEMORY;
    else
    {
        len = wide_len(dos) + 1;
        *needed = len;
        if (count < len) status = STATUS_BUFFER_TOO_SMALL;
        else memcpy(buffer, dos, len * sizeof(WCHAR));
    }
    free(dos);
    object_release(&file->obj);
    return status;
}

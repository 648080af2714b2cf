/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unix entry points for files and directories; part of the list in wring/unixcalls.h. */
#ifndef WRING_UNIXCALLS_FILE_H
#define WRING_UNIXCALLS_FILE_H

#define WRING_FILE_CALLS(X) \
    X(NTSTATUS, NtCreateFile, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, \
        IO_STATUS_BLOCK *io, LARGE_INTEGER *alloc_size, ULONG attributes, ULONG sharing, \
        ULONG disposition, ULONG options, void *ea_buffer, ULONG ea_length), \
        (handle, access, attr, io, alloc_size, attributes, sharing, disposition, options, ea_buffer, ea_length)) \
    X(NTSTATUS, NtReadFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key), \
        (handle, event, apc, apc_context, io, buffer, length, offset, key)) \
    X(NTSTATUS, NtWriteFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, const void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key), \
        (handle, event, apc, apc_context, io, buffer, length, offset, key)) \
    X(NTSTATUS, NtFlushBuffersFile, (HANDLE handle, IO_STATUS_BLOCK *io), (handle, io)) \
    X(NTSTATUS, NtQueryInformationFile, (HANDLE handle, IO_STATUS_BLOCK *io, void *info, ULONG length, \
        FILE_INFORMATION_CLASS klass), (handle, io, info, length, klass)) \
    X(NTSTATUS, NtSetInformationFile, (HANDLE handle, IO_STATUS_BLOCK *io, void *info, ULONG length, \
        FILE_INFORMATION_CLASS klass), (handle, io, info, length, klass)) \
    X(NTSTATUS, NtQueryVolumeInformationFile, (HANDLE handle, IO_STATUS_BLOCK *io, void *info, \
        ULONG length, FS_INFORMATION_CLASS klass), (handle, io, info, length, klass)) \
    X(NTSTATUS, NtQueryAttributesFile, (const OBJECT_ATTRIBUTES *attr, FILE_BASIC_INFORMATION *info), \
        (attr, info)) \
    X(NTSTATUS, NtQueryFullAttributesFile, (const OBJECT_ATTRIBUTES *attr, FILE_NETWORK_OPEN_INFORMATION *info), \
        (attr, info)) \
    X(NTSTATUS, NtFsControlFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size), \
        (handle, event, apc, apc_context, io, code, in, in_size, out, out_size)) \
    X(NTSTATUS, NtDeviceIoControlFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size), \
        (handle, event, apc, apc_context, io, code, in, in_size, out, out_size)) \
    X(NTSTATUS, NtDeleteFile, (OBJECT_ATTRIBUTES *attr), (attr)) \
    X(NTSTATUS, NtOpenFile, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io, \
        ULONG sharing, ULONG options), (handle, access, attr, io, sharing, options)) \
    X(NTSTATUS, NtQueryDirectoryFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, void *buffer, ULONG length, FILE_INFORMATION_CLASS klass, BOOLEAN single_entry, \
        UNICODE_STRING *mask, BOOLEAN restart_scan), \
        (handle, event, apc, apc_context, io, buffer, length, klass, single_entry, mask, restart_scan)) \
    X(NTSTATUS, NtCreateNamedPipeFile, (HANDLE *handle, ULONG access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io, \
        ULONG sharing, ULONG disposition, ULONG options, ULONG pipe_type, ULONG read_mode, ULONG completion_mode, \
        ULONG max_instances, ULONG in_quota, ULONG out_quota, LARGE_INTEGER *timeout), \
        (handle, access, attr, io, sharing, disposition, options, pipe_type, read_mode, completion_mode, \
        max_instances, in_quota, out_quota, timeout)) \
    X(NTSTATUS, NtLockFile, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, LARGE_INTEGER *offset, LARGE_INTEGER *count, ULONG *key, BOOLEAN dont_wait, \
        BOOLEAN exclusive), (handle, event, apc, apc_context, io, offset, count, key, dont_wait, exclusive)) \
    X(NTSTATUS, NtUnlockFile, (HANDLE handle, IO_STATUS_BLOCK *io, LARGE_INTEGER *offset, LARGE_INTEGER *count, \
        ULONG *key), (handle, io, offset, count, key))

#endif

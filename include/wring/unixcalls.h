/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one list of entry points from ntdll.dll (PE) into the Unix side.
 *
 * Each entry is X(return type, name, (parameters), (arguments)).  The PE side
 * turns WRING_NT_CALLS into exported stubs of the same name (dlls/ntdll/unixcalls.c);
 * WRING_PRIVATE_CALLS are reached only through the table.  The Unix side builds the
 * table from the same list (dlls/ntdll/unix/unixcalls.c), so a prototype can never
 * differ between the two.  Every function is WINAPI (ms_abi): the compiler bridges
 * the calling conventions, no assembly is needed.
 */
#ifndef WRING_UNIXCALLS_H
#define WRING_UNIXCALLS_H

#include "wring/shared.h"
#include "wring/unixcalls_file.h"
#include "wring/unixcalls_sync.h"
#include "wring/unixcalls_reg.h"
#include "wring/unixcalls_sock.h"
#include "wring/unixcalls_net.h"
#include "wring/port_batch.h"

#define WRING_NT_CALLS(X) \
    WRING_FILE_CALLS(X) \
    WRING_SYNC_CALLS(X) \
    WRING_REG_CALLS(X) \
    WRING_SOCK_CALLS(X) \
    WRING_NET_CALLS(X) \
    X(NTSTATUS, NtClose, (HANDLE handle), (handle)) \
    X(NTSTATUS, NtQueryObject, (HANDLE handle, OBJECT_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *ret_length), (handle, klass, info, length, ret_length)) \
    X(NTSTATUS, NtSetInformationObject, (HANDLE handle, OBJECT_INFORMATION_CLASS klass, void *info, ULONG length), \
        (handle, klass, info, length)) \
    X(NTSTATUS, NtDuplicateObject, (HANDLE src_process, HANDLE src, HANDLE dst_process, HANDLE *dst, \
        ACCESS_MASK access, ULONG attributes, ULONG options), \
        (src_process, src, dst_process, dst, access, attributes, options)) \
    X(NTSTATUS, NtQuerySystemTime, (LARGE_INTEGER *time), (time)) \
    X(NTSTATUS, NtQueryPerformanceCounter, (LARGE_INTEGER *counter, LARGE_INTEGER *frequency), \
        (counter, frequency)) \
    X(NTSTATUS, NtDelayExecution, (BOOLEAN alertable, const LARGE_INTEGER *timeout), (alertable, timeout)) \
    X(NTSTATUS, NtYieldExecution, (void), ()) \
    X(NTSTATUS, NtTerminateProcess, (HANDLE process, LONG status), (process, status)) \
    X(NTSTATUS, NtAllocateVirtualMemory, (HANDLE process, void **base, ULONG_PTR zero_bits, SIZE_T *size, \
        ULONG type, ULONG protect), (process, base, zero_bits, size, type, protect)) \
    X(NTSTATUS, NtFreeVirtualMemory, (HANDLE process, void **base, SIZE_T *size, ULONG type), \
        (process, base, size, type)) \
    X(NTSTATUS, NtProtectVirtualMemory, (HANDLE process, void **base, SIZE_T *size, ULONG protect, \
        ULONG *old), (process, base, size, protect, old)) \
    X(NTSTATUS, NtQueryVirtualMemory, (HANDLE process, const void *addr, MEMORY_INFORMATION_CLASS klass, \
        void *info, SIZE_T length, SIZE_T *result), (process, addr, klass, info, length, result)) \
    X(NTSTATUS, NtCreateSection, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        const LARGE_INTEGER *size, ULONG protect, ULONG sec_flags, HANDLE file), \
        (handle, access, attr, size, protect, sec_flags, file)) \
    X(NTSTATUS, NtOpenSection, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtMapViewOfSection, (HANDLE section, HANDLE process, void **base, ULONG_PTR zero_bits, \
        SIZE_T commit_size, const LARGE_INTEGER *offset, SIZE_T *size, SECTION_INHERIT inherit, ULONG alloc_type, \
        ULONG protect), (section, process, base, zero_bits, commit_size, offset, size, inherit, alloc_type, protect)) \
    X(NTSTATUS, NtUnmapViewOfSection, (HANDLE process, void *addr), (process, addr)) \
    X(NTSTATUS, NtQuerySection, (HANDLE section, SECTION_INFORMATION_CLASS klass, void *info, SIZE_T length, \
        SIZE_T *result), (section, klass, info, length, result)) \
    X(NTSTATUS, NtFlushVirtualMemory, (HANDLE process, const void **addr, SIZE_T *size, ULONG unknown), \
        (process, addr, size, unknown)) \
    X(NTSTATUS, NtQuerySystemInformation, (SYSTEM_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *result), (klass, info, length, result)) \
    X(NTSTATUS, NtSetInformationProcess, (HANDLE process, PROCESSINFOCLASS klass, void *info, ULONG length), \
        (process, klass, info, length)) \
    X(NTSTATUS, NtQueryInformationProcess, (HANDLE process, PROCESSINFOCLASS klass, void *info, \
        ULONG length, ULONG *result), (process, klass, info, length, result)) \
    X(NTSTATUS, RtlWaitOnAddress, (const void *addr, const void *cmp, SIZE_T size, \
        const LARGE_INTEGER *timeout), (addr, cmp, size, timeout)) \
    X(void, RtlWakeAddressSingle, (const void *addr), (addr)) \
    X(void, RtlWakeAddressAll, (const void *addr), (addr)) \
    X(void *, RtlAllocateHeap, (HANDLE heap, ULONG flags, SIZE_T size), (heap, flags, size)) \
    X(BOOLEAN, RtlFreeHeap, (HANDLE heap, ULONG flags, void *ptr), (heap, flags, ptr)) \
    X(void *, RtlReAllocateHeap, (HANDLE heap, ULONG flags, void *ptr, SIZE_T size), (heap, flags, ptr, size)) \
    X(SIZE_T, RtlSizeHeap, (HANDLE heap, ULONG flags, const void *ptr), (heap, flags, ptr)) \
    X(BOOLEAN, RtlValidateHeap, (HANDLE heap, ULONG flags, const void *ptr), (heap, flags, ptr)) \
    X(HANDLE, RtlCreateHeap, (ULONG flags, void *base, SIZE_T reserve, SIZE_T commit, void *lock, \
        PRTL_HEAP_DEFINITION params), (flags, base, reserve, commit, lock, params)) \
    X(HANDLE, RtlDestroyHeap, (HANDLE heap), (heap)) \
    X(NTSTATUS, LdrLoadDll, (LPCWSTR path, DWORD flags, const UNICODE_STRING *name, HMODULE *module), \
        (path, flags, name, module)) \
    X(NTSTATUS, LdrUnloadDll, (HMODULE module), (module)) \
    X(NTSTATUS, LdrGetDllHandle, (LPCWSTR path, ULONG flags, const UNICODE_STRING *name, HMODULE *module), \
        (path, flags, name, module)) \
    X(NTSTATUS, LdrGetProcedureAddress, (HMODULE module, const ANSI_STRING *name, ULONG ordinal, \
        void **address), (module, name, ordinal, address)) \
    X(NTSTATUS, LdrGetDllFullName, (HMODULE module, UNICODE_STRING *name), (module, name)) \
    X(NTSTATUS, LdrFindEntryForAddress, (const void *addr, LDR_DATA_TABLE_ENTRY **entry), (addr, entry))

#define WRING_PRIVATE_CALLS(X) \
    X(void, wring_exit_process, (DWORD status), (status)) \
    X(void, wring_exit_thread, (DWORD status), (status)) \
    X(void, wring_unimplemented, (const char *dll, const char *function), (dll, function)) \
    X(void, wring_unhandled_exception, (const EXCEPTION_RECORD *record), (record)) \
    X(NTSTATUS, wring_random, (void *buffer, ULONG size), (buffer, size)) \
    X(NTSTATUS, wring_memory_status, (MEMORYSTATUSEX *status), (status)) \
    X(NTSTATUS, wring_console_size, (HANDLE handle, ULONG *columns, ULONG *rows), (handle, columns, rows)) \
    X(NTSTATUS, wring_wait_console_event, (ULONG *event), (event)) \
    X(NTSTATUS, wring_string_length, (const void *str, SIZE_T char_size, SIZE_T *length), (str, char_size, length)) \
    X(NTSTATUS, wring_file_mode, (const OBJECT_ATTRIBUTES *attr, ULONG *mode), (attr, mode)) \
    X(NTSTATUS, wring_set_file_mode, (const OBJECT_ATTRIBUTES *attr, ULONG mode), (attr, mode)) \
    X(NTSTATUS, wring_copy_string, (void *dst, const void *src, SIZE_T char_size, SIZE_T max), \
        (dst, src, char_size, max)) \
    X(NTSTATUS, wring_user_profile, (WCHAR *buffer, ULONG count, ULONG *needed), (buffer, count, needed)) \
    X(NTSTATUS, wring_file_dos_path, (HANDLE handle, WCHAR *buffer, ULONG count, ULONG *needed), \
        (handle, buffer, count, needed)) \
    X(NTSTATUS, wring_port_remove_batch, (HANDLE handle, struct wring_port_batch *batch, \
        LARGE_INTEGER *timeout, BOOLEAN alertable), (handle, batch, timeout, alertable)) \
    X(void, wring_port_give_back, (void), ())

#define WRING_DECLARE_MEMBER(ret, name, params, args) ret (WINAPI *name) params;
struct wring_unix_funcs
{
    WRING_NT_CALLS(WRING_DECLARE_MEMBER)
    WRING_PRIVATE_CALLS(WRING_DECLARE_MEMBER)
};
#undef WRING_DECLARE_MEMBER

/* The name of the ntdll.dll data export through which the loader hands over the table. */
#define WRING_UNIX_FUNCS_EXPORT "wring_unix_funcs"

#endif

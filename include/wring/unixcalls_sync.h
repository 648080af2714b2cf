/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unix entry points for threads, synchronisation objects and waits; part of the list in wring/unixcalls.h. */
#ifndef WRING_UNIXCALLS_SYNC_H
#define WRING_UNIXCALLS_SYNC_H

#define WRING_SYNC_CALLS(X) \
    X(NTSTATUS, NtCreateThreadEx, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, HANDLE process, \
        PRTL_THREAD_START_ROUTINE start, void *param, ULONG flags, ULONG_PTR zero_bits, SIZE_T stack_commit, \
        SIZE_T stack_reserve, PS_ATTRIBUTE_LIST *attr_list), \
        (handle, access, attr, process, start, param, flags, zero_bits, stack_commit, stack_reserve, attr_list)) \
    X(NTSTATUS, NtTerminateThread, (HANDLE handle, LONG status), (handle, status)) \
    X(NTSTATUS, NtOpenThread, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        const CLIENT_ID *id), (handle, access, attr, id)) \
    X(NTSTATUS, NtQueryInformationThread, (HANDLE handle, THREADINFOCLASS klass, void *info, ULONG length, \
        ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtSetInformationThread, (HANDLE handle, THREADINFOCLASS klass, const void *info, ULONG length), \
        (handle, klass, info, length)) \
    X(NTSTATUS, NtResumeThread, (HANDLE handle, ULONG *count), (handle, count)) \
    X(NTSTATUS, NtSuspendThread, (HANDLE handle, ULONG *count), (handle, count)) \
    X(NTSTATUS, NtGetContextThread, (HANDLE handle, CONTEXT *context), (handle, context)) \
    X(NTSTATUS, NtSetContextThread, (HANDLE handle, const CONTEXT *context), (handle, context)) \
    X(NTSTATUS, NtAlertThread, (HANDLE handle), (handle)) \
    X(NTSTATUS, NtQueueApcThread, (HANDLE handle, PNTAPCFUNC func, ULONG_PTR arg1, ULONG_PTR arg2, \
        ULONG_PTR arg3), (handle, func, arg1, arg2, arg3)) \
    X(NTSTATUS, NtTestAlert, (void), ()) \
    X(NTSTATUS, NtCreateEvent, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        EVENT_TYPE type, BOOLEAN state), (handle, access, attr, type, state)) \
    X(NTSTATUS, NtOpenEvent, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtSetEvent, (HANDLE handle, LONG *prev), (handle, prev)) \
    X(NTSTATUS, NtResetEvent, (HANDLE handle, LONG *prev), (handle, prev)) \
    X(NTSTATUS, NtPulseEvent, (HANDLE handle, LONG *prev), (handle, prev)) \
    X(NTSTATUS, NtQueryEvent, (HANDLE handle, EVENT_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtCreateTimer, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        TIMER_TYPE type), (handle, access, attr, type)) \
    X(NTSTATUS, NtOpenTimer, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtSetTimer, (HANDLE handle, const LARGE_INTEGER *due, PTIMER_APC_ROUTINE apc, void *context, \
        BOOLEAN resume, ULONG period, BOOLEAN *prev), (handle, due, apc, context, resume, period, prev)) \
    X(NTSTATUS, NtCancelTimer, (HANDLE handle, BOOLEAN *prev), (handle, prev)) \
    X(NTSTATUS, NtQueryTimer, (HANDLE handle, TIMER_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtCreateSemaphore, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        LONG initial, LONG max), (handle, access, attr, initial, max)) \
    X(NTSTATUS, NtOpenSemaphore, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtReleaseSemaphore, (HANDLE handle, ULONG count, ULONG *prev), (handle, count, prev)) \
    X(NTSTATUS, NtQuerySemaphore, (HANDLE handle, SEMAPHORE_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtCreateMutant, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        BOOLEAN owned), (handle, access, attr, owned)) \
    X(NTSTATUS, NtOpenMutant, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtReleaseMutant, (HANDLE handle, LONG *prev), (handle, prev)) \
    X(NTSTATUS, NtQueryMutant, (HANDLE handle, MUTANT_INFORMATION_CLASS klass, void *info, ULONG length, \
        ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtCreateKeyedEvent, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, \
        ULONG flags), (handle, access, attr, flags)) \
    X(NTSTATUS, NtOpenKeyedEvent, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtCreateDirectoryObject, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtOpenDirectoryObject, (HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtWaitForKeyedEvent, (HANDLE handle, const void *key, BOOLEAN alertable, \
        const LARGE_INTEGER *timeout), (handle, key, alertable, timeout)) \
    X(NTSTATUS, NtReleaseKeyedEvent, (HANDLE handle, const void *key, BOOLEAN alertable, \
        const LARGE_INTEGER *timeout), (handle, key, alertable, timeout)) \
    X(NTSTATUS, NtWaitForSingleObject, (HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout), \
        (handle, alertable, timeout)) \
    X(NTSTATUS, NtWaitForMultipleObjects, (ULONG count, const HANDLE *handles, BOOLEAN wait_any, \
        BOOLEAN alertable, const LARGE_INTEGER *timeout), (count, handles, wait_any, alertable, timeout)) \
    X(NTSTATUS, NtSignalAndWaitForSingleObject, (HANDLE signal, HANDLE wait, BOOLEAN alertable, \
        const LARGE_INTEGER *timeout), (signal, wait, alertable, timeout)) \
    X(NTSTATUS, LdrDisableThreadCalloutsForDll, (HMODULE module), (module)) \
    X(NTSTATUS, NtCreateIoCompletion, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, \
        ULONG concurrency), (handle, access, attr, concurrency)) \
    X(NTSTATUS, NtSetIoCompletion, (HANDLE handle, ULONG_PTR key, ULONG_PTR value, NTSTATUS status, \
        SIZE_T info), (handle, key, value, status, info)) \
    X(NTSTATUS, NtRemoveIoCompletion, (HANDLE handle, ULONG_PTR *key, ULONG_PTR *value, IO_STATUS_BLOCK *iosb, \
        LARGE_INTEGER *timeout), (handle, key, value, iosb, timeout)) \
    X(NTSTATUS, NtRemoveIoCompletionEx, (HANDLE handle, FILE_IO_COMPLETION_INFORMATION *info, ULONG count, \
        ULONG *removed, LARGE_INTEGER *timeout, BOOLEAN alertable), \
        (handle, info, count, removed, timeout, alertable)) \
    X(NTSTATUS, NtCreateWaitCompletionPacket, (HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr), \
        (handle, access, attr)) \
    X(NTSTATUS, NtAssociateWaitCompletionPacket, (HANDLE packet, HANDLE port, HANDLE target, void *key, \
        void *apc_context, NTSTATUS io_status, ULONG_PTR io_information, BOOLEAN *already_signaled), \
        (packet, port, target, key, apc_context, io_status, io_information, already_signaled)) \
    X(NTSTATUS, NtCancelWaitCompletionPacket, (HANDLE packet, BOOLEAN remove_signaled), \
        (packet, remove_signaled)) \
    X(NTSTATUS, NtQueryIoCompletion, (HANDLE handle, IO_COMPLETION_INFORMATION_CLASS klass, void *info, \
        ULONG length, ULONG *result), (handle, klass, info, length, result)) \
    X(NTSTATUS, NtCancelIoFile, (HANDLE handle, IO_STATUS_BLOCK *io), (handle, io)) \
    X(NTSTATUS, NtCancelSynchronousIoFile, (HANDLE thread, IO_STATUS_BLOCK *request, IO_STATUS_BLOCK *io), \
        (thread, request, io)) \
    X(NTSTATUS, NtReadFileScatter, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, FILE_SEGMENT_ELEMENT *segments, ULONG length, LARGE_INTEGER *offset, ULONG *key), \
        (handle, event, apc, apc_context, io, segments, length, offset, key)) \
    X(NTSTATUS, NtWriteFileGather, (HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, \
        IO_STATUS_BLOCK *io, FILE_SEGMENT_ELEMENT *segments, ULONG length, LARGE_INTEGER *offset, ULONG *key), \
        (handle, event, apc, apc_context, io, segments, length, offset, key)) \
    X(NTSTATUS, NtCancelIoFileEx, (HANDLE handle, IO_STATUS_BLOCK *request, IO_STATUS_BLOCK *io), \
        (handle, request, io))

#endif

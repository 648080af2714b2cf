/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Thread-pool I/O.  TpAllocIoCompletion binds the file to the pool's own completion port
 * with the TP_IO as the key, so the kernel's completion packet is what a worker dequeues:
 * no thread in between.  TpStartAsyncIoOperation announces one packet and
 * TpCancelAsyncIoOperation takes it back; a packet nobody announced is ignored.  Nothing is
 * allocated or locked per operation: the counts are interlocked (see threadpool.c).
 */
#include "threadpool.h"

void tp_io_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance, ULONG_PTR value, NTSTATUS status,
                  ULONG_PTR info)
{
    IO_STATUS_BLOCK iosb;

    if (obj->type == TP_TYPE_LEGACY_IO)
    {
        ((PRTL_OVERLAPPED_COMPLETION_ROUTINE)obj->callback)(RtlNtStatusToDosError(status), info, (void *)value);
        return;
    }
    iosb.Status = status;
    iosb.Information = info;
    ((PTP_IO_CALLBACK)obj->callback)(instance, obj->userdata, (void *)value, &iosb, (TP_IO *)obj);
}

static NTSTATUS bind_file(struct tp_object *obj, HANDLE file)
{
    FILE_COMPLETION_INFORMATION info;
    IO_STATUS_BLOCK iosb;

    info.CompletionPort = obj->pool->port;
    info.CompletionKey = (ULONG_PTR)obj;
    return NtSetInformationFile(file, &iosb, &info, sizeof(info), FileCompletionInformation);
}

NTSTATUS WINAPI TpAllocIoCompletion(TP_IO **out, HANDLE file, PTP_IO_CALLBACK callback, void *userdata,
                                    TP_CALLBACK_ENVIRON *env)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_IO, callback, userdata, env))) return status;
    if ((status = bind_file(obj, file)))
    {
        tp_object_release(obj);
        return status;
    }
    *out = (TP_IO *)obj;
    return STATUS_SUCCESS;
}

void WINAPI TpStartAsyncIoOperation(TP_IO *io)
{
    tp_object_announce((struct tp_object *)io);
}

void WINAPI TpCancelAsyncIoOperation(TP_IO *io)
{
    tp_object_unannounce((struct tp_object *)io);
}

void WINAPI TpWaitForIoCompletion(TP_IO *io, BOOL cancel_pending)
{
    tp_object_wait((struct tp_object *)io, cancel_pending);
}

void WINAPI TpReleaseIoCompletion(TP_IO *io)
{
    /* freed once every announced completion has arrived (or been taken back) */
    tp_object_release((struct tp_object *)io);
}

NTSTATUS WINAPI RtlSetIoCompletionCallback(HANDLE file, PRTL_OVERLAPPED_COMPLETION_ROUTINE callback, ULONG flags)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!callback) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_LEGACY_IO, callback, NULL, NULL))) return status;
    obj->may_run_long = !!(flags & WT_EXECUTELONGFUNCTION);
    /* the binding lasts as long as the file: the object is never freed */
    if ((status = bind_file(obj, file)))
    {
        tp_object_release(obj);
        return status;
    }
    return tp_pool_keep_worker(obj->pool);
}

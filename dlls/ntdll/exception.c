/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Software exceptions and vectored handlers.
 *
 * RtlRaiseException (kernel32's RaiseException) offers the exception to the vectored handlers,
 * first-registered-first unless one asked to go first; one that answers
 * EXCEPTION_CONTINUE_EXECUTION resumes the raiser.  Otherwise the unhandled-exception filter
 * (kernel32's UnhandledExceptionFilter, set at its start-up) decides, as the filter of a
 * thread's outermost frame does on Windows.  An exception that continues is shown to the
 * vectored continue handlers first.  What remains unhandled ends the process, saying which
 * exception and where.
 *
 * Not there yet: frame-based handlers (SEH, and the unwinding C++ exceptions need), a context
 * a handler changed (the raiser resumes as it was), and hardware faults, which end the process
 * in unix/signal.c without reaching these handlers.
 */
#include "ntdll_private.h"

struct vectored_handler
{
    LIST_ENTRY entry;
    PVECTORED_EXCEPTION_HANDLER func;
};

/* Exception handlers see an exception first; continue handlers see one that is about to
 * continue, because a handler or the unhandled-exception filter answered
 * EXCEPTION_CONTINUE_EXECUTION. */
static RTL_SRWLOCK handlers_lock = RTL_SRWLOCK_INIT;
static LIST_ENTRY exception_handlers = { &exception_handlers, &exception_handlers };
static LIST_ENTRY continue_handlers = { &continue_handlers, &continue_handlers };
static PRTL_EXCEPTION_FILTER unhandled_filter;

static void *add_handler(LIST_ENTRY *list, ULONG first, PVECTORED_EXCEPTION_HANDLER func)
{
    struct vectored_handler *handler = RtlAllocateHeap(process_heap(), 0, sizeof(*handler));

    if (!handler) return NULL;
    handler->func = func;
    RtlAcquireSRWLockExclusive(&handlers_lock);
    if (first) InsertHeadList(list, &handler->entry);
    else InsertTailList(list, &handler->entry);
    RtlReleaseSRWLockExclusive(&handlers_lock);
    return handler;
}

static ULONG remove_handler(LIST_ENTRY *list, void *handle)
{
    LIST_ENTRY *entry;
    BOOL found = FALSE;

    RtlAcquireSRWLockExclusive(&handlers_lock);
    for (entry = list->Flink; entry != list && !found; entry = entry->Flink)
        found = entry == &((struct vectored_handler *)handle)->entry;
    if (found) RemoveEntryList(&((struct vectored_handler *)handle)->entry);
    RtlReleaseSRWLockExclusive(&handlers_lock);
    if (found) RtlFreeHeap(process_heap(), 0, handle);
    return found;
}

void * WINAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER func)
{
    return add_handler(&exception_handlers, first, func);
}

ULONG WINAPI RtlRemoveVectoredExceptionHandler(void *handle)
{
    return remove_handler(&exception_handlers, handle);
}

void * WINAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER func)
{
    return add_handler(&continue_handlers, first, func);
}

ULONG WINAPI RtlRemoveVectoredContinueHandler(void *handle)
{
    return remove_handler(&continue_handlers, handle);
}

void WINAPI RtlSetUnhandledExceptionFilter(PRTL_EXCEPTION_FILTER filter)
{
    unhandled_filter = filter;
}

/* The handlers run under the lock held shared, so that none is freed while it runs; one that
 * removes a handler itself would deadlock, as Windows' documentation warns for the same case. */
static LONG call_vectored_handlers(LIST_ENTRY *list, EXCEPTION_POINTERS *pointers)
{
    LONG ret = EXCEPTION_CONTINUE_SEARCH;
    LIST_ENTRY *entry;

    RtlAcquireSRWLockShared(&handlers_lock);
    for (entry = list->Flink; entry != list && ret != EXCEPTION_CONTINUE_EXECUTION; entry = entry->Flink)
        ret = CONTAINING_RECORD(entry, struct vectored_handler, entry)->func(pointers);
    RtlReleaseSRWLockShared(&handlers_lock);
    return ret;
}

void WINAPI RtlRaiseException(EXCEPTION_RECORD *record)
{
    EXCEPTION_POINTERS pointers;
    CONTEXT context;

    RtlCaptureContext(&context);
    pointers.ExceptionRecord = record;
    pointers.ContextRecord = &context;
    if ((call_vectored_handlers(&exception_handlers, &pointers) == EXCEPTION_CONTINUE_EXECUTION ||
         (unhandled_filter && unhandled_filter(&pointers) == EXCEPTION_CONTINUE_EXECUTION)) &&
        !(record->ExceptionFlags & EXCEPTION_NONCONTINUABLE))
    {
        call_vectored_handlers(&continue_handlers, &pointers);
        return;
    }
    wring_unhandled_exception(record);
}

void WINAPI RtlUnwindEx(void *frame, void *target_ip, EXCEPTION_RECORD *record, void *retval, CONTEXT *context,
                        UNWIND_HISTORY_TABLE *history)
{
    (void)frame; (void)target_ip; (void)record; (void)retval; (void)context; (void)history;
    wring_unimplemented("ntdll.dll", "RtlUnwindEx");
}

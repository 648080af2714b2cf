/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Exception dispatch, as x64 Windows does it.  A hardware fault (unix/signal.c builds its
 * record and CONTEXT on the faulting stack and resumes at wring_exception_entry) and a
 * software exception (RtlRaiseException) meet in dispatch():
 *   1. the vectored exception handlers, first-registered-first unless one asked to go first;
 *   2. the frame-based handlers, found by walking the stack with the images' unwind data
 *      (unwind.c): each language handler (__C_specific_handler, a C++ personality, Go's none)
 *      answers continue-execution, continue-search, or a nested exception;
 *   3. the vectored continue handlers, called whether or not the exception was handled: the
 *      Go runtime relies on Windows doing so (its last continue handler is where it reports
 *      a fault nothing took).
 * What stays unhandled goes to the unhandled-exception filter (kernel32's
 * UnhandledExceptionFilter, what the outermost frame of a Windows thread runs) and then ends
 * the process with the exception's code.  RtlUnwindEx is the one unwinder: __try/__finally,
 * C++ catch blocks and Go's none all leave frames through it.
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

/* ------------------------------------------------------------------ the frame-based handlers */

EXCEPTION_DISPOSITION WINAPI call_exception_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *context,
                                                    DISPATCHER_CONTEXT *dispatch, PEXCEPTION_ROUTINE handler);
EXCEPTION_DISPOSITION WINAPI call_unwind_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *context,
                                                 DISPATCHER_CONTEXT *dispatch, PEXCEPTION_ROUTINE handler);
void WINAPI wring_restore_context(const CONTEXT *context) __attribute__((noreturn));
void WINAPI wring_call_consolidate(const CONTEXT *context, EXCEPTION_RECORD *rec) __attribute__((noreturn));

/* The dispatcher context of the call in progress, kept by call_*_handler (context.S). */
static DISPATCHER_CONTEXT *outer_dispatch(void *frame)
{
    return *(DISPATCHER_CONTEXT **)((char *)frame + 0x30);
}

/* An exception raised inside a language handler: the dispatch that meets the handler's call
 * learns which frame the first dispatch had reached, so that frames up to there know. */
EXCEPTION_DISPOSITION WINAPI nested_exception_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *context,
                                                      DISPATCHER_CONTEXT *dispatch)
{
    (void)context;
    if (rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND)) return ExceptionContinueSearch;
    dispatch->EstablisherFrame = outer_dispatch(frame)->EstablisherFrame;
    return ExceptionNestedException;
}

/* An unwind started inside a handler that an earlier unwind called (a __finally that leaves
 * by longjmp or by another exception's unwind): it takes over where the earlier one was. */
EXCEPTION_DISPOSITION WINAPI collided_unwind_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *context,
                                                     DISPATCHER_CONTEXT *dispatch)
{
    const DISPATCHER_CONTEXT *outer = outer_dispatch(frame);
    (void)context;
    if (!(rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND))) return ExceptionContinueSearch;
    dispatch->ControlPc = outer->ControlPc;
    dispatch->ImageBase = outer->ImageBase;
    dispatch->FunctionEntry = outer->FunctionEntry;
    dispatch->EstablisherFrame = outer->EstablisherFrame;
    dispatch->ContextRecord = outer->ContextRecord;
    dispatch->LanguageHandler = outer->LanguageHandler;
    dispatch->HandlerData = outer->HandlerData;
    dispatch->HistoryTable = outer->HistoryTable;
    dispatch->ScopeIndex = outer->ScopeIndex;
    return ExceptionCollidedUnwind;
}

void WINAPI RtlRaiseStatus(NTSTATUS status)
{
    EXCEPTION_RECORD rec = { .ExceptionCode = status, .ExceptionFlags = EH_NONCONTINUABLE };
    RtlRaiseException(&rec);
}

/* A new exception about this one, which it points to: STATUS_NONCONTINUABLE_EXCEPTION for a
 * handler that wanted to continue one that cannot be, STATUS_INVALID_DISPOSITION for an answer
 * that means nothing. */
static void raise_status_for(NTSTATUS status, EXCEPTION_RECORD *cause)
{
    EXCEPTION_RECORD rec = { .ExceptionCode = status, .ExceptionFlags = EH_NONCONTINUABLE,
                             .ExceptionRecord = cause };
    RtlRaiseException(&rec);
}

static void raise_noncontinuable(EXCEPTION_RECORD *rec)
{
    raise_status_for(STATUS_NONCONTINUABLE_EXCEPTION, rec);
}

static void fill_dispatch(DISPATCHER_CONTEXT *dispatch, const struct frame_info *info, CONTEXT *context,
                          ULONG64 target_ip)
{
    dispatch->ControlPc = info->pc;
    dispatch->ImageBase = info->base;
    dispatch->FunctionEntry = info->function;
    dispatch->EstablisherFrame = info->frame;
    dispatch->TargetIp = target_ip;
    dispatch->ContextRecord = context;
    dispatch->LanguageHandler = info->handler;
    dispatch->HandlerData = info->handler_data;
    dispatch->HistoryTable = NULL;
    dispatch->ScopeIndex = 0;
}

/* Offers the exception to every frame with a handler, innermost first.  Kept out of line:
 * its two CONTEXTs are no weight on the stack of a vectored handler (a Go fault is taken on
 * a goroutine stack of a few KiB). */
static __attribute__((noinline)) BOOL dispatch_to_frames(EXCEPTION_RECORD *rec, CONTEXT *orig)
{
    CONTEXT context = *orig, next;
    DISPATCHER_CONTEXT dispatch;
    struct frame_info info;
    ULONG64 nested_frame = 0;

    while (context.Rip)
    {
        next = context;
        if (!unwind_frame(UNW_FLAG_EHANDLER, &next, &info)) break;
        if (!frame_in_stack(info.frame))
        {
            rec->ExceptionFlags |= EH_STACK_INVALID;
            break;
        }
        if (info.handler)
        {
            fill_dispatch(&dispatch, &info, &context, 0);
            switch (call_exception_handler(rec, (void *)info.frame, orig, &dispatch, info.handler))
            {
            case ExceptionContinueExecution:
                if (rec->ExceptionFlags & EH_NONCONTINUABLE) raise_noncontinuable(rec);
                return TRUE;
            case ExceptionContinueSearch:
                break;
            case ExceptionNestedException:
                rec->ExceptionFlags |= EH_NESTED_CALL;
                if (dispatch.EstablisherFrame > nested_frame) nested_frame = dispatch.EstablisherFrame;
                break;
            default:
                raise_status_for(STATUS_INVALID_DISPOSITION, rec);
            }
            if (nested_frame == info.frame)
            {
                rec->ExceptionFlags &= ~EH_NESTED_CALL;
                nested_frame = 0;
            }
        }
        context = next;
    }
    return FALSE;
}

/* ------------------------------------------------------------------ dispatch */

static BOOL dispatch(EXCEPTION_RECORD *rec, CONTEXT *context)
{
    EXCEPTION_POINTERS pointers = { rec, context };
    BOOL handled = call_vectored_handlers(&exception_handlers, &pointers) == EXCEPTION_CONTINUE_EXECUTION;

    if (handled && (rec->ExceptionFlags & EH_NONCONTINUABLE)) raise_noncontinuable(rec);
    if (!handled) handled = dispatch_to_frames(rec, context);
    if (call_vectored_handlers(&continue_handlers, &pointers) == EXCEPTION_CONTINUE_EXECUTION) handled = TRUE;
    return handled;
}

/* What nothing handled: the filter of the thread's outermost frame, then the end. */
static void __attribute__((noreturn)) unhandled(EXCEPTION_RECORD *rec, CONTEXT *context)
{
    EXCEPTION_POINTERS pointers = { rec, context };

    if (unhandled_filter && unhandled_filter(&pointers) == EXCEPTION_CONTINUE_EXECUTION &&
        !(rec->ExceptionFlags & EH_NONCONTINUABLE))
        wring_restore_context(context);
    wring_unhandled_exception(rec);
}

/* Called by wring_exception_entry (context.S) for a hardware fault. */
void WINAPI wring_dispatch_exception(EXCEPTION_RECORD *rec, CONTEXT *context)
{
    if (dispatch(rec, context)) wring_restore_context(context);
    unhandled(rec, context);
}

NTSTATUS WINAPI NtRaiseException(EXCEPTION_RECORD *rec, CONTEXT *context, BOOL first_chance)
{
    if (first_chance) wring_dispatch_exception(rec, context);
    unhandled(rec, context);
}

/* A kernel-to-user callback returns through here; Wring's Unix side never calls user mode that
 * way (it has no win32k), so no callback is ever active. */
NTSTATUS WINAPI NtCallbackReturn(void *result, ULONG length, NTSTATUS status)
{
    (void)result; (void)length; (void)status;
    return STATUS_NO_CALLBACK_ACTIVE;
}

NTSTATUS WINAPI NtContinue(CONTEXT *context, BOOLEAN alert)
{
    if (alert) NtTestAlert();
    wring_restore_context(context);
}

/* The raiser's context is its caller's: the exception is where RtlRaiseException was called. */
void WINAPI RtlRaiseException(EXCEPTION_RECORD *rec)
{
    struct frame_info info;
    CONTEXT context;

    RtlCaptureContext(&context);
    unwind_frame(UNW_FLAG_NHANDLER, &context, &info);
    rec->ExceptionAddress = (void *)context.Rip;
    NtRaiseException(rec, &context, TRUE);
}

/* ------------------------------------------------------------------ unwinding */

/* msvcrt's _JUMP_BUFFER: what longjmp's unwind restores in the target frame. */
struct jump_buffer
{
    ULONG64 Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
    ULONG MxCsr;
    USHORT FpCsr, Spare;
    M128A Xmm[10];      /* xmm6-xmm15 */
};

void WINAPI RtlRestoreContext(CONTEXT *context, EXCEPTION_RECORD *rec)
{
    if (rec && rec->ExceptionCode == STATUS_LONGJUMP && rec->NumberParameters >= 1)
    {
        const struct jump_buffer *jmp = (const struct jump_buffer *)rec->ExceptionInformation[0];
        context->Rbx = jmp->Rbx; context->Rsp = jmp->Rsp; context->Rbp = jmp->Rbp;
        context->Rsi = jmp->Rsi; context->Rdi = jmp->Rdi; context->R12 = jmp->R12;
        context->R13 = jmp->R13; context->R14 = jmp->R14; context->R15 = jmp->R15;
        context->Rip = jmp->Rip;
        memcpy(&context->Xmm6, jmp->Xmm, sizeof(jmp->Xmm));
        context->MxCsr = jmp->MxCsr;
        context->FltSave.MxCsr = jmp->MxCsr;
        context->FltSave.ControlWord = jmp->FpCsr;
    }
    else if (rec && rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters >= 1)
    {
        /* a C++ catch block: the callback runs it and answers where execution goes on */
        wring_call_consolidate(context, rec);
    }
    wring_restore_context(context);
}

/*
 * Calls the unwind handler of every frame from the caller's up to target_frame (all of them
 * with no target: an exit unwind), then resumes target_frame's function at target_ip with Rax
 * holding retval.  The target frame's handler sees EH_TARGET_UNWIND and the CONTEXT that will
 * be resumed, which it may change (a C++ personality puts the exception in Rdx).
 */
void WINAPI RtlUnwindEx(void *target_frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval,
                        CONTEXT *context, UNWIND_HISTORY_TABLE *history)
{
    EXCEPTION_RECORD local_rec;
    DISPATCHER_CONTEXT dispatch;
    struct frame_info info;
    CONTEXT local_context, next;
    EXCEPTION_DISPOSITION result;

    (void)history;
    if (!context) context = &local_context;
    RtlCaptureContext(context);
    unwind_frame(UNW_FLAG_NHANDLER, context, &info);   /* this function's own frame */
    if (!rec)
    {
        local_rec = (EXCEPTION_RECORD){ .ExceptionCode = STATUS_UNWIND, .ExceptionAddress = (void *)context->Rip };
        rec = &local_rec;
    }
    rec->ExceptionFlags |= target_frame ? EH_UNWINDING : EH_UNWINDING | EH_EXIT_UNWIND;

    for (;;)
    {
        next = *context;
        if (!next.Rip || !unwind_frame(UNW_FLAG_UHANDLER, &next, &info) || !frame_in_stack(info.frame))
            raise_status_for(target_frame ? STATUS_INVALID_UNWIND_TARGET : STATUS_BAD_STACK, rec);
        if (target_frame && info.frame > (ULONG64)target_frame)
            raise_status_for(STATUS_INVALID_UNWIND_TARGET, rec);
        if (info.frame == (ULONG64)target_frame) rec->ExceptionFlags |= EH_TARGET_UNWIND;
        if (info.handler)
        {
            fill_dispatch(&dispatch, &info, context, (ULONG64)target_ip);
            while ((result = call_unwind_handler(rec, (void *)dispatch.EstablisherFrame, context, &dispatch,
                                                 dispatch.LanguageHandler)) == ExceptionCollidedUnwind)
            {
                /* go on from the frame the earlier unwind was in, calling its handler again */
                *context = *dispatch.ContextRecord;
                dispatch.ContextRecord = context;
                next = *context;
                RtlVirtualUnwind(UNW_FLAG_NHANDLER, dispatch.ImageBase, dispatch.ControlPc, dispatch.FunctionEntry,
                                 &next, &info.handler_data, &info.frame, NULL);
                rec->ExceptionFlags |= EH_COLLIDED_UNWIND;
                if (info.frame == (ULONG64)target_frame) rec->ExceptionFlags |= EH_TARGET_UNWIND;
            }
            if (result != ExceptionContinueSearch) raise_status_for(STATUS_INVALID_DISPOSITION, rec);
            rec->ExceptionFlags &= ~EH_COLLIDED_UNWIND;
        }
        if (info.frame == (ULONG64)target_frame) break;
        *context = next;
    }
    context->Rax = (ULONG64)retval;
    context->Rip = (ULONG64)target_ip;
    RtlRestoreContext(context, rec);
}

void WINAPI RtlUnwind(void *target_frame, void *target_ip, EXCEPTION_RECORD *rec, void *retval)
{
    RtlUnwindEx(target_frame, target_ip, rec, retval, NULL, NULL);
}

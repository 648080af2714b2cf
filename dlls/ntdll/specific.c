/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The language handler of C __try/__except/__finally on x64.  It lives in ntdll, as on
 * Windows, and kernel32's and msvcrt's exports of it are forwarders: programs import it
 * from either (Wine's tests take kernel32's).
 */
#include "ntdll_private.h"

struct scope_record
{
    DWORD begin;     /* RVA range of the __try body */
    DWORD end;
    DWORD handler;   /* filter (or 1 = EXCEPTION_EXECUTE_HANDLER), or the __finally body */
    DWORD target;    /* __except body; 0 marks a __finally */
};

struct scope_table
{
    DWORD count;
    struct scope_record records[1];
};

typedef LONG (*scope_filter)(EXCEPTION_POINTERS *ptrs, void *frame);
typedef void (*scope_finally)(BOOLEAN abnormal, void *frame);

EXCEPTION_DISPOSITION __cdecl __C_specific_handler(EXCEPTION_RECORD *rec, void *frame,
                                                    CONTEXT *context, DISPATCHER_CONTEXT *dispatch)
{
    const struct scope_table *table = dispatch->HandlerData;
    ULONG64 base = dispatch->ImageBase;
    ULONG64 pc = dispatch->ControlPc - base;
    DWORD i;

    if (rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND))
    {
        ULONG64 target = dispatch->TargetIp - base;

        for (i = dispatch->ScopeIndex; i < table->count; i++)
        {
            const struct scope_record *r = &table->records[i];

            if (pc < r->begin || pc >= r->end) continue;
            /* In the frame being unwound to, stop at the scope we are jumping into. */
            if (rec->ExceptionFlags & EH_TARGET_UNWIND)
            {
                if (r->target && r->target == target) break;
                if (target >= r->begin && target < r->end) break;
            }
            if (r->target) continue;
            /* Record progress first: a nested unwind started inside the __finally resumes after it. */
            dispatch->ScopeIndex = i + 1;
            ((scope_finally)(base + r->handler))(TRUE, frame);
        }
        return ExceptionContinueSearch;
    }

    for (i = dispatch->ScopeIndex; i < table->count; i++)
    {
        const struct scope_record *r = &table->records[i];
        LONG result;

        if (pc < r->begin || pc >= r->end || !r->target) continue;
        if (r->handler == EXCEPTION_EXECUTE_HANDLER) result = EXCEPTION_EXECUTE_HANDLER;
        else
        {
            EXCEPTION_POINTERS ptrs = { rec, context };
            result = ((scope_filter)(base + r->handler))(&ptrs, frame);
        }
        if (result < 0) return ExceptionContinueExecution;
        if (result > 0)
        {
            RtlUnwindEx(frame, (void *)(base + r->target), rec, (void *)(ULONG_PTR)rec->ExceptionCode,
                        dispatch->ContextRecord, dispatch->HistoryTable);
        }
    }
    return ExceptionContinueSearch;
}

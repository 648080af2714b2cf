/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NtGetContextThread and NtSetContextThread: the registers of a thread that
 * SuspendThread stopped.  One stopped in PE code waits in its suspend signal
 * handler (thread.c), so its registers are the signal frame's; changes made
 * there take effect when it is resumed, which is how the Go runtime preempts
 * a goroutine (it moves the thread's Rip to its asyncPreempt).  A thread in
 * Wring's Unix code runs no program code until it returns: its context is
 * where it entered (the call site in ntdll.dll and the stack there), and it
 * cannot be changed.
 */
#include <sched.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include "private.h"

/* Windows x64's user-mode selectors */
#define USER_CS 0x33
#define USER_SS 0x2b
#define USER_FS 0x53

/* Windows' selectors.  The threads hold the same ds and es (thread_init_registers loads
 * them); fs and gs cannot be loaded, since GS's base is the TEB through arch_prctl and a
 * selector load would reset it, so the registers say 0 there. */
static void fill_segments(CONTEXT *context)
{
    context->SegCs = USER_CS;
    context->SegSs = context->SegDs = context->SegEs = context->SegGs = USER_SS;
    context->SegFs = USER_FS;
}

/* The registers of a signal frame as a CONTEXT: a suspended thread's for GetThreadContext, a
 * faulting one's for the exception dispatcher (signal.c). */
void context_from_signal(CONTEXT *context, const ucontext_t *uc, DWORD flags)
{
    const greg_t *r = uc->uc_mcontext.gregs;

    if (flags & CONTEXT_SEGMENTS & ~CONTEXT_AMD64) fill_segments(context);
    if (flags & CONTEXT_CONTROL & ~CONTEXT_AMD64)
    {
        context->Rip = r[REG_RIP];
        context->Rsp = r[REG_RSP];
        context->EFlags = (DWORD)r[REG_EFL];
        context->SegCs = USER_CS;
        context->SegSs = USER_SS;
    }
    if (flags & CONTEXT_INTEGER & ~CONTEXT_AMD64)
    {
        context->Rax = r[REG_RAX]; context->Rcx = r[REG_RCX]; context->Rdx = r[REG_RDX];
        context->Rbx = r[REG_RBX]; context->Rbp = r[REG_RBP]; context->Rsi = r[REG_RSI];
        context->Rdi = r[REG_RDI]; context->R8 = r[REG_R8]; context->R9 = r[REG_R9];
        context->R10 = r[REG_R10]; context->R11 = r[REG_R11]; context->R12 = r[REG_R12];
        context->R13 = r[REG_R13]; context->R14 = r[REG_R14]; context->R15 = r[REG_R15];
    }
    /* the kernel's FXSAVE area has XMM_SAVE_AREA32's layout */
    if ((flags & CONTEXT_FLOATING_POINT & ~CONTEXT_AMD64) && uc->uc_mcontext.fpregs)
    {
        memcpy(&context->FltSave, uc->uc_mcontext.fpregs, sizeof(context->FltSave));
        context->MxCsr = context->FltSave.MxCsr;
    }
}

static void context_to_signal(ucontext_t *uc, const CONTEXT *context)
{
    greg_t *r = uc->uc_mcontext.gregs;
    DWORD flags = context->ContextFlags;

    if (flags & CONTEXT_CONTROL & ~CONTEXT_AMD64)
    {
        r[REG_RIP] = context->Rip;
        r[REG_RSP] = context->Rsp;
        r[REG_EFL] = context->EFlags;
    }
    if (flags & CONTEXT_INTEGER & ~CONTEXT_AMD64)
    {
        r[REG_RAX] = context->Rax; r[REG_RCX] = context->Rcx; r[REG_RDX] = context->Rdx;
        r[REG_RBX] = context->Rbx; r[REG_RBP] = context->Rbp; r[REG_RSI] = context->Rsi;
        r[REG_RDI] = context->Rdi; r[REG_R8] = context->R8; r[REG_R9] = context->R9;
        r[REG_R10] = context->R10; r[REG_R11] = context->R11; r[REG_R12] = context->R12;
        r[REG_R13] = context->R13; r[REG_R14] = context->R14; r[REG_R15] = context->R15;
    }
    if ((flags & CONTEXT_FLOATING_POINT & ~CONTEXT_AMD64) && uc->uc_mcontext.fpregs)
        memcpy(uc->uc_mcontext.fpregs, &context->FltSave, sizeof(context->FltSave));
}

/* A thread SuspendThread asked to stop: wait until it has (in PE code) or cannot run program
 * code anyway (in Unix code).  A second at most: the signal is delivered at once. */
static void wait_until_still(struct thread *thread)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (atomic_load(&thread->suspend_count) > 0 && !atomic_load(&thread->stopped) &&
           !atomic_load(&thread->in_unix) && !thread->terminated)
    {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec > 1) break;
        sched_yield();
    }
}

NTSTATUS WINAPI NtGetContextThread(HANDLE handle, CONTEXT *context)
{
    struct thread *thread;
    CONTEXT out;
    NTSTATUS status = STATUS_SUCCESS;
    DWORD flags;

    if (!read_user(&flags, &context->ContextFlags, sizeof(flags))) return STATUS_ACCESS_VIOLATION;
    if ((status = handle_ref(handle, &thread_ops, (struct object **)&thread))) return status;
    memset(&out, 0, sizeof(out));
    out.ContextFlags = flags;
    if (flags & CONTEXT_SEGMENTS & ~CONTEXT_AMD64) fill_segments(&out);
    if (thread != current_thread) wait_until_still(thread);
    if (thread != current_thread && atomic_load(&thread->stopped) && thread->stopped_uc)
        context_from_signal(&out, thread->stopped_uc, flags);
    else if (thread == current_thread || atomic_load(&thread->in_unix))
    {
        /* the program's code is where it called into Wring */
        if (flags & CONTEXT_CONTROL & ~CONTEXT_AMD64)
        {
            out.Rip = (ULONG_PTR)thread->unix_entry_pc;
            out.Rsp = (ULONG_PTR)thread->unix_entry_sp;
            out.EFlags = 0x202;
        }
    }
    else
    {
        /* running PE code, not suspended: there is no stopped frame to read */
        TRACE(STUB, "NtGetContextThread: thread %#x is running", (unsigned)thread->tid);
        status = STATUS_UNSUCCESSFUL;
    }
    if (!status && (flags & CONTEXT_CONTROL & ~CONTEXT_AMD64)) out.SegCs = USER_CS, out.SegSs = USER_SS;
    object_release(&thread->obj);
    if (status) return status;
    /* the caller's CONTEXT gets the parts it asked for */
    if (!write_user(context, &out, sizeof(out))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSetContextThread(HANDLE handle, const CONTEXT *context)
{
    struct thread *thread;
    NTSTATUS status;
    CONTEXT in;

    if (!read_user(&in, context, sizeof(in))) return STATUS_ACCESS_VIOLATION;
    if ((status = handle_ref(handle, &thread_ops, (struct object **)&thread))) return status;
    if (thread != current_thread) wait_until_still(thread);
    if (thread != current_thread && atomic_load(&thread->stopped) && thread->stopped_uc)
        context_to_signal(thread->stopped_uc, &in);
    else
    {
        /* the calling thread itself, or one in Unix code: nothing to change the registers in */
        TRACE(STUB, "NtSetContextThread: thread %#x is not stopped in program code", (unsigned)thread->tid);
        status = STATUS_NOT_IMPLEMENTED;
    }
    object_release(&thread->obj);
    return status;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * RtlCaptureContext(CONTEXT *rcx): the caller's registers as they are after the call
 * returns: Rip is the return address, Rsp the stack pointer above it.  Offsets are those of
 * the x86-64 CONTEXT.
 */
    .text
    .globl RtlCaptureContext
    .def RtlCaptureContext; .scl 2; .type 32; .endef
RtlCaptureContext:
    pushfq
    movq %rax, 0x78(%rcx)
    movq %rcx, 0x80(%rcx)
    movq %rdx, 0x88(%rcx)
    movq %rbx, 0x90(%rcx)
    leaq 16(%rsp), %rax             /* above the flags and the return address */
    movq %rax, 0x98(%rcx)
    movq %rbp, 0xa0(%rcx)
    movq %rsi, 0xa8(%rcx)
    movq %rdi, 0xb0(%rcx)
    movq %r8, 0xb8(%rcx)
    movq %r9, 0xc0(%rcx)
    movq %r10, 0xc8(%rcx)
    movq %r11, 0xd0(%rcx)
    movq %r12, 0xd8(%rcx)
    movq %r13, 0xe0(%rcx)
    movq %r14, 0xe8(%rcx)
    movq %r15, 0xf0(%rcx)
    movq 8(%rsp), %rax
    movq %rax, 0xf8(%rcx)           /* Rip */
    movl (%rsp), %eax
    movl %eax, 0x44(%rcx)           /* EFlags */
    movw %cs, 0x38(%rcx)
    movw %ds, 0x3a(%rcx)
    movw %es, 0x3c(%rcx)
    movw %fs, 0x3e(%rcx)
    movw %gs, 0x40(%rcx)
    movw %ss, 0x42(%rcx)
    fxsave 0x100(%rcx)              /* FltSave: the CONTEXT is 16-byte aligned */
    stmxcsr 0x34(%rcx)
    movl $0x10001f, 0x30(%rcx)      /* CONTEXT_CONTROL | INTEGER | SEGMENTS | FLOATING_POINT */
    movq 0x78(%rcx), %rax
    popfq
    ret

/*
 * wring_restore_context(const CONTEXT *rcx): loads every register of the CONTEXT and goes on
 * at its Rip, as NtContinue does.  Rip, Rcx and EFlags travel through the 24 bytes below the
 * target Rsp, which hold nothing: x64 Windows code keeps no data below its stack pointer.
 */
    .globl wring_restore_context
    .def wring_restore_context; .scl 2; .type 32; .endef
wring_restore_context:
    movq 0x98(%rcx), %rax           /* target Rsp */
    movq 0xf8(%rcx), %rdx
    movq %rdx, -8(%rax)             /* Rip, for the ret */
    movq 0x80(%rcx), %rdx
    movq %rdx, -16(%rax)            /* Rcx, for the pop */
    movl 0x44(%rcx), %edx
    movq %rdx, -24(%rax)            /* EFlags, for the popfq */
    testl $0x8, 0x30(%rcx)          /* CONTEXT_FLOATING_POINT */
    jz 1f
    fxrstor 0x100(%rcx)
    ldmxcsr 0x34(%rcx)
1:  movq 0x78(%rcx), %rax
    movq 0x88(%rcx), %rdx
    movq 0x90(%rcx), %rbx
    movq 0xa0(%rcx), %rbp
    movq 0xa8(%rcx), %rsi
    movq 0xb0(%rcx), %rdi
    movq 0xb8(%rcx), %r8
    movq 0xc0(%rcx), %r9
    movq 0xc8(%rcx), %r10
    movq 0xd0(%rcx), %r11
    movq 0xd8(%rcx), %r12
    movq 0xe0(%rcx), %r13
    movq 0xe8(%rcx), %r14
    movq 0xf0(%rcx), %r15
    movq 0x98(%rcx), %rsp
    subq $24, %rsp
    popfq
    popq %rcx
    ret

/*
 * Where a hardware fault goes on: the Unix side's signal handler built this frame below the
 * faulting stack pointer and pointed Rip here.
 *   0x000  shadow space for the call
 *   0x030  CONTEXT of the fault
 *   0x500  EXCEPTION_RECORD
 *   0x5a0  machine frame: Rip, CS, EFlags, Rsp, SS of the fault
 * The unwind data says so (a machine frame, the frame allocated below it, the nonvolatile
 * registers in the CONTEXT), so an unwind that starts in a handler walks on into the frames
 * that faulted, as it does through Windows' KiUserExceptionDispatcher.
 */
/* The unwind data of a frame holding a CONTEXT at 0x30 and a machine frame at 0x5a0: its
 * caller is the CONTEXT's Rip and Rsp, with the CONTEXT's nonvolatile registers. */
    .macro context_frame_prologue
    .seh_pushframe
    .seh_stackalloc 0x5a0
    .seh_savereg %rbx, 0xc0
    .seh_savereg %rbp, 0xd0
    .seh_savereg %rsi, 0xd8
    .seh_savereg %rdi, 0xe0
    .seh_savereg %r12, 0x108
    .seh_savereg %r13, 0x110
    .seh_savereg %r14, 0x118
    .seh_savereg %r15, 0x120
    .seh_endprologue
    .endm

    .globl wring_exception_entry
    .def wring_exception_entry; .scl 2; .type 32; .endef
    .seh_proc wring_exception_entry
    context_frame_prologue
wring_exception_entry:
    leaq 0x500(%rsp), %rcx
    leaq 0x30(%rsp), %rdx
    call wring_dispatch_exception
    int3
    .seh_endproc

/*
 * wring_call_consolidate(CONTEXT *rcx, EXCEPTION_RECORD *rdx): RtlRestoreContext's
 * STATUS_UNWIND_CONSOLIDATE.  The callback (ExceptionInformation[0], a C++ catch block) runs
 * in a frame built as wring_exception_entry's, holding the CONTEXT being restored: an
 * exception the catch block raises walks from it straight to the frame the unwind reached,
 * not into the frames already unwound below.  The callback answers where that CONTEXT goes on.
 */
    .globl wring_call_consolidate
    .def wring_call_consolidate; .scl 2; .type 32; .endef
wring_call_consolidate:
    movq %rcx, %r8
    movq %rdx, %r9
    subq $0x5c8, %rsp
    andq $-16, %rsp
    movq %r8, %rsi
    leaq 0x30(%rsp), %rdi
    movl $0x9a, %ecx                /* sizeof(CONTEXT) / 8 */
    cld
    rep movsq
    movq 0xf8(%r8), %rax
    movq %rax, 0x5a0(%rsp)          /* machine frame: Rip */
    movq 0x98(%r8), %rax
    movq %rax, 0x5b8(%rsp)          /* machine frame: Rsp */
    movq %r9, %rcx
    jmp consolidate_frame
    .seh_proc consolidate_frame
    context_frame_prologue
consolidate_frame:
    call *0x20(%rcx)                /* ExceptionInformation[0](rec) */
    movq %rax, 0x128(%rsp)          /* the CONTEXT's Rip */
    leaq 0x30(%rsp), %rcx
    call wring_restore_context
    int3
    .seh_endproc

/*
 * EXCEPTION_DISPOSITION call_exception_handler(rec, frame, context, dispatch, handler) and
 * call_unwind_handler(...): call a frame's language handler.  Each keeps the dispatcher
 * context at its establisher frame + 0x30 for its own handler, which tells a dispatch or an
 * unwind that runs into it that it met the one in progress (a nested exception, a collided
 * unwind).
 */
    .macro handler_call name, own_handler, kind
    .globl \name
    .def \name; .scl 2; .type 32; .endef
    .seh_proc \name
\name:
    subq $0x38, %rsp
    .seh_stackalloc 0x38
    .seh_handler \own_handler, \kind
    .seh_endprologue
    movq %r9, 0x30(%rsp)
    call *0x60(%rsp)
    nop
    addq $0x38, %rsp
    ret
    .seh_endproc
    .endm

    handler_call call_exception_handler, nested_exception_handler, @except
    handler_call call_unwind_handler, collided_unwind_handler, @unwind

/*
 * DbgBreakPoint and DbgUserBreakPoint (kernel32's DebugBreak): a breakpoint exception at the
 * int3, which a handler may step over to return.
 */
    .globl DbgBreakPoint
    .def DbgBreakPoint; .scl 2; .type 32; .endef
DbgBreakPoint:
    .globl DbgUserBreakPoint
    .def DbgUserBreakPoint; .scl 2; .type 32; .endef
DbgUserBreakPoint:
    int3
    ret

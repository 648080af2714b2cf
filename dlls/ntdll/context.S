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

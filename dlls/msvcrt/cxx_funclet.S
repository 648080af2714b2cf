/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Calls to the funclets the Microsoft compiler emits for C++ functions: each takes the
 * establisher frame of the function it belongs to in rdx.
 *
 * wring_call_funclet(funclet, frame): a cleanup funclet (destructors of one state).
 * wring_call_catch_block(funclet, frame, active_catch): a catch block; returns where the
 * function goes on.  The active catch sits at the establisher frame + 0x30 for this frame's
 * language handler, wring_catch_block_handler (cxx_eh.c), which takes the block off the
 * thread's list when an exception leaves it.
 */
    .text
    .globl wring_call_funclet
    .def wring_call_funclet; .scl 2; .type 32; .endef
    .seh_proc wring_call_funclet
wring_call_funclet:
    subq $0x28, %rsp
    .seh_stackalloc 0x28
    .seh_endprologue
    movq %rcx, %rax
    xorl %ecx, %ecx
    call *%rax
    nop
    addq $0x28, %rsp
    ret
    .seh_endproc

    .globl wring_call_catch_block
    .def wring_call_catch_block; .scl 2; .type 32; .endef
    .seh_proc wring_call_catch_block
wring_call_catch_block:
    subq $0x38, %rsp
    .seh_stackalloc 0x38
    .seh_handler wring_catch_block_handler, @unwind
    .seh_endprologue
    movq %r8, 0x30(%rsp)
    movq %rcx, %rax
    xorl %ecx, %ecx
    call *%rax
    nop
    addq $0x38, %rsp
    ret
    .seh_endproc

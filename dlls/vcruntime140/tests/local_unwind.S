/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * int local_unwind_test(int *finally_count): what MSVC makes of a return from inside a __try
 * with a __finally: _local_unwind(frame, target) runs the __finally and goes on at target, here
 * returning 42 (-1 if _local_unwind came back).  The scope table is __C_specific_handler's:
 * begin, end, the __finally, 0 for no __except target.
 */
    .text
    .globl local_unwind_test
    .def local_unwind_test; .scl 2; .type 32; .endef
    .seh_proc local_unwind_test
local_unwind_test:
    .seh_handler __C_specific_handler, @unwind, @except
    subq $0x38, %rsp
    .seh_stackalloc 0x38
    .seh_endprologue
    movq %rcx, 0x20(%rsp)
.Llu_begin:
    movq %rsp, %rcx
    leaq .Llu_out(%rip), %rdx
    callq _local_unwind
    nop
.Llu_end:
    movl $-1, %eax
    addq $0x38, %rsp
    retq
.Llu_out:
    movl $42, %eax
    addq $0x38, %rsp
    retq
    .seh_handlerdata
    .long 1
    .long .Llu_begin@IMGREL
    .long .Llu_end@IMGREL
    .long local_unwind_finally@IMGREL
    .long 0
    .text
    .seh_endproc

/* the __finally: (abnormal, frame) */
    .def local_unwind_finally; .scl 3; .type 32; .endef
local_unwind_finally:
    movq 0x20(%rdx), %rax
    incl (%rax)
    retq

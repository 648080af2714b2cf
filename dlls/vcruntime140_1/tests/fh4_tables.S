/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Two functions with FH4 tables written by hand, for what the tables clang's code is converted
 * to (tools/fh3-to-fh4) never has: destructors named by the unwind map itself (of an object in
 * the frame, and of one a frame slot points at), the longer integer forms, a separated
 * function's table of instruction-to-state maps, and a catch block with two continuation
 * addresses, of which its funclet returns the index.  The tables sit in .text right after the
 * code, so that the assembler can compute the offsets between its labels.
 *
 * void fh4_destroy_two(void (*thrower)(void)): makes A (in the frame at 0x20) and B (at 0x38,
 *   its address kept at 0x30), then calls thrower; an exception unwinds B, then A.
 * int fh4_catch_continue(void (*thrower)(void), int which): try { thrower(); } catch (...) {}
 *   goes on at one of two addresses, returning 100 + which; -1 when nothing is thrown.
 * void fh4_noexcept(void (*thrower)(void)): a noexcept function calling thrower, which the
 *   terminate test (vcruntime140_1/tests/terminate.cpp) has throw.
 */
    .text

    .globl fh4_destroy_two
    .def fh4_destroy_two; .scl 2; .type 32; .endef
    .seh_proc fh4_destroy_two
fh4_destroy_two:
    .seh_handler __CxxFrameHandler4, @unwind, @except
    pushq %rbx
    .seh_pushreg %rbx
    subq $0x40, %rsp
    .seh_stackalloc 0x40
    .seh_endprologue
    movq %rcx, %rbx
    leaq 0x20(%rsp), %rcx
    callq fh4_make
.Ldt_a_made:
    leaq 0x38(%rsp), %rcx
    movq %rcx, 0x30(%rsp)
    callq fh4_make
.Ldt_b_made:
    callq *%rbx
.Ldt_called:
    nop
    addq $0x40, %rsp
    popq %rbx
    retq
.Ldt_info:
    .byte 0x0a                          /* separated, unwind map */
    .long .Ldt_unwind@IMGREL
    .long .Ldt_pieces@IMGREL
.Ldt_pieces:
    .byte 2                             /* one piece: this function */
    .long fh4_destroy_two@IMGREL
    .long .Ldt_ips@IMGREL
.Ldt_unwind:
    .byte 39, 0, 0, 0                   /* 2 entries, in the 4-byte form */
    .byte 43, 0, 0                      /* state 0: to -1 (back 1), the object's destructor; 3-byte form */
    .long fh4_unmake@IMGREL
    .byte 0x20 * 2                      /* A */
    .byte (8 * 4 + 2) * 2               /* state 1: to state 0 (back 8), the destructor of what 0x30 points at */
    .long fh4_unmake@IMGREL
    .byte 0x30 * 2
.Ldt_ips:
    .byte 4 * 2
    .byte 0, 0                          /* from the start: -1 */
    .byte (.Ldt_a_made + 1 - fh4_destroy_two) * 2, (0 + 1) * 2
    .byte (.Ldt_b_made - .Ldt_a_made) * 2, (1 + 1) * 2
    .byte (.Ldt_called - .Ldt_b_made) * 2, 0
    .seh_handlerdata
    .long .Ldt_info@IMGREL
    .text
    .seh_endproc

    .globl fh4_catch_continue
    .def fh4_catch_continue; .scl 2; .type 32; .endef
    .seh_proc fh4_catch_continue
fh4_catch_continue:
    .seh_handler __CxxFrameHandler4, @unwind, @except
    subq $0x38, %rsp
    .seh_stackalloc 0x38
    .seh_endprologue
    movl %edx, 0x20(%rsp)
.Lcc_try:
    callq *%rcx
.Lcc_after:
    movl $-1, %eax
    addq $0x38, %rsp
    retq
.Lcc_cont0:
    movl $100, %eax
    addq $0x38, %rsp
    retq
.Lcc_cont1:
    movl $101, %eax
    addq $0x38, %rsp
    retq
.Lcc_info:
    .byte 0x18                          /* unwind map, try map */
    .long .Lcc_unwind@IMGREL
    .long .Lcc_tries@IMGREL
    .long .Lcc_ips@IMGREL
.Lcc_unwind:
    .byte 2 * 2
    .byte (1 * 4) * 2                   /* state 0, the try: to -1 */
    .byte (3 * 4) * 2                   /* state 1, the catch block: to -1 */
.Lcc_tries:
    .byte 1 * 2
    .byte 0, 0, 1 * 2                   /* states 0 to 0, catch blocks to 1 */
    .long .Lcc_handlers@IMGREL
.Lcc_handlers:
    .byte 1 * 2
    .byte 0x28                          /* catch (...), two continuation addresses, as RVAs */
    .long fh4_catch_continue_catch@IMGREL
    .long .Lcc_cont0@IMGREL
    .long .Lcc_cont1@IMGREL
.Lcc_ips:
    .byte 3 * 2
    .byte 0, 0
    .byte (.Lcc_try + 1 - fh4_catch_continue) * 2, (0 + 1) * 2
    .byte (.Lcc_after - .Lcc_try) * 2, 0
    .seh_handlerdata
    .long .Lcc_info@IMGREL
    .text
    .seh_endproc

/* the catch block: returns which continuation, read from its parent's frame */
    .def fh4_catch_continue_catch; .scl 3; .type 32; .endef
    .seh_proc fh4_catch_continue_catch
fh4_catch_continue_catch:
    .seh_handler __CxxFrameHandler4, @unwind, @except
    movq %rdx, 0x10(%rsp)
    subq $0x28, %rsp
    .seh_stackalloc 0x28
    .seh_endprologue
    movl 0x20(%rdx), %eax
    addq $0x28, %rsp
    retq
.Lcatch_info:
    .byte 0x01                          /* a catch funclet, no states of its own */
    .long .Lcatch_ips@IMGREL
    .byte 0x38 * 2                      /* where it keeps its parent's frame */
.Lcatch_ips:
    .byte 0
    .seh_handlerdata
    .long .Lcatch_info@IMGREL
    .text
    .seh_endproc

    .globl fh4_noexcept
    .def fh4_noexcept; .scl 2; .type 32; .endef
    .seh_proc fh4_noexcept
fh4_noexcept:
    .seh_handler __CxxFrameHandler4, @unwind, @except
    subq $0x28, %rsp
    .seh_stackalloc 0x28
    .seh_endprologue
    callq *%rcx
    nop
    addq $0x28, %rsp
    retq
.Lne_info:
    .byte 0x40                          /* noexcept, no states */
    .long .Lne_ips@IMGREL
.Lne_ips:
    .byte 0
    .seh_handlerdata
    .long .Lne_info@IMGREL
    .text
    .seh_endproc

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * _setjmp, _setjmpex and longjmp for x86-64 Windows, with mingw-w64's
 * _JUMP_BUFFER layout (setjmp.h):
 *   0x00 Frame  0x08 Rbx  0x10 Rsp  0x18 Rbp  0x20 Rsi  0x28 Rdi
 *   0x30 R12    0x38 R13  0x40 R14  0x48 R15  0x50 Rip
 *   0x58 MxCsr (4)  0x5c FpCsr (2)  0x5e Spare (2)  0x60 Xmm6 ... 0xf0 Xmm15
 * mingw-w64 calls _setjmp(buf, frame) with frame = the caller's frame
 * address; it is stored as Frame, and longjmp (longjmp.c) unwinds to it.
 *
 * restore_jump_buffer restores the registers and jumps, for a buffer with no
 * frame to unwind to.  The buffer may be unaligned: the XMM registers move
 * with movdqu.
 */

#ifdef _WIN32
#define FUNC(name) .globl name; .def name; .scl 2; .type 32; .endef; name:
#else
#define FUNC(name) .globl name; .type name, @function; name:
#endif

    .text
    .p2align 4
FUNC(_setjmp)
FUNC(_setjmpex)
    movq %rdx, 0x00(%rcx)
    movq %rbx, 0x08(%rcx)
    leaq 8(%rsp), %rax          /* the caller's rsp once we have returned */
    movq %rax, 0x10(%rcx)
    movq %rbp, 0x18(%rcx)
    movq %rsi, 0x20(%rcx)
    movq %rdi, 0x28(%rcx)
    movq %r12, 0x30(%rcx)
    movq %r13, 0x38(%rcx)
    movq %r14, 0x40(%rcx)
    movq %r15, 0x48(%rcx)
    movq (%rsp), %rax           /* return address */
    movq %rax, 0x50(%rcx)
    stmxcsr 0x58(%rcx)
    fnstcw 0x5c(%rcx)
    movw $0, 0x5e(%rcx)
    movdqu %xmm6, 0x60(%rcx)
    movdqu %xmm7, 0x70(%rcx)
    movdqu %xmm8, 0x80(%rcx)
    movdqu %xmm9, 0x90(%rcx)
    movdqu %xmm10, 0xa0(%rcx)
    movdqu %xmm11, 0xb0(%rcx)
    movdqu %xmm12, 0xc0(%rcx)
    movdqu %xmm13, 0xd0(%rcx)
    movdqu %xmm14, 0xe0(%rcx)
    movdqu %xmm15, 0xf0(%rcx)
    xorl %eax, %eax
    ret

    .p2align 4
FUNC(restore_jump_buffer)
    movl %edx, %eax
    movq 0x08(%rcx), %rbx
    movq 0x18(%rcx), %rbp
    movq 0x20(%rcx), %rsi
    movq 0x28(%rcx), %rdi
    movq 0x30(%rcx), %r12
    movq 0x38(%rcx), %r13
    movq 0x40(%rcx), %r14
    movq 0x48(%rcx), %r15
    ldmxcsr 0x58(%rcx)
    fnclex
    fldcw 0x5c(%rcx)
    movdqu 0x60(%rcx), %xmm6
    movdqu 0x70(%rcx), %xmm7
    movdqu 0x80(%rcx), %xmm8
    movdqu 0x90(%rcx), %xmm9
    movdqu 0xa0(%rcx), %xmm10
    movdqu 0xb0(%rcx), %xmm11
    movdqu 0xc0(%rcx), %xmm12
    movdqu 0xd0(%rcx), %xmm13
    movdqu 0xe0(%rcx), %xmm14
    movdqu 0xf0(%rcx), %xmm15
    movq 0x10(%rcx), %rsp
    jmpq *0x50(%rcx)

#ifndef _WIN32
    .section .note.GNU-stack,"",@progbits
#endif

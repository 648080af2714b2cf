/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Faults.  One in the program's code becomes the Windows exception the NT
 * kernel would raise for the same trap, dispatched by ntdll on the thread's
 * own stack; one in Wring's own code (outside write_user's probes) ends the
 * process with one line naming where it happened.
 */
#include <link.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include "private.h"

static char alt_stack[65536];

/* set while the Unix side touches program memory that may be invalid (write_user) */
static __thread sigjmp_buf *fault_recover;

/* ntdll.dll's wring_exception_entry (context.S): where a fault in program code goes on */
static void *exception_entry;

/* The executable ranges of the ELF objects (wring, libc, ld.so ...): a fault there is
 * Wring's own, not the program's, and is not dispatched to the program's handlers. */
#define MAX_ELF_RANGES 64
static struct { uintptr_t start, end; } elf_ranges[MAX_ELF_RANGES];
static int elf_range_count;

const char *loader_describe_address(const void *addr, char *buf, size_t size);

static int add_elf_ranges(struct dl_phdr_info *info, size_t size, void *ctx)
{
    (void)size; (void)ctx;
    for (int i = 0; i < info->dlpi_phnum && elf_range_count < MAX_ELF_RANGES; i++)
    {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
        elf_ranges[elf_range_count].start = info->dlpi_addr + ph->p_vaddr;
        elf_ranges[elf_range_count].end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        elf_range_count++;
    }
    return 0;
}

static bool in_elf_code(uintptr_t pc)
{
    for (int i = 0; i < elf_range_count; i++)
        if (pc >= elf_ranges[i].start && pc < elf_ranges[i].end) return true;
    return false;
}

void signal_set_exception_entry(void *entry)
{
    exception_entry = entry;
}

/* x86 trap numbers the kernel reports in the signal frame */
enum { TRAP_DE = 0, TRAP_DB = 1, TRAP_BP = 3, TRAP_OF = 4, TRAP_BR = 5, TRAP_UD = 6, TRAP_MF = 16,
       TRAP_AC = 17, TRAP_XM = 19, TRAP_GP = 13, TRAP_PF = 14 };

/* An instruction only the kernel may execute, after any prefixes: a general protection fault
 * from one of these is STATUS_PRIVILEGED_INSTRUCTION on Windows, any other an access violation. */
static bool is_privileged(const unsigned char *pc)
{
    unsigned char code[16];
    int i = 0;

    if (!read_user(code, pc, sizeof(code)) && !read_user(code, pc, 2)) return false;
    while (i < 14 && (code[i] == 0x66 || code[i] == 0x67 || code[i] == 0xf2 || code[i] == 0xf3 ||
                      (code[i] & 0xf0) == 0x40))
        i++;
    switch (code[i])
    {
    case 0xf4:                              /* hlt */
    case 0xfa: case 0xfb:                   /* cli, sti */
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:
    case 0xec: case 0xed: case 0xee: case 0xef:
    case 0x6c: case 0x6d: case 0x6e: case 0x6f: /* in, out, ins, outs */
        return true;
    case 0x0f:
        switch (code[i + 1])
        {
        case 0x06: case 0x08: case 0x09:    /* clts, invd, wbinvd */
        case 0x20: case 0x21: case 0x22: case 0x23: /* mov to or from control and debug registers */
        case 0x30: case 0x32:               /* wrmsr, rdmsr */
            return true;
        case 0x01:                          /* lgdt, lidt, lmsw, invlpg, swapgs ... */
            return ((code[i + 2] >> 3) & 7) == 2 || ((code[i + 2] >> 3) & 7) == 3 ||
                   ((code[i + 2] >> 3) & 7) == 6 || ((code[i + 2] >> 3) & 7) == 7;
        }
    }
    return false;
}

/* Windows x64 names an SSE exception by the first raised, unmasked flag of MXCSR, in the
 * processor's priority order (Wine 8.0 agrees; 32-bit Windows says "multiple traps"). */
static NTSTATUS simd_exception(unsigned int mxcsr)
{
    unsigned int raised = mxcsr & ~(mxcsr >> 7) & 0x3f;

    if (raised & 0x01) return STATUS_FLOAT_INVALID_OPERATION;
    if (raised & 0x02) return STATUS_FLOAT_DENORMAL_OPERAND;
    if (raised & 0x04) return STATUS_FLOAT_DIVIDE_BY_ZERO;
    if (raised & 0x08) return STATUS_FLOAT_OVERFLOW;
    if (raised & 0x10) return STATUS_FLOAT_UNDERFLOW;
    return STATUS_FLOAT_INEXACT_RESULT;
}

static NTSTATUS x87_exception(const siginfo_t *info)
{
    switch (info->si_code)
    {
    case FPE_FLTDIV: return STATUS_FLOAT_DIVIDE_BY_ZERO;
    case FPE_FLTOVF: return STATUS_FLOAT_OVERFLOW;
    case FPE_FLTUND: return STATUS_FLOAT_UNDERFLOW;
    case FPE_FLTRES: return STATUS_FLOAT_INEXACT_RESULT;
    case FPE_FLTSUB: return STATUS_ARRAY_BOUNDS_EXCEEDED;
    default: return STATUS_FLOAT_INVALID_OPERATION;
    }
}

/* The Windows exception a signal is: code, address and parameters, as the NT kernel reports
 * the same trap. */
static void exception_from_signal(int sig, const siginfo_t *info, const ucontext_t *uc, EXCEPTION_RECORD *rec)
{
    const greg_t *r = uc->uc_mcontext.gregs;
    ULONG64 err = r[REG_ERR];

    memset(rec, 0, sizeof(*rec));
    rec->ExceptionAddress = (void *)r[REG_RIP];
    switch (r[REG_TRAPNO])
    {
    case TRAP_PF:
        rec->ExceptionCode = STATUS_ACCESS_VIOLATION;
        rec->NumberParameters = 2;
        /* the page fault error code: bit 1 a write, bit 4 an instruction fetch */
        rec->ExceptionInformation[0] = (err & 0x10) ? EXCEPTION_EXECUTE_FAULT : (err & 2) ? EXCEPTION_WRITE_FAULT
                                                                                        : EXCEPTION_READ_FAULT;
        rec->ExceptionInformation[1] = (ULONG_PTR)info->si_addr;
        break;
    case TRAP_GP:
        /* err holds the vector for a software interrupt through a gate user mode may not use */
        if ((err & 7) == 2 && (err >> 3) == 0x29)
        {
            rec->ExceptionCode = STATUS_STACK_BUFFER_OVERRUN;
            rec->ExceptionFlags = EH_NONCONTINUABLE;
            rec->NumberParameters = 1;
            rec->ExceptionInformation[0] = r[REG_RCX];
        }
        else if ((err & 7) == 2 && (err >> 3) == 0x2c)
        {
            rec->ExceptionCode = STATUS_ASSERTION_FAILURE;
        }
        else if ((err & 7) == 2 && (err >> 3) == 0x2d)
        {
            rec->ExceptionCode = STATUS_BREAKPOINT;
            rec->NumberParameters = 1;
            rec->ExceptionInformation[0] = r[REG_RAX];
        }
        else if (!err && is_privileged((const unsigned char *)r[REG_RIP]))
            rec->ExceptionCode = STATUS_PRIVILEGED_INSTRUCTION;
        else
        {
            /* a non-canonical address or a bad selector: Windows cannot say which address */
            rec->ExceptionCode = STATUS_ACCESS_VIOLATION;
            rec->NumberParameters = 2;
            rec->ExceptionInformation[1] = ~(ULONG_PTR)0;
        }
        break;
    case TRAP_AC: rec->ExceptionCode = STATUS_DATATYPE_MISALIGNMENT; break;
    case TRAP_DE: rec->ExceptionCode = STATUS_INTEGER_DIVIDE_BY_ZERO; break;
    case TRAP_OF: rec->ExceptionCode = STATUS_INTEGER_OVERFLOW; break;
    case TRAP_BR: rec->ExceptionCode = STATUS_ARRAY_BOUNDS_EXCEEDED; break;
    case TRAP_UD: rec->ExceptionCode = STATUS_ILLEGAL_INSTRUCTION; break;
    case TRAP_MF: rec->ExceptionCode = x87_exception(info); break;
    case TRAP_XM:
    {
        unsigned int mxcsr = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->mxcsr : 0;
        rec->ExceptionCode = simd_exception(mxcsr);
        rec->NumberParameters = 2;
        rec->ExceptionInformation[1] = mxcsr;
        break;
    }
    case TRAP_BP:
        /* the trap leaves Rip after the int3: Windows reports the int3 itself */
        rec->ExceptionAddress = (char *)rec->ExceptionAddress - 1;
        rec->ExceptionCode = STATUS_BREAKPOINT;
        rec->NumberParameters = 1;
        break;
    case TRAP_DB: rec->ExceptionCode = STATUS_SINGLE_STEP; break;
    default:
        /* a signal sent rather than a trap (kill -SEGV): what its number says */
        rec->ExceptionCode = sig == SIGILL ? STATUS_ILLEGAL_INSTRUCTION :
                             sig == SIGFPE ? STATUS_FLOAT_INVALID_OPERATION :
                             sig == SIGTRAP ? STATUS_BREAKPOINT : STATUS_ACCESS_VIOLATION;
        break;
    }
}

/* The frame wring_exception_entry expects below the faulting stack pointer (context.S) */
struct exception_frame
{
    ULONG64 shadow[6];
    CONTEXT context;                    /* 0x030 */
    EXCEPTION_RECORD rec;               /* 0x500 */
    ULONG64 pad;
    struct { ULONG64 rip, cs, eflags, rsp, ss; } machine;   /* 0x5a0 */
};
_Static_assert(offsetof(struct exception_frame, context) == 0x30, "CONTEXT offset");
_Static_assert(offsetof(struct exception_frame, rec) == 0x500, "EXCEPTION_RECORD offset");
_Static_assert(offsetof(struct exception_frame, machine) == 0x5a0, "machine frame offset");

/* Makes the signal return into ntdll's dispatcher on the thread's own stack, as the NT kernel
 * hands a trap to KiUserExceptionDispatcher.  False when that stack has no room for the frame. */
static bool raise_in_program(ucontext_t *uc, const EXCEPTION_RECORD *rec)
{
    greg_t *r = uc->uc_mcontext.gregs;
    struct exception_frame frame;
    struct exception_frame *dst;

    memset(&frame, 0, sizeof(frame));
    frame.context.ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
    context_from_signal(&frame.context, uc, frame.context.ContextFlags);
    /* int3 traps after itself, and Windows resumes at the int3; a debug service (int 0x2d)
       faults at itself, and Windows resumes after it */
    if (r[REG_TRAPNO] == TRAP_BP) frame.context.Rip--;
    else if (r[REG_TRAPNO] == TRAP_GP && r[REG_ERR] == ((0x2d << 3) | 2)) frame.context.Rip += 2;
    /* the NT kernel clears the trap flag before it hands on a single step: a handler that
       wants the next one sets it again */
    if (rec->ExceptionCode == (DWORD)STATUS_SINGLE_STEP) frame.context.EFlags &= ~0x100u;
    frame.rec = *rec;
    frame.machine.rip = frame.context.Rip;
    frame.machine.cs = frame.context.SegCs;
    frame.machine.eflags = frame.context.EFlags;
    frame.machine.rsp = frame.context.Rsp;
    frame.machine.ss = frame.context.SegSs;
    /* below the red zone a System V leaf function may have, which Windows code never uses but
     * a fault in Wring-called code might */
    dst = (struct exception_frame *)(((uintptr_t)r[REG_RSP] - 128 - sizeof(frame)) & ~(uintptr_t)15);
    /* A frame on the thread's own stack must not land below it (in whatever is mapped there);
     * one on another stack (a Go goroutine's) goes where the stack pointer is, as on Windows. */
    if (thread_stack_contains((void *)r[REG_RSP], 0) && !thread_stack_contains(dst, sizeof(frame))) return false;
    if (!write_user(dst, &frame, sizeof(frame))) return false;
    r[REG_RSP] = (greg_t)dst;
    r[REG_RIP] = (greg_t)exception_entry;
    /* the dispatcher runs as a function does: direction flag clear, no single step, no
     * alignment checks */
    r[REG_EFL] &= ~(greg_t)(0x400 | 0x100 | 0x40000);
    if (uc->uc_mcontext.fpregs)
    {
        /* the CONTEXT keeps the raised floating-point exceptions; the handlers must not meet
         * them again at their first floating-point instruction */
        uc->uc_mcontext.fpregs->mxcsr &= ~0x3fu;
        uc->uc_mcontext.fpregs->swd &= ~0x80ffu;
    }
    return true;
}

static void fault_handler(int sig, siginfo_t *info, void *ctx)
{
    ucontext_t *uc = ctx;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    EXCEPTION_RECORD rec;
    char where[512];

    if ((sig == SIGSEGV || sig == SIGBUS) && fault_recover) siglongjmp(*fault_recover, 1);
    exception_from_signal(sig, info, uc, &rec);
    loader_describe_address(rec.ExceptionAddress, where, sizeof(where));
    if (!exception_entry || !current_thread || in_elf_code(pc))
    {
        wring_error("fault in Wring itself: signal %d at %s, accessing %p", sig, where, info->si_addr);
        fatal_status(rec.ExceptionCode);
    }
    /* __fastfail ends the process at once: no handler runs, as on Windows */
    if (rec.ExceptionCode == (DWORD)STATUS_STACK_BUFFER_OVERRUN)
    {
        wring_error("fail fast (code %llu) at %s", (unsigned long long)rec.ExceptionInformation[0], where);
        fatal_status(STATUS_STACK_BUFFER_OVERRUN);
    }
    /* The debug services that only talk to a debugger (print, load and unload symbols, a
     * command string) are no exception without one: Windows resumes past the int 0x2d and
     * the byte a debugger would skip. */
    if (uc->uc_mcontext.gregs[REG_TRAPNO] == TRAP_GP && uc->uc_mcontext.gregs[REG_ERR] == ((0x2d << 3) | 2))
    {
        greg_t service = uc->uc_mcontext.gregs[REG_RAX];
        if (service == 1 || service == 3 || service == 4 || service == 5)
        {
            uc->uc_mcontext.gregs[REG_RIP] += 3;
            return;
        }
    }
    /* running into the guard zone: the zone is opened and the fault becomes a stack overflow */
    if (sig == SIGSEGV && rec.ExceptionCode == (DWORD)STATUS_ACCESS_VIOLATION && thread_stack_overflow(info->si_addr))
        rec.ExceptionCode = STATUS_STACK_OVERFLOW;
    if (raise_in_program(uc, &rec)) return;
    wring_error("unhandled exception %#x (stack overflow) at %s: no room on the stack for the handlers",
                (unsigned)STATUS_STACK_OVERFLOW, where);
    fatal_status(STATUS_STACK_OVERFLOW);
}

static const char *exception_name(NTSTATUS code)
{
    switch (code)
    {
    case STATUS_ACCESS_VIOLATION: return "access violation";
    case STATUS_ILLEGAL_INSTRUCTION: return "illegal instruction";
    case STATUS_PRIVILEGED_INSTRUCTION: return "privileged instruction";
    case STATUS_INTEGER_DIVIDE_BY_ZERO: return "integer divide by zero";
    case STATUS_INTEGER_OVERFLOW: return "integer overflow";
    case STATUS_BREAKPOINT: return "breakpoint";
    case STATUS_SINGLE_STEP: return "single step";
    case STATUS_STACK_OVERFLOW: return "stack overflow";
    case STATUS_DATATYPE_MISALIGNMENT: return "datatype misalignment";
    case STATUS_FLOAT_DIVIDE_BY_ZERO: case STATUS_FLOAT_INVALID_OPERATION: case STATUS_FLOAT_OVERFLOW:
    case STATUS_FLOAT_UNDERFLOW: case STATUS_FLOAT_INEXACT_RESULT: case STATUS_FLOAT_DENORMAL_OPERAND:
        return "floating-point exception";
    default: return NULL;
    }
}

void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record)
{
    const char *name = exception_name(record->ExceptionCode);
    char where[512], what[96] = "";

    loader_describe_address(record->ExceptionAddress, where, sizeof(where));
    if (record->ExceptionCode == (DWORD)STATUS_ACCESS_VIOLATION && record->NumberParameters >= 2)
        snprintf(what, sizeof(what), ", %s 0x%llx",
                 record->ExceptionInformation[0] == EXCEPTION_WRITE_FAULT ? "writing" :
                 record->ExceptionInformation[0] == EXCEPTION_EXECUTE_FAULT ? "executing" : "reading",
                 (unsigned long long)record->ExceptionInformation[1]);
    if (name) wring_error("unhandled exception %#x (%s) at %s%s", (unsigned)record->ExceptionCode, name, where, what);
    else wring_error("unhandled exception %#x at %s", (unsigned)record->ExceptionCode, where);
    fatal_status(record->ExceptionCode);
}

static void interrupt_handler(int sig)
{
}

void signal_init(void)
{
    stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack) };
    struct sigaction sa;

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    /* SA_NODEFER: write_user leaves the handler by siglongjmp without restoring the mask */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    dl_iterate_phdr(add_elf_ranges, NULL);
    /* Windows has no SIGPIPE: a write to a closed pipe fails with ERROR_NO_DATA/BROKEN_PIPE */
    signal(SIGPIPE, SIG_IGN);
    /* SIG_INTERRUPT only makes a blocking system call return EINTR: no SA_RESTART */
    sa.sa_handler = interrupt_handler;
    sa.sa_flags = 0;
    sigaction(SIG_INTERRUPT, &sa, NULL);
}

/* The probes below touch addresses a program passed, which may be unmapped or null: the fault
 * is the answer, so the sanitizers must neither check the access first nor instrument it. */
#define USER_PROBE __attribute__((no_sanitize("address", "undefined", "thread")))
/* ThreadSanitizer installs every handler with all signals blocked, which SA_NODEFER cannot undo:
 * its builds have the probes' sigsetjmp save the mask, so that leaving a fault restores it. */
#define PROBE_SAVE_MASK 0
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#undef PROBE_SAVE_MASK
#define PROBE_SAVE_MASK 1
#endif
#endif

/*
 * Writes to the program's memory from the Unix side, as the NT kernel does
 * with a probe: an invalid address gives false instead of a fault in Wring.
 * No system call on the way: the fault handler unwinds to here.
 */
USER_PROBE
bool write_user(void *dst, const void *src, size_t size)
{
    sigjmp_buf env;
    if (sigsetjmp(env, PROBE_SAVE_MASK))
    {
        fault_recover = NULL;
        return false;
    }
    fault_recover = &env;
    /* memcpy is known not to read fault_recover, so without the fences the compiler
     * drops the store above as dead: a fault would then find no way back */
    atomic_signal_fence(memory_order_seq_cst);
    memcpy(dst, src, size);
    atomic_signal_fence(memory_order_seq_cst);
    fault_recover = NULL;
    return true;
}

/* One byte of each page of [p, last], read and, for a write probe, written back. */
USER_PROBE
static __attribute__((noinline)) void touch_pages(volatile char *p, volatile char *last, bool write)
{
    for (;;)
    {
        char c = *p;
        if (write) *p = c;
        if (p == last) return;
        p = (volatile char *)(((uintptr_t)p | 4095) + 1);
        if ((uintptr_t)p > (uintptr_t)last) p = last;
    }
}

/* Whether the program may access [addr, addr + size): every page is tried, so a
 * range with a hole in its middle fails too. */
USER_PROBE
bool probe_user(void *addr, size_t size, bool write)
{
    char *last = (char *)addr + size - 1;
    sigjmp_buf env;
    if (!size) return true;
    if ((uintptr_t)last < (uintptr_t)addr) return false;
    if (sigsetjmp(env, PROBE_SAVE_MASK))
    {
        fault_recover = NULL;
        return false;
    }
    fault_recover = &env;
    /* as in write_user: the compiler must keep the store above and the calls below in order */
    atomic_signal_fence(memory_order_seq_cst);
    touch_pages(addr, last, write);
    atomic_signal_fence(memory_order_seq_cst);
    fault_recover = NULL;
    return true;
}

/* The length in characters of a NUL-terminated string of 1- or 2-byte characters,
 * or STATUS_ACCESS_VIOLATION when it runs into memory the program cannot read:
 * what kernel32's lstrlen answers for a bad pointer (0), where Windows catches
 * the fault in the function itself. */
USER_PROBE
NTSTATUS WINAPI wring_string_length(const void *str, SIZE_T char_size, SIZE_T *length)
{
    volatile const unsigned char *p8 = str;
    volatile const unsigned short *p16 = str;
    sigjmp_buf env;
    SIZE_T n = 0;

    if (sigsetjmp(env, PROBE_SAVE_MASK))
    {
        fault_recover = NULL;
        return STATUS_ACCESS_VIOLATION;
    }
    fault_recover = &env;
    /* the loop calls nothing, so without the fences the compiler may drop the store
     * above as dead or sink it past the reads: the signal handler must see it */
    atomic_signal_fence(memory_order_seq_cst);
    if (char_size == 2) while (p16[n]) n++;
    else while (p8[n]) n++;
    atomic_signal_fence(memory_order_seq_cst);
    fault_recover = NULL;
    *length = n;
    return STATUS_SUCCESS;
}

/* Copies a NUL-terminated string of 1- or 2-byte characters, at most max - 1 of them
 * and the terminator (max 0: no limit), or answers STATUS_ACCESS_VIOLATION when
 * either string runs into memory the program cannot access: kernel32's lstrcpy and
 * lstrcpyn catch that fault, as on Windows. What was copied before it stays. */
USER_PROBE
NTSTATUS WINAPI wring_copy_string(void *dst, const void *src, SIZE_T char_size, SIZE_T max)
{
    volatile unsigned char *d8 = dst;
    volatile const unsigned char *s8 = src;
    volatile unsigned short *d16 = dst;
    volatile const unsigned short *s16 = src;
    sigjmp_buf env;
    SIZE_T n;

    if (sigsetjmp(env, PROBE_SAVE_MASK))
    {
        fault_recover = NULL;
        return STATUS_ACCESS_VIOLATION;
    }
    fault_recover = &env;
    atomic_signal_fence(memory_order_seq_cst);
    for (n = 0; !max || n < max - 1; n++)
    {
        if (char_size == 2 ? !(d16[n] = s16[n]) : !(d8[n] = s8[n])) break;
    }
    if (max && n == max - 1)
    {
        if (char_size == 2) d16[n] = 0;
        else d8[n] = 0;
    }
    atomic_signal_fence(memory_order_seq_cst);
    fault_recover = NULL;
    return STATUS_SUCCESS;
}

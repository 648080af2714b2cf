/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Faults in Windows code.  Until structured exception handling exists, a fault
 * ends the process with one line naming the exception and where it happened,
 * and the exit code Windows would give (the low byte of the exception code).
 */
#include <setjmp.h>
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

const char *loader_describe_address(const void *addr, char *buf, size_t size);

static void fault_handler(int sig, siginfo_t *info, void *ctx)
{
    ucontext_t *uc = ctx;
    void *pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
    NTSTATUS code;
    const char *what;
    char where[512];

    if ((sig == SIGSEGV || sig == SIGBUS) && fault_recover) siglongjmp(*fault_recover, 1);

    switch (sig)
    {
    case SIGSEGV:
    case SIGBUS: code = STATUS_ACCESS_VIOLATION; what = "access violation"; break;
    case SIGILL: code = STATUS_ILLEGAL_INSTRUCTION; what = "illegal instruction"; break;
    case SIGFPE:
        code = info->si_code == FPE_INTDIV ? STATUS_INTEGER_DIVIDE_BY_ZERO : STATUS_FLOAT_INVALID_OPERATION;
        what = info->si_code == FPE_INTDIV ? "integer divide by zero" : "floating point exception";
        break;
    default: code = STATUS_UNSUCCESSFUL; what = "signal"; break;
    }
    loader_describe_address(pc, where, sizeof(where));
    if (sig == SIGSEGV || sig == SIGBUS)
        wring_error("unhandled exception %#x (%s) at %s, accessing %p", (unsigned)code, what, where, info->si_addr);
    else
        wring_error("unhandled exception %#x (%s) at %s", (unsigned)code, what, where);
    fatal_status(code);
}

void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record)
{
    char where[512];

    loader_describe_address(record->ExceptionAddress, where, sizeof(where));
    wring_error("unhandled exception %#x at %s", (unsigned)record->ExceptionCode, where);
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
    /* Windows has no SIGPIPE: a write to a closed pipe fails with ERROR_NO_DATA/BROKEN_PIPE */
    signal(SIGPIPE, SIG_IGN);
    /* SIG_INTERRUPT only makes a blocking system call return EINTR: no SA_RESTART */
    sa.sa_handler = interrupt_handler;
    sa.sa_flags = 0;
    sigaction(SIG_INTERRUPT, &sa, NULL);
}

/*
 * Writes to the program's memory from the Unix side, as the NT kernel does
 * with a probe: an invalid address gives false instead of a fault in Wring.
 * No system call on the way: the fault handler unwinds to here.
 */
bool write_user(void *dst, const void *src, size_t size)
{
    sigjmp_buf env;
    if (sigsetjmp(env, 0))
    {
        fault_recover = NULL;
        return false;
    }
    fault_recover = &env;
    memcpy(dst, src, size);
    fault_recover = NULL;
    return true;
}

/* Whether the program may access [addr, addr + size): the first and last bytes are tried. */
bool probe_user(void *addr, size_t size, bool write)
{
    volatile char *p = addr, *last = p + size - 1;
    sigjmp_buf env;
    if (!size) return true;
    if (sigsetjmp(env, 0))
    {
        fault_recover = NULL;
        return false;
    }
    fault_recover = &env;
    char a = *p, b = *last;
    if (write)
    {
        *p = a;
        *last = b;
    }
    fault_recover = NULL;
    return true;
}

/* The length in characters of a NUL-terminated string of 1- or 2-byte characters,
 * or STATUS_ACCESS_VIOLATION when it runs into memory the program cannot read:
 * what kernel32's lstrlen answers for a bad pointer (0), where Windows catches
 * the fault in the function itself. */
NTSTATUS WINAPI wring_string_length(const void *str, SIZE_T char_size, SIZE_T *length)
{
    volatile const unsigned char *p8 = str;
    volatile const unsigned short *p16 = str;
    sigjmp_buf env;
    SIZE_T n = 0;

    if (sigsetjmp(env, 0))
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

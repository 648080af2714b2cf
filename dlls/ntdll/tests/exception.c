/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Hardware faults delivered as Windows exceptions: each trap's code, address
 * and parameters, the CONTEXT a vectored handler sees and changes, and the
 * program going on where that CONTEXT says.  Then the order of the handlers:
 * vectored handlers, vectored continue handlers, the unhandled-exception
 * filter, and a fault raised inside a handler.
 */
#include <windows.h>
#include <xmmintrin.h>
#include "wine/test.h"

/* Small leaf functions that fault at a known instruction; each returns Rax, which a
 * handler that skips the instruction sets. */
extern ULONG_PTR fault_read(const void *addr);
extern ULONG_PTR fault_write(void *addr);
extern ULONG_PTR fault_int3(void);
extern ULONG_PTR fault_ud2(void);
extern ULONG_PTR fault_divide(ULONG divisor);
extern ULONG_PTR fault_hlt(void);
extern ULONG_PTR fault_nonvolatile(const void *addr);
extern char fault_int3_insn[], fault_divide_insn[], fault_nonvolatile_insn[];
extern ULONG_PTR single_step(void);
extern char single_step_first[];
extern ULONG_PTR debug_service(ULONG_PTR service);
extern char debug_service_insn[];
__asm__(
    ".text\n"
    /* the trap flag set by popf: a trap after the next instruction, then after the one that
       clears it again; 1 in rax if the handlers let each run */
    "single_step:\n"
    "    xorl %eax, %eax\n"
    "    pushfq\n"
    "    orq $0x100, (%rsp)\n"
    "    popfq\n"
    "single_step_first:\n"
    "    incl %eax\n"
    "    pushfq\n"
    "    andq $~0x100, (%rsp)\n"
    "    popfq\n"
    "    ret\n"
    /* int 0x2d with the service in rax; 1 if Windows resumes right after it, 0 a byte later */
    "debug_service:\n"
    "    movq %rcx, %rax\n"
    "debug_service_insn:\n"
    "    int $0x2d\n"
    "    jmp 1f\n"                     /* eb 01: skipped when one byte is */
    "    nop\n"
    "    xorl %eax, %eax\n"
    "    ret\n"
    "1:  movl $1, %eax\n"
    "    ret\n"
    "fault_read:\n"
    "    movq (%rcx), %rax\n"           /* 48 8b 01 */
    "    ret\n"
    "fault_write:\n"
    "    xorl %eax, %eax\n"
    "    movq %rax, (%rcx)\n"           /* 48 89 01 */
    "    ret\n"
    "fault_int3:\n"
    "    xorl %eax, %eax\n"
    "fault_int3_insn:\n"
    "    int3\n"
    "    ret\n"
    "fault_ud2:\n"
    "    xorl %eax, %eax\n"
    "    ud2\n"
    "    ret\n"
    "fault_divide:\n"
    "    movl $100, %eax\n"
    "    xorl %edx, %edx\n"
    "fault_divide_insn:\n"
    "    divl %ecx\n"                   /* f7 f1 */
    "    ret\n"
    "fault_hlt:\n"
    "    xorl %eax, %eax\n"
    "    hlt\n"
    "    ret\n"
    /* the nonvolatile registers hold known values at the fault */
    "fault_nonvolatile:\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r15\n"
    "    movq $0x1234, %rbx\n"
    "    movq $0x5678, %r12\n"
    "    movq $0x9abc, %r15\n"
    "fault_nonvolatile_insn:\n"
    "    movq (%rcx), %rax\n"
    "    popq %r15\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    ret\n");

/* What the handler saw, and how it makes the program go on */
static struct
{
    EXCEPTION_RECORD rec;
    CONTEXT context;
    int calls;
    int step;           /* bytes of the faulting instruction to step over; -1: return from it */
} seen;

static LONG CALLBACK recording_handler(EXCEPTION_POINTERS *ptrs)
{
    seen.calls++;
    seen.rec = *ptrs->ExceptionRecord;
    seen.context = *ptrs->ContextRecord;
    if (seen.step < 0)
    {
        /* a fault on the call's target: go on at the return address */
        ptrs->ContextRecord->Rip = *(ULONG64 *)ptrs->ContextRecord->Rsp;
        ptrs->ContextRecord->Rsp += 8;
    }
    else ptrs->ContextRecord->Rip += seen.step;
    ptrs->ContextRecord->Rax = 42;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void expect_fault(ULONG_PTR result, DWORD code, const void *address, DWORD params)
{
    ok(seen.calls == 1, "handler called %d times\n", seen.calls);
    ok(result == 42, "the program went on with %#Ix, not the handler's value\n", result);
    ok(seen.rec.ExceptionCode == code, "code %#lx, expected %#lx\n", seen.rec.ExceptionCode, code);
    ok(seen.rec.ExceptionAddress == address, "address %p, expected %p\n", seen.rec.ExceptionAddress, address);
    ok(seen.rec.NumberParameters == params, "%lu parameters, expected %lu\n", seen.rec.NumberParameters, params);
    ok(seen.context.Rip == (ULONG_PTR)address, "context Rip %#Ix, expected %p\n", seen.context.Rip, address);
    ok((seen.context.ContextFlags & CONTEXT_FULL) == CONTEXT_FULL, "context flags %#lx\n", seen.context.ContextFlags);
    ok(seen.context.SegCs == 0x33 && seen.context.SegSs == 0x2b, "selectors cs %#x ss %#x\n",
       seen.context.SegCs, seen.context.SegSs);
}

static void prepare(int step)
{
    memset(&seen, 0, sizeof(seen));
    seen.step = step;
}

static void test_access_violations(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, recording_handler);
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    BYTE *page;
    DWORD old;
    ULONG_PTR ret;

    ok(handler != NULL, "AddVectoredExceptionHandler failed\n");
    prepare(3);
    ret = fault_read((void *)0x10);
    expect_fault(ret, STATUS_ACCESS_VIOLATION, fault_read, 2);
    ok(seen.rec.ExceptionInformation[0] == EXCEPTION_READ_FAULT, "kind %Iu, expected a read\n",
       seen.rec.ExceptionInformation[0]);
    ok(seen.rec.ExceptionInformation[1] == 0x10, "address %#Ix, expected 0x10\n", seen.rec.ExceptionInformation[1]);
    ok(seen.context.Rcx == 0x10, "context Rcx %#Ix\n", seen.context.Rcx);
    ok(seen.context.Rsp > (ULONG_PTR)tib->StackLimit && seen.context.Rsp < (ULONG_PTR)tib->StackBase,
       "context Rsp %#Ix is not on the thread's stack\n", seen.context.Rsp);

    page = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    ok(page != NULL, "VirtualAlloc failed\n");
    ok(VirtualProtect(page, 4096, PAGE_READONLY, &old), "VirtualProtect failed\n");
    prepare(3);
    ret = fault_write(page + 8);
    expect_fault(ret, STATUS_ACCESS_VIOLATION, fault_write + 2, 2);
    ok(seen.rec.ExceptionInformation[0] == EXCEPTION_WRITE_FAULT, "kind %Iu, expected a write\n",
       seen.rec.ExceptionInformation[0]);
    ok(seen.rec.ExceptionInformation[1] == (ULONG_PTR)(page + 8), "address %#Ix, expected %p\n",
       seen.rec.ExceptionInformation[1], page + 8);

    /* code on a page that is not executable: the fault is at the call's target */
    ok(VirtualProtect(page, 4096, PAGE_READWRITE, &old), "VirtualProtect failed\n");
    page[0] = 0xc3;   /* ret */
    prepare(-1);
    ret = ((ULONG_PTR (*)(void))page)();
    expect_fault(ret, STATUS_ACCESS_VIOLATION, page, 2);
    ok(seen.rec.ExceptionInformation[0] == EXCEPTION_EXECUTE_FAULT, "kind %Iu, expected execution\n",
       seen.rec.ExceptionInformation[0]);
    ok(seen.rec.ExceptionInformation[1] == (ULONG_PTR)page, "address %#Ix, expected %p\n",
       seen.rec.ExceptionInformation[1], page);
    VirtualFree(page, 0, MEM_RELEASE);

    /* a non-canonical address is a general protection fault: the address is unknown */
    prepare(3);
    ret = fault_read((void *)0x8000000000000000ull);
    expect_fault(ret, STATUS_ACCESS_VIOLATION, fault_read, 2);
    ok(seen.rec.ExceptionInformation[0] == EXCEPTION_READ_FAULT, "kind %Iu\n", seen.rec.ExceptionInformation[0]);
    ok(seen.rec.ExceptionInformation[1] == ~(ULONG_PTR)0, "address %#Ix, expected all ones\n",
       seen.rec.ExceptionInformation[1]);

    prepare(3);
    ret = fault_nonvolatile((void *)0x20);
    expect_fault(ret, STATUS_ACCESS_VIOLATION, fault_nonvolatile_insn, 2);
    ok(seen.context.Rbx == 0x1234 && seen.context.R12 == 0x5678 && seen.context.R15 == 0x9abc,
       "registers at the fault: rbx %#Ix r12 %#Ix r15 %#Ix\n", seen.context.Rbx, seen.context.R12, seen.context.R15);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

static void test_other_traps(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, recording_handler);
    ULONG_PTR ret;

    /* Windows reports the int3 itself, and a handler that goes on steps over it */
    prepare(1);
    ret = fault_int3();
    expect_fault(ret, STATUS_BREAKPOINT, fault_int3_insn, 1);
    ok(seen.rec.ExceptionInformation[0] == 0, "breakpoint parameter %Iu\n", seen.rec.ExceptionInformation[0]);

    prepare(2);
    ret = fault_ud2();
    expect_fault(ret, STATUS_ILLEGAL_INSTRUCTION, fault_ud2 + 2, 0);

    prepare(2);
    ret = fault_divide(0);
    expect_fault(ret, STATUS_INTEGER_DIVIDE_BY_ZERO, fault_divide_insn, 0);
    ok(fault_divide(7) == 14, "100 / 7 is not 14\n");

    prepare(1);
    ret = fault_hlt();
    expect_fault(ret, STATUS_PRIVILEGED_INSTRUCTION, fault_hlt + 2, 0);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

static int steps;
static ULONG_PTR step_addresses[4];
static DWORD step_eflags[4];

static LONG CALLBACK step_handler(EXCEPTION_POINTERS *ptrs)
{
    if (ptrs->ExceptionRecord->ExceptionCode != EXCEPTION_SINGLE_STEP) return EXCEPTION_CONTINUE_SEARCH;
    if (steps < 4)
    {
        step_addresses[steps] = (ULONG_PTR)ptrs->ExceptionRecord->ExceptionAddress;
        step_eflags[steps] = ptrs->ContextRecord->EFlags;
    }
    steps++;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* A single step is reported after the instruction, at the next one, with the trap flag
 * already clear in the CONTEXT (the kernel clears it): resuming does not step again unless
 * the handler sets it, and the popf that clears it is still followed by one trap. */
static void test_single_step(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, step_handler);
    ULONG_PTR ret;

    steps = 0;
    ret = single_step();
    ok(ret == 1, "single_step returned %Iu\n", ret);
    ok(steps == 1 || steps == 2, "%d single steps\n", steps);
    /* popf's trap comes after the instruction that follows it: the 2-byte inc */
    ok(step_addresses[0] == (ULONG_PTR)single_step_first + 2, "first step at %#Ix, expected %p\n",
       step_addresses[0], single_step_first + 2);
    ok(!(step_eflags[0] & 0x100), "the CONTEXT has the trap flag set: %#lx\n", step_eflags[0]);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

/* int 0x2d is a debug service: without a debugger a breakpoint, resumed right after the
 * instruction, except for the services that only talk to a debugger (1 print, 3 and 4 load
 * and unload symbols), which raise nothing and resume one byte further, as Windows does. */
static void test_debug_service(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, recording_handler);
    ULONG_PTR ret;

    prepare(0);
    ret = debug_service(0);
    ok(seen.calls == 1, "handler called %d times\n", seen.calls);
    ok(seen.rec.ExceptionCode == STATUS_BREAKPOINT, "code %#lx\n", seen.rec.ExceptionCode);
    ok(seen.rec.NumberParameters == 1 && seen.rec.ExceptionInformation[0] == 0, "%lu parameters, first %Iu\n",
       seen.rec.NumberParameters, seen.rec.ExceptionInformation[0]);
    ok(seen.context.Rip == (ULONG_PTR)debug_service_insn + 2, "context Rip %#Ix, expected %p\n",
       seen.context.Rip, debug_service_insn + 2);
    ok(ret == 1, "debug service 0 resumed where it returns %Iu\n", ret);

    for (ULONG_PTR service = 1; service <= 4; service += service == 1 ? 2 : 1)
    {
        prepare(0);
        ret = debug_service(service);
        ok(seen.calls == 0, "service %Iu: handler called %d times\n", service, seen.calls);
        ok(ret == 0, "service %Iu: resumed where it returns %Iu\n", service, ret);
    }
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

static volatile float one = 1.0f, zero_f = 0.0f;
static float quotient;

static LONG CALLBACK float_handler(EXCEPTION_POINTERS *ptrs)
{
    seen.calls++;
    seen.rec = *ptrs->ExceptionRecord;
    seen.context = *ptrs->ContextRecord;
    /* mask the exception in the context: the division runs again and gives infinity */
    ptrs->ContextRecord->MxCsr |= _MM_MASK_DIV_ZERO;
    ptrs->ContextRecord->FltSave.MxCsr |= _MM_MASK_DIV_ZERO;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void test_sse_exception(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, float_handler);
    unsigned int csr = _mm_getcsr();

    prepare(0);
    _mm_setcsr(csr & ~_MM_MASK_DIV_ZERO);
    quotient = one / zero_f;
    _mm_setcsr(csr);
    ok(seen.calls == 1, "handler called %d times\n", seen.calls);
    ok(seen.rec.ExceptionCode == STATUS_FLOAT_DIVIDE_BY_ZERO, "code %#lx\n", seen.rec.ExceptionCode);
    ok(seen.rec.NumberParameters == 2, "%lu parameters\n", seen.rec.NumberParameters);
    ok(seen.rec.ExceptionInformation[1] == seen.context.MxCsr, "MXCSR parameter %#Ix, context %#lx\n",
       seen.rec.ExceptionInformation[1], seen.context.MxCsr);
    ok(seen.context.MxCsr & 0x04, "the context's MXCSR %#lx has no divide-by-zero flag\n", seen.context.MxCsr);
    ok(quotient > 1e30f, "the division resumed gave %f\n", quotient);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

/* ------------------------------------------------------------ handler order */

static char order[16];
static int order_len;

static LONG CALLBACK passing_handler(EXCEPTION_POINTERS *ptrs)
{
    (void)ptrs;
    order[order_len++] = 'p';
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK fixing_handler(EXCEPTION_POINTERS *ptrs)
{
    order[order_len++] = 'f';
    ptrs->ContextRecord->Rip += 3;
    ptrs->ContextRecord->Rax = 7;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK continue_handler(EXCEPTION_POINTERS *ptrs)
{
    order[order_len++] = 'c';
    ok(ptrs->ExceptionRecord->ExceptionCode == STATUS_ACCESS_VIOLATION, "continue handler saw %#lx\n",
       ptrs->ExceptionRecord->ExceptionCode);
    ok(ptrs->ContextRecord->Rax == 7, "continue handler sees Rax %#Ix, not the fixed context\n",
       ptrs->ContextRecord->Rax);
    return EXCEPTION_CONTINUE_SEARCH;
}

static void test_handler_order(void)
{
    void *fixing = AddVectoredExceptionHandler(FALSE, fixing_handler);
    void *passing = AddVectoredExceptionHandler(TRUE, passing_handler);
    void *cont = AddVectoredContinueHandler(FALSE, continue_handler);
    ULONG_PTR ret;

    order_len = 0;
    ret = fault_read(NULL);
    ok(ret == 7, "went on with %#Ix\n", ret);
    order[order_len] = 0;
    /* the first-registered handler runs first, then the next, then the continue handlers, which
     * Windows calls after a vectored handler resumed too (Wine 8.0 does not: basics.c) */
    todo_wine ok(!strcmp(order, "pfc"), "handlers ran in the order \"%s\"\n", order);
    ok(RemoveVectoredExceptionHandler(fixing) && RemoveVectoredExceptionHandler(passing),
       "RemoveVectoredExceptionHandler failed\n");
    ok(RemoveVectoredContinueHandler(cont), "RemoveVectoredContinueHandler failed\n");
}

static int nested_depth, nested_calls;
static ULONG_PTR nested_addresses[2];

/* A fault inside a handler is dispatched on its own, to the same handlers. */
static LONG CALLBACK nesting_handler(EXCEPTION_POINTERS *ptrs)
{
    ULONG_PTR ret;

    nested_addresses[nested_calls++ & 1] = ptrs->ExceptionRecord->ExceptionInformation[1];
    if (!nested_depth++)
    {
        ret = fault_read((void *)0x30);
        ok(ret == 42, "the nested fault went on with %#Ix\n", ret);
    }
    nested_depth--;
    ptrs->ContextRecord->Rip += 3;
    ptrs->ContextRecord->Rax = 42;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void test_nested_fault(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, nesting_handler);
    ULONG_PTR ret;

    nested_calls = 0;
    ret = fault_read((void *)0x28);
    ok(ret == 42, "went on with %#Ix\n", ret);
    ok(nested_calls == 2, "handler called %d times\n", nested_calls);
    ok(nested_addresses[0] == 0x28 && nested_addresses[1] == 0x30, "faults at %#Ix then %#Ix\n",
       nested_addresses[0], nested_addresses[1]);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

static int filter_calls;

static LONG WINAPI top_filter(EXCEPTION_POINTERS *ptrs)
{
    filter_calls++;
    ok(ptrs->ExceptionRecord->ExceptionCode == STATUS_ACCESS_VIOLATION, "filter saw %#lx\n",
       ptrs->ExceptionRecord->ExceptionCode);
    ptrs->ContextRecord->Rip += 3;
    ptrs->ContextRecord->Rax = 9;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* Nothing handles it: the unhandled-exception filter may still fix the context and go on. */
static void test_unhandled_filter(void)
{
    LPTOP_LEVEL_EXCEPTION_FILTER old = SetUnhandledExceptionFilter(top_filter);
    ULONG_PTR ret;

    filter_calls = 0;
    ret = fault_read((void *)0x40);
    ok(ret == 9, "went on with %#Ix\n", ret);
    ok(filter_calls == 1, "filter called %d times\n", filter_calls);
    ok(SetUnhandledExceptionFilter(old) == top_filter, "the filter was not the one set\n");
}

/* A fault on another thread goes to the same handlers, with that thread's context. */
static DWORD WINAPI faulting_thread(void *arg)
{
    (void)arg;
    return (DWORD)fault_read((void *)0x50);
}

static void test_fault_in_thread(void)
{
    void *handler = AddVectoredExceptionHandler(TRUE, recording_handler);
    HANDLE thread;
    DWORD code = 0;

    prepare(3);
    thread = CreateThread(NULL, 0, faulting_thread, NULL, 0, NULL);
    ok(thread != NULL, "CreateThread failed\n");
    WaitForSingleObject(thread, INFINITE);
    ok(GetExitCodeThread(thread, &code) && code == 42, "thread exit code %lu\n", code);
    ok(seen.calls == 1 && seen.rec.ExceptionInformation[1] == 0x50, "handler calls %d, address %#Ix\n",
       seen.calls, seen.rec.ExceptionInformation[1]);
    CloseHandle(thread);
    ok(RemoveVectoredExceptionHandler(handler), "RemoveVectoredExceptionHandler failed\n");
}

START_TEST(exception)
{
    test_access_violations();
    test_other_traps();
    test_single_step();
    test_debug_service();
    test_sse_exception();
    test_handler_order();
    test_nested_fault();
    test_unhandled_filter();
    test_fault_in_thread();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Threads.  Every Windows thread is a pthread with its own TEB in GS
 * (glibc keeps its thread pointer in FS, so GS is free as on Windows).
 * Thread ids are Wring's own, multiples of 4 as Windows hands them out.
 *
 * A thread ends by unwinding to its start frame on the Unix side with
 * siglongjmp (ExitThread, TerminateThread, returning from its routine): no
 * PE frame is unwound by the C++ unwinder, which could not read them.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "private.h"

#define SIG_SUSPEND   SIGUSR2
#define SIG_TERMINATE SIGUSR1
#define MIN_STACK     (256 * 1024)
#define TLS_EXPANSION_SLOTS 1024

__thread struct thread *current_thread;
__thread int unix_depth;
static __thread sigjmp_buf exit_jmp;
static __thread DWORD exit_status;
static __thread void *alt_stack;

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct list threads = { &threads, &threads };
static int live_threads;
static atomic_uint next_tid = 0x20;
static atomic_bool process_exiting;

static bool thread_signaled(struct object *obj, struct thread *thread)
{
    return ((struct thread *)obj)->terminated;
}

static NTSTATUS thread_satisfy(struct object *obj, struct thread *thread)
{
    return STATUS_SUCCESS;
}

static void thread_destroy(struct object *obj)
{
    free(((struct thread *)obj)->description);
    free(obj);
}

const struct object_ops thread_ops = { "thread", thread_destroy, thread_signaled, thread_satisfy };

static long futex(atomic_int *addr, int op, int val)
{
    return syscall(SYS_futex, addr, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static TEB *alloc_teb(DWORD tid)
{
    /* page-aligned and zeroed, like the TEB pages Windows maps for each thread */
    size_t size = (sizeof(TEB) + 4095) & ~4095;
    TEB *teb = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (teb == MAP_FAILED) return NULL;
    teb->Tib.Self = &teb->Tib;
    teb->Tib.ExceptionList = (void *)~0UL;
    teb->Peb = process_peb();
    teb->ClientId.UniqueProcess = ULongToHandle(getpid());
    teb->ClientId.UniqueThread = ULongToHandle(tid);
    teb->StaticUnicodeString.Buffer = teb->StaticUnicodeBuffer;
    teb->StaticUnicodeString.MaximumLength = sizeof(teb->StaticUnicodeBuffer);
    return teb;
}

static void free_teb(TEB *teb)
{
    munmap(teb, (sizeof(TEB) + 4095) & ~4095);
}

static void set_stack_bounds(TEB *teb)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr)) return;
    if (!pthread_attr_getstack(&attr, &addr, &size))
    {
        teb->Tib.StackBase = (char *)addr + size;
        teb->Tib.StackLimit = addr;
        teb->DeallocationStack = addr;
    }
    pthread_attr_destroy(&attr);
}

/*
 * The lowest pages of every thread's stack are a guard zone, as Windows keeps a guard page
 * below the committed stack: inaccessible, so that running into them is a fault Wring knows
 * as a stack overflow, then opened to give the exception handlers room.  A second overflow
 * finds no zone and ends the process.  StackLimit is the zone's top until then.
 */
#define STACK_GUARD_SIZE (64 * 1024)

/* The lowest address of the main thread's stack mapping, which the kernel grows on demand;
 * inside: a frame address (a local's may be elsewhere under AddressSanitizer). */
static char *main_stack_bottom(const char *inside)
{
    FILE *maps = fopen("/proc/self/maps", "re");
    unsigned long start, end;
    char line[256];
    char *bottom = NULL;

    if (!maps) return NULL;
    while (fgets(line, sizeof(line), maps))
        if (sscanf(line, "%lx-%lx", &start, &end) == 2 && (uintptr_t)inside >= start && (uintptr_t)inside < end)
        {
            bottom = (char *)start;
            break;
        }
    fclose(maps);
    return bottom;
}

static bool setup_stack_guard(struct thread *thread, TEB *teb, bool main)
{
    char *lo = teb->DeallocationStack, *hi = lo + STACK_GUARD_SIZE;

    if ((size_t)((char *)teb->Tib.StackBase - lo) < 4 * STACK_GUARD_SIZE) return false;
    if (main)
    {
        /* The kernel will not grow a stack to within its guard gap of another mapping, so a
         * zone left alone below the stack would stop it a megabyte early: map the part of the
         * reservation not grown into yet, adjacent to the stack, now (pages come on first use). */
        char *bottom = main_stack_bottom(__builtin_frame_address(0));
        if (!bottom || bottom <= hi) return false;
        if (mmap(lo, bottom - lo, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0) != lo)
            return false;
    }
    if (mprotect(lo, STACK_GUARD_SIZE, PROT_NONE)) return false;
    thread->guard_lo = lo;
    thread->guard_hi = hi;
    teb->Tib.StackLimit = hi;
    return true;
}

/* Called by the fault handler: whether a fault at addr ran into this thread's guard zone, which
 * is then opened for the handlers of the STATUS_STACK_OVERFLOW about to be raised. */
bool thread_stack_overflow(const void *addr)
{
    struct thread *thread = current_thread;

    if (!thread || !thread->guard_lo || (const char *)addr < thread->guard_lo ||
        (const char *)addr >= thread->guard_hi)
        return false;
    if (mprotect(thread->guard_lo, thread->guard_hi - thread->guard_lo, PROT_READ | PROT_WRITE)) return false;
    thread->teb->Tib.StackLimit = thread->guard_lo;
    thread->guard_lo = thread->guard_hi = NULL;
    return true;
}

/* Whether [addr, addr + size) is on the current thread's stack (the exception frame must be). */
bool thread_stack_contains(const void *addr, size_t size)
{
    TEB *teb = current_thread ? current_thread->teb : NULL;
    return teb && (const char *)addr >= (const char *)teb->DeallocationStack &&
           (const char *)addr + size <= (const char *)teb->Tib.StackBase;
}

static void set_gs(TEB *teb)
{
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, teb))
    {
        wring_error("cannot set the GS base for the TEB");
        fatal_status(STATUS_UNSUCCESSFUL);
    }
}

static void setup_signal_stack(void)
{
    stack_t ss = { .ss_size = 65536 };
    if (!(alt_stack = malloc(ss.ss_size))) return;
    ss.ss_sp = alt_stack;
    sigaltstack(&ss, NULL);
}

static void wait_while_suspended(struct thread *thread)
{
    int count;
    while ((count = atomic_load(&thread->suspend_count)) > 0 && !atomic_load(&thread->terminate_requested))
        futex(&thread->suspend_count, FUTEX_WAIT, count);
}

/* Where a thread in Unix code acts on a SuspendThread or TerminateThread that came meanwhile. */
void leave_unix(int *scope)
{
    struct thread *thread = current_thread;
    if (--unix_depth || !thread) return;
    atomic_store_explicit(&thread->in_unix, 0, memory_order_release);
    if (thread->exiting) return;
    /* the process is ending: this is where a thread that was in Unix code stops */
    if (atomic_load(&process_exiting))
        for (;;) pause();
    if (atomic_load(&thread->suspend_count) > 0) wait_while_suspended(thread);
    if (atomic_load(&thread->terminate_requested)) thread_exit(thread->exit_code);
}

static void suspend_handler(int sig, siginfo_t *info, void *uc)
{
    struct thread *thread = current_thread;
    int saved = errno;
    /* in Unix code the thread stops when the call returns: it may hold locks now */
    if (thread && !unix_depth)
    {
        /* stopped here, its registers are the signal frame's: GetThreadContext reads them, and
         * SetThreadContext's changes take effect when the handler returns */
        thread->stopped_uc = uc;
        atomic_store_explicit(&thread->stopped, 1, memory_order_release);
        wait_while_suspended(thread);
        atomic_store_explicit(&thread->stopped, 0, memory_order_release);
        thread->stopped_uc = NULL;
    }
    errno = saved;
}

static void terminate_handler(int sig)
{
    /* In Unix code the signal only interrupts a blocking call, which then returns to leave_unix:
     * a thread stopped there could hold the loader lock, a heap lock or a malloc arena, and the
     * exiting thread, which goes on to detach the DLLs, would wait for it for ever. */
    if (unix_depth || !current_thread || current_thread->exiting) return;
    /* at process exit the other threads stop where they are in PE code, as Windows ends them */
    if (atomic_load(&process_exiting))
        for (;;) pause();
    thread_exit(current_thread->exit_code);
}

static struct thread *new_thread(TEB *teb, DWORD tid)
{
    struct thread *thread = calloc(1, sizeof(*thread));
    if (!thread) return NULL;
    object_init(&thread->obj, &thread_ops);
    thread->teb = teb;
    thread->tid = tid;
    thread->exit_code = STATUS_PENDING;
    thread->affinity = process_affinity_mask();
    NtQuerySystemTime(&thread->create_time);
    atomic_init(&thread->wait_reason, -1);
    list_init(&thread->mutexes);
    list_init(&thread->apcs);
    list_init(&thread->entry);
    return thread;
}

TEB *thread_init_main(void)
{
    DWORD tid = atomic_fetch_add(&next_tid, 4);
    TEB *teb = alloc_teb(tid);
    struct sigaction sa;
    struct thread *thread;

    if (!teb || !(thread = new_thread(teb, tid)))
    {
        wring_error("cannot allocate the main thread");
        fatal_status(STATUS_NO_MEMORY);
    }
    /* the kernel's bounds until thread_size_main_stack knows the exe's reserve */
    set_stack_bounds(teb);
    set_gs(teb);
    thread->pthread = pthread_self();
    thread->unix_tid = gettid();
    current_thread = thread;
    live_threads = 1;
    list_add_tail(&threads, &thread->entry);

    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK | SA_RESTART;
    sa.sa_sigaction = suspend_handler;
    sa.sa_flags |= SA_SIGINFO;
    sigaction(SIG_SUSPEND, &sa, NULL);
    sa.sa_flags &= ~SA_SIGINFO;
    sa.sa_handler = terminate_handler;
    sigaction(SIG_TERMINATE, &sa, NULL);
    return teb;
}

/*
 * The end of every thread: DLLs see the detach, owned mutexes are abandoned,
 * waiters on the thread are released, and the last thread ends the process.
 */
static void finish_thread(DWORD status)
{
    struct thread *thread = current_thread;
    TEB *teb = thread->teb;
    bool last;

    /* Unix code to the end, whatever depth the jump to exit_jmp left behind: the detach takes
     * the loader lock, and a signal must not stop the thread inside it */
    unix_depth = 1;
    thread->exiting = true;
    loader_thread_detach(teb);
    port_thread_gone(thread);
    pthread_mutex_lock(&threads_lock);
    last = --live_threads == 0;
    list_remove(&thread->entry);
    pthread_mutex_unlock(&threads_lock);
    if (last) wring_exit_process(status);

    /* what GetThreadTimes reports of it from now on */
    thread_cpu_times(0, &thread->kernel_time, &thread->user_time);
    NtQuerySystemTime(&thread->exit_time);

    sync_lock();
    mutexes_abandon(thread);
    abandon_wait_queue(thread);
    thread->exit_code = status;
    thread->terminated = true;
    wake_waiters(&thread->obj);
    sync_unlock();

    if (teb->TlsExpansionSlots) RtlFreeHeap(heap_process_heap(), 0, teb->TlsExpansionSlots);
    /* teb->FlsSlots is kernel32's: listed process-wide, it is freed at DLL_THREAD_DETACH only */
    current_thread = NULL;
    object_release(&thread->obj);
    free_teb(teb);
}

void thread_exit(DWORD status)
{
    exit_status = status;
    siglongjmp(exit_jmp, 1);
}

void WINAPI wring_exit_thread(DWORD status)
{
    thread_exit(status);
}

static NTSTATUS set_unix_affinity(pid_t tid, ULONG_PTR mask)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    for (unsigned int i = 0; i < sizeof(mask) * 8; i++)
        if (mask & ((ULONG_PTR)1 << i)) CPU_SET(i, &set);
    if (sched_setaffinity(tid, sizeof(set), &set)) return errno == EINVAL ? STATUS_INVALID_PARAMETER : status_from_errno(errno);
    return STATUS_SUCCESS;
}

NTSTATUS threads_set_affinity(ULONG_PTR mask)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct list *cur;

    pthread_mutex_lock(&threads_lock);
    for (cur = threads.next; cur != &threads && !status; cur = cur->next)
    {
        struct thread *t = LIST_ENTRY_OF(cur, struct thread, entry);
        /* a thread that has not run yet takes its mask when it starts */
        t->affinity = mask;
        if (t->unix_tid) status = set_unix_affinity(t->unix_tid, mask);
    }
    pthread_mutex_unlock(&threads_lock);
    return status;
}

static LONGLONG timeval_to_100ns(const struct timeval *tv)
{
    return (LONGLONG)tv->tv_sec * 10000000 + tv->tv_usec * 10;
}

NTSTATUS thread_cpu_times(pid_t unix_tid, LONGLONG *kernel, LONGLONG *user)
{
    unsigned long long utime, stime;
    char path[64], buf[1024], *p;
    struct rusage ru;
    ssize_t n;
    long ticks;
    int fd;

    if (!unix_tid || unix_tid == gettid())
    {
        if (getrusage(RUSAGE_THREAD, &ru)) return status_from_errno(errno);
        *kernel = timeval_to_100ns(&ru.ru_stime);
        *user = timeval_to_100ns(&ru.ru_utime);
        return STATUS_SUCCESS;
    }
    /* another thread's times are only in /proc: utime and stime, fields 14 and 15, in clock ticks */
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)unix_tid);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) return status_from_errno(errno);
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0) return STATUS_UNSUCCESSFUL;
    buf[n] = 0;
    /* the command name may hold spaces and parentheses: count fields from the last ')' (field 2's end) */
    if (!(p = strrchr(buf, ')')) ||
        sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return STATUS_UNSUCCESSFUL;
    if ((ticks = sysconf(_SC_CLK_TCK)) <= 0) return STATUS_UNSUCCESSFUL;
    *kernel = (LONGLONG)(stime * 10000000 / ticks);
    *user = (LONGLONG)(utime * 10000000 / ticks);
    return STATUS_SUCCESS;
}

/* A Windows thread starts with its initial CONTEXT's floating-point state: every exception
 * masked and no flag raised (MXCSR 0x1f80, where Wring's own start-up may have left flags), and
 * the x87 at 53-bit precision (0x27f, where Linux has 64-bit 0x37f).  Its ds and es hold the
 * flat data selector 0x2b, as Windows' do (Linux leaves them 0; both mean the same in 64-bit
 * code, and 0x2b is Linux's user data selector too). */
void thread_init_registers(void)
{
    const unsigned int mxcsr = 0x1f80;
    const unsigned short fcw = 0x27f, data_sel = 0x2b;
    __asm__ volatile("fninit\n\tfldcw %0\n\tldmxcsr %1\n\tmovw %2, %%ds\n\tmovw %2, %%es"
                     : : "m"(fcw), "m"(mxcsr), "r"(data_sel));
}

static void *thread_start(void *arg)
{
    struct thread *thread = arg;
    DWORD status;

    /* Until exit_jmp is set, a TerminateThread signal must not jump to it: the thread counts as
     * being in Unix code, where signals only interrupt a blocking call. */
    int scope = enter_unix();
    current_thread = thread;
    pthread_mutex_lock(&threads_lock);
    thread->unix_tid = gettid();
    /* a new thread runs on the process's processors, not on those its creator was bound to */
    set_unix_affinity(thread->unix_tid, thread->affinity);
    pthread_mutex_unlock(&threads_lock);
    set_gs(thread->teb);
    set_stack_bounds(thread->teb);
    setup_stack_guard(thread, thread->teb, false);
    setup_signal_stack();

    if (!sigsetjmp(exit_jmp, 1))
    {
        /* leaving Unix code waits out CREATE_SUSPENDED or a SuspendThread, and acts on a
         * TerminateThread that came meanwhile */
        leave_unix(&scope);
        /* the attach takes the loader lock and the heap: Unix code, for the safe points */
        scope = enter_unix();
        thread_init_registers();
        loader_thread_attach(thread->teb);
        leave_unix(&scope);
        status = pe_call_thread_start(thread->start, thread->param);
    }
    else status = exit_status;
    finish_thread(status);
    free(alt_stack);
    return NULL;
}

/* The main thread ends through here when it calls ExitThread while others run on. */
static void main_thread_exit_jump(void) __attribute__((noreturn));
static void main_thread_exit_jump(void)
{
    finish_thread(exit_status);
    pthread_exit(NULL);
}

DWORD thread_run_main(void *entry)
{
    if (sigsetjmp(exit_jmp, 1)) main_thread_exit_jump();
    return pe_call_process_entry(entry, process_peb());
}

static size_t default_stack_size(void)
{
    PEB *peb = process_peb();
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)((char *)peb->ImageBaseAddress +
                                                    ((IMAGE_DOS_HEADER *)peb->ImageBaseAddress)->e_lfanew);
    return nt->OptionalHeader.SizeOfStackReserve;
}

/*
 * The main thread's stack as Windows sizes it: SizeOfStackReserve of the exe, not the
 * kernel's RLIMIT_STACK, so that a program linked for a deep stack gets it and one linked for
 * a shallow one overflows where it would on Windows.  The part below what the kernel has grown
 * is mapped now (setup_stack_guard); where that address range is taken, the stack stays the
 * kernel's.  Never less than what is in use already (the environment, Wring's start-up) and
 * room for the handlers.
 */
void thread_size_main_stack(void)
{
    SIZE_T reserve = default_stack_size();
    struct thread *thread = current_thread;
    TEB *teb = thread->teb;
    char *top = teb->Tib.StackBase;
    /* the frame, not a local's address: AddressSanitizer may keep locals on a stack of its own */
    char *sp = __builtin_frame_address(0);
    size_t in_use = top - sp + 4 * STACK_GUARD_SIZE;
    size_t size = ((reserve > in_use ? reserve : in_use) + STACK_GUARD_SIZE - 1) & ~(size_t)(STACK_GUARD_SIZE - 1);
    char *bottom = main_stack_bottom(sp);

    teb->DeallocationStack = teb->Tib.StackLimit = top - size;
    /* within what the kernel has grown already, the guard zone is all it takes; deeper, the
       rest is mapped below the kernel's part */
    if (!bottom || !setup_stack_guard(thread, teb, top - size < bottom)) set_stack_bounds(teb);
    virtual_add_view(teb->DeallocationStack, top - (char *)teb->DeallocationStack, MEM_PRIVATE, PAGE_READWRITE);
}

NTSTATUS WINAPI NtCreateThreadEx(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, HANDLE process,
                                 PRTL_THREAD_START_ROUTINE start, void *param, ULONG flags, ULONG_PTR zero_bits,
                                 SIZE_T stack_commit, SIZE_T stack_reserve, PS_ATTRIBUTE_LIST *attr_list)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    pthread_attr_t pattr;
    struct thread *thread;
    DWORD tid;
    TEB *teb;
    NTSTATUS status;
    size_t stack;
    int err;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (!handle || !start) return STATUS_INVALID_PARAMETER;
    tid = atomic_fetch_add(&next_tid, 4);
    if (!(teb = alloc_teb(tid))) return STATUS_NO_MEMORY;
    if (!(thread = new_thread(teb, tid)))
    {
        free_teb(teb);
        return STATUS_NO_MEMORY;
    }
    thread->start = (void *)start;
    thread->param = param;
    if (flags & THREAD_CREATE_FLAGS_CREATE_SUSPENDED) atomic_store(&thread->suspend_count, 1);

    stack = stack_reserve ? stack_reserve : default_stack_size();
    if (stack_commit > stack) stack = stack_commit;
    if (stack < MIN_STACK) stack = MIN_STACK;
    stack = (stack + 0xffff) & ~(size_t)0xffff;

    if ((status = handle_alloc(&thread->obj, access ? access : THREAD_ALL_ACCESS, handle)))
    {
        object_release(&thread->obj);
        free_teb(teb);
        return status;
    }
    /* the running thread holds its own reference until it has finished */
    object_grab(&thread->obj);
    pthread_mutex_lock(&threads_lock);
    live_threads++;
    list_add_tail(&threads, &thread->entry);
    pthread_mutex_unlock(&threads_lock);

    pthread_attr_init(&pattr);
    pthread_attr_setstacksize(&pattr, stack);
    pthread_attr_setdetachstate(&pattr, PTHREAD_CREATE_DETACHED);
    err = pthread_create(&thread->pthread, &pattr, thread_start, thread);
    pthread_attr_destroy(&pattr);
    if (err)
    {
        pthread_mutex_lock(&threads_lock);
        live_threads--;
        list_remove(&thread->entry);
        pthread_mutex_unlock(&threads_lock);
        NtClose(*handle);
        object_release(&thread->obj);
        free_teb(teb);
        return err == EAGAIN ? STATUS_NO_MEMORY : status_from_errno(err);
    }

    if (attr_list)
    {
        size_t n = (attr_list->TotalLength - offsetof(PS_ATTRIBUTE_LIST, Attributes)) / sizeof(PS_ATTRIBUTE);
        for (size_t i = 0; i < n; i++)
        {
            PS_ATTRIBUTE *a = &attr_list->Attributes[i];
            if (a->Attribute == PS_ATTRIBUTE_CLIENT_ID && a->Size >= sizeof(CLIENT_ID))
            {
                ((CLIENT_ID *)a->ValuePtr)->UniqueProcess = teb->ClientId.UniqueProcess;
                ((CLIENT_ID *)a->ValuePtr)->UniqueThread = teb->ClientId.UniqueThread;
                if (a->ReturnLength) *a->ReturnLength = sizeof(CLIENT_ID);
            }
            else if (a->Attribute == PS_ATTRIBUTE_TEB_ADDRESS && a->Size >= sizeof(TEB *))
            {
                *(TEB **)a->ValuePtr = teb;
                if (a->ReturnLength) *a->ReturnLength = sizeof(TEB *);
            }
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS get_thread(HANDLE handle, struct thread **thread)
{
    return handle_ref(handle, &thread_ops, (struct object **)thread);
}

NTSTATUS WINAPI NtTerminateThread(HANDLE handle, LONG status)
{
    struct thread *thread;
    NTSTATUS ret;

    /* NULL: every thread but the caller (the process is ending) */
    if (!handle)
    {
        threads_freeze_others();
        return STATUS_SUCCESS;
    }
    if ((ret = get_thread(handle, &thread))) return ret;
    atomic_store(&thread->terminate_requested, true);
    if (thread == current_thread)
    {
        object_release(&thread->obj);
        thread_exit(status);
    }
    sync_lock();
    if (thread->terminated || thread->exiting) ret = STATUS_SUCCESS;
    else
    {
        thread->exit_code = status;
        /* a wait in progress ends now, and the thread leaves at its next safe point */
        if (thread->wait) abandon_wait_queue(thread);
        /* a suspended thread must run to reach its end */
        atomic_store(&thread->suspend_count, 0);
        futex(&thread->suspend_count, FUTEX_WAKE, INT_MAX);
        pthread_kill(thread->pthread, SIG_TERMINATE);
    }
    sync_unlock();
    object_release(&thread->obj);
    return ret;
}

NTSTATUS WINAPI NtOpenThread(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, const CLIENT_ID *id)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    if (id && !probe_user((void *)id, sizeof(*id), false)) return STATUS_ACCESS_VIOLATION;
    struct thread *found = NULL;
    struct list *cur;
    NTSTATUS status;

    if (!handle || !id) return STATUS_INVALID_PARAMETER;
    pthread_mutex_lock(&threads_lock);
    for (cur = threads.next; cur != &threads; cur = cur->next)
    {
        struct thread *t = LIST_ENTRY_OF(cur, struct thread, entry);
        if (t->tid == HandleToULong(id->UniqueThread)) { found = t; object_grab(&t->obj); break; }
    }
    pthread_mutex_unlock(&threads_lock);
    if (!found) return STATUS_INVALID_CID;
    status = handle_alloc(&found->obj, access, handle);
    object_release(&found->obj);
    return status;
}

NTSTATUS WINAPI NtQueryInformationThread(HANDLE handle, THREADINFOCLASS klass, void *info, ULONG length,
                                         ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct thread *thread;
    NTSTATUS status;

    if ((status = get_thread(handle, &thread))) return status;
    switch (klass)
    {
    case ThreadBasicInformation:
    {
        THREAD_BASIC_INFORMATION *basic = info;
        if (length < sizeof(*basic)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        sync_lock();
        basic->ExitStatus = thread->terminated ? thread->exit_code : STATUS_PENDING;
        sync_unlock();
        basic->TebBaseAddress = thread->terminated ? NULL : thread->teb;
        basic->ClientId.UniqueProcess = ULongToHandle(getpid());
        basic->ClientId.UniqueThread = ULongToHandle(thread->tid);
        pthread_mutex_lock(&threads_lock);
        basic->AffinityMask = thread->affinity;
        pthread_mutex_unlock(&threads_lock);
        basic->Priority = 8 + thread->priority;
        basic->BasePriority = thread->priority;
        if (result) *result = sizeof(*basic);
        break;
    }
    case ThreadTimes:
    {
        KERNEL_USER_TIMES times = { 0 };
        if (length < sizeof(times)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        times.CreateTime = thread->create_time;
        sync_lock();
        bool ended = thread->terminated;
        sync_unlock();
        if (ended)
        {
            times.ExitTime = thread->exit_time;
            times.KernelTime.QuadPart = thread->kernel_time;
            times.UserTime.QuadPart = thread->user_time;
        }
        /* a thread that has not run yet has used no time */
        else if (thread->unix_tid &&
                 (status = thread_cpu_times(thread->unix_tid, &times.KernelTime.QuadPart, &times.UserTime.QuadPart)))
            break;
        memcpy(info, &times, sizeof(times));
        if (result) *result = sizeof(times);
        break;
    }
    case ThreadNameInformation:
        status = thread_query_name(thread, info, length, result);
        break;
    default:
        TRACE(STUB, "NtQueryInformationThread: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    object_release(&thread->obj);
    return status;
}

NTSTATUS WINAPI NtSetInformationThread(HANDLE handle, THREADINFOCLASS klass, const void *info, ULONG length)
{
    if (!probe_user((void *)info, length, false)) return STATUS_ACCESS_VIOLATION;
    struct thread *thread;
    NTSTATUS status;

    if ((status = get_thread(handle, &thread))) return status;
    switch (klass)
    {
    case ThreadBasePriority:
        if (length != sizeof(LONG)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        /* remembered and reported; Linux scheduling is left alone (it would need privileges to raise) */
        thread->priority = *(const LONG *)info;
        break;
    case ThreadZeroTlsCell:
    {
        /* TlsFree: the slot reads NULL again in every thread, as Windows guarantees */
        struct list *cur;
        ULONG index;
        if (length != sizeof(ULONG)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        index = *(const ULONG *)info;
        if (index >= TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS) { status = STATUS_INVALID_PARAMETER; break; }
        pthread_mutex_lock(&threads_lock);
        for (cur = threads.next; cur != &threads; cur = cur->next)
        {
            TEB *teb = LIST_ENTRY_OF(cur, struct thread, entry)->teb;
            if (index < TLS_MINIMUM_AVAILABLE) teb->TlsSlots[index] = NULL;
            else if (teb->TlsExpansionSlots) teb->TlsExpansionSlots[index - TLS_MINIMUM_AVAILABLE] = NULL;
        }
        pthread_mutex_unlock(&threads_lock);
        break;
    }
    case ThreadAffinityMask:
    {
        ULONG_PTR mask;
        if (length != sizeof(ULONG_PTR)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        mask = *(const ULONG_PTR *)info;
        /* a thread runs on some of its process's processors */
        if (!mask || (mask & ~process_affinity_mask())) { status = STATUS_INVALID_PARAMETER; break; }
        pthread_mutex_lock(&threads_lock);
        if (!thread->unix_tid || !(status = set_unix_affinity(thread->unix_tid, mask))) thread->affinity = mask;
        pthread_mutex_unlock(&threads_lock);
        break;
    }
    case ThreadIdealProcessor:
    {
        ULONG number;
        if (length != sizeof(ULONG)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        number = *(const ULONG *)info;
        if (number > MAXIMUM_PROCESSORS) { status = STATUS_INVALID_PARAMETER; break; }
        /* a preference the scheduler may ignore, and Linux's has no such notion: it is kept and
           reported.  The answer is the previous one; MAXIMUM_PROCESSORS only asks for it. */
        status = thread->ideal_processor;
        if (number < MAXIMUM_PROCESSORS) thread->ideal_processor = number;
        break;
    }
    case ThreadHideFromDebugger:
        /* accepted: Wring has no debugger to hide from */
        break;
    case ThreadNameInformation:
        status = thread_set_name(thread, info, length);
        break;
    default:
        TRACE(STUB, "NtSetInformationThread: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    object_release(&thread->obj);
    return status;
}

NTSTATUS WINAPI NtResumeThread(HANDLE handle, ULONG *count)
{
    struct thread *thread;
    NTSTATUS status;
    int prev;

    if ((status = get_thread(handle, &thread))) return status;
    prev = atomic_load(&thread->suspend_count);
    while (prev > 0 && !atomic_compare_exchange_weak(&thread->suspend_count, &prev, prev - 1)) {}
    if (prev == 1) futex(&thread->suspend_count, FUTEX_WAKE, INT_MAX);
    if (count) *count = prev;
    object_release(&thread->obj);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSuspendThread(HANDLE handle, ULONG *count)
{
    if (count && !probe_user(count, sizeof(*count), true)) return STATUS_ACCESS_VIOLATION;
    struct thread *thread;
    NTSTATUS status;
    int prev;

    if ((status = get_thread(handle, &thread))) return status;
    if (thread->terminated || thread->exiting) status = STATUS_THREAD_IS_TERMINATING;
    else
    {
        prev = atomic_fetch_add(&thread->suspend_count, 1);
        if (count) *count = prev;
        /* a thread that has not started yet stops at its start; a running one in a signal handler */
        if (!prev && thread->pthread) pthread_kill(thread->pthread, SIG_SUSPEND);
    }
    object_release(&thread->obj);
    return status;
}

void threads_freeze_others(void)
{
    struct list *cur;
    atomic_store(&process_exiting, true);
    pthread_mutex_lock(&threads_lock);
    for (cur = threads.next; cur != &threads; cur = cur->next)
    {
        struct thread *t = LIST_ENTRY_OF(cur, struct thread, entry);
        if (t != current_thread && t->pthread) pthread_kill(t->pthread, SIG_TERMINATE);
    }
    pthread_mutex_unlock(&threads_lock);
}

/*
 * NtQuerySystemInformation(SystemProcessInformation): this process and its
 * threads, with their states (running, or waiting with a KWAIT_REASON), in
 * the x64 layout: a 0x100-byte process entry followed by 0x50-byte thread
 * entries, then the process name.
 */
NTSTATUS threads_process_information(void *buffer, ULONG size, ULONG *needed)
{
    static const WCHAR name[] = { 'w','r','i','n','g','.','e','x','e',0 };
    struct list *cur;
    ULONG count = 0, total;
    char *p = buffer;

    pthread_mutex_lock(&threads_lock);
    for (cur = threads.next; cur != &threads; cur = cur->next) count++;
    total = 0x100 + count * 0x50 + sizeof(name);
    *needed = total;
    if (size < total)
    {
        pthread_mutex_unlock(&threads_lock);
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    memset(p, 0, total);
    *(ULONG *)(p + 0x04) = count;
    UNICODE_STRING *us = (UNICODE_STRING *)(p + 0x38);
    us->Buffer = (WCHAR *)(p + 0x100 + count * 0x50);
    memcpy(us->Buffer, name, sizeof(name));
    us->Length = sizeof(name) - sizeof(WCHAR);
    us->MaximumLength = sizeof(name);
    *(ULONG *)(p + 0x48) = 8;
    *(HANDLE *)(p + 0x50) = ULongToHandle(getpid());
    *(HANDLE *)(p + 0x58) = ULongToHandle(getppid());
    *(ULONG *)(p + 0x04) = count;
    char *t = p + 0x100;
    for (cur = threads.next; cur != &threads; cur = cur->next, t += 0x50)
    {
        struct thread *thread = LIST_ENTRY_OF(cur, struct thread, entry);
        int reason = atomic_load(&thread->wait_reason);
        *(void **)(t + 0x20) = thread->start;
        *(HANDLE *)(t + 0x28) = ULongToHandle(getpid());
        *(HANDLE *)(t + 0x30) = ULongToHandle(thread->tid);
        *(ULONG *)(t + 0x38) = 8 + thread->priority;
        *(ULONG *)(t + 0x3c) = 8 + thread->priority;
        *(ULONG *)(t + 0x44) = reason < 0 ? 2 : 5;     /* Running, Waiting */
        *(ULONG *)(t + 0x48) = reason < 0 ? 0 : reason;
    }
    pthread_mutex_unlock(&threads_lock);
    return STATUS_SUCCESS;
}

void threads_for_each_teb(void (*fn)(TEB *teb, void *ctx), void *ctx)
{
    struct list *cur;
    pthread_mutex_lock(&threads_lock);
    for (cur = threads.next; cur != &threads; cur = cur->next)
        fn(LIST_ENTRY_OF(cur, struct thread, entry)->teb, ctx);
    pthread_mutex_unlock(&threads_lock);
}

/* The Unix side reads the TEB the same way Windows code does. */
struct _TEB *WINAPI NtCurrentTeb(void)
{
    struct _TEB *teb;
    __asm__("movq %%gs:0x30,%0" : "=r"(teb));
    return teb;
}

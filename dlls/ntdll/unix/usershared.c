/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * KUSER_SHARED_DATA: the read-only page at 0x7ffe0000 that Windows maps into
 * every process.  Programs read the clocks straight from it -- Go's runtime
 * takes its monotonic and wall time from InterruptTime and SystemTime with no
 * call at all -- and the system's version and processor features.  A Unix
 * thread (not a Windows thread) brings the clocks up to date every
 * millisecond, in the order Windows writes a KSYSTEM_TIME so that a reader
 * who sees High1Time == High2Time has a consistent value.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "private.h"
#include "ddk/wdm.h"

#define USER_SHARED_DATA_ADDRESS ((void *)0x7ffe0000)
#define UPDATE_NS 1000000

static KSHARED_USER_DATA *shared;

static LONGLONG monotonic_100ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 10000000LL + ts.tv_nsec / 100;
}

/* High2Time first and High1Time last, with the low part between: a reader checks them equal. */
static void set_time(volatile KSYSTEM_TIME *time, LONGLONG value)
{
    time->High2Time = (LONG)(value >> 32);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    time->LowPart = (ULONG)value;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    time->High1Time = (LONG)(value >> 32);
}

static void update_clocks(void)
{
    LARGE_INTEGER now;
    LONGLONG interrupt = monotonic_100ns(), ticks = interrupt / 10000;

    NtQuerySystemTime(&now);
    set_time(&shared->InterruptTime, interrupt);
    set_time(&shared->SystemTime, now.QuadPart);
    set_time(&shared->TickCount, ticks);
    shared->TickCountLowDeprecated = (ULONG)ticks;
}

static void *clock_thread(void *arg)
{
    const struct timespec period = { 0, UPDATE_NS };
    sigset_t all;
    /* signals meant for Windows threads must not land here */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;)
    {
        nanosleep(&period, NULL);
        update_clocks();
    }
    return NULL;
}

void user_shared_init(void)
{
    static const WCHAR root[] = { 'C',':','\\','w','i','n','d','o','w','s',0 };
    /* what x86-64 guarantees, and what kernel32's IsProcessorFeaturePresent answers from here */
    static const int features[] = { PF_COMPARE_EXCHANGE_DOUBLE, PF_MMX_INSTRUCTIONS_AVAILABLE,
                                    PF_XMMI_INSTRUCTIONS_AVAILABLE, PF_XMMI64_INSTRUCTIONS_AVAILABLE,
                                    PF_RDTSC_INSTRUCTION_AVAILABLE, PF_NX_ENABLED, PF_COMPARE_EXCHANGE128,
                                    PF_FASTFAIL_AVAILABLE };
    long pages = sysconf(_SC_PHYS_PAGES);
    pthread_t thread;
    void *page, *writable;
    int fd;

    /* one page seen twice: read-only at its Windows address, as programs have it, and writable
     * elsewhere for the clock thread */
    if ((fd = memfd_create("KUSER_SHARED_DATA", MFD_CLOEXEC)) < 0 || ftruncate(fd, 0x1000) ||
        (writable = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
    {
        wring_error("cannot make KUSER_SHARED_DATA: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return;
    }
    page = mmap(USER_SHARED_DATA_ADDRESS, 0x1000, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    close(fd);
    if (page != USER_SHARED_DATA_ADDRESS)
    {
        /* programs that read the page would fault; everything else still works */
        wring_error("cannot map KUSER_SHARED_DATA at 0x7ffe0000: %s", strerror(errno));
        if (page != MAP_FAILED) munmap(page, 0x1000);
        munmap(writable, 0x1000);
        return;
    }
    virtual_add_view(page, 0x1000, MEM_PRIVATE, PAGE_READONLY);
    shared = writable;
    shared->TickCountMultiplier = 0x0fa00000;
    shared->ImageNumberLow = shared->ImageNumberHigh = IMAGE_FILE_MACHINE_AMD64;
    memcpy(shared->NtSystemRoot, root, sizeof(root));
    /* the version Windows 10 22H2 reports, as RtlGetVersion does */
    shared->NtMajorVersion = 10;
    shared->NtMinorVersion = 0;
    shared->NtBuildNumber = 19045;
    shared->NtProductType = NtProductWinNt;
    shared->ProductTypeIsValid = TRUE;
    shared->NativeProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    for (size_t i = 0; i < ARRAYSIZE(features); i++) shared->ProcessorFeatures[features[i]] = TRUE;
    shared->NumberOfPhysicalPages = pages > 0 ? (ULONG)pages : 0;
    shared->QpcFrequency = 10000000;
    shared->LargePageMinimum = 2 * 1024 * 1024;
    update_clocks();
    if (pthread_create(&thread, NULL, clock_thread, NULL))
    {
        wring_error("cannot start the KUSER_SHARED_DATA clock: the clocks there stand still");
        return;
    }
    pthread_detach(thread);
}

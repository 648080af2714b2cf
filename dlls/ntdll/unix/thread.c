/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Thread environment blocks: one per thread, reached by Windows code through GS. */
#include <asm/prctl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "private.h"

static TEB *alloc_teb(void)
{
    /* page-aligned and zeroed, like the TEB pages Windows maps for each thread */
    size_t size = (sizeof(TEB) + 4095) & ~4095;
    TEB *teb = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (teb == MAP_FAILED) return NULL;
    teb->Tib.Self = &teb->Tib;
    teb->Tib.ExceptionList = (void *)~0UL;
    teb->Peb = process_peb();
    teb->ClientId.UniqueProcess = ULongToHandle(getpid());
    teb->ClientId.UniqueThread = ULongToHandle(gettid());
    teb->StaticUnicodeString.Buffer = teb->StaticUnicodeBuffer;
    teb->StaticUnicodeString.MaximumLength = sizeof(teb->StaticUnicodeBuffer);
    return teb;
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
        virtual_add_view(addr, size, MEM_PRIVATE, PAGE_READWRITE);
    }
    pthread_attr_destroy(&attr);
}

/* glibc keeps its own thread pointer in FS, so GS is free for the TEB as on Windows. */
static void set_gs(TEB *teb)
{
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, teb))
    {
        wring_error("cannot set the GS base for the TEB");
        fatal_status(STATUS_UNSUCCESSFUL);
    }
}

TEB *thread_init_main(void)
{
    TEB *teb = alloc_teb();
    if (!teb)
    {
        wring_error("cannot allocate the main thread's TEB");
        fatal_status(STATUS_NO_MEMORY);
    }
    set_stack_bounds(teb);
    set_gs(teb);
    return teb;
}

/* The Unix side reads the TEB the same way Windows code does. */
struct _TEB *WINAPI NtCurrentTeb(void)
{
    struct _TEB *teb;
    __asm__("movq %%gs:0x30,%0" : "=r"(teb));
    return teb;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The C++ exception core (cxx_eh.c, cxx_funclet.S) is compiled into msvcrt.dll and again into
 * vcruntime140.dll, which Microsoft's compiler has held it since 2015.  Each DLL keeps its own
 * per-thread state and its own idea of std::terminate; this is what the core asks of it.
 */
#ifndef WRING_CXX_EH_H
#define WRING_CXX_EH_H

/* The CRT headers mark their functions dllimport; the core calls whatever the DLL links. */
#ifndef _ACRTIMP
#define _ACRTIMP
#endif

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include "windef.h"
#include "winbase.h"
#include "winternl.h"

struct active_catch;

struct cxx_type_info                /* type_info, as the compiler lays out the objects it emits */
{
    const void *vtable;
    char *name;                     /* undecorated name, built on demand by name() */
    char mangled[1];                /* decorated name: ".H", ".?AVclass@@" */
};

/* a thread's C++ exception state */
struct cxx_thread
{
    struct active_catch *catches;   /* the catch blocks being run, innermost first */
    int uncaught;                   /* exceptions thrown and not caught yet */
    void (__cdecl *translator)(unsigned int, EXCEPTION_POINTERS *);
    void *current_exception;        /* the EXCEPTION_RECORD of the innermost catch block being run */
    void *current_context;          /* and the CONTEXT it was raised in */
};

/* the calling thread's state, made on first use; never NULL */
struct cxx_thread *cxx_thread_state(void);
/* std::terminate as the DLL has it: an exception nobody can take */
void cxx_terminate(void) __attribute__((noreturn));

#endif

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
    /* the state an unwind out of a catch funclet leaves the frame its try block runs in, for
     * tables whose frames have no slot for it (FH4) */
    ULONG64 saved_frame;            /* that frame, 0 for none */
    int saved_state;
};

/*
 * A function's exception tables, whatever their encoding (FH3 in cxx_eh.c, FH4 in
 * vcruntime140's fh4.c): the frame handler reads them through these.
 */
struct cxx_try
{
    int start;                      /* the states of the try body */
    int end;
    int catch_high;                 /* the highest state of its catch blocks */
    UINT catch_count;
    const void *catches;            /* where the encoding keeps them */
};

struct cxx_catch
{
    UINT flags;                     /* CATCH_* */
    int type_info;                  /* RVA, 0 for catch (...) */
    int offset;                     /* where the catch object lives, from the function's frame */
    int handler;                    /* RVA of the catch funclet */
    UINT cont_count;                /* addresses the function goes on at, when the tables hold them */
    ULONG64 cont[2];
};

struct cxx_func;

struct cxx_func_ops
{
    /* the state the frame's code is in at dispatch->ControlPc */
    int (*state_of)(const struct cxx_func *func, const DISPATCHER_CONTEXT *dispatch);
    /* runs the unwind action of state (its destructor) and returns the state it leaves for */
    int (*unwind_step)(const struct cxx_func *func, int state, ULONG64 parent_frame);
    void (*try_block)(const struct cxx_func *func, UINT index, struct cxx_try *t);
    void (*catch_block)(const struct cxx_func *func, const struct cxx_try *t, UINT index,
                        const DISPATCHER_CONTEXT *dispatch, struct cxx_catch *c);
    /* the slot in the function's frame for the state an unwind out of a catch funclet left it
     * in (-2 for none), or NULL when the tables have none */
    int *(*unwind_help)(const struct cxx_func *func, ULONG64 parent_frame);
};

struct cxx_func
{
    const struct cxx_func_ops *ops;
    ULONG64 base;                   /* image base of the tables */
    UINT unwind_count;
    UINT try_count;
    BOOL ehs;                       /* /EHs: catch (...) does not take structured exceptions */
    BOOL noexcept;                  /* a C++ exception must not leave it */
    BOOL is_catch;                  /* a catch funclet's own tables, its states its own (FH4) */
    const void *info;               /* FH3: its FuncInfo */
    const BYTE *unwind_map;         /* FH4: the maps, after their counts */
    const BYTE *try_map;
    const BYTE *ip_map;
    UINT ip_count;
};

#define CATCH_CONST         0x01
#define CATCH_VOLATILE      0x02
#define CATCH_REFERENCE     0x08

/* cxx_funclet.S: runs a cleanup funclet of the function whose establisher frame is frame */
void WINAPI wring_call_funclet(void *funclet, ULONG64 frame);

EXCEPTION_DISPOSITION cxx_frame_handler(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                        DISPATCHER_CONTEXT *dispatch, const struct cxx_func *func);

/* the calling thread's state, made on first use; never NULL */
struct cxx_thread *cxx_thread_state(void);
/* std::terminate as the DLL has it: an exception nobody can take */
void cxx_terminate(void) __attribute__((noreturn));

#endif

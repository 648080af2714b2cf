/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The part of the C++ runtime that is msvcrt's own and not vcruntime140's: std::terminate and
 * its handler, _purecall's message, type_info's destructor and virtual table, operator new and
 * delete.  The exception machinery they serve is cxx_eh.c.
 */
#include "msvcrt_private.h"

typedef void (__cdecl *terminate_handler)(void);

static terminate_handler terminate_func;

void __cdecl MSVCRT_terminate(void) __attribute__((noreturn));

void __cdecl MSVCRT_terminate(void)
{
    if (terminate_func) terminate_func();
    abort();
}

void cxx_terminate(void)
{
    MSVCRT_terminate();
}

terminate_handler __cdecl MSVCRT_set_terminate(terminate_handler func)
{
    terminate_handler old = terminate_func;
    terminate_func = func;
    return old;
}

struct cxx_thread *cxx_thread_state(void)
{
    return &msvcrt_get_thread_data()->cxx;
}

/* a pure virtual function called through an object still being built or already destroyed */
int __cdecl _purecall(void)
{
    static const char message[] = "R6025\r\n- pure virtual function call\r\n";
    DWORD written;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), message, sizeof(message) - 1, &written, NULL);
    abort();
}

/* type_info's destructor: the undecorated name is built on demand and freed with the object */
void __cdecl MSVCRT_type_info_dtor(struct cxx_type_info *info)
{
    free(info->name);
    info->name = NULL;
}

/* type_info's virtual table, which every type descriptor the compiler emits points at: its
 * one entry is the deleting destructor. */
static void *__cdecl type_info_deleting_dtor(struct cxx_type_info *info, unsigned int flags)
{
    MSVCRT_type_info_dtor(info);
    if (flags & 1) free(info);
    return info;
}

const void *const MSVCRT_type_info_vtable[1] = { (const void *)type_info_deleting_dtor };

/* operator new and delete: the heap of malloc; a failed new returns NULL, as msvcrt's does
 * (throwing std::bad_alloc is the compiler's own library's business) */
void *__cdecl MSVCRT_operator_new(size_t size)
{
    return malloc(size);
}

void __cdecl MSVCRT_operator_delete(void *p)
{
    free(p);
}

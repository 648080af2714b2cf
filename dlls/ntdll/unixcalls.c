/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The PE side of the boundary: one exported stub per Unix entry point, made
 * from the list in wring/unixcalls.h.  The loader writes the table's address
 * into wring_unix_funcs before any code of this DLL runs.
 */
#include "wring/unixcalls.h"
#include "ntdll_private.h"

const struct wring_unix_funcs *wring_unix_funcs;

/* The NT kernel clears the direction flag on every system call; a program may call one with
 * it set, and the Unix side's C code (a rep movs in memcpy) must not run backwards. */
#define WRING_PE_STUB(ret, name, params, args) \
    ret WINAPI name params { __asm__ volatile("cld"); return wring_unix_funcs->name args; }
WRING_NT_CALLS(WRING_PE_STUB)
#undef WRING_PE_STUB

void WINAPI RtlExitUserProcess(ULONG status)
{
    wring_unix_funcs->wring_exit_process(status);
    __builtin_unreachable();
}

void WINAPI wring_unimplemented(const char *dll, const char *function)
{
    wring_unix_funcs->wring_unimplemented(dll, function);
    __builtin_unreachable();
}

void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record)
{
    wring_unix_funcs->wring_unhandled_exception(record);
    __builtin_unreachable();
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* ntdll is set up by the Unix side before any of its code runs; nothing is left to do here */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

void WINAPI RtlExitUserThread(ULONG status)
{
    wring_unix_funcs->wring_exit_thread(status);
    __builtin_unreachable();
}

/* Wring's own export: a string's length, or a failure where it cannot be read, for lstrlen. */
NTSTATUS WINAPI wring_string_length(const void *str, SIZE_T char_size, SIZE_T *length)
{
    return wring_unix_funcs->wring_string_length(str, char_size, length);
}

/* Wring's own export: a string copied, or a failure where either string cannot be
 * accessed, for lstrcpy and lstrcpyn. */
NTSTATUS WINAPI wring_copy_string(void *dst, const void *src, SIZE_T char_size, SIZE_T max)
{
    return wring_unix_funcs->wring_copy_string(dst, src, char_size, max);
}

/* Wring's own export: blocks until a console control event (Ctrl-C) comes, for kernel32. */
NTSTATUS WINAPI wring_wait_console_event(ULONG *event)
{
    return wring_unix_funcs->wring_wait_console_event(event);
}

/* Wring's own export: a console's size in characters, for kernel32. */
NTSTATUS WINAPI wring_console_size(HANDLE handle, ULONG *columns, ULONG *rows)
{
    return wring_unix_funcs->wring_console_size(handle, columns, rows);
}

/* Wring's own export: physical, commit and virtual memory figures, for kernel32's GlobalMemoryStatusEx. */
NTSTATUS WINAPI wring_memory_status(MEMORYSTATUSEX *status)
{
    return wring_unix_funcs->wring_memory_status(status);
}

/* Wring's own export: random bytes from the Unix side, for advapi32's RtlGenRandom. */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size)
{
    return wring_unix_funcs->wring_random(buffer, size);
}

/* Wring's own export: a file's Unix permission bits, from which advapi32 builds its DACL. */
NTSTATUS WINAPI wring_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG *mode)
{
    return wring_unix_funcs->wring_file_mode(attr, mode);
}

/* Wring's own export: sets a file's Unix permission bits, for advapi32's SetFileSecurity. */
NTSTATUS WINAPI wring_set_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG mode)
{
    return wring_unix_funcs->wring_set_file_mode(attr, mode);
}

/* Wring's own export: the user's profile folder, for userenv and shell32. */
NTSTATUS WINAPI wring_user_profile(WCHAR *buffer, ULONG count, ULONG *needed)
{
    return wring_unix_funcs->wring_user_profile(buffer, count, needed);
}

/* Wring's own export: an open file's path with its drive, for kernel32's GetFinalPathNameByHandle. */
NTSTATUS WINAPI wring_file_dos_path(HANDLE handle, WCHAR *buffer, ULONG count, ULONG *needed)
{
    return wring_unix_funcs->wring_file_dos_path(handle, buffer, count, needed);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a mingw-w64 program calls around main(): arguments, initialiser tables, exit
 * handlers, errno, signals and the SEH scope-table handler.
 */
#include "msvcrt_private.h"

#define ARGV_CHAR char
#define ARGV_FUNC split_args_a
#include "argv.h"
#undef ARGV_CHAR
#undef ARGV_FUNC
#define ARGV_CHAR WCHAR
#define ARGV_FUNC split_args_w
#include "argv.h"
#undef ARGV_CHAR
#undef ARGV_FUNC

char *_acmdln;
WCHAR *_wcmdln;
int __argc;
char **__argv;
WCHAR **__wargv;
char **__initenv;
WCHAR **__winitenv;
char *_pgmptr;
WCHAR *_wpgmptr;
int _fmode;
int _commode;

static int app_type;
static int error_mode;
static void *user_matherr;

static CRITICAL_SECTION locks[M_TOTAL_LOCKS];

void msvcrt_init_locks(void)
{
    int i;
    for (i = 0; i < M_TOTAL_LOCKS; i++) InitializeCriticalSection(&locks[i]);
}

void msvcrt_free_locks(void)
{
    int i;
    for (i = 0; i < M_TOTAL_LOCKS; i++) DeleteCriticalSection(&locks[i]);
}

void __cdecl _lock(int n)
{
    if (n < 0 || n >= M_TOTAL_LOCKS) _amsg_exit(17);
    EnterCriticalSection(&locks[n]);
}

void __cdecl _unlock(int n)
{
    if (n < 0 || n >= M_TOTAL_LOCKS) _amsg_exit(17);
    LeaveCriticalSection(&locks[n]);
}

/* ---- arguments ---- */

static char **build_argv_a(const char *cmd, int *argc)
{
    size_t nchars;
    char **argv;

    split_args_a(cmd, NULL, NULL, argc, &nchars);
    argv = HeapAlloc(msvcrt_heap, 0, (*argc + 1) * sizeof(char *) + nchars);
    if (!argv) return NULL;
    split_args_a(cmd, argv, (char *)(argv + *argc + 1), argc, &nchars);
    return argv;
}

static WCHAR **build_argv_w(const WCHAR *cmd, int *argc)
{
    size_t nchars;
    WCHAR **argv;

    split_args_w(cmd, NULL, NULL, argc, &nchars);
    argv = HeapAlloc(msvcrt_heap, 0, (*argc + 1) * sizeof(WCHAR *) + nchars * sizeof(WCHAR));
    if (!argv) return NULL;
    split_args_w(cmd, argv, (WCHAR *)(argv + *argc + 1), argc, &nchars);
    return argv;
}

static BOOL init_module_names(void)
{
    DWORD size = MAX_PATH, len;

    for (;;)
    {
        char *a = HeapAlloc(msvcrt_heap, 0, size);
        WCHAR *w = HeapAlloc(msvcrt_heap, 0, size * sizeof(WCHAR));
        DWORD lenw;

        if (!a || !w) return FALSE;
        len = GetModuleFileNameA(NULL, a, size);
        lenw = GetModuleFileNameW(NULL, w, size);
        if (len && len < size && lenw && lenw < size)
        {
            _pgmptr = a;
            _wpgmptr = w;
            return TRUE;
        }
        HeapFree(msvcrt_heap, 0, a);
        HeapFree(msvcrt_heap, 0, w);
        if (!len || !lenw) return FALSE;
        size *= 2;
    }
}

BOOL msvcrt_init_startup(void)
{
    int wargc;

    _acmdln = GetCommandLineA();
    _wcmdln = GetCommandLineW();
    __argv = build_argv_a(_acmdln, &__argc);
    __wargv = build_argv_w(_wcmdln, &wargc);
    if (!__argv || !__wargv) return FALSE;
    __initenv = _environ;
    __winitenv = _wenviron;
    return init_module_names();
}

/* The wildcard flag is accepted and ignored: mingw-w64 passes _dowildcard, 0 by default. */
int __cdecl __getmainargs(int *argc, char ***argv, char ***envp, int expand_wildcards, void *startinfo)
{
    *argc = __argc;
    *argv = __argv;
    __initenv = _environ;
    *envp = _environ;
    return 0;
}

int __cdecl __wgetmainargs(int *argc, WCHAR ***wargv, WCHAR ***wenvp, int expand_wildcards, void *startinfo)
{
    *argc = __argc;
    *wargv = __wargv;
    __winitenv = _wenviron;
    *wenvp = _wenviron;
    return 0;
}

char **__cdecl __p__acmdln(void) { return &_acmdln; }
WCHAR **__cdecl __p__wcmdln(void) { return &_wcmdln; }
int *__cdecl __p___argc(void) { return &__argc; }
char ***__cdecl __p___argv(void) { return &__argv; }
WCHAR ***__cdecl __p___wargv(void) { return &__wargv; }
char ***__cdecl __p___initenv(void) { return &__initenv; }
WCHAR ***__cdecl __p___winitenv(void) { return &__winitenv; }
char **__cdecl __p__pgmptr(void) { return &_pgmptr; }
WCHAR **__cdecl __p__wpgmptr(void) { return &_wpgmptr; }
int *__cdecl __p__fmode(void) { return &_fmode; }
int *__cdecl __p__commode(void) { return &_commode; }

int __cdecl _get_pgmptr(char **p)
{
    if (!p) { *_errno() = M_EINVAL; return M_EINVAL; }
    *p = _pgmptr;
    return 0;
}

int __cdecl _get_wpgmptr(WCHAR **p)
{
    if (!p) { *_errno() = M_EINVAL; return M_EINVAL; }
    *p = _wpgmptr;
    return 0;
}

int __cdecl _set_fmode(int mode)
{
    if (mode != M_O_TEXT && mode != M_O_BINARY && mode != M_O_WTEXT)
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    _fmode = mode;
    return 0;
}

int __cdecl _get_fmode(int *mode)
{
    if (!mode) { *_errno() = M_EINVAL; return M_EINVAL; }
    *mode = _fmode;
    return 0;
}

void __cdecl __set_app_type(int type)
{
    app_type = type;
}

/* The math functions of this DLL consult it when they report a domain or range error. */
void __cdecl __setusermatherr(void *handler)
{
    user_matherr = handler;
}

void *msvcrt_get_user_matherr(void)
{
    return user_matherr;
}

int __cdecl _set_error_mode(int mode)
{
    int old = error_mode;

    if (mode == 3) return error_mode;    /* _REPORT_ERRMODE */
    if (mode < 0 || mode > 2)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    error_mode = mode;
    return old;
}

int __cdecl _configthreadlocale(int type)
{
    struct thread_data *data = msvcrt_get_thread_data();
    int old = data->locale_flags ? data->locale_flags : 2;

    switch (type)
    {
    case 0: break;
    case 1: case 2: data->locale_flags = type; break;
    case -1: data->locale_flags = 2; break;
    default:
        *_errno() = M_EINVAL;
        return -1;
    }
    return old;
}

/* ---- initialiser tables and exit ---- */

void __cdecl _initterm(m_vfunc *start, m_vfunc *end)
{
    for (; start < end; start++)
        if (*start) (*start)();
}

int __cdecl _initterm_e(m_ifunc *start, m_ifunc *end)
{
    for (; start < end; start++)
    {
        if (*start)
        {
            int ret = (*start)();
            if (ret) return ret;
        }
    }
    return 0;
}

static m_onexit_t *exit_table;
static size_t exit_count, exit_capacity;

m_onexit_t __cdecl _onexit(m_onexit_t func)
{
    if (!func) return NULL;
    _lock(M_LOCK_EXIT);
    if (exit_count == exit_capacity)
    {
        size_t cap = exit_capacity ? exit_capacity * 2 : 32;
        m_onexit_t *table = exit_table
            ? HeapReAlloc(msvcrt_heap, 0, exit_table, cap * sizeof(*table))
            : HeapAlloc(msvcrt_heap, 0, cap * sizeof(*table));
        if (!table)
        {
            _unlock(M_LOCK_EXIT);
            return NULL;
        }
        exit_table = table;
        exit_capacity = cap;
    }
    exit_table[exit_count++] = func;
    _unlock(M_LOCK_EXIT);
    return func;
}

int __cdecl atexit(m_vfunc func)
{
    return _onexit((m_onexit_t)func) ? 0 : -1;
}

/* A DLL's own table: *start..*end is a heap block this function grows. */
m_onexit_t __cdecl __dllonexit(m_onexit_t func, m_onexit_t **start, m_onexit_t **end)
{
    m_onexit_t *table;
    size_t count;

    if (!func || !start || !end) return NULL;
    _lock(M_LOCK_EXIT);
    count = *start ? (size_t)(*end - *start) : 0;
    table = *start ? HeapReAlloc(msvcrt_heap, 0, *start, (count + 1) * sizeof(*table))
                   : HeapAlloc(msvcrt_heap, 0, sizeof(*table));
    if (!table)
    {
        _unlock(M_LOCK_EXIT);
        return NULL;
    }
    table[count] = func;
    *start = table;
    *end = table + count + 1;
    _unlock(M_LOCK_EXIT);
    return func;
}

/* Handlers may register more handlers while running: take the last one each time. */
static void run_exit_handlers(void)
{
    _lock(M_LOCK_EXIT);
    while (exit_count)
    {
        m_onexit_t func = exit_table[--exit_count];
        func();
    }
    _unlock(M_LOCK_EXIT);
}

void __cdecl _cexit(void)
{
    run_exit_handlers();
    _flushall();
}

/* The quick variant skips the handlers; the streams are flushed at process detach. */
void __cdecl _c_exit(void)
{
    _lock(M_LOCK_EXIT);
    exit_count = 0;
    _unlock(M_LOCK_EXIT);
}

void (*msvcrt_exit_callback)(void);

void __cdecl exit(int code)
{
    if (msvcrt_exit_callback) msvcrt_exit_callback();
    _cexit();
    ExitProcess(code);
}

void __cdecl _exit(int code)
{
    ExitProcess(code);
}

int __cdecl _getpid(void)
{
    return (int)GetCurrentProcessId();
}

void msvcrt_write_stderr_raw(const char *s)
{
    HANDLE h = msvcrt_fd_handle(2);
    DWORD written;

    if (h == INVALID_HANDLE_VALUE || !h) h = GetStdHandle(STD_ERROR_HANDLE);
    if (h == INVALID_HANDLE_VALUE || !h) return;
    WriteFile(h, s, strlen(s), &written, NULL);
}

static const struct { int code; const char *text; } runtime_errors[] =
{
    { 2,  "R6002\r\n- floating point support not loaded\r\n" },
    { 8,  "R6008\r\n- not enough space for arguments\r\n" },
    { 9,  "R6009\r\n- not enough space for environment\r\n" },
    { 16, "R6016\r\n- not enough space for thread data\r\n" },
    { 17, "R6017\r\n- unexpected multithread lock error\r\n" },
    { 18, "R6018\r\n- unexpected heap error\r\n" },
    { 19, "R6019\r\n- unable to open console device\r\n" },
    { 24, "R6024\r\n- not enough space for _onexit/atexit table\r\n" },
    { 25, "R6025\r\n- pure virtual function call\r\n" },
    { 26, "R6026\r\n- not enough space for stdio initialization\r\n" },
    { 27, "R6027\r\n- not enough space for lowio initialization\r\n" },
    { 28, "R6028\r\n- unable to initialize heap\r\n" },
};

void __cdecl _amsg_exit(int code)
{
    char num[16];
    size_t i;

    msvcrt_write_stderr_raw("\r\nruntime error ");
    for (i = 0; i < sizeof(runtime_errors) / sizeof(runtime_errors[0]); i++)
        if (runtime_errors[i].code == code) break;
    if (i < sizeof(runtime_errors) / sizeof(runtime_errors[0]))
        msvcrt_write_stderr_raw(runtime_errors[i].text);
    else
    {
        int n = code < 0 ? 0 : code, pos = sizeof(num) - 1;

        num[pos] = 0;
        num[--pos] = '\n';
        num[--pos] = '\r';
        do num[--pos] = '0' + n % 10; while ((n /= 10) && pos > 1);
        msvcrt_write_stderr_raw("R60");
        msvcrt_write_stderr_raw(num + pos);
    }
    _exit(255);
}

/* ---- errno ---- */

int *__cdecl _errno(void)
{
    return &msvcrt_get_thread_data()->errno_value;
}

unsigned long *__cdecl __doserrno(void)
{
    return &msvcrt_get_thread_data()->doserrno_value;
}

int __cdecl _get_errno(int *value)
{
    if (!value) return M_EINVAL;
    *value = *_errno();
    return 0;
}

int __cdecl _set_errno(int value)
{
    *_errno() = value;
    return 0;
}

int __cdecl _get_doserrno(unsigned long *value)
{
    if (!value) return M_EINVAL;
    *value = *__doserrno();
    return 0;
}

int __cdecl _set_doserrno(unsigned long value)
{
    *__doserrno() = value;
    return 0;
}

void **__cdecl __pxcptinfoptrs(void)
{
    return &msvcrt_get_thread_data()->xcptinfo;
}

int *__cdecl __fpecode(void)
{
    return &msvcrt_get_thread_data()->fpecode;
}

static const struct { DWORD win32; int err; } error_map[] =
{
    { ERROR_INVALID_FUNCTION, M_EINVAL },
    { ERROR_FILE_NOT_FOUND, M_ENOENT },
    { ERROR_PATH_NOT_FOUND, M_ENOENT },
    { ERROR_TOO_MANY_OPEN_FILES, M_EMFILE },
    { ERROR_ACCESS_DENIED, M_EACCES },
    { ERROR_INVALID_HANDLE, M_EBADF },
    { ERROR_ARENA_TRASHED, M_ENOMEM },
    { ERROR_NOT_ENOUGH_MEMORY, M_ENOMEM },
    { ERROR_INVALID_BLOCK, M_ENOMEM },
    { ERROR_BAD_ENVIRONMENT, M_E2BIG },
    { ERROR_BAD_FORMAT, M_ENOEXEC },
    { ERROR_INVALID_ACCESS, M_EINVAL },
    { ERROR_INVALID_DATA, M_EINVAL },
    { ERROR_INVALID_DRIVE, M_ENOENT },
    { ERROR_CURRENT_DIRECTORY, M_EACCES },
    { ERROR_NOT_SAME_DEVICE, M_EXDEV },
    { ERROR_NO_MORE_FILES, M_ENOENT },
    { ERROR_WRITE_PROTECT, M_EACCES },
    { ERROR_BAD_UNIT, M_EACCES },
    { ERROR_NOT_READY, M_EACCES },
    { ERROR_BAD_COMMAND, M_EACCES },
    { ERROR_CRC, M_EACCES },
    { ERROR_BAD_LENGTH, M_EACCES },
    { ERROR_SEEK, M_EACCES },
    { ERROR_NOT_DOS_DISK, M_EACCES },
    { ERROR_SECTOR_NOT_FOUND, M_EACCES },
    { ERROR_WRITE_FAULT, M_EACCES },
    { ERROR_READ_FAULT, M_EACCES },
    { ERROR_GEN_FAILURE, M_EACCES },
    { ERROR_SHARING_VIOLATION, M_EACCES },
    { ERROR_LOCK_VIOLATION, M_EACCES },
    { ERROR_WRONG_DISK, M_EACCES },
    { ERROR_SHARING_BUFFER_EXCEEDED, M_EACCES },
    { ERROR_BAD_NETPATH, M_ENOENT },
    { ERROR_NETWORK_ACCESS_DENIED, M_EACCES },
    { ERROR_BAD_NET_NAME, M_ENOENT },
    { ERROR_FILE_EXISTS, M_EEXIST },
    { ERROR_CANNOT_MAKE, M_EACCES },
    { ERROR_FAIL_I24, M_EACCES },
    { ERROR_INVALID_PARAMETER, M_EINVAL },
    { ERROR_NO_PROC_SLOTS, M_EAGAIN },
    { ERROR_DRIVE_LOCKED, M_EACCES },
    { ERROR_BROKEN_PIPE, M_EPIPE },
    { ERROR_DISK_FULL, M_ENOSPC },
    { ERROR_INVALID_TARGET_HANDLE, M_EBADF },
    { ERROR_WAIT_NO_CHILDREN, M_ECHILD },
    { ERROR_CHILD_NOT_COMPLETE, M_ECHILD },
    { ERROR_DIRECT_ACCESS_HANDLE, M_EBADF },
    { ERROR_NEGATIVE_SEEK, M_EINVAL },
    { ERROR_SEEK_ON_DEVICE, M_EACCES },
    { ERROR_DIR_NOT_EMPTY, M_ENOTEMPTY },
    { ERROR_NOT_LOCKED, M_EACCES },
    { ERROR_BAD_PATHNAME, M_ENOENT },
    { ERROR_MAX_THRDS_REACHED, M_EAGAIN },
    { ERROR_LOCK_FAILED, M_EACCES },
    { ERROR_ALREADY_EXISTS, M_EEXIST },
    { ERROR_FILENAME_EXCED_RANGE, M_ENOENT },
    { ERROR_NESTING_NOT_ALLOWED, M_EAGAIN },
    { ERROR_NOT_ENOUGH_QUOTA, M_ENOMEM },
};

void msvcrt_set_errno_from_win32(DWORD err)
{
    size_t i;
    int value = M_EINVAL;

    for (i = 0; i < sizeof(error_map) / sizeof(error_map[0]); i++)
    {
        if (error_map[i].win32 == err)
        {
            value = error_map[i].err;
            break;
        }
    }
    /* The block of write-protect .. sharing-buffer codes all mean EACCES in msvcrt. */
    if (i == sizeof(error_map) / sizeof(error_map[0]) && err >= ERROR_WRITE_PROTECT && err <= ERROR_SHARING_BUFFER_EXCEEDED)
        value = M_EACCES;
    *__doserrno() = err;
    *_errno() = value;
}

/* ---- signals ---- */

#define M_SIGINT   2
#define M_SIGILL   4
#define M_SIGFPE   8
#define M_SIGSEGV  11
#define M_SIGTERM  15
#define M_SIGBREAK 21
#define M_SIGABRT  22
#define M_SIG_DFL  ((m_sighandler_t)0)
#define M_SIG_IGN  ((m_sighandler_t)1)
#define M_SIG_ERR  ((m_sighandler_t)-1)

#define M_FPE_INVALID        0x81
#define M_FPE_DENORMAL       0x82
#define M_FPE_ZERODIVIDE     0x83
#define M_FPE_OVERFLOW       0x84
#define M_FPE_UNDERFLOW      0x85
#define M_FPE_INEXACT        0x86
#define M_FPE_STACKOVERFLOW  0x8a
#define M_FPE_EXPLICITGEN    0x8c

static m_sighandler_t sig_handlers[M_SIGABRT + 1];
static BOOL ctrl_handler_installed;

static BOOL signal_valid(int sig)
{
    switch (sig)
    {
    case M_SIGINT: case M_SIGILL: case M_SIGFPE: case M_SIGSEGV:
    case M_SIGTERM: case M_SIGBREAK: case M_SIGABRT:
        return TRUE;
    }
    return FALSE;
}

static BOOL WINAPI console_ctrl_handler(DWORD type)
{
    int sig;
    m_sighandler_t handler;

    if (type == CTRL_C_EVENT) sig = M_SIGINT;
    else if (type == CTRL_BREAK_EVENT) sig = M_SIGBREAK;
    else return FALSE;

    handler = (m_sighandler_t)InterlockedExchangePointer((void **)&sig_handlers[sig],
                                                        (sig_handlers[sig] == M_SIG_IGN) ? M_SIG_IGN : M_SIG_DFL);
    if (handler == M_SIG_DFL) return FALSE;
    if (handler != M_SIG_IGN) handler(sig);
    return TRUE;
}

m_sighandler_t __cdecl signal(int sig, m_sighandler_t handler)
{
    if (!signal_valid(sig) || handler == M_SIG_ERR || (ULONG_PTR)handler == 2 ||
        (ULONG_PTR)handler == 3 || (ULONG_PTR)handler == 4)
    {
        *_errno() = M_EINVAL;
        return M_SIG_ERR;
    }
    if ((sig == M_SIGINT || sig == M_SIGBREAK) && !ctrl_handler_installed)
    {
        if (!SetConsoleCtrlHandler(console_ctrl_handler, TRUE))
        {
            *_errno() = M_EINVAL;
            return M_SIG_ERR;
        }
        ctrl_handler_installed = TRUE;
    }
    return (m_sighandler_t)InterlockedExchangePointer((void **)&sig_handlers[sig], handler);
}

int __cdecl raise(int sig)
{
    m_sighandler_t handler;
    struct thread_data *data;
    void *old_info = NULL;
    int old_code = 0;

    if (!signal_valid(sig))
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    handler = sig_handlers[sig];
    if (handler == M_SIG_IGN) return 0;
    if (handler == M_SIG_DFL) _exit(3);

    data = msvcrt_get_thread_data();
    if (sig == M_SIGFPE || sig == M_SIGSEGV || sig == M_SIGILL)
    {
        old_info = data->xcptinfo;
        data->xcptinfo = NULL;
    }
    /* Handlers are one-shot, as in msvcrt: the handler must re-arm itself. */
    sig_handlers[sig] = M_SIG_DFL;
    if (sig == M_SIGFPE)
    {
        old_code = data->fpecode;
        data->fpecode = M_FPE_EXPLICITGEN;
        ((void (__cdecl *)(int, int))handler)(sig, M_FPE_EXPLICITGEN);
        data->fpecode = old_code;
    }
    else handler(sig);
    if (sig == M_SIGFPE || sig == M_SIGSEGV || sig == M_SIGILL) data->xcptinfo = old_info;
    return 0;
}

void __cdecl abort(void)
{
    msvcrt_write_stderr_raw("\r\nabnormal program termination\r\n");
    raise(M_SIGABRT);
    _exit(3);
}

static const struct { DWORD code; int sig; int fpe; } exception_signals[] =
{
    { EXCEPTION_ACCESS_VIOLATION,        M_SIGSEGV, 0 },
    { EXCEPTION_ILLEGAL_INSTRUCTION,     M_SIGILL, 0 },
    { EXCEPTION_PRIV_INSTRUCTION,        M_SIGILL, 0 },
    { EXCEPTION_FLT_DENORMAL_OPERAND,    M_SIGFPE, M_FPE_DENORMAL },
    { EXCEPTION_FLT_DIVIDE_BY_ZERO,      M_SIGFPE, M_FPE_ZERODIVIDE },
    { EXCEPTION_FLT_INEXACT_RESULT,      M_SIGFPE, M_FPE_INEXACT },
    { EXCEPTION_FLT_INVALID_OPERATION,   M_SIGFPE, M_FPE_INVALID },
    { EXCEPTION_FLT_OVERFLOW,            M_SIGFPE, M_FPE_OVERFLOW },
    { EXCEPTION_FLT_STACK_CHECK,         M_SIGFPE, M_FPE_STACKOVERFLOW },
    { EXCEPTION_FLT_UNDERFLOW,           M_SIGFPE, M_FPE_UNDERFLOW },
};

/* The filter of a program's outermost __except: turns hardware exceptions into signals. */
int __cdecl _XcptFilter(NTSTATUS code, EXCEPTION_POINTERS *ptrs)
{
    struct thread_data *data;
    m_sighandler_t handler;
    void *old_info;
    size_t i;
    int sig;

    for (i = 0; i < sizeof(exception_signals) / sizeof(exception_signals[0]); i++)
        if (exception_signals[i].code == (DWORD)code) break;
    if (i == sizeof(exception_signals) / sizeof(exception_signals[0])) return EXCEPTION_CONTINUE_SEARCH;

    sig = exception_signals[i].sig;
    handler = sig_handlers[sig];
    if (handler == M_SIG_DFL) return EXCEPTION_CONTINUE_SEARCH;
    if (handler == M_SIG_IGN) return EXCEPTION_CONTINUE_EXECUTION;

    data = msvcrt_get_thread_data();
    old_info = data->xcptinfo;
    data->xcptinfo = ptrs;
    sig_handlers[sig] = M_SIG_DFL;
    if (sig == M_SIGFPE)
    {
        int old_code = data->fpecode;
        data->fpecode = exception_signals[i].fpe;
        ((void (__cdecl *)(int, int))handler)(sig, exception_signals[i].fpe);
        data->fpecode = old_code;
    }
    else handler(sig);
    data->xcptinfo = old_info;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of msvcrt's start-up, heap, environment, fd and stdio parts. */
#ifndef MSVCRT_PRIVATE_H
#define MSVCRT_PRIVATE_H

/* The CRT headers mark their functions dllimport; inside msvcrt.dll they are local. */
#ifndef _ACRTIMP
#define _ACRTIMP
#endif

#include <stdarg.h>
#include <stddef.h>
#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "wincon.h"
#include "winternl.h"

/* ucrtbase's copies of these sources are built with WRING_UCRT: a parameter the UCRT documents
 * as invalid is then also reported to the program's invalid-parameter handler; msvcrt.dll
 * only sets errno. */
#ifdef WRING_UCRT
void ucrt_invalid_parameter(void);
#define msvcrt_invalid_parameter() ucrt_invalid_parameter()
#else
#define msvcrt_invalid_parameter() ((void)0)
#endif

/* errno values msvcrt uses */
#define M_EPERM   1
#define M_ENOENT  2
#define M_EINTR   4
#define M_EIO     5
#define M_ENXIO   6
#define M_E2BIG   7
#define M_ENOEXEC 8
#define M_EBADF   9
#define M_ECHILD  10
#define M_EAGAIN  11
#define M_ENOMEM  12
#define M_EACCES  13
#define M_EXDEV   18
#define M_ENOTDIR 20
#define M_EISDIR  21
#define M_EINVAL  22
#define M_EMFILE  24
#define M_ENOSPC  28
#define M_ESPIPE  29
#define M_EPIPE   32
#define M_ERANGE  34
#define M_EDEADLK 36
#define M_EEXIST  17
#define M_ENOTEMPTY 41
#define M_EILSEQ  42

#define M_EOF  (-1)
#define M_WEOF 0xffff

/* _open flags */
#define M_O_RDONLY     0x0000
#define M_O_WRONLY     0x0001
#define M_O_RDWR       0x0002
#define M_O_ACCMODE    0x0003
#define M_O_APPEND     0x0008
#define M_O_RANDOM     0x0010
#define M_O_SEQUENTIAL 0x0020
#define M_O_TEMPORARY  0x0040
#define M_O_NOINHERIT  0x0080
#define M_O_CREAT      0x0100
#define M_O_TRUNC      0x0200
#define M_O_EXCL       0x0400
#define M_O_SHORT_LIVED 0x1000
#define M_O_TEXT       0x4000
#define M_O_BINARY     0x8000
#define M_O_WTEXT      0x10000
#define M_O_U16TEXT    0x20000
#define M_O_U8TEXT     0x40000

#define M_SH_DENYRW 0x10
#define M_SH_DENYWR 0x20
#define M_SH_DENYRD 0x30
#define M_SH_DENYNO 0x40

#define M_S_IEXEC  0x0040
#define M_S_IWRITE 0x0080
#define M_S_IREAD  0x0100
#define M_S_IFIFO  0x1000
#define M_S_IFCHR  0x2000
#define M_S_IFDIR  0x4000
#define M_S_IFREG  0x8000

/* FILE._flag bits; the public ones match <stdio.h>, the rest are msvcrt's private ones */
#define M_IOREAD   0x0001
#define M_IOWRT    0x0002
#define M_IONBF    0x0004
#define M_IOMYBUF  0x0008
#define M_IOEOF    0x0010
#define M_IOERR    0x0020
#define M_IOSTRG   0x0040
#define M_IORW     0x0080
#define M_IOYOURBUF 0x0100
#define M_IOCOMMIT 0x4000

#define M_IOFBF 0x0000
#define M_IOLBF 0x0040
#define M_IONBF_MODE 0x0004

#define M_BUFSIZ 512
#define M_INTERNAL_BUFSIZ 4096
#define M_IOB_ENTRIES 20
#define M_MAX_STREAMS 512
#define M_MAX_FDS 2048

/* The layout programs see: &__iob_func()[1] is stdout, so this must be exactly msvcrt's struct. */
typedef struct m_iobuf
{
    char *_ptr;
    int   _cnt;
    char *_base;
    int   _flag;
    int   _file;
    int   _charbuf;
    int   _bufsiz;
    char *_tmpfname;
} M_FILE;

struct m_stat64
{
    unsigned int st_dev;
    unsigned short st_ino;
    unsigned short st_mode;
    short st_nlink;
    short st_uid;
    short st_gid;
    unsigned int st_rdev;
    __int64 st_size;
    __int64 st_atime;
    __int64 st_mtime;
    __int64 st_ctime;
};

typedef void (__cdecl *m_vfunc)(void);
typedef int (__cdecl *m_ifunc)(void);
typedef int (__cdecl *m_onexit_t)(void);
typedef void (__cdecl *m_sighandler_t)(int);

/* cxx_eh.c: a thread's C++ exception state */
#include "cxx_eh.h"

/* main.c: per-thread state */
struct thread_data
{
    struct cxx_thread cxx;
    int errno_value;
    unsigned long doserrno_value;
    int locale_flags;
    void *xcptinfo;
    int fpecode;
    HANDLE beginthread_handle;  /* a _beginthread thread's own handle, closed as it ends */
    void *invalid_handler;      /* ucrtbase: the thread's own invalid-parameter handler */
};
extern HANDLE msvcrt_heap;
struct thread_data *msvcrt_get_thread_data(void);

/* startup.c */
BOOL msvcrt_init_startup(void);
void msvcrt_init_locks(void);
void msvcrt_free_locks(void);
void msvcrt_set_errno_from_win32(DWORD err);
void msvcrt_write_stderr_raw(const char *s);
extern char **__initenv;
extern WCHAR **__winitenv;
extern char *_acmdln;
extern WCHAR *_wcmdln;
extern int __argc;
extern char **__argv;
extern WCHAR **__wargv;
extern int _fmode;
extern int _commode;
int *__cdecl _errno(void);
unsigned long *__cdecl __doserrno(void);
void __cdecl _exit(int code);
void __cdecl _amsg_exit(int code);
int __cdecl _flushall(void);
void *msvcrt_get_user_matherr(void);
/* Run by exit() before the exit handlers: ucrtbase's thread_local destructor callback
 * (_register_thread_local_exe_atexit_callback); msvcrt never sets it. */
extern void (*msvcrt_exit_callback)(void);
void __cdecl _lock(int n);
void __cdecl _unlock(int n);
#define M_LOCK_EXIT 8
#define M_LOCK_ENV 7
#define M_LOCK_STREAMS 1
#define M_LOCK_FDS 10
#define M_TOTAL_LOCKS 40

/* environ.c */
BOOL msvcrt_init_environ(void);
void msvcrt_free_environ(void);
extern char **_environ;
extern WCHAR **_wenviron;

/* file.c */
void msvcrt_init_fds(void);
void msvcrt_free_fds(void);
int msvcrt_fd_is_wide(int fd);
int msvcrt_fd_is_text(int fd);
int __cdecl _open(const char *path, int flags, ...);
int __cdecl _wopen(const WCHAR *path, int flags, ...);
int __cdecl _wsopen(const WCHAR *path, int flags, int share, ...);
int __cdecl _read(int fd, void *buf, unsigned int count);
int __cdecl _write(int fd, const void *buf, unsigned int count);
int __cdecl _close(int fd);
__int64 __cdecl _lseeki64(int fd, __int64 off, int whence);
int __cdecl _isatty(int fd);
int __cdecl _commit(int fd);
HANDLE msvcrt_fd_handle(int fd);
__int64 msvcrt_text_offset(int fd, __int64 start, unsigned int chars);

/* stdio.c */
void msvcrt_init_stdio(void);
void msvcrt_flush_all_streams(void);
void msvcrt_flush_fd_streams(int fd);
void msvcrt_close_all_streams(void);
void __cdecl _lock_file(M_FILE *f);
void __cdecl _unlock_file(M_FILE *f);
size_t msvcrt_fwrite_nolock(const void *ptr, size_t size, size_t n, M_FILE *f);
int msvcrt_fgetc_nolock(M_FILE *f);
int msvcrt_ungetc_nolock(int c, M_FILE *f);
int msvcrt_fputwc_nolock(WCHAR c, M_FILE *f);
int msvcrt_fgetwc_nolock(M_FILE *f);
int msvcrt_ungetwc_nolock(int c, M_FILE *f);
BOOL msvcrt_stbuf(M_FILE *f, char *buf, int size);
void msvcrt_end_call(M_FILE *f);
void msvcrt_ftbuf(M_FILE *f, BOOL used);
M_FILE *__cdecl __iob_func(void);
int __cdecl fflush(M_FILE *f);
int __cdecl fputs(const char *s, M_FILE *f);
/* printf.c: the FILE printf and scanf cores with format.h's FMT_* and SCAN_* flags */
int msvcrt_vfprintf_opt(M_FILE *f, const void *fmt, int wide, unsigned int flags, va_list ap);
int msvcrt_vfscanf_opt(M_FILE *f, const void *fmt, int wide, unsigned int flags, va_list ap);
#define m_stdin  (&__iob_func()[0])
#define m_stdout (&__iob_func()[1])
#define m_stderr (&__iob_func()[2])

/* Other parts of this DLL, called by their standard names. */
size_t __cdecl strlen(const char *s);
size_t __cdecl wcslen(const WCHAR *s);
void *__cdecl memcpy(void *d, const void *s, size_t n);
void *__cdecl memmove(void *d, const void *s, size_t n);
void *__cdecl memset(void *d, int c, size_t n);
char *__cdecl strerror(int err);
int __cdecl wctomb(char *mb, WCHAR wc);
int __cdecl mbtowc(WCHAR *wc, const char *mb, size_t n);
void *__cdecl malloc(size_t n);
void *__cdecl calloc(size_t n, size_t size);
void *__cdecl realloc(void *p, size_t n);
void __cdecl free(void *p);
int __cdecl strcmp(const char *a, const char *b);
void __cdecl abort(void) __attribute__((noreturn));

/* heap.c: in new mode 1 (ucrtbase's _set_new_mode) malloc, calloc and realloc call the new
 * handler as operator new does when the heap refuses */
extern LONG msvcrt_new_mode;

/* Converts with the ANSI code page; the result is a heap block. */
char *msvcrt_wide_to_ansi(const WCHAR *w);
WCHAR *msvcrt_ansi_to_wide(const char *s);

#endif

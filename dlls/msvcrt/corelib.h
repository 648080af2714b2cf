/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private to msvcrt's core library (string.c wcs.c ctype.c stdlib.c math.c
 * time.c). These files are also compiled into the host unit tests
 * (tests/host2), so they include no system header: the types they need are
 * named here, with Windows' sizes.
 */
#ifndef WRING_MSVCRT_CORELIB_H
#define WRING_MSVCRT_CORELIB_H

typedef __SIZE_TYPE__ size_t;
typedef __WCHAR_TYPE__ wchar_t;     /* 16 bits: mingw, or the host with -fshort-wchar */
typedef unsigned short wint_t;
typedef unsigned short wctype_t;
/* Win64 is LLP64: C's long is 32 bits there, unlike on the Linux host. */
typedef int win_long;
typedef unsigned int win_ulong;
typedef long long __int64_t_;
typedef unsigned long long u64;
typedef long long s64;
typedef long long __time64_t;
typedef int __time32_t;

_Static_assert(sizeof(wchar_t) == 2, "wchar_t must be 16 bits (use -fshort-wchar on the host)");

#define EINVAL 22
#define ERANGE 34
#define EDOM   33
#define EILSEQ 42
#define WEOF   ((wint_t)0xffff)

#ifdef _WIN32
#define CORE_WINAPI __stdcall
#else
#define CORE_WINAPI
#define __cdecl
#endif

int *__cdecl _errno(void);
void *__cdecl malloc(size_t size);

/* kernel32 */
typedef struct { unsigned int lo, hi; } core_filetime;
void CORE_WINAPI GetSystemTimeAsFileTime(core_filetime *ft);
int CORE_WINAPI QueryPerformanceCounter(s64 *count);
int CORE_WINAPI QueryPerformanceFrequency(s64 *freq);
unsigned int CORE_WINAPI TlsAlloc(void);
int CORE_WINAPI TlsFree(unsigned int index);
void *CORE_WINAPI TlsGetValue(unsigned int index);
int CORE_WINAPI TlsSetValue(unsigned int index, void *value);
void *CORE_WINAPI GetProcessHeap(void);
void *CORE_WINAPI HeapAlloc(void *heap, unsigned int flags, size_t size);
int CORE_WINAPI HeapFree(void *heap, unsigned int flags, void *ptr);

/* Same layout as C's struct tm. */
struct tm
{
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

/* What msvcrt keeps per thread for these functions (strtok's position,
 * rand's seed, the static results of strerror/gmtime/asctime). */
struct core_thread
{
    char *strtok_next;
    wchar_t *wcstok_next;
    unsigned int rand_seed;
    struct tm tm;
    char asctime_buf[32];
    wchar_t wasctime_buf[32];
    char strerror_buf[256];
};

/* Never NULL: if no block can be allocated, threads share a static one. */
struct core_thread *core_thread_data(void);
/* For DllMain's DLL_THREAD_DETACH: frees the calling thread's block. */
void core_thread_detach(void);
/* For DllMain's DLL_PROCESS_ATTACH: clock() counts from here. */
void core_time_init(void);

#endif

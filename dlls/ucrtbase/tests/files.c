/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file system through the UCRT: low-level I/O, stat, access, rename and remove, the locale basics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <locale.h>
#include <wchar.h>
#include "wine/test.h"

static char dir[MAX_PATH];

static int handler_calls;
static void __cdecl counting_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                     unsigned int line, uintptr_t reserved)
{
    handler_calls++;
}

static void make_path(char *out, const char *name)
{
    strcpy(out, dir);
    strcat(out, name);
}

static void test_lowio(void)
{
    _invalid_parameter_handler old;
    char path[MAX_PATH], buf[16];
    int fd, n;

    make_path(path, "ucrt_lowio.txt");
    fd = _open(path, _O_CREAT | _O_TRUNC | _O_RDWR | _O_BINARY, _S_IREAD | _S_IWRITE);
    ok(fd >= 3, "_open gave %d, errno %d\n", fd, errno);
    if (fd < 0) return;
    ok(_write(fd, "hello\n", 6) == 6, "_write\n");
    ok(_lseek(fd, 0, SEEK_SET) == 0, "_lseek\n");
    n = _read(fd, buf, sizeof(buf));
    ok(n == 6 && !memcmp(buf, "hello\n", 6), "_read gave %d\n", n);
    ok(_get_osfhandle(fd) != -1, "_get_osfhandle\n");
    ok(_close(fd) == 0, "_close\n");

    /* a bad descriptor is an invalid parameter */
    old = _set_invalid_parameter_handler(counting_handler);
    handler_calls = 0;
    errno = 0;
    ok(_close(fd) == -1 && errno == EBADF, "a closed descriptor: errno %d\n", errno);
    ok(handler_calls == 1, "%d handler calls\n", handler_calls);
    /* Microsoft documents the same for _write, _read and _get_osfhandle; Wine 8.0 only does it for _close */
    handler_calls = 0;
    errno = 0;
    todo_wine ok(_write(-1, "x", 1) == -1 && errno == EBADF && handler_calls == 1, "_write(-1): errno %d, %d calls\n",
       errno, handler_calls);
    handler_calls = 0;
    todo_wine ok(_read(fd, buf, 1) == -1 && handler_calls == 1, "_read of a closed descriptor: %d calls\n", handler_calls);
    handler_calls = 0;
    todo_wine ok(_get_osfhandle(fd) == -1 && handler_calls == 1, "_get_osfhandle: %d calls\n", handler_calls);
    _set_invalid_parameter_handler(old);
    ok(remove(path) == 0, "remove failed, errno %d\n", errno);
}

static void test_stat_access(void)
{
    char path[MAX_PATH], renamed[MAX_PATH];
    struct _stat64 st;
    FILE *f;

    make_path(path, "ucrt_stat.txt");
    make_path(renamed, "ucrt_stat2.txt");
    remove(renamed);
    f = fopen(path, "wb");
    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    fwrite("12345", 1, 5, f);
    fclose(f);

    ok(_stat64(path, &st) == 0, "_stat64 failed, errno %d\n", errno);
    ok(st.st_size == 5 && (st.st_mode & _S_IFREG), "size %I64d mode %#x\n", st.st_size, st.st_mode);
    ok(_access(path, 0) == 0 && _access(path, 2) == 0, "_access\n");
    ok(rename(path, renamed) == 0, "rename failed, errno %d\n", errno);
    errno = 0;
    ok(_access(path, 0) == -1 && errno == ENOENT, "the old name is gone: errno %d\n", errno);
    ok(_stat64(renamed, &st) == 0 && st.st_size == 5, "the new name\n");
    ok(_unlink(renamed) == 0, "_unlink failed\n");
    errno = 0;
    ok(remove(renamed) == -1 && errno == ENOENT, "removing twice: errno %d\n", errno);
    ok(_stat64(dir, &st) == 0 && (st.st_mode & _S_IFDIR), "a directory's mode %#x\n", st.st_mode);
}

/* Wine's <io.h> is msvcrt's: _finddata64i32_t is corecrt_io.h's, which clashes with it */
struct finddata64i32 { unsigned attrib; __time64_t time_create, time_access, time_write; _fsize_t size; char name[260]; };
__declspec(dllimport) intptr_t __cdecl _findfirst64i32(const char *spec, struct finddata64i32 *fd);
__declspec(dllimport) int __cdecl _findnext64i32(intptr_t h, struct finddata64i32 *fd);

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");

    ok(f != NULL, "cannot create %s\n", path);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void test_find(void)
{
    char sub[MAX_PATH], path[MAX_PATH], spec[MAX_PATH];
    struct finddata64i32 fd;
    struct _finddata64_t fd64;
    struct _wfinddata64i32_t wfd;
    wchar_t wspec[MAX_PATH];
    int seen_a = 0, seen_b = 0, entries = 0;
    intptr_t h;

    make_path(sub, "ucrt_find");
    CreateDirectoryA(sub, NULL);
    sprintf(path, "%s\\a.txt", sub);
    put_file(path, "aaa");
    sprintf(path, "%s\\b.txt", sub);
    put_file(path, "bbbbb");
    sprintf(path, "%s\\c.dat", sub);
    put_file(path, "c");

    sprintf(spec, "%s\\*.txt", sub);
    h = _findfirst64i32(spec, &fd);
    ok(h != -1, "_findfirst64i32 failed, errno %d\n", errno);
    if (h == -1) return;
    do
    {
        entries++;
        if (!strcmp(fd.name, "a.txt")) seen_a = fd.size == 3 && !(fd.attrib & _A_SUBDIR) && fd.time_write > 0;
        if (!strcmp(fd.name, "b.txt")) seen_b = fd.size == 5;
    } while (!_findnext64i32(h, &fd));
    ok(errno == ENOENT, "the end: errno %d\n", errno);
    ok(entries == 2 && seen_a && seen_b, "%d entries, a %d, b %d\n", entries, seen_a, seen_b);
    ok(_findclose(h) == 0, "_findclose\n");

    sprintf(spec, "%s\\c.*", sub);
    h = _findfirst64(spec, &fd64);
    ok(h != -1 && fd64.size == 1 && !strcmp(fd64.name, "c.dat"), "_findfirst64\n");
    if (h != -1) _findclose(h);

    MultiByteToWideChar(CP_ACP, 0, spec, -1, wspec, MAX_PATH);
    h = _wfindfirst64i32(wspec, &wfd);
    ok(h != -1 && !wcscmp(wfd.name, L"c.dat"), "_wfindfirst64i32\n");
    if (h != -1) _findclose(h);

    sprintf(spec, "%s\\*.none", sub);
    errno = 0;
    ok(_findfirst64i32(spec, &fd) == -1 && errno == ENOENT, "no match: errno %d\n", errno);

    sprintf(path, "%s\\a.txt", sub);
    remove(path);
    sprintf(path, "%s\\b.txt", sub);
    remove(path);
    sprintf(path, "%s\\c.dat", sub);
    remove(path);
    RemoveDirectoryA(sub);
}

static void test_exclusive(void)
{
    char path[MAX_PATH];
    FILE *f;

    make_path(path, "ucrt_excl.txt");
    remove(path);
    f = fopen(path, "wx");
    ok(f != NULL, "creating with \"wx\" failed, errno %d\n", errno);
    if (f) fclose(f);
    errno = 0;
    f = fopen(path, "wx");
    ok(!f && errno == EEXIST, "\"wx\" over an existing file: %p, errno %d\n", f, errno);
    if (f) fclose(f);
    remove(path);
}

static void test_nolock(void)
{
    char path[MAX_PATH], buf[8];
    FILE *f;

    make_path(path, "ucrt_nolock.txt");
    f = fopen(path, "w+b");
    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    _lock_file(f);
    ok(_fwrite_nolock("abc", 1, 3, f) == 3, "_fwrite_nolock\n");
    ok(_fputc_nolock('d', f) == 'd', "_fputc_nolock\n");
    ok(_ftell_nolock(f) == 4, "_ftell_nolock\n");
    ok(_fseek_nolock(f, 1, SEEK_SET) == 0, "_fseek_nolock\n");
    ok(_fread_nolock(buf, 1, 3, f) == 3 && !memcmp(buf, "bcd", 3), "_fread_nolock\n");
    ok(_fgetc_nolock(f) == EOF, "_fgetc_nolock at the end\n");
    _unlock_file(f);
    fclose(f);
    remove(path);
}

static void test_locale(void)
{
    struct lconv *lc;
    const char *name;

    name = setlocale(LC_ALL, NULL);
    ok(name && !strcmp(name, "C"), "the start-up locale is %s\n", name);
    lc = localeconv();
    ok(lc && !strcmp(lc->decimal_point, "."), "decimal point %s\n", lc ? lc->decimal_point : "?");
    ok(_configthreadlocale(0) == _DISABLE_PER_THREAD_LOCALE, "per-thread locales are off at start\n");
    ok(_configthreadlocale(_ENABLE_PER_THREAD_LOCALE) == _DISABLE_PER_THREAD_LOCALE, "enabling\n");
    ok(_configthreadlocale(0) == _ENABLE_PER_THREAD_LOCALE, "enabled\n");
    _configthreadlocale(_DISABLE_PER_THREAD_LOCALE);
    ok(___mb_cur_max_func() == 1, "MB_CUR_MAX %d in the C locale\n", ___mb_cur_max_func());
}

START_TEST(files)
{
    GetTempPathA(sizeof(dir), dir);
    test_lowio();
    test_stat_access();
    test_find();
    test_exclusive();
    test_nolock();
    test_locale();
}

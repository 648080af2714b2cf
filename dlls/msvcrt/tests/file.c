/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* msvcrt stdio and low-level file I/O on a file in the TEMP directory. */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <io.h>
#include <fcntl.h>
#include <errno.h>
#include <windows.h>
#include "wine/test.h"

static char path[MAX_PATH];

static void make_path(void)
{
    char dir[MAX_PATH];
    DWORD len = GetTempPathA(sizeof(dir), dir);

    ok(len > 0 && len < sizeof(dir), "GetTempPathA failed: %lu\n", GetLastError());
    snprintf(path, sizeof(path), "%swring_file_%lu.tmp", dir, GetCurrentProcessId());
}

static long file_size(void)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExA(path, GetFileExInfoStandard, &data)) return -1;
    return (long)data.nFileSizeLow;
}

static void test_binary(void)
{
    static const char data[] = "line1\nline2\r\nend";
    char buf[64];
    FILE *f;
    size_t n;

    f = fopen(path, "wb");
    ok(f != NULL, "fopen wb failed: errno %d\n", errno);
    if (!f) return;
    n = fwrite(data, 1, sizeof(data) - 1, f);
    ok(n == sizeof(data) - 1, "fwrite wrote %u\n", (unsigned)n);
    ok(ftell(f) == (long)sizeof(data) - 1, "ftell %ld\n", ftell(f));
    ok(fclose(f) == 0, "fclose failed\n");
    ok(file_size() == (long)sizeof(data) - 1, "binary file size %ld\n", file_size());

    f = fopen(path, "rb");
    ok(f != NULL, "fopen rb failed\n");
    if (!f) return;
    memset(buf, 0, sizeof(buf));
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == sizeof(data) - 1 && !memcmp(buf, data, n), "fread got %u bytes\n", (unsigned)n);
    ok(feof(f), "feof not set after a short read\n");
    ok(fseek(f, 6, SEEK_SET) == 0 && ftell(f) == 6, "fseek SEEK_SET\n");
    ok(fgetc(f) == 'l', "fgetc after seek\n");
    ok(fseek(f, -3, SEEK_END) == 0 && fgetc(f) == 'e', "fseek SEEK_END\n");
    ok(fseek(f, -2, SEEK_CUR) == 0 && fgetc(f) == '\n', "fseek SEEK_CUR\n");
    rewind(f);
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "line1\n"), "fgets: %s\n", buf);
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "line2\r\n"), "binary fgets keeps CR: %s\n", wine_dbgstr_a(buf));
    ok(fgets(buf, sizeof(buf), f) == buf && !strcmp(buf, "end"), "fgets at EOF: %s\n", buf);
    ok(fgets(buf, sizeof(buf), f) == NULL, "fgets past EOF\n");
    fclose(f);
}

static void test_text(void)
{
    char buf[64];
    FILE *f;
    size_t n;

    f = fopen(path, "w");
    ok(f != NULL, "fopen w failed\n");
    if (!f) return;
    fputs("a\nb\n", f);
    fprintf(f, "%d\n", 42);
    fclose(f);
    ok(file_size() == 10, "text mode must write CRLF: size %ld\n", file_size());

    f = fopen(path, "rb");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 10 && !memcmp(buf, "a\r\nb\r\n42\r\n", 10), "raw content %s\n", wine_dbgstr_an(buf, (int)n));
    fclose(f);

    f = fopen(path, "r");
    n = fread(buf, 1, sizeof(buf), f);
    ok(n == 7 && !memcmp(buf, "a\nb\n42\n", 7), "text read must drop CR: %s\n", wine_dbgstr_an(buf, (int)n));
    fclose(f);

    f = fopen(path, "a");
    fputs("z", f);
    fclose(f);
    ok(file_size() == 11, "append: size %ld\n", file_size());

    f = fopen(path, "r+");
    ok(f != NULL, "r+ failed\n");
    fputc('Q', f);
    fclose(f);
    f = fopen(path, "rb");
    ok(fgetc(f) == 'Q', "r+ did not overwrite\n");
    fclose(f);
}

static void test_lowlevel(void)
{
    char buf[16];
    FILE *f;
    int fd, ret;
    intptr_t handle;
    DWORD written;

    f = fopen(path, "wb");
    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    fd = _fileno(f);
    ok(fd > 2, "_fileno gave %d\n", fd);
    handle = _get_osfhandle(fd);
    ok(handle != -1 && GetFileType((HANDLE)handle) == FILE_TYPE_DISK, "_get_osfhandle\n");
    ok(WriteFile((HANDLE)handle, "xy", 2, &written, NULL) && written == 2, "WriteFile on the CRT handle\n");
    fclose(f);
    ok(file_size() == 2, "size %ld\n", file_size());

    ok(_fileno(stdin) == 0 && _fileno(stdout) == 1 && _fileno(stderr) == 2, "std fds\n");
    ok(_get_osfhandle(1) == (intptr_t)GetStdHandle(STD_OUTPUT_HANDLE), "stdout handle\n");

    fd = _open(path, _O_RDWR | _O_BINARY);
    ok(fd >= 0, "_open failed\n");
    ok(_lseek(fd, 0, SEEK_END) == 2, "_lseek\n");
    ret = _setmode(fd, _O_TEXT);
    ok(ret == _O_BINARY, "_setmode returned the old mode %#x\n", ret);
    ok(_write(fd, "\n", 1) == 1, "_write\n");
    ret = _setmode(fd, _O_BINARY);
    ok(ret == _O_TEXT, "_setmode returned %#x\n", ret);
    ok(_lseek(fd, 0, SEEK_SET) == 0, "_lseek to 0\n");
    ret = _read(fd, buf, sizeof(buf));
    ok(ret == 4 && !memcmp(buf, "xy\r\n", 4), "text _write must add CR: %d %s\n", ret, wine_dbgstr_an(buf, ret > 0 ? ret : 0));
    ok(_close(fd) == 0, "_close\n");
    ok(_close(fd) == -1 && errno == EBADF, "double _close\n");

    ok(fopen("Z:\\no\\such\\dir\\file.txt", "r") == NULL && errno == ENOENT, "missing file errno %d\n", errno);
    ok(remove(path) == 0, "remove failed\n");
    ok(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES, "file still exists\n");
}

START_TEST(file)
{
    make_path();
    test_binary();
    test_text();
    test_lowlevel();
}

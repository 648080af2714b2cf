/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* DOS <-> Unix path mapping: drives, case-insensitive lookup, missing components. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../dlls/ntdll/unix/private.h"
#include "unix_test.h"

static NTSTATUS map(const char *dos, char **out, bool may_be_missing)
{
    size_t n;
    WCHAR *w = utf8_to_wide(dos, strlen(dos), &n);
    UNICODE_STRING us = { n * sizeof(WCHAR), n * sizeof(WCHAR), w };
    NTSTATUS status = nt_to_unix_path(&us, out, may_be_missing);
    free(w);
    return status;
}

int main(void)
{
    char tmpl[] = "/tmp/wring-paths-XXXXXX", *dir = mkdtemp(tmpl), *out, buf[512];
    setenv("WRING_PREFIX", dir, 1);
    path_init();

    snprintf(buf, sizeof(buf), "%s/drive_c/windows/temp", dir);
    struct stat st;
    check(!stat(buf, &st) && S_ISDIR(st.st_mode), "the prefix was not created with C:\\windows\\temp");

    check(!map("\\??\\C:\\windows\\temp", &out, false) && !strcmp(out, buf), "C: mapping gave %s", out);
    free(out);
    /* a name in another case finds the existing entry */
    check(!map("\\??\\c:\\WINDOWS\\Temp", &out, false) && !strcmp(out, buf), "case-insensitive lookup gave %s", out);
    free(out);
    check(!map("\\??\\Z:\\tmp", &out, false) && !strcmp(out, "/tmp"), "Z: mapping gave %s", out);
    free(out);
    check(!map("\\??\\Z:\\", &out, false) && !strcmp(out, "/"), "Z:\\ gave %s", out);
    free(out);
    check(!map("\\??\\C:\\windows\\..\\..\\..\\windows", &out, false) &&
          !strncmp(out, dir, strlen(dir)), ".. must not climb above the drive: %s", out);
    free(out);

    check(map("\\??\\C:\\nosuchdir\\file", &out, true) == STATUS_OBJECT_PATH_NOT_FOUND, "missing directory");
    check(map("\\??\\C:\\nosuchfile", &out, false) == STATUS_OBJECT_NAME_NOT_FOUND, "missing file");
    check(!map("\\??\\C:\\newfile", &out, true), "a missing last component is allowed when creating");
    free(out);
    check(map("\\??\\Q:\\x", &out, false) == STATUS_OBJECT_PATH_NOT_FOUND, "unknown drive");
    check(map("\\??\\C:\\a*b", &out, true) == STATUS_OBJECT_NAME_INVALID, "wildcards are not file names");

    WCHAR *dos = unix_to_dos_path(buf);
    char *s = wide_to_utf8(dos, wide_len(dos));
    check(!strcmp(s, "C:\\windows\\temp"), "unix_to_dos_path gave %s", s);
    free(s);
    free(dos);
    dos = unix_to_dos_path("/usr/bin");
    s = wide_to_utf8(dos, wide_len(dos));
    check(!strcmp(s, "Z:\\usr\\bin"), "unix_to_dos_path gave %s", s);
    free(s);
    free(dos);

    snprintf(buf, sizeof(buf), "rm -rf '%s'", dir);
    if (system(buf)) return 1;
    return unix_test_done("unix_paths");
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The fuzz target without libFuzzer: runs every file given, or every file in
 * the seed and regression folders, through it once.  Each must load or be
 * refused with a message, and ending at all (no crash, no hang) is the rest
 * of the test; `make check` runs it so CI needs no libFuzzer.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "../../dlls/ntdll/unix/private.h"
#include "../unix/unix_test.h"
#include "pe_loader.h"

static void replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t size = 0, cap = 0, n;
    const char *error;

    check(f != NULL, "cannot open %s", path);
    if (!f) return;
    do
    {
        if (size == cap) data = realloc(data, cap = cap ? cap * 2 : 65536);
        n = fread(data + size, 1, cap - size, f);
        size += n;
    } while (n);
    fclose(f);
    NTSTATUS status = fuzz_pe_image(data, size, &error);
    /* a refusal the user could not understand is a bug too */
    check(!status || error[0], "%s: refused with %#x and no message", path, (unsigned)status);
    printf("%s: %s\n", path, status ? error : "loaded");
    free(data);
}

static void replay_dir(const char *dir)
{
    struct dirent **names;
    int count = scandir(dir, &names, NULL, alphasort);
    char path[4096];

    check(count > 0, "%s holds no inputs", dir);
    for (int i = 0; i < count; i++)
    {
        if (names[i]->d_name[0] != '.')
        {
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
            replay_file(path);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    /* the seeds and the regressions always: make check runs every Unix test as `TEST RUNNER`,
       so an argument is no sign that only it was meant (the runner is replayed as one more
       malformed input, which it is) */
    for (int i = 1; i < argc; i++) replay_file(argv[i]);
    replay_dir(FUZZ_DIR "/seeds");
    replay_dir(FUZZ_DIR "/regressions");
    return unix_test_done("fuzz-replay");
}

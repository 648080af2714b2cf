/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Prints the arguments the CRT parsed from the command line, one per line
 * as [arg], after "argc N".  tests/argv.sh drives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
    int i;

    printf("argc %d\n", argc);
    for (i = 1; i < argc; i++) printf("[%s]\n", argv[i]);
    /* The CRT's globals must describe the same vector main() got. */
    if (__argc != argc) printf("__argc mismatch %d\n", __argc);
    for (i = 0; i < argc && i < __argc; i++)
        if (strcmp(__argv[i], argv[i])) printf("__argv[%d] mismatch\n", i);
    if (argv[argc]) printf("argv not NULL-terminated\n");
    if (!strstr(GetCommandLineA(), "argv")) printf("command line lacks the program: %s\n", GetCommandLineA());
    return 0;
}

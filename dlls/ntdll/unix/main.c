/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* wring prog.exe [args...]: set up a Windows process in this Linux process and run it. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

static void usage(void)
{
    fprintf(stderr,
            "Usage: wring PROGRAM.exe [ARGUMENTS...]\n"
            "Runs a 64-bit Windows console program on Linux.\n\n"
            "Environment:\n"
            "  WRING_DEBUG=+loader,+stub,+file,+engine,+heap,+virtual  trace channels (+all)\n"
            "  WRING_PREFIX=DIR     where C: lives (DIR/drive_c; default ~/.wring)\n"
            "  WRING_IO_ENGINE=uring|threads   force an asynchronous I/O engine\n");
}

int main(int argc, char **argv)
{
    void *entry;
    char *exe_path;
    NTSTATUS status;

    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
    {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version"))
    {
        printf("wring " PACKAGE_VERSION "\n");
        return 0;
    }
    argv++;
    argc--;
    if (!strcmp(argv[0], "--") && argc > 1) { argv++; argc--; }

    debug_init();
    if (!(exe_path = realpath(argv[0], NULL)))
    {
        wring_error("%s: %s", argv[0], strerror(errno));
        return STATUS_OBJECT_NAME_NOT_FOUND & 0xff;
    }
    loader_system_dir_init();
    path_init();
    signal_init();
    user_shared_init();

    WCHAR *dos_path = unix_to_dos_path(exe_path);
    process_init(argc, argv, dos_path);
    thread_init_main();

    if ((status = loader_start(exe_path, &entry))) fatal_status(status);
    thread_size_main_stack();
    thread_init_registers();
    loader_attach_process();
    DWORD code = thread_run_main(entry);
    wring_exit_process(code);
    return code;
}

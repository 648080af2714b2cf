/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A stress test of the asynchronous I/O engines through the NT calls of the Unix side: hundreds
 * of overlapped writes and reads in flight on one port-bound file, cancellation racing with
 * completion, and packets posted from several threads at once.  The verdicts are counts: every
 * request completes exactly once, every packet arrives once and in order per poster, the data
 * read back is the data written.  Each engine runs in a child process of its own, since the
 * engine is chosen once per process (WRING_IO_ENGINE).
 */
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../dlls/ntdll/unix/private.h"
#include "unix_test.h"

#define REQUESTS  512
#define BLOCK     4096
#define POSTERS   4
#define POSTS     20000
#define BATCH     64
#define HANG_100NS (-30LL * 10000000)   /* a lost wake-up fails instead of hanging */

static HANDLE file, port;
static IO_STATUS_BLOCK iosbs[REQUESTS];
static unsigned char data[REQUESTS * BLOCK], back[REQUESTS * BLOCK];

static void fill_data(void)
{
    for (size_t i = 0; i < sizeof(data); i++) data[i] = (unsigned char)(i * 131 + (i >> 12));
}

static HANDLE open_file(const char *dos_path)
{
    WCHAR name[MAX_PATH];
    UNICODE_STRING str;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE handle = NULL;
    size_t i;

    for (i = 0; dos_path[i] && i < MAX_PATH - 1; i++) name[i] = (unsigned char)dos_path[i];
    name[i] = 0;
    str.Buffer = name;
    str.Length = i * sizeof(WCHAR);
    str.MaximumLength = str.Length + sizeof(WCHAR);
    memset(&attr, 0, sizeof(attr));
    attr.Length = sizeof(attr);
    attr.ObjectName = &str;
    /* no FILE_SYNCHRONOUS_IO_*: an overlapped handle */
    NTSTATUS status = NtCreateFile(&handle, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &attr, &io, NULL,
                                   FILE_ATTRIBUTE_NORMAL, 0, FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, NULL, 0);
    check(!status, "NtCreateFile(%s): %#x", dos_path, (unsigned)status);
    return status ? NULL : handle;
}

/* Removes packets until `expected` have come; counts per request index (value = index + 1). */
static int collect(int *seen, int expected, NTSTATUS *statuses, ULONG_PTR *infos)
{
    FILE_IO_COMPLETION_INFORMATION batch[BATCH];
    LARGE_INTEGER timeout = { .QuadPart = HANG_100NS };
    int got = 0, bad = 0;

    while (got < expected)
    {
        ULONG n = 0;
        NTSTATUS status = NtRemoveIoCompletionEx(port, batch, BATCH, &n, &timeout, FALSE);
        if (status)
        {
            check(0, "NtRemoveIoCompletionEx: %#x after %d of %d packets", (unsigned)status, got, expected);
            return bad + 1;
        }
        for (ULONG i = 0; i < n; i++, got++)
        {
            ULONG_PTR index = batch[i].CompletionValue - 1;
            if (batch[i].CompletionKey != 0x5eed || index >= REQUESTS)
            {
                bad++;
                continue;
            }
            seen[index]++;
            statuses[index] = batch[i].IoStatusBlock.Status;
            infos[index] = batch[i].IoStatusBlock.Information;
        }
    }
    return bad;
}

static void expect_port_empty(const char *when)
{
    LARGE_INTEGER zero = { .QuadPart = 0 };
    LONG depth = -1;    /* IO_COMPLETION_BASIC_INFORMATION */
    FILE_IO_COMPLETION_INFORMATION entry;
    ULONG n = 0;

    check(!NtQueryIoCompletion(port, IoCompletionBasicInformation, &depth, sizeof(depth), NULL) && !depth,
          "%s: depth %ld", when, (long)depth);
    check(NtRemoveIoCompletionEx(port, &entry, 1, &n, &zero, FALSE) == STATUS_TIMEOUT, "%s: an extra packet", when);
}

/* All requests in flight at once, issued in reverse order; each must post exactly one packet. */
static void run_round(bool write, bool cancel, const char *name)
{
    static int seen[REQUESTS];
    static NTSTATUS statuses[REQUESTS];
    static ULONG_PTR infos[REQUESTS];
    int bad, wrong = 0, cancelled = 0;

    memset(seen, 0, sizeof(seen));
    for (int i = REQUESTS - 1; i >= 0; i--)
    {
        LARGE_INTEGER offset = { .QuadPart = (LONGLONG)i * BLOCK };
        NTSTATUS status;

        iosbs[i].Status = 0x12345678;
        if (write)
            status = NtWriteFile(file, NULL, NULL, (void *)(ULONG_PTR)(i + 1), &iosbs[i], data + i * BLOCK, BLOCK,
                                 &offset, NULL);
        else
            status = NtReadFile(file, NULL, NULL, (void *)(ULONG_PTR)(i + 1), &iosbs[i], back + i * BLOCK, BLOCK,
                                &offset, NULL);
        if (status && status != STATUS_PENDING) wrong++;
        if (cancel && !(i % 8))
        {
            IO_STATUS_BLOCK io;
            NTSTATUS cs = NtCancelIoFileEx(file, NULL, &io);
            /* STATUS_NOT_FOUND: everything issued so far had already completed */
            if (cs && cs != STATUS_NOT_FOUND) wrong++;
        }
    }
    check(!wrong, "%s: %d submissions or cancellations failed", name, wrong);
    bad = collect(seen, REQUESTS, statuses, infos);
    check(!bad, "%s: %d packets for unknown requests", name, bad);
    for (int i = 0; i < REQUESTS; i++)
    {
        if (seen[i] != 1) bad++;
        else if (statuses[i] == STATUS_CANCELLED && !infos[i]) cancelled++;
        else if (statuses[i] || infos[i] != BLOCK) wrong++;
        else if (iosbs[i].Status != statuses[i] || iosbs[i].Information != infos[i]) wrong++;
    }
    check(!bad, "%s: %d requests without exactly one packet", name, bad);
    check(!wrong, "%s: %d requests with a wrong outcome", name, wrong);
    check(cancel || !cancelled, "%s: %d requests cancelled", name, cancelled);
    expect_port_empty(name);
}

struct poster
{
    pthread_t thread;
    ULONG_PTR key;
    int failures;
};

static void *poster_main(void *arg)
{
    struct poster *p = arg;

    for (ULONG_PTR seq = 1; seq <= POSTS; seq++)
        if (NtSetIoCompletion(port, p->key, seq, STATUS_SUCCESS, seq * 3)) p->failures++;
    return NULL;
}

/* Several threads post at once while this one removes: nothing lost, FIFO per poster. */
static void run_posters(void)
{
    struct poster posters[POSTERS];
    ULONG_PTR last[POSTERS] = { 0 };
    FILE_IO_COMPLETION_INFORMATION batch[BATCH];
    LARGE_INTEGER timeout = { .QuadPart = HANG_100NS };
    int got = 0, disorder = 0, foreign = 0, failures = 0;

    for (int i = 0; i < POSTERS; i++)
    {
        posters[i].key = 0x1000 + i;
        posters[i].failures = 0;
        pthread_create(&posters[i].thread, NULL, poster_main, &posters[i]);
    }
    while (got < POSTERS * POSTS)
    {
        ULONG n = 0;
        NTSTATUS status = NtRemoveIoCompletionEx(port, batch, BATCH, &n, &timeout, FALSE);
        if (status)
        {
            check(0, "posters: NtRemoveIoCompletionEx %#x after %d packets", (unsigned)status, got);
            break;
        }
        for (ULONG i = 0; i < n; i++, got++)
        {
            ULONG_PTR k = batch[i].CompletionKey - 0x1000;
            if (k >= POSTERS || batch[i].IoStatusBlock.Information != batch[i].CompletionValue * 3)
            {
                foreign++;
                continue;
            }
            if (batch[i].CompletionValue != last[k] + 1) disorder++;
            last[k] = batch[i].CompletionValue;
        }
    }
    for (int i = 0; i < POSTERS; i++)
    {
        pthread_join(posters[i].thread, NULL);
        failures += posters[i].failures;
    }
    check(!failures, "posters: %d NtSetIoCompletion calls failed", failures);
    check(!foreign, "posters: %d malformed packets", foreign);
    check(!disorder, "posters: %d packets out of order", disorder);
    expect_port_empty("posters");
}

static int run_engine(const char *engine)
{
    FILE_COMPLETION_INFORMATION ci;
    IO_STATUS_BLOCK io;

    setenv("WRING_IO_ENGINE", engine, 1);
    /* as wring starts: the threads engine interrupts a worker with SIG_INTERRUPT to cancel */
    signal_init();
    thread_init_main();
    fill_data();
    /* an explicit concurrency: this harness has no PEB processor count for the default */
    check(!NtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, 64), "NtCreateIoCompletion");
    if (!(file = open_file("\\??\\C:\\windows\\temp\\async_stress.bin"))) return unix_test_done(engine);
    ci.CompletionPort = port;
    ci.CompletionKey = 0x5eed;
    check(!NtSetInformationFile(file, &io, &ci, sizeof(ci), FileCompletionInformation), "binding the file");

    run_round(true, false, "write");
    run_round(false, false, "read");
    check(!memcmp(back, data, sizeof(data)), "the data read back differs");
    run_round(false, true, "read+cancel");
    run_posters();

    NtClose(file);
    NtClose(port);
    return unix_test_done(engine);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

int main(void)
{
    static const char *engines[] = { "uring", "threads" };
    char tmpl[] = "/tmp/wring-async-XXXXXX", *dir = mkdtemp(tmpl);
    int failed = 0;

    setenv("WRING_PREFIX", dir, 1);
    path_init();
    for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++)
    {
        int status = 0;
        pid_t pid = fork();

        if (!pid)
        {
            int rc = run_engine(engines[i]);
            fflush(stdout);
            _exit(rc);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
        {
            fprintf(stderr, "async_stress: the %s engine run failed (status %#x)\n", engines[i], status);
            failed++;
        }
    }
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    printf("async_stress: %d engine runs, %d failed\n", (int)(sizeof(engines) / sizeof(engines[0])), failed);
    return failed ? 1 : 0;
}

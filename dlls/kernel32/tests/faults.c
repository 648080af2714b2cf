/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a program sees when the kernel under it misbehaves.  tests/faultinject.sh runs these
 * tests under Wring with faults injected into its Unix side (tests/faultinject/): refused or
 * failing io_uring calls, short transfers, interrupted calls, full disks, failing opens and
 * thread creation.  Whatever is injected, every request completes exactly once, with the whole
 * transfer or with a Windows error, and what a write reported as done is in the file.
 *
 * FAULTS_EXPECT lists the Windows errors the injected fault may give (decimal, comma-separated);
 * without it (on Windows, under Wine, or for a fault Wring must hide) every call succeeds.
 * FAULTS_MUST_FAIL=1: the fault must show at least once in the test.  The files' names hold
 * "wringfault", which the injector matches.
 */
#include <stdio.h>
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000
#define CHUNKS 48
#define CHUNK 3000          /* not a multiple of a page: requests straddle pages */
#define PIPE_READS 32
#define PIPE_CHUNK 16

static DWORD expected[8];
static int expected_count, must_fail;

static void read_expectations(void)
{
    char buf[256], *p, *end;

    expected_count = 0;
    if (GetEnvironmentVariableA("FAULTS_EXPECT", buf, sizeof(buf)))
        for (p = buf; *p && expected_count < 8; p = *end ? end + 1 : end)
        {
            expected[expected_count++] = strtoul(p, &end, 10);
            if (end == p) break;
        }
    must_fail = GetEnvironmentVariableA("FAULTS_MUST_FAIL", buf, sizeof(buf)) && buf[0] == '1';
}

/* A failure is allowed only with an error the injected fault stands for. */
static BOOL allowed_error(DWORD error)
{
    for (int i = 0; i < expected_count; i++)
        if (expected[i] == error) return TRUE;
    return FALSE;
}

static void check_failures(const char *what, int failures)
{
    if (must_fail) ok(failures > 0, "%s: the injected fault never showed\n", what);
    else if (!expected_count) ok(!failures, "%s: %d failures\n", what, failures);
}

static void temp_name(char *path, const char *name)
{
    char dir[MAX_PATH];
    GetTempPathA(sizeof(dir), dir);
    snprintf(path, MAX_PATH, "%swringfault_%lu_%s", dir, GetCurrentProcessId(), name);
}

static void fill_chunk(BYTE *buf, int index, int size)
{
    for (int i = 0; i < size; i++) buf[i] = (BYTE)(index * 31 + i * 7 + (i >> 8));
}

/* The file as it is on disk, through a handle of its own: every chunk a write reported as done
 * is there, whole. */
static void check_file(const char *path, const BOOL *written)
{
    static BYTE data[CHUNKS * CHUNK], want[CHUNK];
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, 0, NULL);
    DWORD got = 0, total = 0;
    BOOL ret;

    ok(file != INVALID_HANDLE_VALUE, "reopening %s: %lu\n", path, GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    do
    {
        ret = ReadFile(file, data + total, sizeof(data) - total, &got, NULL);
        ok(ret || allowed_error(GetLastError()), "reading back: %lu\n", GetLastError());
        total += got;
    } while (ret && got && total < sizeof(data));
    CloseHandle(file);
    for (int i = 0; i < CHUNKS; i++)
    {
        if (!written[i]) continue;
        fill_chunk(want, i, CHUNK);
        ok(total >= (DWORD)(i + 1) * CHUNK && !memcmp(data + i * CHUNK, want, CHUNK),
           "chunk %d reported written is not in the file (%lu bytes read back)\n", i, total);
    }
}

/* One completion per request: the OVERLAPPED it names must be one of ours, not seen before. */
static int overlapped_index(const OVERLAPPED *ov, const OVERLAPPED *all, int count)
{
    for (int i = 0; i < count; i++)
        if (ov == &all[i]) return i;
    return -1;
}

/* The writes, then the reads of what was written, all through a completion port. */
static void test_port_io(void)
{
    static BYTE wbuf[CHUNKS][CHUNK], rbuf[CHUNKS][CHUNK];
    static OVERLAPPED ov[CHUNKS];
    BOOL written[CHUNKS] = { 0 }, pending[CHUNKS], seen[CHUNKS];
    char path[MAX_PATH];
    HANDLE file, port;
    int failures = 0, outstanding, pass;

    temp_name(path, "port");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile: %lu\n", GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    port = CreateIoCompletionPort(file, NULL, 0x1234, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());

    for (pass = 0; pass < 2; pass++)
    {
        const char *what = pass ? "read" : "write";
        outstanding = 0;
        for (int i = 0; i < CHUNKS; i++)
        {
            DWORD done = 0;
            BOOL ret;
            pending[i] = seen[i] = FALSE;
            if (pass && !written[i]) continue;
            memset(&ov[i], 0, sizeof(ov[i]));
            ov[i].Offset = i * CHUNK;
            if (pass)
            {
                memset(rbuf[i], 0xcc, CHUNK);
                ret = ReadFile(file, rbuf[i], CHUNK, &done, &ov[i]);
            }
            else
            {
                fill_chunk(wbuf[i], i, CHUNK);
                ret = WriteFile(file, wbuf[i], CHUNK, &done, &ov[i]);
            }
            /* a synchronous success posts its packet too (no skip mode); a synchronous error none */
            if (ret || GetLastError() == ERROR_IO_PENDING)
            {
                pending[i] = TRUE;
                outstanding++;
            }
            else
            {
                ok(allowed_error(GetLastError()), "%s %d: %lu\n", what, i, GetLastError());
                failures++;
            }
        }
        while (outstanding)
        {
            OVERLAPPED *got = NULL;
            ULONG_PTR key = 0;
            DWORD bytes = 0, error;
            BOOL ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, HANG_MS);
            int i;

            error = ret ? 0 : GetLastError();
            ok(got != NULL, "%s: no packet (%lu), %d outstanding\n", what, error, outstanding);
            if (!got) break;
            i = overlapped_index(got, ov, CHUNKS);
            ok(i >= 0 && pending[i] && !seen[i], "%s: a packet for request %d, delivered before: %d\n", what, i,
               i >= 0 && seen[i]);
            if (i < 0 || !pending[i] || seen[i]) continue;
            seen[i] = TRUE;
            outstanding--;
            ok(key == 0x1234, "%s %d: key %#Ix\n", what, i, key);
            if (ret)
            {
                ok(bytes == CHUNK, "%s %d: %lu bytes, not all\n", what, i, bytes);
                if (pass) ok(!memcmp(rbuf[i], wbuf[i], CHUNK), "read %d: wrong data\n", i);
                else written[i] = bytes == CHUNK;
            }
            else
            {
                ok(allowed_error(error), "%s %d failed: %lu\n", what, i, error);
                failures++;
            }
        }
        /* and nothing more: no completion delivered twice */
        {
            OVERLAPPED *got = NULL;
            ULONG_PTR key;
            DWORD bytes;
            ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 0) && !got && GetLastError() == WAIT_TIMEOUT,
               "%s: an extra packet %p\n", what, got);
        }
    }
    check_failures("port I/O", failures);
    CloseHandle(file);
    CloseHandle(port);
    check_file(path, written);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

struct tp_state
{
    OVERLAPPED ov[CHUNKS];
    LONG calls[CHUNKS];
    ULONG result[CHUNKS];
    ULONG_PTR bytes[CHUNKS];
};

static void CALLBACK io_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                                 ULONG_PTR bytes, PTP_IO io)
{
    struct tp_state *state = context;
    int i = overlapped_index(overlapped, state->ov, CHUNKS);
    if (i < 0) return;
    state->result[i] = result;
    state->bytes[i] = bytes;
    InterlockedIncrement(&state->calls[i]);
}

/* The same through the thread pool: a TP_IO's callback runs once per request. */
static void test_tp_io(void)
{
    static BYTE wbuf[CHUNKS][CHUNK], rbuf[CHUNKS][CHUNK];
    static struct tp_state state;
    BOOL written[CHUNKS] = { 0 }, started[CHUNKS];
    char path[MAX_PATH];
    HANDLE file;
    PTP_IO io;
    int failures = 0, pass;

    temp_name(path, "tpio");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile: %lu\n", GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    io = CreateThreadpoolIo(file, io_callback, &state, NULL);
    ok(io != NULL, "CreateThreadpoolIo: %lu\n", GetLastError());
    if (!io)
    {
        CloseHandle(file);
        return;
    }
    for (pass = 0; pass < 2; pass++)
    {
        const char *what = pass ? "read" : "write";
        memset(&state, 0, sizeof(state));
        for (int i = 0; i < CHUNKS; i++)
        {
            DWORD done;
            BOOL ret;
            started[i] = FALSE;
            if (pass && !written[i]) continue;
            state.ov[i].Offset = i * CHUNK;
            StartThreadpoolIo(io);
            if (pass)
            {
                memset(rbuf[i], 0xcc, CHUNK);
                ret = ReadFile(file, rbuf[i], CHUNK, &done, &state.ov[i]);
            }
            else
            {
                fill_chunk(wbuf[i], i, CHUNK);
                ret = WriteFile(file, wbuf[i], CHUNK, &done, &state.ov[i]);
            }
            if (ret || GetLastError() == ERROR_IO_PENDING) started[i] = TRUE;
            else
            {
                ok(allowed_error(GetLastError()), "%s %d: %lu\n", what, i, GetLastError());
                failures++;
                CancelThreadpoolIo(io);
            }
        }
        WaitForThreadpoolIoCallbacks(io, FALSE);
        for (int i = 0; i < CHUNKS; i++)
        {
            ok(state.calls[i] == (started[i] ? 1 : 0), "%s %d: %ld callbacks\n", what, i, state.calls[i]);
            if (!started[i] || state.calls[i] != 1) continue;
            if (!state.result[i])
            {
                ok(state.bytes[i] == CHUNK, "%s %d: %Iu bytes, not all\n", what, i, state.bytes[i]);
                if (pass) ok(!memcmp(rbuf[i], wbuf[i], CHUNK), "read %d: wrong data\n", i);
                else written[i] = state.bytes[i] == CHUNK;
            }
            else
            {
                ok(allowed_error(state.result[i]), "%s %d failed: %lu\n", what, i, state.result[i]);
                failures++;
            }
        }
    }
    check_failures("thread-pool I/O", failures);
    CloseThreadpoolIo(io);
    CloseHandle(file);
    check_file(path, written);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

/* Requests each waited for through its own event: on a handle bound to a port (so that Wring
 * must reap the port's completions with nobody waiting on it, and the port gets one packet per
 * request all the same), or on one bound to none. */
static void test_event_io(BOOL bound)
{
    static BYTE wbuf[CHUNKS][CHUNK], rbuf[CHUNKS][CHUNK];
    static OVERLAPPED ov[CHUNKS];
    BOOL written[CHUNKS] = { 0 }, posted[CHUNKS], seen[CHUNKS];
    char path[MAX_PATH];
    HANDLE file, port;
    int failures = 0, packets, pass;

    temp_name(path, bound ? "event" : "unbound");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile: %lu\n", GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    port = bound ? CreateIoCompletionPort(file, NULL, 0x99, 0) : NULL;
    ok(!bound || port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    for (pass = 0; pass < 2; pass++)
    {
        const char *what = pass ? "read" : "write";
        packets = 0;
        for (int i = 0; i < CHUNKS; i++)
        {
            DWORD done = 0;
            BOOL ret;
            posted[i] = seen[i] = FALSE;
            ov[i].hEvent = NULL;
            if (pass && !written[i]) continue;
            memset(&ov[i], 0, sizeof(ov[i]));
            ov[i].Offset = i * CHUNK;
            ov[i].hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
            if (pass)
            {
                memset(rbuf[i], 0xcc, CHUNK);
                ret = ReadFile(file, rbuf[i], CHUNK, &done, &ov[i]);
            }
            else
            {
                fill_chunk(wbuf[i], i, CHUNK);
                ret = WriteFile(file, wbuf[i], CHUNK, &done, &ov[i]);
            }
            if (ret || GetLastError() == ERROR_IO_PENDING)
            {
                posted[i] = TRUE;
                packets++;
            }
            else
            {
                ok(allowed_error(GetLastError()), "%s %d: %lu\n", what, i, GetLastError());
                failures++;
            }
        }
        for (int i = 0; i < CHUNKS; i++)
        {
            DWORD bytes = 0;
            if (!posted[i]) continue;
            ok(WaitForSingleObject(ov[i].hEvent, HANG_MS) == WAIT_OBJECT_0, "%s %d: the event was not set\n", what, i);
            if (GetOverlappedResult(file, &ov[i], &bytes, FALSE))
            {
                ok(bytes == CHUNK, "%s %d: %lu bytes, not all\n", what, i, bytes);
                if (pass) ok(!memcmp(rbuf[i], wbuf[i], CHUNK), "read %d: wrong data\n", i);
                else written[i] = bytes == CHUNK;
            }
            else
            {
                ok(allowed_error(GetLastError()), "%s %d failed: %lu\n", what, i, GetLastError());
                failures++;
            }
        }
        while (bound && packets)
        {
            OVERLAPPED *got = NULL;
            ULONG_PTR key;
            DWORD bytes;
            int i;
            GetQueuedCompletionStatus(port, &bytes, &key, &got, HANG_MS);
            ok(got != NULL, "%s: no packet (%lu), %d to come\n", what, GetLastError(), packets);
            if (!got) break;
            i = overlapped_index(got, ov, CHUNKS);
            ok(i >= 0 && posted[i] && !seen[i], "%s: a packet for request %d, delivered before: %d\n", what, i,
               i >= 0 && seen[i]);
            if (i < 0 || !posted[i] || seen[i]) continue;
            seen[i] = TRUE;
            packets--;
        }
        for (int i = 0; i < CHUNKS; i++)
            if (ov[i].hEvent) CloseHandle(ov[i].hEvent);
    }
    check_failures("I/O waited for by events", failures);
    CloseHandle(file);
    if (port) CloseHandle(port);
    check_file(path, written);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

/* A synchronous handle: ReadFile and WriteFile return once it is all done, or fail. */
static void test_sync_io(void)
{
    static BYTE wbuf[CHUNKS][CHUNK], rbuf[CHUNK];
    BOOL written[CHUNKS] = { 0 };
    char path[MAX_PATH];
    HANDLE file;
    int failures = 0;

    temp_name(path, "sync");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile: %lu\n", GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    for (int i = 0; i < CHUNKS; i++)
    {
        DWORD done = 0;
        fill_chunk(wbuf[i], i, CHUNK);
        SetFilePointer(file, i * CHUNK, NULL, FILE_BEGIN);
        if (WriteFile(file, wbuf[i], CHUNK, &done, NULL))
        {
            ok(done == CHUNK, "write %d: %lu bytes, not all\n", i, done);
            written[i] = done == CHUNK;
        }
        else
        {
            ok(allowed_error(GetLastError()), "write %d: %lu\n", i, GetLastError());
            failures++;
        }
    }
    for (int i = 0; i < CHUNKS; i++)
    {
        DWORD done = 0;
        if (!written[i]) continue;
        SetFilePointer(file, i * CHUNK, NULL, FILE_BEGIN);
        memset(rbuf, 0xcc, CHUNK);
        if (ReadFile(file, rbuf, CHUNK, &done, NULL))
        {
            ok(done == CHUNK, "read %d: %lu bytes, not all\n", i, done);
            ok(!memcmp(rbuf, wbuf[i], CHUNK), "read %d: wrong data\n", i);
        }
        else
        {
            ok(allowed_error(GetLastError()), "read %d: %lu\n", i, GetLastError());
            failures++;
        }
    }
    check_failures("synchronous I/O", failures);
    CloseHandle(file);
    check_file(path, written);
    ok(DeleteFileA(path), "DeleteFile: %lu\n", GetLastError());
}

/* Many reads pending on a pipe, all satisfied by one write: their completions arrive together
 * (more than a small completion queue holds), and each comes once with its whole share. */
static void test_pipe_burst(void)
{
    static BYTE rbuf[PIPE_READS][PIPE_CHUNK], data[PIPE_READS * PIPE_CHUNK];
    static OVERLAPPED ov[PIPE_READS];
    BOOL seen[PIPE_READS] = { 0 }, chunk_seen[PIPE_READS] = { 0 };
    char name[MAX_PATH];
    HANDLE server, client, port;
    int failures = 0, outstanding = 0;
    DWORD done;

    snprintf(name, sizeof(name), "\\\\.\\pipe\\wringfault_%lu", GetCurrentProcessId());
    server = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE | PIPE_WAIT, 1,
                              0, sizeof(data), 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu\n", GetLastError());
    if (server == INVALID_HANDLE_VALUE) return;
    client = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(client != INVALID_HANDLE_VALUE, "opening the client: %lu\n", GetLastError());
    port = CreateIoCompletionPort(server, NULL, 7, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    for (int i = 0; i < PIPE_READS; i++)
    {
        if (ReadFile(server, rbuf[i], PIPE_CHUNK, &done, &ov[i]) || GetLastError() == ERROR_IO_PENDING)
        {
            outstanding++;
            continue;
        }
        ok(allowed_error(GetLastError()), "read %d: %lu\n", i, GetLastError());
        seen[i] = TRUE;
        failures++;
    }
    for (int i = 0; i < PIPE_READS; i++) memset(data + i * PIPE_CHUNK, 'A' + i, PIPE_CHUNK);
    /* only as much as the pending reads take, so none is left over */
    done = 0;
    ok(WriteFile(client, data, outstanding * PIPE_CHUNK, &done, NULL), "WriteFile: %lu\n", GetLastError());
    ok(done == (DWORD)outstanding * PIPE_CHUNK, "wrote %lu bytes\n", done);
    while (outstanding)
    {
        OVERLAPPED *got = NULL;
        ULONG_PTR key;
        DWORD bytes = 0;
        BOOL ret = GetQueuedCompletionStatus(port, &bytes, &key, &got, HANG_MS);
        int i, c;

        ok(got != NULL, "no packet (%lu), %d outstanding\n", GetLastError(), outstanding);
        if (!got) break;
        i = overlapped_index(got, ov, PIPE_READS);
        ok(i >= 0 && !seen[i], "a packet for read %d, delivered before: %d\n", i, i >= 0 && seen[i]);
        if (i < 0 || seen[i]) continue;
        seen[i] = TRUE;
        outstanding--;
        ok(ret && bytes == PIPE_CHUNK, "read %d: %d, %lu bytes, error %lu\n", i, ret, bytes, GetLastError());
        if (!ret) continue;
        /* each read takes one writer's chunk whole (the chunks may be handed out in any order) */
        c = rbuf[i][0] - 'A';
        ok(c >= 0 && c < PIPE_READS && !chunk_seen[c] && rbuf[i][PIPE_CHUNK - 1] == rbuf[i][0],
           "read %d: chunk %d, twice %d\n", i, c, c >= 0 && c < PIPE_READS && chunk_seen[c]);
        if (c >= 0 && c < PIPE_READS) chunk_seen[c] = TRUE;
    }
    check_failures("pipe reads", failures);
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(port);
}

/* Both ends of a byte pipe, a write much larger than the pipe's buffer and the reader that drains
 * it: the pipe ends are sockets, whose writes the kernel may end part-way (a signal, a full
 * buffer, an injected short write), and Windows completes a pipe write only once all of it is in. */
#define PIPE_BIG (1024 * 1024)
#define PIPE_WRITES 4       /* the writes each direction makes, so that a fault on every Nth strikes */

static BYTE pipe_out[PIPE_BIG], pipe_in[PIPE_BIG];

struct pipe_reader
{
    HANDLE pipe;
    BOOL overlapped;
    DWORD total;
    DWORD error;
};

static BYTE pipe_byte(DWORD i)
{
    return (BYTE)(i * 7 + (i >> 12));
}

static DWORD WINAPI pipe_reader_main(void *arg)
{
    struct pipe_reader *r = arg;
    OVERLAPPED ov = { 0 };
    DWORD got;
    BOOL ret;

    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    while (r->total < PIPE_BIG)
    {
        got = 0;
        ret = ReadFile(r->pipe, pipe_in + r->total, min(65536, PIPE_BIG - r->total), &got, r->overlapped ? &ov : NULL);
        if (!ret && r->overlapped && GetLastError() == ERROR_IO_PENDING) ret = GetOverlappedResult(r->pipe, &ov, &got, TRUE);
        if (!ret)
        {
            r->error = GetLastError();
            break;
        }
        r->total += got;
    }
    CloseHandle(ov.hEvent);
    return 0;
}

static void check_pipe_read(const char *what, const struct pipe_reader *r)
{
    DWORD bad = PIPE_BIG;

    ok(r->total == PIPE_BIG && !r->error, "%s: read %lu bytes, error %lu\n", what, r->total, r->error);
    for (DWORD i = 0; i < r->total && bad == PIPE_BIG; i++)
        if (pipe_in[i] != pipe_out[i]) bad = i;
    ok(bad == PIPE_BIG, "%s: byte %lu differs\n", what, bad);
}

static void test_pipe_write(void)
{
    struct pipe_reader r;
    OVERLAPPED ov = { 0 };
    char name[MAX_PATH];
    HANDLE server, client, thread;
    DWORD done;
    BOOL ret;

    for (DWORD i = 0; i < PIPE_BIG; i++) pipe_out[i] = pipe_byte(i);
    snprintf(name, sizeof(name), "\\\\.\\pipe\\wringfault_write_%lu", GetCurrentProcessId());
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE | PIPE_WAIT, 1,
                              4096, 4096, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu\n", GetLastError());
    if (server == INVALID_HANDLE_VALUE) return;
    client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(client != INVALID_HANDLE_VALUE, "opening the client: %lu\n", GetLastError());
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);

    /* an overlapped write, through the engine, read by a synchronous reader */
    memset(pipe_in, 0, sizeof(pipe_in));
    memset(&r, 0, sizeof(r));
    r.pipe = client;
    thread = CreateThread(NULL, 0, pipe_reader_main, &r, 0, NULL);
    for (int w = 0; w < PIPE_WRITES; w++)
    {
        done = 0;
        ret = WriteFile(server, pipe_out + w * (PIPE_BIG / PIPE_WRITES), PIPE_BIG / PIPE_WRITES, &done, &ov);
        if (!ret && GetLastError() == ERROR_IO_PENDING) ret = GetOverlappedResult(server, &ov, &done, TRUE);
        ok(ret && done == PIPE_BIG / PIPE_WRITES, "overlapped write %d: %d, %lu bytes, error %lu\n", w, ret, done,
           GetLastError());
    }
    ok(!WaitForSingleObject(thread, HANG_MS), "the reader hangs\n");
    CloseHandle(thread);
    check_pipe_read("overlapped write", &r);

    /* a synchronous write, read by an overlapped reader */
    memset(pipe_in, 0, sizeof(pipe_in));
    memset(&r, 0, sizeof(r));
    r.pipe = server;
    r.overlapped = TRUE;
    thread = CreateThread(NULL, 0, pipe_reader_main, &r, 0, NULL);
    for (int w = 0; w < PIPE_WRITES; w++)
    {
        done = 0;
        ret = WriteFile(client, pipe_out + w * (PIPE_BIG / PIPE_WRITES), PIPE_BIG / PIPE_WRITES, &done, NULL);
        ok(ret && done == PIPE_BIG / PIPE_WRITES, "synchronous write %d: %d, %lu bytes, error %lu\n", w, ret, done,
           GetLastError());
    }
    ok(!WaitForSingleObject(thread, HANG_MS), "the reader hangs\n");
    CloseHandle(thread);
    check_pipe_read("synchronous write", &r);

    CloseHandle(ov.hEvent);
    CloseHandle(client);
    CloseHandle(server);
}

/* Opening files: each open works, or fails with the error of too many open files. */
static void test_open_files(void)
{
    HANDLE files[16];
    char path[MAX_PATH], name[32];
    int failures = 0;

    for (int i = 0; i < 16; i++)
    {
        snprintf(name, sizeof(name), "open%d", i);
        temp_name(path, name);
        files[i] = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_FLAG_DELETE_ON_CLOSE, NULL);
        if (files[i] == INVALID_HANDLE_VALUE)
        {
            ok(allowed_error(GetLastError()), "CreateFile %d: %lu\n", i, GetLastError());
            failures++;
        }
    }
    check_failures("opening files", failures);
    for (int i = 0; i < 16; i++)
    {
        if (files[i] == INVALID_HANDLE_VALUE) continue;
        ok(CloseHandle(files[i]), "CloseHandle %d: %lu\n", i, GetLastError());
        snprintf(name, sizeof(name), "open%d", i);
        temp_name(path, name);
        ok(GetFileAttributesA(path) == INVALID_FILE_ATTRIBUTES, "file %d left behind\n", i);
    }
}

static LONG thread_runs, work_runs;
static HANDLE work_ran;

static DWORD WINAPI thread_main(void *arg)
{
    InterlockedIncrement(&thread_runs);
    return (DWORD)(ULONG_PTR)arg + 100;
}

static void CALLBACK work_main(PTP_CALLBACK_INSTANCE instance, void *context)
{
    InterlockedIncrement(&work_runs);
    SetEvent(work_ran);
}

/* CreateThread works or fails with ERROR_NOT_ENOUGH_MEMORY; the pool runs every callback once. */
static void test_threads(void)
{
    HANDLE threads[16];
    int failures = 0, created = 0, submitted = 0;

    thread_runs = 0;
    for (int i = 0; i < 16; i++)
    {
        threads[i] = CreateThread(NULL, 0, thread_main, (void *)(ULONG_PTR)i, 0, NULL);
        if (threads[i]) created++;
        else
        {
            ok(allowed_error(GetLastError()), "CreateThread %d: %lu\n", i, GetLastError());
            failures++;
        }
    }
    for (int i = 0; i < 16; i++)
    {
        DWORD code = 0;
        if (!threads[i]) continue;
        ok(WaitForSingleObject(threads[i], HANG_MS) == WAIT_OBJECT_0, "thread %d did not end\n", i);
        ok(GetExitCodeThread(threads[i], &code) && code == (DWORD)i + 100, "thread %d: exit code %lu\n", i, code);
        CloseHandle(threads[i]);
    }
    ok(thread_runs == created, "%ld threads ran, %d created\n", thread_runs, created);
    check_failures("CreateThread", failures);

    work_runs = 0;
    work_ran = CreateEventA(NULL, FALSE, FALSE, NULL);
    for (int i = 0; i < 64; i++)
    {
        if (TrySubmitThreadpoolCallback(work_main, NULL, NULL)) submitted++;
        else ok(allowed_error(GetLastError()), "TrySubmitThreadpoolCallback %d: %lu\n", i, GetLastError());
    }
    /* every run sets the event after counting itself: a wait that times out is a lost callback */
    while (work_runs < submitted)
        if (WaitForSingleObject(work_ran, HANG_MS) != WAIT_OBJECT_0) break;
    ok(work_runs == submitted, "%ld callbacks ran, %d submitted\n", work_runs, submitted);
    CloseHandle(work_ran);
}

START_TEST(port_io)
{
    read_expectations();
    test_port_io();
}

START_TEST(tp_io)
{
    read_expectations();
    test_tp_io();
}

START_TEST(event_io)
{
    read_expectations();
    test_event_io(TRUE);
}

START_TEST(event_unbound)
{
    read_expectations();
    test_event_io(FALSE);
}

START_TEST(sync_io)
{
    read_expectations();
    test_sync_io();
}

START_TEST(pipe_burst)
{
    read_expectations();
    test_pipe_burst();
}

START_TEST(pipe_write)
{
    read_expectations();
    test_pipe_write();
}

START_TEST(open_files)
{
    read_expectations();
    test_open_files();
}

START_TEST(threads)
{
    read_expectations();
    test_threads();
}

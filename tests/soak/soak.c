/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A soak: for WRING_SOAK_SECONDS (default 3) keeps two thousand overlapped requests in flight
 * on files and pipes, completed through an I/O completion port (GetQueuedCompletionStatus and
 * its Ex form), through FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and through thread-pool I/O
 * (TP_IO), while other threads create and end threads and open and close handles.  Every
 * result is checked: read data against the file's pattern, pipe streams byte for byte,
 * every completion exactly once (a request is marked pending from its issue to its one
 * completion), and every write reported done is in the file when it is read back.  Then it
 * stops issuing, drains, and compares what was issued with what completed.
 */
#define STANDALONE
#include "wine/test.h"

#define READ_FILE_SIZE  (4 << 20)
#define MAX_READ        16384
#define PORT_READS      1024
#define SKIP_READS      256
#define TP_READS        512
#define WRITE_BLOCK     4096
#define WRITE_SLOTS     256
#define WRITE_BLOCKS    (WRITE_SLOTS * 16)
#define PIPE_PAIRS      8
#define PIPE_CHUNK      8192
#define PIPE_STREAM     (256 * 1024)
#define PORT_WORKERS    4
#define CHURN_THREADS   8
#define MAX_PACKETS     (1 << 22)

enum key { KEY_IO = 1, KEY_THREAD, KEY_QUIT };
enum kind { KIND_READ, KIND_WRITE, KIND_PIPE_READ, KIND_PIPE_WRITE };

/* A handle and how its completions arrive: a packet to the port, a TP_IO callback, or at once
 * when the call succeeds on a FILE_SKIP_COMPLETION_PORT_ON_SUCCESS handle. */
struct channel
{
    HANDLE handle;
    PTP_IO io;
    BOOL skip_port;
};

struct pipe_pair;

struct request
{
    OVERLAPPED ov;
    LONG pending;               /* 1 from the issue to the one completion */
    enum kind kind;
    struct channel *chan;
    struct pipe_pair *pair;     /* pipe requests */
    int dir;                    /* pipe requests: 0 server to client, 1 back */
    unsigned int rand;
    LONGLONG offset;
    DWORD length;
    DWORD count;
    BOOL write;
    BYTE *buf;
    /* write requests: the blocks this slot owns and writes one after the other */
    int slot, next_block;
    DWORD gen;
};

struct stream
{
    struct request rd, wr;
    ULONGLONG written, read;
};

struct pipe_pair
{
    int index;
    DWORD gen;
    struct channel server, client;
    struct stream dir[2];
    LONG active;                /* requests of this generation not finished yet */
    LONG finished;              /* set by the last one, taken by the main thread */
};

static ULONGLONG deadline;
static volatile LONG stopping;
static HANDLE port, files_drained, pair_finished;
static WCHAR read_path[MAX_PATH], write_path[MAX_PATH];
static struct channel port_file, skip_file, tp_file, write_file;
static struct request port_reads[PORT_READS], skip_reads[SKIP_READS], tp_reads[TP_READS], writes[WRITE_SLOTS];
static struct pipe_pair pairs[PIPE_PAIRS];
static LONG file_slots;         /* file requests still circulating */
static DWORD block_gen[WRITE_BLOCKS];
static LONG soak_failures;
static LONG64 issued, completed, read_bytes, write_ops, pipe_bytes, skip_inline, cancels, aborted;
static LONG64 threads_made, packets_posted, packets_seen, handle_rounds, work_callbacks;
static LONG packet_seq;
static LONG *packet_seen_bits;

/* A failure from any thread; the first ones are reported with their line, all are counted. */
#define soak_ok(cond, ...) do { if (!(cond)) soak_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)
static void soak_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[256];
    va_list args;

    if (InterlockedIncrement(&soak_failures) > 20) return;
    va_start(args, fmt);
    vsnprintf(msg, sizeof(msg), fmt, args);
    va_end(args);
    ok_(file, line)(0, "%s\n", msg);
}

static unsigned int next_rand(unsigned int *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

static BYTE read_pattern(ULONGLONG offset)
{
    return (BYTE)((offset ^ (offset >> 8) ^ (offset >> 16)) * 29 + 11);
}

static BYTE write_pattern(int block, DWORD gen, DWORD i)
{
    return (BYTE)(block * 7 + gen * 13 + i * 3 + (i >> 8));
}

static BYTE pipe_pattern(const struct pipe_pair *pair, int dir, ULONGLONG offset)
{
    return (BYTE)(offset * 7 + (offset >> 9) + pair->index * 31 + pair->gen * 5 + dir * 101);
}

static void file_slot_retired(void)
{
    if (!InterlockedDecrement(&file_slots)) SetEvent(files_drained);
}

static void pair_request_finished(struct pipe_pair *pair)
{
    /* the last thing done with the pair: the main thread closes and reopens it at once */
    if (!InterlockedDecrement(&pair->active))
    {
        InterlockedExchange(&pair->finished, 1);
        SetEvent(pair_finished);
    }
}

/* Chooses what a request does next; false when it retires instead. */
static BOOL prepare(struct request *r)
{
    struct stream *s;

    switch (r->kind)
    {
    case KIND_READ:
        if (stopping) return FALSE;
        r->offset = next_rand(&r->rand) % READ_FILE_SIZE;
        r->length = next_rand(&r->rand) % MAX_READ + 1;
        if (r->offset + r->length > READ_FILE_SIZE) r->length = READ_FILE_SIZE - r->offset;
        r->write = FALSE;
        return TRUE;
    case KIND_WRITE:
    {
        DWORD i;
        if (stopping) return FALSE;
        r->next_block = (r->next_block + WRITE_SLOTS) % WRITE_BLOCKS;
        r->gen = block_gen[r->next_block] + 1;
        for (i = 0; i < WRITE_BLOCK; i++) r->buf[i] = write_pattern(r->next_block, r->gen, i);
        r->offset = (LONGLONG)r->next_block * WRITE_BLOCK;
        r->length = WRITE_BLOCK;
        r->write = TRUE;
        return TRUE;
    }
    case KIND_PIPE_WRITE:
    {
        /* a stream runs to its end even when stopping: its reader waits for every byte */
        DWORD i;
        s = &r->pair->dir[r->dir];
        if (s->written == PIPE_STREAM) return FALSE;
        r->length = next_rand(&r->rand) % PIPE_CHUNK + 1;
        if (r->length > PIPE_STREAM - s->written) r->length = PIPE_STREAM - s->written;
        for (i = 0; i < r->length; i++) r->buf[i] = pipe_pattern(r->pair, r->dir, s->written + i);
        r->offset = 0;
        r->write = TRUE;
        return TRUE;
    }
    case KIND_PIPE_READ:
        s = &r->pair->dir[r->dir];
        if (s->read == PIPE_STREAM) return FALSE;
        r->length = next_rand(&r->rand) % PIPE_CHUNK + 1;
        r->offset = 0;
        r->write = FALSE;
        return TRUE;
    }
    return FALSE;
}

/* Checks one completion; true when the request goes on (prepare has set up its next op). */
static BOOL completed_one(struct request *r, DWORD error, DWORD bytes)
{
    struct stream *s = r->pair ? &r->pair->dir[r->dir] : NULL;
    DWORD i;

    soak_ok(InterlockedExchange(&r->pending, 0) == 1, "kind %d: a completion of a request not pending", r->kind);
    InterlockedIncrement64(&completed);
    switch (r->kind)
    {
    case KIND_READ:
        soak_ok(!error && bytes == r->length, "read of %lu at %lld: error %lu, %lu bytes",
                r->length, r->offset, error, bytes);
        if (!error)
        {
            for (i = 0; i < bytes; i++)
                if (r->buf[i] != read_pattern(r->offset + i)) break;
            soak_ok(i == bytes, "read at %lld: byte %lu differs", r->offset, i);
            InterlockedExchangeAdd64(&read_bytes, bytes);
        }
        if (error || !prepare(r))
        {
            file_slot_retired();
            return FALSE;
        }
        return TRUE;
    case KIND_WRITE:
        soak_ok(!error && bytes == WRITE_BLOCK, "write of block %d: error %lu, %lu bytes", r->next_block, error, bytes);
        /* only this slot writes the block, one write at a time: this is its content now */
        if (!error && bytes == WRITE_BLOCK) block_gen[r->next_block] = r->gen;
        InterlockedIncrement64(&write_ops);
        if (error || !prepare(r))
        {
            file_slot_retired();
            return FALSE;
        }
        return TRUE;
    case KIND_PIPE_WRITE:
        soak_ok(!error && bytes == r->length, "pipe %d write: error %lu, %lu of %lu bytes",
                r->pair->index, error, bytes, r->length);
        if (!error) s->written += bytes;
        break;
    case KIND_PIPE_READ:
        /* a CancelIoEx may abort a read (another thread may have reissued it meanwhile) */
        if (error == ERROR_OPERATION_ABORTED && !bytes)
        {
            InterlockedIncrement64(&aborted);
            break;
        }
        soak_ok(!error && bytes && bytes <= r->length, "pipe %d read: error %lu, %lu bytes",
                r->pair->index, error, bytes);
        if (error) break;
        for (i = 0; i < bytes; i++)
            if (r->buf[i] != pipe_pattern(r->pair, r->dir, s->read + i)) break;
        soak_ok(i == bytes, "pipe %d read at %llu: byte %lu differs", r->pair->index, s->read, i);
        s->read += bytes;
        InterlockedExchangeAdd64(&pipe_bytes, bytes);
        break;
    }
    if (error && error != ERROR_OPERATION_ABORTED)
    {
        /* a broken stream cannot be resynchronised: the pair's other requests end at their next completion */
        s->written = s->read = PIPE_STREAM;
    }
    if (!prepare(r))
    {
        pair_request_finished(r->pair);
        return FALSE;
    }
    return TRUE;
}

/* Issues r's operation; true when it completed at once, with *error and *bytes. */
static BOOL issue(struct request *r, DWORD *error, DWORD *bytes)
{
    /* the channel as it is now: once the call is made, a pipe pair may end and be reopened */
    HANDLE handle = r->chan->handle;
    PTP_IO io = r->chan->io;
    BOOL skip_port = r->chan->skip_port, done, cancel = FALSE;
    DWORD n = 0;

    soak_ok(InterlockedExchange(&r->pending, 1) == 0, "kind %d: issued while pending", r->kind);
    InterlockedIncrement64(&issued);
    memset(&r->ov, 0, sizeof(r->ov));
    r->ov.Offset = (DWORD)r->offset;
    r->ov.OffsetHigh = (DWORD)(r->offset >> 32);
    if (r->kind == KIND_PIPE_READ) cancel = !(++r->count % 16);
    if (io) StartThreadpoolIo(io);
    done = r->write ? WriteFile(handle, r->buf, r->length, &n, &r->ov) : ReadFile(handle, r->buf, r->length, &n, &r->ov);
    if (done && skip_port)
    {
        /* no packet comes for it: it is complete now */
        InterlockedIncrement64(&skip_inline);
        *error = ERROR_SUCCESS;
        *bytes = n;
        return TRUE;
    }
    if (done) return FALSE;
    if (GetLastError() == ERROR_IO_PENDING)
    {
        /* r may be another thread's by now: only its OVERLAPPED's address is used */
        if (cancel && CancelIoEx(handle, &r->ov)) InterlockedIncrement64(&cancels);
        return FALSE;
    }
    *error = GetLastError();
    *bytes = 0;
    if (io) CancelThreadpoolIo(io);
    return TRUE;
}

/* A completion, then as many next operations as complete at once. */
static void run(struct request *r, DWORD error, DWORD bytes)
{
    while (completed_one(r, error, bytes) && issue(r, &error, &bytes));
}

static void start(struct request *r)
{
    DWORD error, bytes;
    if (prepare(r) && issue(r, &error, &bytes)) run(r, error, bytes);
}

static void packet(ULONG_PTR key, OVERLAPPED *ov, DWORD bytes, DWORD error)
{
    if (key == KEY_THREAD)
    {
        soak_ok(bytes < MAX_PACKETS && !InterlockedBitTestAndSet(&packet_seen_bits[bytes / 32], bytes % 32),
                "thread packet %lu seen twice", bytes);
        InterlockedIncrement64(&packets_seen);
        return;
    }
    soak_ok(key == KEY_IO && ov, "packet with key %Iu, overlapped %p", key, ov);
    if (ov) run(CONTAINING_RECORD(ov, struct request, ov), error, bytes);
}

static DWORD WINAPI port_worker(void *arg)
{
    BOOL ex = (INT_PTR)arg & 1;
    ULONG quit = 0;

    while (!quit)
    {
        if (ex)
        {
            OVERLAPPED_ENTRY entries[16];
            ULONG count = 0, i;
            BOOL ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &count, INFINITE, FALSE);
            soak_ok(ret && count, "GetQueuedCompletionStatusEx: %d, error %lu", ret, GetLastError());
            if (!ret) break;
            for (i = 0; i < count; i++)
            {
                OVERLAPPED *ov = entries[i].lpOverlapped;
                DWORD error = ERROR_SUCCESS, bytes = entries[i].dwNumberOfBytesTransferred;
                if (entries[i].lpCompletionKey == KEY_QUIT)
                {
                    quit++;
                    continue;
                }
                /* the entry carries the NT status: GetOverlappedResult names its Win32 error */
                if (entries[i].lpCompletionKey == KEY_IO && ov && ov->Internal &&
                    !GetOverlappedResult(CONTAINING_RECORD(ov, struct request, ov)->chan->handle, ov, &bytes, FALSE))
                    error = GetLastError();
                packet(entries[i].lpCompletionKey, ov, bytes, error);
            }
        }
        else
        {
            OVERLAPPED *ov = NULL;
            ULONG_PTR key = 0;
            DWORD bytes = 0, error = ERROR_SUCCESS;
            if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE))
            {
                error = GetLastError();
                soak_ok(ov != NULL, "GetQueuedCompletionStatus failed with no packet: %lu", error);
                if (!ov) break;
            }
            if (key == KEY_QUIT) break;
            packet(key, ov, bytes, error);
        }
    }
    /* one batch may hold the quit packets of other workers too */
    while (quit-- > 1) PostQueuedCompletionStatus(port, 0, KEY_QUIT, NULL);
    return 0;
}

static void CALLBACK tp_done(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                             ULONG_PTR bytes, PTP_IO io)
{
    soak_ok(overlapped != NULL, "TP_IO callback without an OVERLAPPED, result %lu", result);
    if (overlapped) run(CONTAINING_RECORD(overlapped, struct request, ov), result, (DWORD)bytes);
}

static void init_request(struct request *r, enum kind kind, struct channel *chan, size_t size, unsigned int seed)
{
    r->kind = kind;
    r->chan = chan;
    r->rand = seed * 2654435761u + 1;
    r->buf = HeapAlloc(GetProcessHeap(), 0, size);
    ok(r->buf != NULL, "HeapAlloc failed\n");
}

static BOOL bind_channel(struct channel *chan, BOOL pool)
{
    if (pool)
    {
        chan->io = CreateThreadpoolIo(chan->handle, tp_done, NULL, NULL);
        return chan->io != NULL;
    }
    return CreateIoCompletionPort(chan->handle, port, KEY_IO, 0) == port;
}

static void close_channel(struct channel *chan)
{
    /* as CloseThreadpoolIo asks: the handle closed and its callbacks over first */
    CloseHandle(chan->handle);
    if (chan->io)
    {
        WaitForThreadpoolIoCallbacks(chan->io, FALSE);
        CloseThreadpoolIo(chan->io);
    }
    memset(chan, 0, sizeof(*chan));
}

/* A new generation of a pipe pair: a fresh named pipe, both ends bound, four requests going. */
static BOOL open_pair(struct pipe_pair *pair)
{
    WCHAR name[64];
    OVERLAPPED ov = { 0 };
    BOOL pool = pair->index & 1;
    int d;

    pair->gen++;
    _snwprintf(name, ARRAY_SIZE(name), L"\\\\.\\pipe\\wring-soak-%lu-%d-%lu", GetCurrentProcessId(), pair->index, pair->gen);
    pair->server.handle = CreateNamedPipeW(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE,
                                           1, 65536, 65536, 0, NULL);
    soak_ok(pair->server.handle != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", GetLastError());
    if (pair->server.handle == INVALID_HANDLE_VALUE) return FALSE;
    pair->client.handle = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                                      FILE_FLAG_OVERLAPPED, NULL);
    soak_ok(pair->client.handle != INVALID_HANDLE_VALUE, "CreateFile(pipe): %lu", GetLastError());
    if (pair->client.handle == INVALID_HANDLE_VALUE)
    {
        CloseHandle(pair->server.handle);
        return FALSE;
    }
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    soak_ok(!ConnectNamedPipe(pair->server.handle, &ov) && GetLastError() == ERROR_PIPE_CONNECTED,
            "ConnectNamedPipe after the client: %lu", GetLastError());
    CloseHandle(ov.hEvent);
    soak_ok(bind_channel(&pair->server, pool) && bind_channel(&pair->client, pool), "binding pipe %d: %lu",
            pair->index, GetLastError());
    pair->active = 4;
    for (d = 0; d < 2; d++)
    {
        struct stream *s = &pair->dir[d];
        s->written = s->read = 0;
        s->wr.chan = d ? &pair->client : &pair->server;
        s->rd.chan = d ? &pair->server : &pair->client;
    }
    for (d = 0; d < 2; d++)
    {
        start(&pair->dir[d].rd);
        start(&pair->dir[d].wr);
    }
    return TRUE;
}

static void close_pair(struct pipe_pair *pair)
{
    int d;
    for (d = 0; d < 2; d++)
    {
        soak_ok(pair->dir[d].read == pair->dir[d].written, "pipe %d: %llu bytes written, %llu read",
                pair->index, pair->dir[d].written, pair->dir[d].read);
    }
    close_channel(&pair->server);
    close_channel(&pair->client);
}

static DWORD WINAPI churn_thread_main(void *arg)
{
    DWORD index = (DWORD)(INT_PTR)arg;
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    LONG seq;

    soak_ok(event && SetEvent(event) && WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "event in a new thread");
    soak_ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "an auto-reset event stays set");
    CloseHandle(event);
    if ((seq = InterlockedIncrement(&packet_seq)) < MAX_PACKETS)
    {
        soak_ok(PostQueuedCompletionStatus(port, seq, KEY_THREAD, NULL), "PostQueuedCompletionStatus: %lu",
                GetLastError());
        InterlockedIncrement64(&packets_posted);
    }
    if (index & 1) ExitThread(0x1000 + index);
    return 0x1000 + index;
}

/* Threads created, run and ended, in rounds, until the soak stops. */
static DWORD WINAPI thread_churn(void *arg)
{
    while (!stopping)
    {
        HANDLE threads[CHURN_THREADS];
        DWORD i, code;

        for (i = 0; i < CHURN_THREADS; i++)
        {
            threads[i] = CreateThread(NULL, 0, churn_thread_main, (void *)(INT_PTR)i, 0, NULL);
            soak_ok(threads[i] != NULL, "CreateThread: %lu", GetLastError());
            if (!threads[i]) return 0;
        }
        soak_ok(WaitForMultipleObjects(CHURN_THREADS, threads, TRUE, INFINITE) == WAIT_OBJECT_0,
                "waiting for the threads: %lu", GetLastError());
        for (i = 0; i < CHURN_THREADS; i++)
        {
            soak_ok(GetExitCodeThread(threads[i], &code) && code == 0x1000 + i, "thread %lu exit code %#lx", i, code);
            CloseHandle(threads[i]);
        }
        InterlockedExchangeAdd64(&threads_made, CHURN_THREADS);
    }
    return 0;
}

static void CALLBACK work_callback(PTP_CALLBACK_INSTANCE instance, void *context, PTP_WORK work)
{
    InterlockedIncrement64(&work_callbacks);
    InterlockedIncrement((LONG *)context);
}

/* Files, duplicates, events, ports and pool work opened, used and closed, until the soak stops. */
static DWORD WINAPI handle_churn(void *arg)
{
    unsigned int rand = 12345;
    BYTE buf[512];

    while (!stopping)
    {
        HANDLE file, dup = NULL, sem, private_port;
        DWORD n, i, offset = next_rand(&rand) % (READ_FILE_SIZE - 2 * sizeof(buf)), bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED *ov = NULL, marker;
        LONG runs = 0;
        PTP_WORK work;

        file = CreateFileW(read_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
        soak_ok(file != INVALID_HANDLE_VALUE, "CreateFile: %lu", GetLastError());
        if (file == INVALID_HANDLE_VALUE) break;
        soak_ok(SetFilePointer(file, offset, NULL, FILE_BEGIN) == offset, "SetFilePointer: %lu", GetLastError());
        soak_ok(ReadFile(file, buf, sizeof(buf), &n, NULL) && n == sizeof(buf), "ReadFile: %lu", GetLastError());
        for (i = 0; i < n && buf[i] == read_pattern(offset + i); i++);
        soak_ok(i == sizeof(buf), "synchronous read at %lu: byte %lu differs", offset, i);
        soak_ok(DuplicateHandle(GetCurrentProcess(), file, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS),
                "DuplicateHandle: %lu", GetLastError());
        CloseHandle(file);
        /* the duplicate shares the file position */
        soak_ok(ReadFile(dup, buf, sizeof(buf), &n, NULL) && n == sizeof(buf), "ReadFile(duplicate): %lu",
                GetLastError());
        for (i = 0; i < n && buf[i] == read_pattern(offset + sizeof(buf) + i); i++);
        soak_ok(i == sizeof(buf), "read through the duplicate: byte %lu differs", i);
        CloseHandle(dup);

        sem = CreateSemaphoreW(NULL, 0, 2, NULL);
        soak_ok(sem && ReleaseSemaphore(sem, 2, NULL) && WaitForSingleObject(sem, 0) == WAIT_OBJECT_0 &&
                WaitForSingleObject(sem, 0) == WAIT_OBJECT_0 && WaitForSingleObject(sem, 0) == WAIT_TIMEOUT,
                "semaphore counts");
        CloseHandle(sem);

        private_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
        soak_ok(private_port && PostQueuedCompletionStatus(private_port, 5, 7, &marker) &&
                GetQueuedCompletionStatus(private_port, &bytes, &key, &ov, 0) && bytes == 5 && key == 7 &&
                ov == &marker, "a private port's packet");
        CloseHandle(private_port);

        work = CreateThreadpoolWork(work_callback, &runs, NULL);
        soak_ok(work != NULL, "CreateThreadpoolWork: %lu", GetLastError());
        if (work)
        {
            for (i = 0; i < 4; i++) SubmitThreadpoolWork(work);
            WaitForThreadpoolWorkCallbacks(work, FALSE);
            soak_ok(runs == 4, "%ld of 4 work callbacks ran", runs);
            CloseThreadpoolWork(work);
        }
        InterlockedIncrement64(&handle_rounds);
    }
    return 0;
}

static BOOL make_read_file(void)
{
    HANDLE file = CreateFileW(read_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    BYTE *data = HeapAlloc(GetProcessHeap(), 0, READ_FILE_SIZE);
    DWORD i, n = 0;
    BOOL ret;

    if (file == INVALID_HANDLE_VALUE || !data) return FALSE;
    for (i = 0; i < READ_FILE_SIZE; i++) data[i] = read_pattern(i);
    ret = WriteFile(file, data, READ_FILE_SIZE, &n, NULL) && n == READ_FILE_SIZE;
    CloseHandle(file);
    HeapFree(GetProcessHeap(), 0, data);
    return ret;
}

/* The written file read back: every block holds what its last completed write put there. */
static void check_write_file(void)
{
    HANDLE file = CreateFileW(write_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    BYTE buf[WRITE_BLOCK];
    int block, bad = 0;
    DWORD n, i;

    ok(file != INVALID_HANDLE_VALUE, "reopening the written file: %lu\n", GetLastError());
    ok(GetFileSize(file, NULL) == (DWORD)WRITE_BLOCKS * WRITE_BLOCK, "written file size %lu\n", GetFileSize(file, NULL));
    for (block = 0; block < WRITE_BLOCKS; block++)
    {
        if (!ReadFile(file, buf, sizeof(buf), &n, NULL) || n != sizeof(buf)) break;
        for (i = 0; i < WRITE_BLOCK && buf[i] == write_pattern(block, block_gen[block], i); i++);
        if (i != WRITE_BLOCK && !bad++)
            ok(0, "block %d lacks its write %lu (byte %lu)\n", block, block_gen[block], i);
    }
    ok(block == WRITE_BLOCKS, "read back %d of %d blocks: %lu\n", block, WRITE_BLOCKS, GetLastError());
    ok(!bad, "%d blocks lack a write reported done\n", bad);
    CloseHandle(file);
}

static HANDLE open_overlapped(const WCHAR *path, DWORD access)
{
    return CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                       FILE_FLAG_OVERLAPPED, NULL);
}

START_TEST(soak)
{
    HANDLE workers[PORT_WORKERS], churners[2], file;
    char env[16];
    DWORD seconds = 3, i, n;
    WCHAR dir[MAX_PATH];
    int open_pairs = 0;

    if (GetEnvironmentVariableA("WRING_SOAK_SECONDS", env, sizeof(env)) && atoi(env) > 0) seconds = atoi(env);
    GetTempPathW(MAX_PATH, dir);
    _snwprintf(read_path, MAX_PATH, L"%lssoak-%lu-read.bin", dir, GetCurrentProcessId());
    _snwprintf(write_path, MAX_PATH, L"%lssoak-%lu-write.bin", dir, GetCurrentProcessId());
    ok(make_read_file(), "cannot create %s: %lu\n", wine_dbgstr_w(read_path), GetLastError());
    packet_seen_bits = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, MAX_PACKETS / 8);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    files_drained = CreateEventW(NULL, TRUE, FALSE, NULL);
    pair_finished = CreateEventW(NULL, FALSE, FALSE, NULL);
    ok(port && files_drained && pair_finished && packet_seen_bits, "setup: %lu\n", GetLastError());

    /* the written file starts with generation 0 in every block */
    file = CreateFileW(write_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "creating the written file: %lu\n", GetLastError());
    for (i = 0; i < WRITE_BLOCKS; i++)
    {
        BYTE buf[WRITE_BLOCK];
        for (n = 0; n < WRITE_BLOCK; n++) buf[n] = write_pattern(i, 0, n);
        WriteFile(file, buf, sizeof(buf), &n, NULL);
    }
    CloseHandle(file);

    port_file.handle = open_overlapped(read_path, GENERIC_READ);
    skip_file.handle = open_overlapped(read_path, GENERIC_READ);
    tp_file.handle = open_overlapped(read_path, GENERIC_READ);
    write_file.handle = open_overlapped(write_path, GENERIC_READ | GENERIC_WRITE);
    ok(bind_channel(&port_file, FALSE) && bind_channel(&skip_file, FALSE) && bind_channel(&tp_file, TRUE) &&
       bind_channel(&write_file, FALSE), "binding the files: %lu\n", GetLastError());
    skip_file.skip_port = TRUE;
    ok(SetFileCompletionNotificationModes(skip_file.handle, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());

    for (i = 0; i < PORT_WORKERS; i++)
    {
        workers[i] = CreateThread(NULL, 0, port_worker, (void *)(INT_PTR)i, 0, NULL);
        ok(workers[i] != NULL, "CreateThread: %lu\n", GetLastError());
    }
    deadline = GetTickCount64() + seconds * 1000;
    churners[0] = CreateThread(NULL, 0, thread_churn, NULL, 0, NULL);
    churners[1] = CreateThread(NULL, 0, handle_churn, NULL, 0, NULL);

    for (i = 0; i < PORT_READS; i++) init_request(&port_reads[i], KIND_READ, &port_file, MAX_READ, i);
    for (i = 0; i < SKIP_READS; i++) init_request(&skip_reads[i], KIND_READ, &skip_file, MAX_READ, 1000 + i);
    for (i = 0; i < TP_READS; i++) init_request(&tp_reads[i], KIND_READ, &tp_file, MAX_READ, 2000 + i);
    for (i = 0; i < WRITE_SLOTS; i++)
    {
        init_request(&writes[i], KIND_WRITE, &write_file, WRITE_BLOCK, 3000 + i);
        writes[i].next_block = i - WRITE_SLOTS;
    }
    for (i = 0; i < PIPE_PAIRS; i++)
    {
        int d;
        pairs[i].index = i;
        for (d = 0; d < 2; d++)
        {
            init_request(&pairs[i].dir[d].rd, KIND_PIPE_READ, NULL, PIPE_CHUNK, 4000 + 4 * i + 2 * d);
            init_request(&pairs[i].dir[d].wr, KIND_PIPE_WRITE, NULL, PIPE_CHUNK, 4001 + 4 * i + 2 * d);
            pairs[i].dir[d].rd.pair = pairs[i].dir[d].wr.pair = &pairs[i];
            pairs[i].dir[d].rd.dir = pairs[i].dir[d].wr.dir = d;
        }
    }

    file_slots = PORT_READS + SKIP_READS + TP_READS + WRITE_SLOTS;
    for (i = 0; i < PORT_READS; i++) start(&port_reads[i]);
    for (i = 0; i < SKIP_READS; i++) start(&skip_reads[i]);
    for (i = 0; i < TP_READS; i++) start(&tp_reads[i]);
    for (i = 0; i < WRITE_SLOTS; i++) start(&writes[i]);
    for (i = 0; i < PIPE_PAIRS; i++) open_pairs += open_pair(&pairs[i]);

    /* The main thread recycles the pipe pairs whose streams have ended until the deadline,
     * then only closes them; the wait's timeout is the deadline, nothing waits on time. */
    while (open_pairs)
    {
        ULONGLONG now = GetTickCount64();
        if (!stopping && now >= deadline) InterlockedExchange(&stopping, 1);
        WaitForSingleObject(pair_finished, stopping ? INFINITE : (DWORD)(deadline - now));
        for (i = 0; i < PIPE_PAIRS; i++)
        {
            if (!InterlockedExchange(&pairs[i].finished, 0)) continue;
            close_pair(&pairs[i]);
            if (stopping || !open_pair(&pairs[i])) open_pairs--;
        }
    }

    ok(WaitForSingleObject(files_drained, INFINITE) == WAIT_OBJECT_0, "draining the file requests\n");
    ok(WaitForMultipleObjects(2, churners, TRUE, INFINITE) == WAIT_OBJECT_0, "ending the churn threads\n");
    for (i = 0; i < PORT_WORKERS; i++) PostQueuedCompletionStatus(port, 0, KEY_QUIT, NULL);
    ok(WaitForMultipleObjects(PORT_WORKERS, workers, TRUE, INFINITE) == WAIT_OBJECT_0, "ending the port workers\n");
    for (i = 0; i < PORT_WORKERS; i++) CloseHandle(workers[i]);
    CloseHandle(churners[0]);
    CloseHandle(churners[1]);
    close_channel(&port_file);
    close_channel(&skip_file);
    close_channel(&tp_file);
    close_channel(&write_file);
    check_write_file();

    ok(!soak_failures, "%ld failures in the soak\n", soak_failures);
    ok(issued == completed, "%I64d requests issued, %I64d completed\n", issued, completed);
    ok(packets_posted == packets_seen, "%I64d thread packets posted, %I64d seen\n", packets_posted, packets_seen);
    ok(aborted <= cancels, "%I64d reads aborted by %I64d cancels\n", aborted, cancels);
    ok(read_bytes && write_ops && pipe_bytes && threads_made && handle_rounds && work_callbacks,
       "every part ran: %I64d bytes read, %I64d writes, %I64d pipe bytes, %I64d threads, "
       "%I64d handle rounds, %I64d work callbacks\n", read_bytes, write_ops, pipe_bytes, threads_made,
       handle_rounds, work_callbacks);
    trace("%lu s: %I64d requests (%I64d completed at once), %I64d MB read, %I64d writes, %I64d MB through pipes, "
          "%I64d cancels (%I64d aborted a read), %I64d threads, %I64d packets, %I64d handle rounds\n", seconds, issued,
          skip_inline, read_bytes >> 20, write_ops, pipe_bytes >> 20, cancels, aborted, threads_made, packets_seen,
          handle_rounds);
    CloseHandle(port);
    CloseHandle(files_drained);
    CloseHandle(pair_finished);
    ok(DeleteFileW(read_path) && DeleteFileW(write_path), "deleting the soak files: %lu\n", GetLastError());
}

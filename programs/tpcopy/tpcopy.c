/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tpcopy SOURCE DEST: copies a file with thread-pool I/O.
 *
 * Both files are opened for overlapped I/O and bound to the default thread pool with
 * CreateThreadpoolIo.  A fixed set of 1 MiB blocks circulates: each block reads its next
 * chunk of the source; its read callback writes the chunk to the same offset of the
 * destination; its write callback claims the next chunk and reads again.  StartThreadpoolIo
 * comes before every ReadFile/WriteFile and CancelThreadpoolIo after any call that fails
 * at once.  The main thread waits until every block has retired, waits for the callbacks
 * with WaitForThreadpoolIoCallbacks, and prints bytes copied and throughput.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define BLOCK_SIZE (1 << 20)
#define BLOCKS 12

struct copy;

struct block
{
    OVERLAPPED ov;
    struct copy *copy;
    LONGLONG offset;
    DWORD length;
    BOOL writing;
    unsigned char *data;
};

struct copy
{
    HANDLE src, dst;
    PTP_IO src_io, dst_io;
    LONGLONG size;
    LONGLONG next;              /* the next offset to claim (interlocked) */
    LONG active;                /* blocks still circulating */
    HANDLE done;                /* set when the last block retires */
    DWORD error;                /* the first error, if any */
    LONGLONG copied;
    struct block blocks[BLOCKS];
};

static void fail(struct copy *c, DWORD error)
{
    InterlockedCompareExchange((LONG *)&c->error, error, 0);
}

static void retire(struct block *b)
{
    if (!InterlockedDecrement(&b->copy->active)) SetEvent(b->copy->done);
}

static void start_read(struct block *b);

static void set_offset(struct block *b)
{
    memset(&b->ov, 0, sizeof(b->ov));
    b->ov.Offset = (DWORD)b->offset;
    b->ov.OffsetHigh = (DWORD)(b->offset >> 32);
}

static void start_write(struct block *b)
{
    struct copy *c = b->copy;

    b->writing = TRUE;
    set_offset(b);
    StartThreadpoolIo(c->dst_io);
    if (!WriteFile(c->dst, b->data, b->length, NULL, &b->ov) && GetLastError() != ERROR_IO_PENDING)
    {
        CancelThreadpoolIo(c->dst_io);
        fail(c, GetLastError());
        retire(b);
    }
}

/* Claims the next chunk of the source; a block with nothing left to claim retires. */
static void start_read(struct block *b)
{
    struct copy *c = b->copy;
    LONGLONG offset;

    if (c->error || (offset = InterlockedExchangeAdd64(&c->next, BLOCK_SIZE)) >= c->size)
    {
        retire(b);
        return;
    }
    b->offset = offset;
    b->length = (DWORD)min((LONGLONG)BLOCK_SIZE, c->size - offset);
    b->writing = FALSE;
    set_offset(b);
    StartThreadpoolIo(c->src_io);
    if (!ReadFile(c->src, b->data, b->length, NULL, &b->ov) && GetLastError() != ERROR_IO_PENDING)
    {
        CancelThreadpoolIo(c->src_io);
        fail(c, GetLastError());
        retire(b);
    }
}

static void CALLBACK io_done(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                             ULONG_PTR bytes, PTP_IO io)
{
    struct block *b = CONTAINING_RECORD(overlapped, struct block, ov);
    struct copy *c = context;

    if (result != ERROR_SUCCESS || bytes != b->length)
    {
        fail(c, result != ERROR_SUCCESS ? result : ERROR_HANDLE_EOF);
        retire(b);
        return;
    }
    if (b->writing)
    {
        InterlockedExchangeAdd64(&c->copied, bytes);
        start_read(b);
    }
    else start_write(b);
}

static void print_error(const char *what, DWORD error)
{
    fprintf(stderr, "tpcopy: %s: error %lu\n", what, error);
}

int main(int argc, char **argv)
{
    static struct copy c;
    LARGE_INTEGER size, start, end, freq;
    double seconds;
    int i;

    if (argc != 3)
    {
        fprintf(stderr, "usage: tpcopy SOURCE DEST\n");
        return 2;
    }
    c.src = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                        FILE_FLAG_OVERLAPPED | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (c.src == INVALID_HANDLE_VALUE)
    {
        print_error(argv[1], GetLastError());
        return 1;
    }
    c.dst = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    if (c.dst == INVALID_HANDLE_VALUE)
    {
        print_error(argv[2], GetLastError());
        return 1;
    }
    if (!GetFileSizeEx(c.src, &size))
    {
        print_error("GetFileSizeEx", GetLastError());
        return 1;
    }
    c.size = size.QuadPart;
    c.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    c.src_io = CreateThreadpoolIo(c.src, io_done, &c, NULL);
    c.dst_io = CreateThreadpoolIo(c.dst, io_done, &c, NULL);
    if (!c.done || !c.src_io || !c.dst_io)
    {
        print_error("CreateThreadpoolIo", GetLastError());
        return 1;
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&start);
    c.active = BLOCKS;
    for (i = 0; i < BLOCKS; i++)
    {
        c.blocks[i].copy = &c;
        if (!(c.blocks[i].data = VirtualAlloc(NULL, BLOCK_SIZE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)))
        {
            print_error("VirtualAlloc", GetLastError());
            return 1;
        }
    }
    for (i = 0; i < BLOCKS; i++) start_read(&c.blocks[i]);
    WaitForSingleObject(c.done, INFINITE);
    WaitForThreadpoolIoCallbacks(c.src_io, FALSE);
    WaitForThreadpoolIoCallbacks(c.dst_io, FALSE);
    QueryPerformanceCounter(&end);

    CloseThreadpoolIo(c.src_io);
    CloseThreadpoolIo(c.dst_io);
    CloseHandle(c.src);
    CloseHandle(c.dst);
    if (c.error)
    {
        print_error("copy", c.error);
        return 1;
    }
    seconds = (double)(end.QuadPart - start.QuadPart) / freq.QuadPart;
    printf("%lld bytes copied in %.3f s (%.1f MB/s)\n", c.copied, seconds,
           seconds > 0 ? c.copied / seconds / 1e6 : 0.0);
    return 0;
}

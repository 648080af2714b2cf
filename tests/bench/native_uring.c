/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * native_uring: the ceiling for tp_read.exe.  The same work done natively on
 * Linux with liburing (2.3 API): N reads of 4 KiB at random 4 KiB-aligned
 * offsets of a page-cached file, one io_uring_submit per read (as one ReadFile
 * is one request), at most INFLIGHT outstanding.  Completions are consumed on
 * a second thread blocked in io_uring_wait_cqe, which frees the read's slot
 * and wakes the submitter: the analogue of a thread-pool callback.
 *
 * usage: native_uring FILE [N [INFLIGHT]]
 * prints: native_uring ops/s=NNN
 */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 4096
#define MAX_INFLIGHT 256

struct slot
{
    atomic_int busy;
    _Alignas(BLOCK) unsigned char buf[BLOCK];
};

static struct io_uring ring;
static struct slot *slots;
static unsigned int inflight;
static sem_t free_slots;
static long long total;
static atomic_int failed;

static void die(const char *what, int err)
{
    fprintf(stderr, "native_uring: %s: %s\n", what, strerror(err));
    exit(1);
}

/* The same generator as tp_read.exe, so both read the same offsets. */
static uint64_t next_offset(uint64_t *state, uint64_t blocks)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return (x % blocks) * BLOCK;
}

static void *reaper(void *arg)
{
    struct io_uring_cqe *cqe;

    for (long long n = 0; n < total; n++)
    {
        int ret = io_uring_wait_cqe(&ring, &cqe);
        if (ret == -EINTR) { n--; continue; }
        if (ret < 0) die("io_uring_wait_cqe", -ret);
        struct slot *s = io_uring_cqe_get_data(cqe);
        if (cqe->res != BLOCK) atomic_store(&failed, cqe->res < 0 ? -cqe->res : EIO);
        io_uring_cqe_seen(&ring, cqe);
        atomic_store_explicit(&s->busy, 0, memory_order_release);
        sem_post(&free_slots);
    }
    return NULL;
}

static struct slot *take_slot(unsigned int *hint)
{
    while (sem_wait(&free_slots) && errno == EINTR);
    for (;;)
    {
        struct slot *s = &slots[*hint];
        int idle = 0;
        *hint = (*hint + 1) % inflight;
        if (atomic_compare_exchange_strong_explicit(&s->busy, &idle, 1, memory_order_acquire, memory_order_relaxed))
            return s;
    }
}

/* Reading the whole file once puts it in the page cache. */
static void warm(int fd, off_t size)
{
    static unsigned char buf[1 << 20];
    for (off_t pos = 0; pos < size;)
    {
        ssize_t got = pread(fd, buf, sizeof(buf), pos);
        if (got <= 0) die("warming read", got < 0 ? errno : EIO);
        pos += got;
    }
}

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct stat st;
    pthread_t thread;
    uint64_t state = 0x9e3779b97f4a7c15ull;
    unsigned int hint = 0;
    int fd, ret;

    if (argc < 2 || argc > 4)
    {
        fprintf(stderr, "usage: native_uring FILE [N [INFLIGHT]]\n");
        return 2;
    }
    total = argc > 2 ? atoll(argv[2]) : 1000000;
    inflight = argc > 3 ? (unsigned int)atoi(argv[3]) : 32;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT)
    {
        fprintf(stderr, "native_uring: N must be > 0 and INFLIGHT in 1..%d\n", MAX_INFLIGHT);
        return 2;
    }

    if ((fd = open(argv[1], O_RDONLY)) < 0) die(argv[1], errno);
    if (fstat(fd, &st)) die("fstat", errno);
    if (st.st_size < BLOCK)
    {
        fprintf(stderr, "native_uring: %s is smaller than %d bytes\n", argv[1], BLOCK);
        return 1;
    }
    warm(fd, st.st_size);

    if (posix_memalign((void **)&slots, BLOCK, inflight * sizeof(*slots))) die("posix_memalign", ENOMEM);
    memset(slots, 0, inflight * sizeof(*slots));
    if (sem_init(&free_slots, 0, inflight)) die("sem_init", errno);
    /* The CQ must hold every read in flight. */
    if ((ret = io_uring_queue_init(inflight, &ring, 0)) < 0) die("io_uring_queue_init", -ret);
    if ((ret = pthread_create(&thread, NULL, reaper, NULL))) die("pthread_create", ret);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long long n = 0; n < total; n++)
    {
        struct slot *s = take_slot(&hint);
        struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

        if (!sqe) die("io_uring_get_sqe", EBUSY);
        io_uring_prep_read(sqe, fd, s->buf, BLOCK, next_offset(&state, st.st_size / BLOCK));
        io_uring_sqe_set_data(sqe, s);
        if ((ret = io_uring_submit(&ring)) != 1) die("io_uring_submit", ret < 0 ? -ret : EIO);
    }
    pthread_join(thread, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);

    if (atomic_load(&failed)) die("read", atomic_load(&failed));
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("native_uring ops/s=%.0f\n", (double)total / secs);
    io_uring_queue_exit(&ring);
    close(fd);
    return 0;
}

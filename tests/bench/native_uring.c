/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * native_uring: the ceiling for tp_read.exe.  The same work done natively on
 * Linux with liburing (2.3 API): N reads of 4 KiB at random 4 KiB-aligned
 * offsets of a page-cached file, one io_uring_submit per read (as one ReadFile
 * is one request), at most INFLIGHT outstanding.  Completions are consumed on
 * a second thread blocked in io_uring_wait_cqe, which frees the read's slot
 * and wakes the submitter: the analogue of a thread-pool callback.
 *
 * With REAPERS > 1 (the ceiling for cp_read.exe on that many threads), that
 * many threads consume the one ring as threads share a completion port: each
 * takes up to 16 CQEs at a time under a mutex (liburing's CQ head is not safe
 * to advance from two threads) and sleeps in io_uring_wait_cqe outside it.
 *
 * usage: native_uring FILE [N [INFLIGHT [REAPERS]]]
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
#define MAX_REAPERS 64
#define BATCH 16

struct slot
{
    atomic_int busy;
    _Alignas(BLOCK) unsigned char buf[BLOCK];
};

static struct io_uring ring;
static struct slot *slots;
static unsigned int inflight;
static sem_t free_slots, all_reaped;
static long long total;
static atomic_int failed;
static pthread_mutex_t cq_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_llong reaped;

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

static void finish(struct slot *s, int res)
{
    if (res != BLOCK) atomic_store(&failed, res < 0 ? -res : EIO);
    atomic_store_explicit(&s->busy, 0, memory_order_release);
    sem_post(&free_slots);
}

/* The only reaper. */
static void *reaper(void *arg)
{
    struct io_uring_cqe *cqe;

    for (long long n = 0; n < total; n++)
    {
        int ret = io_uring_wait_cqe(&ring, &cqe);
        if (ret == -EINTR) { n--; continue; }
        if (ret < 0) die("io_uring_wait_cqe", -ret);
        struct slot *s = io_uring_cqe_get_data(cqe);
        int res = cqe->res;
        io_uring_cqe_seen(&ring, cqe);
        finish(s, res);
    }
    return NULL;
}

/* One of several reapers: a CQE with no slot (a NOP from main) tells it to exit. */
static void *shared_reaper(void *arg)
{
    struct io_uring_cqe *cqes[BATCH];
    struct slot *batch[BATCH];
    int res[BATCH];

    for (;;)
    {
        unsigned int got, i, quit = 0;
        int ret;

        pthread_mutex_lock(&cq_lock);
        got = io_uring_peek_batch_cqe(&ring, cqes, BATCH);
        for (i = 0; i < got && !quit; i++)
        {
            batch[i] = io_uring_cqe_get_data(cqes[i]);
            res[i] = cqes[i]->res;
            quit = !batch[i];
        }
        /* Only up to its own exit marker, so each reaper takes one. */
        got = i;
        io_uring_cq_advance(&ring, got);
        pthread_mutex_unlock(&cq_lock);
        for (i = 0; i < got; i++)
        {
            if (!batch[i]) return NULL;
            finish(batch[i], res[i]);
            if (atomic_fetch_add(&reaped, 1) + 1 == total) sem_post(&all_reaped);
        }
        if (got) continue;
        /* Returns once the CQ is not empty; another reaper may take what is there first. */
        ret = io_uring_wait_cqe(&ring, &cqes[0]);
        if (ret < 0 && ret != -EINTR) die("io_uring_wait_cqe", -ret);
    }
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
    pthread_t threads[MAX_REAPERS];
    unsigned int reapers;
    uint64_t state = 0x9e3779b97f4a7c15ull;
    unsigned int hint = 0;
    int fd, ret;

    if (argc < 2 || argc > 5)
    {
        fprintf(stderr, "usage: native_uring FILE [N [INFLIGHT [REAPERS]]]\n");
        return 2;
    }
    total = argc > 2 ? atoll(argv[2]) : 1000000;
    inflight = argc > 3 ? (unsigned int)atoi(argv[3]) : 32;
    reapers = argc > 4 ? (unsigned int)atoi(argv[4]) : 1;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT || !reapers || reapers > MAX_REAPERS)
    {
        fprintf(stderr, "native_uring: N must be > 0, INFLIGHT in 1..%d and REAPERS in 1..%d\n", MAX_INFLIGHT,
                MAX_REAPERS);
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
    if (sem_init(&free_slots, 0, inflight) || sem_init(&all_reaped, 0, 0)) die("sem_init", errno);
    /* The CQ must hold every read in flight, and several reapers' exit markers. */
    if ((ret = io_uring_queue_init(inflight + (reapers > 1 ? reapers : 0), &ring, 0)) < 0)
        die("io_uring_queue_init", -ret);
    for (unsigned int i = 0; i < reapers; i++)
    {
        if ((ret = pthread_create(&threads[i], NULL, reapers > 1 ? shared_reaper : reaper, NULL)))
            die("pthread_create", ret);
    }

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
    if (reapers == 1)
    {
        pthread_join(threads[0], NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
    }
    else
    {
        while (sem_wait(&all_reaped) && errno == EINTR);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        /* One submit per marker: each completion wakes one sleeping reaper. */
        for (unsigned int i = 0; i < reapers; i++)
        {
            struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

            if (!sqe) die("io_uring_get_sqe", EBUSY);
            io_uring_prep_nop(sqe);
            io_uring_sqe_set_data(sqe, NULL);
            if ((ret = io_uring_submit(&ring)) != 1) die("io_uring_submit", ret < 0 ? -ret : EIO);
        }
        for (unsigned int i = 0; i < reapers; i++) pthread_join(threads[i], NULL);
    }

    if (atomic_load(&failed)) die("read", atomic_load(&failed));
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("native_uring ops/s=%.0f\n", (double)total / secs);
    io_uring_queue_exit(&ring);
    close(fd);
    return 0;
}

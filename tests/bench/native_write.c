/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * native_write: the ceiling for tp_write.exe.  The same work done natively
 * with liburing (2.3 API): N buffered writes of 4 KiB, block i at offset
 * i * 4 KiB, to a new (created or truncated) file, one io_uring_submit per
 * write, at most INFLIGHT outstanding, completions consumed on a second
 * thread blocked in io_uring_wait_cqe (the analogue of a thread-pool
 * callback), then fsync, as FlushFileBuffers is.  The file is removed at the end.
 *
 * usage: native_write FILE [N [INFLIGHT]]
 * prints: native_write ops/s=NNN
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
    fprintf(stderr, "native_write: %s: %s\n", what, strerror(err));
    exit(1);
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

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    pthread_t thread;
    unsigned int hint = 0;
    int fd, ret;

    if (argc < 2 || argc > 4)
    {
        fprintf(stderr, "usage: native_write FILE [N [INFLIGHT]]\n");
        return 2;
    }
    total = argc > 2 ? atoll(argv[2]) : 10000;
    inflight = argc > 3 ? (unsigned int)atoi(argv[3]) : 32;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT)
    {
        fprintf(stderr, "native_write: N must be > 0 and INFLIGHT in 1..%d\n", MAX_INFLIGHT);
        return 2;
    }

    if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) die(argv[1], errno);
    if (posix_memalign((void **)&slots, BLOCK, inflight * sizeof(*slots))) die("posix_memalign", ENOMEM);
    for (unsigned int i = 0; i < inflight; i++)
    {
        atomic_init(&slots[i].busy, 0);
        memset(slots[i].buf, 'a' + i % 26, BLOCK);
    }
    if (sem_init(&free_slots, 0, inflight)) die("sem_init", errno);
    /* The CQ must hold every write in flight. */
    if ((ret = io_uring_queue_init(inflight, &ring, 0)) < 0) die("io_uring_queue_init", -ret);
    if ((ret = pthread_create(&thread, NULL, reaper, NULL))) die("pthread_create", ret);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long long n = 0; n < total; n++)
    {
        struct slot *s = take_slot(&hint);
        struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

        if (!sqe) die("io_uring_get_sqe", EBUSY);
        io_uring_prep_write(sqe, fd, s->buf, BLOCK, (uint64_t)n * BLOCK);
        io_uring_sqe_set_data(sqe, s);
        if ((ret = io_uring_submit(&ring)) != 1) die("io_uring_submit", ret < 0 ? -ret : EIO);
    }
    pthread_join(thread, NULL);
    if (atomic_load(&failed)) die("write", atomic_load(&failed));
    if (fsync(fd)) die("fsync", errno);
    clock_gettime(CLOCK_MONOTONIC, &t1);

    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("native_write ops/s=%.0f\n", (double)total / secs);
    io_uring_queue_exit(&ring);
    if (close(fd)) die("close", errno);
    if (unlink(argv[1])) die("unlink", errno);
    return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A fault injector for Wring's Unix side, loaded with LD_PRELOAD in test runs
 * only (tests/faultinject.sh).  It sits between the `wring` executable and the
 * libraries it calls -- libc and liburing -- and makes chosen calls fail the way
 * the kernel can make them fail, deterministically, so that a failing run can
 * be repeated.
 *
 * liburing 2.3 makes its system calls itself (no libc syscall()), so the ring is
 * faulted at the liburing functions Wring calls: io_uring_queue_init (the
 * io_uring_setup inside it), io_uring_submit (its io_uring_enter) and
 * io_uring_peek_batch_cqe (the CQEs handed out, which are edited in the ring).
 * The ring waits are Wring's own syscall(__NR_io_uring_enter).
 *
 *   WRING_FAULT=RULE[,RULE...]     RULE = CALL:ACTION[@N | @N+ | %K]
 *     ACTION   an errno name (EPERM ENOSYS ENOMEM EBUSY EAGAIN EINTR EMFILE ENOSPC EIO);
 *              `short` (read/write: half of what was asked, at least one byte; cqe: half of
 *              what a read or write of a regular file did; cqe with an errno: that
 *              error instead of the result);
 *              `small` (io_uring_setup: rings of 2 SQEs and 4 CQEs, for CQ overflow)
 *     @N       only the Nth matching call; @N+ the Nth and every later one;
 *              %K every Kth; none: every call
 *     CALL     io_uring_setup io_uring_submit io_uring_enter cqe (CQEs of reads and writes
 *              of regular files) cqe_write (of writes only) open read write futex poll
 *              epoll_wait pthread_create nowait (a read's first try at the page cache,
 *              preadv2 with RWF_NOWAIT: EAGAIN stands for data not cached, `short` for
 *              data cached in part; both send the read to the engine)
 *   WRING_FAULT_PATH=TEXT  open, read and write only count on files whose path holds TEXT
 *   WRING_FAULT_REPORT=1   a line on stderr when a rule first strikes
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

enum call
{
    C_SETUP, C_SUBMIT, C_ENTER, C_CQE, C_CQE_WRITE, C_OPEN, C_READ, C_WRITE, C_FUTEX, C_POLL, C_EPOLL, C_THREAD, C_NOWAIT, C_COUNT
};

static const char *const call_names[C_COUNT] = {
    "io_uring_setup", "io_uring_submit", "io_uring_enter", "cqe", "cqe_write", "open", "read", "write",
    "futex", "poll", "epoll_wait", "pthread_create", "nowait",
};

#define ACT_SHORT (-1)
#define ACT_SMALL (-2)

struct rule
{
    int action;             /* an errno, or ACT_* */
    long nth;               /* @N: 0 for every call */
    int from_nth;           /* @N+ */
    long every;             /* %K */
    atomic_long count;      /* matching calls */
    atomic_long fired;      /* ...given the fault */
};

static struct rule rules[C_COUNT];
static int active[C_COUNT];
static const char *path_filter;
static int report;
static long (*write_stderr_syscall)(long, ...);

/* Not through write(), which this library wraps. */
static long write_stderr(const char *text, int len)
{
    return write_stderr_syscall ? write_stderr_syscall(SYS_write, 2, text, len) : -1;
}

static const struct { const char *name; int value; } errnos[] = {
    { "EPERM", EPERM }, { "ENOSYS", ENOSYS }, { "ENOMEM", ENOMEM }, { "EBUSY", EBUSY },
    { "EAGAIN", EAGAIN }, { "EINTR", EINTR }, { "EMFILE", EMFILE }, { "ENOSPC", ENOSPC },
    { "EIO", EIO },
};

static void bad_spec(const char *rule)
{
    fprintf(stderr, "faultinject: cannot parse rule '%s'\n", rule);
    _exit(125);
}

static void parse_rule(char *text)
{
    char *colon = strchr(text, ':'), *mark;
    struct rule *r;
    int call;

    if (!colon) bad_spec(text);
    *colon = 0;
    for (call = 0; call < C_COUNT && strcmp(call_names[call], text); call++) {}
    if (call == C_COUNT) bad_spec(text);
    r = &rules[call];
    if ((mark = strpbrk(colon + 1, "@%")))
    {
        char *end;
        long n = strtol(mark + 1, &end, 10);
        if (n <= 0) bad_spec(text);
        if (*mark == '%') r->every = n;
        else
        {
            r->nth = n;
            if (*end == '+') r->from_nth = 1, end++;
        }
        if (*end) bad_spec(text);
        *mark = 0;
    }
    if (!strcmp(colon + 1, "short")) r->action = ACT_SHORT;
    else if (!strcmp(colon + 1, "small")) r->action = ACT_SMALL;
    else
    {
        size_t i;
        for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]) && strcmp(errnos[i].name, colon + 1); i++) {}
        if (i == sizeof(errnos) / sizeof(errnos[0])) bad_spec(text);
        r->action = errnos[i].value;
    }
    active[call] = 1;
}

__attribute__((constructor)) static void faultinject_init(void)
{
    const char *spec = getenv("WRING_FAULT");
    char *copy, *save, *tok;

    path_filter = getenv("WRING_FAULT_PATH");
    report = getenv("WRING_FAULT_REPORT") != NULL;
    write_stderr_syscall = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
    if (!spec || !*spec) return;
    copy = strdup(spec);
    for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) parse_rule(tok);
    free(copy);
}

/* Counts a matching call; the action to take for it, or 0. */
static int fire(enum call call)
{
    struct rule *r = &rules[call];
    long n;

    if (!active[call]) return 0;
    n = atomic_fetch_add(&r->count, 1) + 1;
    if ((r->every && n % r->every) || (r->nth && n != r->nth && !(r->from_nth && n > r->nth))) return 0;
    /* the first strike of each rule is reported (WRING_FAULT_REPORT=1): Wring may end the process
     * without running destructors, so a count at exit could not be relied on */
    if (!atomic_fetch_add(&r->fired, 1) && report)
    {
        char line[96];
        int len = snprintf(line, sizeof(line), "faultinject: %s struck\n", call_names[call]);
        if (write_stderr(line, len) < 0) {}
    }
    return r->action;
}

static int path_matches(const char *path)
{
    return !path_filter || (path && strstr(path, path_filter));
}

static int fd_matches(int fd)
{
    char link[64], target[4096];
    ssize_t len;

    if (!path_filter) return 1;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    if ((len = readlink(link, target, sizeof(target) - 1)) < 0) return 0;
    target[len] = 0;
    return strstr(target, path_filter) != NULL;
}

#define REAL(name) \
    static __typeof__(name) *real_##name; \
    if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

/* ------------------------------------------------------------------ io_uring */

int io_uring_queue_init(unsigned entries, struct io_uring *ring, unsigned flags)
{
    REAL(io_uring_queue_init);
    int act = fire(C_SETUP);
    if (act == ACT_SMALL) entries = 2;
    else if (act > 0) return -act;
    return real_io_uring_queue_init(entries, ring, flags);
}

/*
 * A CQE may only be made short where a short result means what it says: a read or write of a
 * regular file, whose rest can be done again.  A pipe's data would be lost or doubled.  So the
 * requests on such files are noted when they are submitted, by their user data.
 */
#define TRACKED 4096
static pthread_mutex_t tracked_lock = PTHREAD_MUTEX_INITIALIZER;
static __u64 tracked[TRACKED];
static char tracked_write[TRACKED];

static void track(__u64 data, int is_write)
{
    pthread_mutex_lock(&tracked_lock);
    for (int i = 0; i < TRACKED; i++)
        if (!tracked[i])
        {
            tracked[i] = data;
            tracked_write[i] = is_write;
            break;
        }
    pthread_mutex_unlock(&tracked_lock);
}

/* 0: not a tracked request; 1: a read; 2: a write */
static int untrack(__u64 data)
{
    int found = 0;
    pthread_mutex_lock(&tracked_lock);
    for (int i = 0; i < TRACKED && !found; i++)
        if (tracked[i] == data)
        {
            tracked[i] = 0;
            found = 1 + tracked_write[i];
        }
    pthread_mutex_unlock(&tracked_lock);
    return found;
}

static int is_target_file(int fd)
{
    struct stat st;
    return !fstat(fd, &st) && S_ISREG(st.st_mode) && fd_matches(fd);
}

static void track_sqes(struct io_uring *ring, int add)
{
    for (unsigned i = ring->sq.sqe_head; i != ring->sq.sqe_tail; i++)
    {
        struct io_uring_sqe *sqe = &ring->sq.sqes[i & ring->sq.ring_mask];
        if ((sqe->opcode == IORING_OP_READV || sqe->opcode == IORING_OP_WRITEV || sqe->opcode == IORING_OP_READ ||
             sqe->opcode == IORING_OP_WRITE) && sqe->user_data && is_target_file(sqe->fd))
        {
            if (add) track(sqe->user_data, sqe->opcode == IORING_OP_WRITEV || sqe->opcode == IORING_OP_WRITE);
            else untrack(sqe->user_data);
        }
    }
}

/* Once, under WRING_FAULT_REPORT: the kernel had to hold CQEs back (the CQ was full), so a run
 * with small rings can tell that it did test an overflow. */
static void note_overflow(struct io_uring *ring)
{
    static atomic_int seen;
    if (report && (*ring->sq.kflags & IORING_SQ_CQ_OVERFLOW) && !atomic_exchange(&seen, 1))
        write_stderr("faultinject: CQ overflow\n", 25);
}

int io_uring_submit(struct io_uring *ring)
{
    REAL(io_uring_submit);
    int act = fire(C_SUBMIT), ret;
    /* refused before the kernel took anything: the SQEs stay queued, as after a failed enter */
    if (act > 0) return -act;
    if (active[C_CQE] || active[C_CQE_WRITE]) track_sqes(ring, 1);
    note_overflow(ring);
    ret = real_io_uring_submit(ring);
    if (ret < 0 && (active[C_CQE] || active[C_CQE_WRITE])) track_sqes(ring, 0);
    return ret;
}

unsigned io_uring_peek_batch_cqe(struct io_uring *ring, struct io_uring_cqe **cqes, unsigned count)
{
    REAL(io_uring_peek_batch_cqe);
    unsigned n;
    note_overflow(ring);
    n = real_io_uring_peek_batch_cqe(ring, cqes, count);
    /* the CQE is edited where it lies; only transfers of more than a byte can come back short */
    for (unsigned i = 0; i < n; i++)
    {
        int kind, act = 0;
        if ((!active[C_CQE] && !active[C_CQE_WRITE]) || !(kind = untrack(cqes[i]->user_data)) || cqes[i]->res <= 0)
            continue;
        if (active[C_CQE]) act = fire(C_CQE);
        else if (kind == 2) act = fire(C_CQE_WRITE);
        if (act == ACT_SHORT && cqes[i]->res > 1) cqes[i]->res /= 2;
        else if (act > 0) cqes[i]->res = -act;
    }
    return n;
}

long syscall(long number, ...)
{
    REAL(syscall);
    long a[6];
    va_list ap;
    int act = 0;

    va_start(ap, number);
    for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
    va_end(ap);
    if (number == __NR_io_uring_enter && (a[2] > 0)) act = fire(C_ENTER);
    else if (number == SYS_futex && ((a[1] & FUTEX_CMD_MASK) == FUTEX_WAIT || (a[1] & FUTEX_CMD_MASK) == FUTEX_WAIT_BITSET))
        act = fire(C_FUTEX);
    if (act > 0)
    {
        errno = act;
        return -1;
    }
    return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* ------------------------------------------------------------------ files */

static int open_fault(const char *path)
{
    int act = path_matches(path) ? fire(C_OPEN) : 0;
    return act > 0 ? act : 0;
}

int open(const char *path, int flags, ...)
{
    REAL(open);
    mode_t mode = 0;
    int err;
    if (flags & (O_CREAT | O_TMPFILE))
    {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if ((err = open_fault(path))) { errno = err; return -1; }
    return real_open(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    REAL(openat);
    mode_t mode = 0;
    int err;
    if (flags & (O_CREAT | O_TMPFILE))
    {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if ((err = open_fault(path))) { errno = err; return -1; }
    return real_openat(dirfd, path, flags, mode);
}

/* The action for a read or write on fd; *len is halved for `short`. */
static int io_fault(enum call call, int fd, size_t *len)
{
    int act;
    if (!active[call] || !fd_matches(fd)) return 0;
    act = fire(call);
    if (act == ACT_SHORT)
    {
        if (*len > 1) *len /= 2;
        return 0;
    }
    return act > 0 ? act : 0;
}

/* The first bytes of an iovec array, up to len, in copy (which holds as many entries). */
static int iov_truncate(const struct iovec *iov, int cnt, size_t len, struct iovec *copy)
{
    int n = 0;
    for (; n < cnt && len; n++)
    {
        copy[n] = iov[n];
        if (copy[n].iov_len > len) copy[n].iov_len = len;
        len -= copy[n].iov_len;
    }
    return n;
}

static size_t iov_total(const struct iovec *iov, int cnt)
{
    size_t total = 0;
    for (int i = 0; i < cnt; i++) total += iov[i].iov_len;
    return total;
}

#define FAULT_IO(call, fd, len) \
    do { int err_ = io_fault(call, fd, &(len)); if (err_) { errno = err_; return -1; } } while (0)

ssize_t read(int fd, void *buf, size_t len)
{
    REAL(read);
    FAULT_IO(C_READ, fd, len);
    return real_read(fd, buf, len);
}

ssize_t pread(int fd, void *buf, size_t len, off_t offset)
{
    REAL(pread);
    FAULT_IO(C_READ, fd, len);
    return real_pread(fd, buf, len, offset);
}

ssize_t write(int fd, const void *buf, size_t len)
{
    REAL(write);
    FAULT_IO(C_WRITE, fd, len);
    return real_write(fd, buf, len);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t offset)
{
    REAL(pwrite);
    FAULT_IO(C_WRITE, fd, len);
    return real_pwrite(fd, buf, len, offset);
}

#define FAULT_IOV(call, fd, iov, cnt, copy) \
    do { \
        size_t total_ = iov_total(iov, cnt), len_ = total_; \
        int err_ = io_fault(call, fd, &len_); \
        if (err_) { errno = err_; return -1; } \
        if (len_ < total_ && cnt <= 64) { cnt = iov_truncate(iov, cnt, len_, copy); iov = copy; } \
    } while (0)

ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
    REAL(readv);
    struct iovec copy[64];
    FAULT_IOV(C_READ, fd, iov, cnt, copy);
    return real_readv(fd, iov, cnt);
}

ssize_t preadv(int fd, const struct iovec *iov, int cnt, off_t offset)
{
    REAL(preadv);
    struct iovec copy[64];
    FAULT_IOV(C_READ, fd, iov, cnt, copy);
    return real_preadv(fd, iov, cnt, offset);
}

/* the engines' first try at a read from the page cache (RWF_NOWAIT) */
ssize_t preadv2(int fd, const struct iovec *iov, int cnt, off_t offset, int flags)
{
    REAL(preadv2);
    struct iovec copy[64];
    if (flags & RWF_NOWAIT) FAULT_IOV(C_NOWAIT, fd, iov, cnt, copy);
    FAULT_IOV(C_READ, fd, iov, cnt, copy);
    return real_preadv2(fd, iov, cnt, offset, flags);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    REAL(writev);
    struct iovec copy[64];
    FAULT_IOV(C_WRITE, fd, iov, cnt, copy);
    return real_writev(fd, iov, cnt);
}

ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t offset)
{
    REAL(pwritev);
    struct iovec copy[64];
    FAULT_IOV(C_WRITE, fd, iov, cnt, copy);
    return real_pwritev(fd, iov, cnt, offset);
}

/* ------------------------------------------------------------------ waits and threads */

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    REAL(poll);
    int act = fire(C_POLL);
    if (act > 0) { errno = act; return -1; }
    return real_poll(fds, nfds, timeout);
}

int epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)
{
    REAL(epoll_wait);
    int act = fire(C_EPOLL);
    if (act > 0) { errno = act; return -1; }
    return real_epoll_wait(epfd, events, max, timeout);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    REAL(pthread_create);
    int act = fire(C_THREAD);
    if (act > 0) return act;
    return real_pthread_create(thread, attr, start, arg);
}

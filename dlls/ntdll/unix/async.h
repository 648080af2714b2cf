/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The asynchronous I/O engine: requests, completion ports and the engines
 * (io_uring, and blocking calls on worker threads) behind one interface.
 */
#ifndef WRING_UNIX_ASYNC_H
#define WRING_UNIX_ASYNC_H

#include <sys/socket.h>
#include <sys/uio.h>
#include "private.h"

/* The request kinds; each engine has a row per kind in its operation table. */
enum async_op
{
    ASYNC_READ,
    ASYNC_WRITE,
    ASYNC_PIPE_READ,    /* one whole message of a message pipe, into the request's bounce buffer */
    ASYNC_SOCK_RECV,    /* the socket requests (socket.c): recvmsg, sendmsg, accept, connect on req->sock */
    ASYNC_SOCK_SEND,
    ASYNC_SOCK_ACCEPT,
    ASYNC_SOCK_CONNECT,
    ASYNC_SOCK_TRANSMIT,  /* TransmitFile: the socket's writability, then as much as goes (transmit.c) */
    ASYNC_OP_COUNT
};

/* A completion packet: what NtRemoveIoCompletion hands out. */
struct packet
{
    struct list entry;
    ULONG_PTR key;
    ULONG_PTR value;
    NTSTATUS status;
    ULONG_PTR info;
    struct wait_packet *owner;      /* the wait completion packet it belongs to, or NULL */
};

struct completion_port;
struct wait_packet;
struct file;

/* What a socket request carries besides the generic fields (socket.c fills it, the engines use it). */
struct sock_req
{
    struct msghdr msg;              /* RECV/SEND: the buffers, and the address of sendto/recvfrom */
    struct iovec *iov;
    struct sockaddr_storage addr;   /* CONNECT: where to; RECV: the sender; SEND: the receiver */
    socklen_t addr_len;
    int flags;                      /* Linux MSG_* */
    void *win_addr;                 /* RECV: where the sender's address goes, in Windows' layout */
    int *win_addr_len;
    struct file *accepted;          /* ACCEPT: the socket that becomes the connection (reference) */
    char *buffer;                   /* ACCEPT: the address slots; CONNECT: the first data */
    ULONG local_len, remote_len, data_len;
    struct file *transmit;          /* TRANSMIT: the file (reference), its offset and what is left */
    off_t file_offset;
    ULONG file_left;                /* 0: up to the end of the file */
    bool file_done;
    const char *head, *tail;        /* TRANSMIT: the buffers before and after the file */
    ULONG head_len, tail_len, tflags, total;
    bool stream;                    /* SEND: a stream socket's send completes once all of it is out */
    size_t done;                    /* SEND: bytes already sent by earlier tries (threads engine) */
};
struct engine_ctx;

/* Per-file state of asynchronous I/O: the port binding, the skip modes, the requests in flight. */
struct file_async
{
    pthread_mutex_t lock;
    struct completion_port *port;   /* a reference, once bound */
    ULONG_PTR key;
    ULONG modes;                    /* FILE_SKIP_* */
    struct list requests;
    atomic_bool signaled;           /* the file object's own event state */
};

struct async_req
{
    struct list file_entry;         /* in file_async.requests */
    struct list engine_entry;       /* threads engine: in its queue */
    enum async_op op;
    int fd;
    struct object *file;            /* reference */
    struct file_async *fa;
    struct iovec *iov;              /* iov_inline, or a heap array for scatter/gather */
    struct iovec iov_inline[1];
    int iovcnt;
    struct sock_req *sock;          /* ASYNC_SOCK_*: socket.c owns it */
    void *bounce;                   /* ASYNC_PIPE_READ: where the message lands (pipe.c owns it) */
    size_t bounce_len;
    ULONG length;
    LONGLONG offset;                /* -1: the file position (non-seekable files) */
    IO_STATUS_BLOCK *iosb;
    struct object *event;           /* reference, or NULL */
    PIO_APC_ROUTINE apc;
    void *apc_context;
    struct thread *thread;          /* the issuer, for APCs only (reference) */
    DWORD issuer_tid;               /* the issuer (thread ids are never reused) */
    struct completion_port *port;   /* reference, or NULL */
    ULONG_PTR key;
    ULONG modes;
    bool post_packet;
    bool always_pends;       /* no synchronous completion: a handle without the cache */
    atomic_int state;               /* enum req_state */
    atomic_int completed;           /* async_complete ran: a request completes exactly once */
    atomic_int published;           /* ...and wrote all it shows: the IOSB, the event, the packet */
    atomic_int refs;                /* the submitter's and the engine's */
    NTSTATUS inline_status;
    atomic_int cancel_requested;
    pthread_t worker;               /* threads engine: who runs it */
    struct engine_ctx *ctx;
};

enum req_state
{
    REQ_SUBMITTING,     /* inside the submission: a completion now is synchronous */
    REQ_PENDING,        /* the submitter returned STATUS_PENDING */
    REQ_INLINE,         /* completed during submission */
    REQ_DONE,           /* completed after the submitter returned */
};

/* async_complete flags */
#define ASYNC_PORT_LOCKED  1    /* the caller holds the port's lock */
#define ASYNC_FROM_RING    2    /* the completion is a CQE still or just now on the port's ring */

/* async.c */
void file_async_init(struct file_async *fa);
void file_async_cleanup(struct file_async *fa);
NTSTATUS async_submit(struct async_req *req);
/* One place for Windows' completion rules: IOSB, event, APC, packet.  port_locked: the
 * caller holds req->port's lock (it is reaping that port's ring). */
void async_complete(struct async_req *req, NTSTATUS status, ULONG_PTR info, unsigned int flags);
void async_req_release(struct async_req *req);
/* The NT status and byte count of a finished read or write (res: bytes or -errno). */
NTSTATUS async_status_from_result(const struct async_req *req, long res, ULONG_PTR *info);
/* A read or write of a file the kernel did part of, finished (blocking); its result. */
long async_transfer_rest(const struct async_req *req, long res);
void async_cancel_file(struct file_async *fa, const IO_STATUS_BLOCK *iosb, struct thread *issuer, bool *found);
NTSTATUS async_bind_port(struct file_async *fa, HANDLE port, ULONG_PTR key);
void async_set_modes(struct file_async *fa, ULONG modes);
void async_settle_read(struct file_async *fa);
void async_write_delivered(struct async_req *req);
/* A write on the file has been submitted and not completed yet (a pipe end's flush waits for it). */
bool async_write_in_flight(struct file_async *fa);
ULONG async_get_modes(struct file_async *fa);

/* completion.c */
struct completion_port *port_grab_from_handle(HANDLE handle, NTSTATUS *status);
void port_release(struct completion_port *port);
/* Queues a packet (malloc'ed; the port frees it) and hands it to a waiter.  locked: the caller
 * holds the port lock; from_ring: it came from the ring the port's poller sleeps on, which the
 * kernel has already woken. */
void port_post(struct completion_port *port, struct packet *packet, bool locked, bool from_ring);
void port_lock(struct completion_port *port);
void port_unlock(struct completion_port *port);
bool port_trylock(struct completion_port *port);
struct engine_ctx *port_engine_ctx(struct completion_port *port);
bool port_has_sleeper(struct completion_port *port);
void port_check_unattended(struct completion_port *port);
void port_request_pending(struct completion_port *port);
void port_count_request(struct completion_port *port, int delta);
void port_unqueue(struct completion_port *port, struct packet *packet);

/* waitpacket.c: port lock held, the packet of a wait completion packet is taken by a waiter */
void wait_packet_dequeued(struct packet *packet);

/* pipe.c: hands a received message to the reader (ASYNC_PIPE_READ), holding what does not fit */
NTSTATUS pipe_read_finish(struct async_req *req, ULONG_PTR received, ULONG_PTR *info);
void pipe_bounce_free(void *bounce);

/* socket.c: the status of a finished socket request, and its completion work once it succeeded */
NTSTATUS sock_status_from_result(const struct async_req *req, long res, ULONG_PTR *info);
NTSTATUS sock_finish(struct async_req *req, NTSTATUS status, ULONG_PTR *info);
void sock_req_free(struct sock_req *sr);
void sock_iov_advance(struct msghdr *msg, size_t n);
/* A socket request's non-blocking call (receive, send, accept): its result, or -errno; -EAGAIN while
 * it must wait (or for a kind that always waits).  A stream send's partial progress stays in its
 * sock_req (done, and the iovecs advanced). */
long sock_call_now(struct async_req *req);
/* TransmitFile: sends what goes without blocking; 0 when all is sent, else -errno (-EAGAIN: more) */
int transmit_progress(struct async_req *req);
/* From a completion: the request goes on as next (kind, fd and buffers set), which takes over its
 * file, IOSB, event, APC and port; the caller then returns STATUS_MORE_PROCESSING_REQUIRED. */
void async_chain(struct async_req *req, struct async_req *next);
/* No request of the same kind on the file is ahead of this one: it may be tried at once. */
bool async_first_of_kind(struct async_req *req);

/* the engines (uring.c, engine_threads.c) */
struct engine_ops
{
    const char *name;
    /* a context for I/O bound to a port (NULL: unbound I/O) */
    struct engine_ctx *(*ctx_create)(struct completion_port *port);
    void (*ctx_destroy)(struct engine_ctx *ctx);
    /* submits; may complete the request before returning */
    void (*submit)(struct engine_ctx *ctx, struct async_req *req);
    void (*cancel)(struct engine_ctx *ctx, struct async_req *req);
    /* for the port's waiters: move finished requests to the port (port lock held) */
    int (*reap)(struct engine_ctx *ctx);
    /* block until something may be ready; false on timeout */
    bool (*wait)(struct engine_ctx *ctx, const struct timespec *deadline);
    /* wake a thread blocked in wait() */
    void (*kick)(struct engine_ctx *ctx);
    /* requests in flight: whether a waiter should be sleeping in wait() */
    bool (*busy)(struct engine_ctx *ctx);
    /* requests in flight and no thread of the port's will reap them (port lock held) */
    void (*unattended)(struct engine_ctx *ctx);
    /* completes the requests the kernel has finished, now (no lock held) */
    void (*flush)(struct engine_ctx *ctx);
};
extern const struct engine_ops uring_engine, threads_engine;
const struct engine_ops *async_engine(void);
struct engine_ctx *async_unbound_ctx(void);
bool uring_available(void);

#endif

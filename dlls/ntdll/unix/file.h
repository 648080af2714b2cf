/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file object, shared by file.c (open, read, write, information) and directory.c (listings). */
#ifndef WRING_UNIX_FILE_H
#define WRING_UNIX_FILE_H

#include <sys/stat.h>
#include "async.h"

struct dir_listing;
struct pipe_end;

/*
 * Every file opened by name has an inode record (device + inode number) listing its open
 * handles: Windows checks share modes against the other opens of the same file, a file
 * marked for deletion goes away when its last handle is closed, and byte-range locks
 * (lock.c) belong to the file, not to one handle.
 */
struct inode
{
    dev_t dev;
    ino_t ino;
    bool delete_pending;
    struct file *files;     /* the open file objects, linked through next_on_inode */
    struct inode *next;
    struct list locks;          /* granted byte-range locks (lock.c, under its lock) */
    struct list lock_waiters;   /* lock requests waiting to be granted (lock.c) */
    atomic_int lock_count;      /* locks granted: reads and writes look at the table only when non-zero */
};

struct file
{
    struct object obj;
    int fd;
    ACCESS_MASK access;
    ULONG sharing;          /* FILE_SHARE_* granted to later opens of the same file */
    ULONG options;          /* FILE_SYNCHRONOUS_IO_*, FILE_DELETE_ON_CLOSE ... */
    char *unix_path;        /* NULL for the std handles */
    bool delete_on_close;
    bool posix_delete;      /* FileDispositionInformationEx's POSIX semantics: the name goes at this close */
    struct inode *inode;    /* the open-file record used for sharing and deletion; NULL for std handles */
    struct file *next_on_inode;
    struct dir_listing *listing; /* a directory's snapshot for NtQueryDirectoryFile, made on first use */
    bool seekable;          /* regular files and block devices; pipes and terminals have no offsets */
    bool directory;         /* no reads or writes: STATUS_INVALID_DEVICE_REQUEST */
    struct file_async async;    /* overlapped I/O: port binding, skip modes, requests (async.c) */
    struct pipe_end *pipe;      /* a named pipe end, or the pipe device (pipe.c); NULL otherwise */
    struct sock *sock;          /* a socket's own state (socket.c); NULL otherwise */
};

/* A new reference on the file object behind a handle. */
NTSTATUS file_get(HANDLE handle, struct file **file);
NTSTATUS file_name_to_unix(HANDLE root, const UNICODE_STRING *name, char **unix_path, bool last_may_be_missing);
/* Windows attributes and times of a stat result; unix_path decides the hidden attribute (dot files). */
ULONG attributes_from_stat(const struct stat *st, const char *unix_path);
LONGLONG unix_time_to_nt(const struct timespec *ts);

struct file *file_new(int fd, ACCESS_MASK access, ULONG options, char *unix_path);
/* Whether a section or a view maps this file, which may then not shrink (section.c). */
bool section_file_is_mapped(const struct stat *st);
ACCESS_MASK file_map_access(ACCESS_MASK access);
bool file_is_synchronous(const struct file *file);

/*
 * Requests that Wring completes itself rather than an engine: a pipe waiting for its client,
 * a byte-range lock waiting for its range.  file_call_begin prepares one; the caller decides
 * under its own lock whether it completes now or waits (file_call_pend, then list it through
 * req->engine_entry); file_call_end finishes the call -- on a synchronous handle it blocks
 * until the request completes.  Whoever takes a waiting request off its list ends it with
 * file_request_finish, exactly once.
 */
struct file_call
{
    struct async_req *req;
    HANDLE wait_event;      /* synchronous handles: what file_call_end waits on */
    ULONG_PTR info;         /* the byte count of a request completed at once */
};
NTSTATUS file_call_begin(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                         IO_STATUS_BLOCK *io, struct file_call *call);
void file_call_pend(struct file_call *call);
NTSTATUS file_call_end(struct file_call *call, NTSTATUS status);
void file_request_finish(struct async_req *req, NTSTATUS status);
/* Whether a waiting request matches a CancelIo (issuer) or CancelIoEx (iosb) call. */
bool file_request_matches(const struct async_req *req, const IO_STATUS_BLOCK *iosb, const struct thread *issuer);

/* pipe.c */
bool pipe_is_name(const UNICODE_STRING *name);
NTSTATUS pipe_open(HANDLE *handle, ACCESS_MASK access, const UNICODE_STRING *name, IO_STATUS_BLOCK *io,
                   ULONG options);
/* A read or write on a pipe end: refused in states where Windows refuses it. */
NTSTATUS pipe_check_io(struct file *file, bool write);
/* An overlapped read on a pipe end with data waiting completes at once, whatever the engine;
 * STATUS_PENDING: nothing waiting, the engine takes the read. */
/* A message pipe end: its reads take whole messages (pipe_recv_message, ASYNC_PIPE_READ). */
bool pipe_reads_messages(struct file *file);
ssize_t pipe_recv_message(struct file *file, void *buffer, ULONG length, int flags, bool *more);
void *pipe_bounce_alloc(struct file *file, size_t *len);
NTSTATUS pipe_read_now(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                       IO_STATUS_BLOCK *io, void *buffer, ULONG length);
NTSTATUS pipe_fsctl(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, IO_STATUS_BLOCK *io,
                    ULONG code, void *in, ULONG in_size, void *out, ULONG out_size);
/* FilePipeInformation, FilePipeLocalInformation; false for other classes */
bool pipe_query_info(struct file *file, FILE_INFORMATION_CLASS klass, void *info, ULONG length, ULONG *size,
                     NTSTATUS *status);
bool pipe_set_info(struct file *file, FILE_INFORMATION_CLASS klass, const void *info, ULONG length,
                   NTSTATUS *status);
void pipe_end_closed(struct file *file);
void pipe_settle_peer(struct file *file);
/* FlushFileBuffers on a pipe end: waits until the other end has read all this end wrote. */
NTSTATUS pipe_flush(struct file *file);
void pipe_end_free(struct file *file);
void pipe_cancel(struct file *file, const IO_STATUS_BLOCK *iosb, const struct thread *issuer, bool *found);

/* socket.c */
void sock_free(struct file *file);
void sock_closed(struct file *file);
NTSTATUS sock_read_write(struct file *file, bool write, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                         IO_STATUS_BLOCK *io, void *buffer, ULONG length);

/* lock.c */
void lock_inode_init(struct inode *inode);
/* A read or write of [offset, offset + length) through file: STATUS_FILE_LOCK_CONFLICT when another
 * handle's lock forbids it (call only when inode->lock_count is non-zero). */
NTSTATUS lock_check_io(struct file *file, ULONGLONG offset, ULONG length, bool write);
void lock_file_closed(struct file *file);
void lock_cancel(struct file *file, const IO_STATUS_BLOCK *iosb, const struct thread *issuer, bool *found);

/* directory.c */
void dir_listing_free(struct dir_listing *listing);

#endif

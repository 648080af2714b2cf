/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Named pipes, inside one Wring process: each server instance is a socketpair(AF_UNIX),
 * SOCK_STREAM for byte pipes and SOCK_SEQPACKET for message pipes.  The server end holds one
 * socket; the other waits in the instance until a client opens the name.  Reads and writes then
 * go through the ordinary file paths (overlapped ones through the engines, offset -1), so they
 * can pend and be cancelled like any other request.  Pipes are not shared between processes:
 * Wring has no server, and child processes do not exist yet.
 *
 * A message pipe hands out whole messages: a read whose buffer is too small gets the start of
 * one with STATUS_BUFFER_OVERFLOW (ERROR_MORE_DATA) and the rest waits in the reading end, for
 * the next reads, before anything newer.  So every read of a message pipe takes one whole
 * message off the socket, into a buffer as big as any message can be.
 *
 * Server states follow Windows: a new instance listens at once (a client may connect before
 * ConnectNamedPipe, which then says ERROR_PIPE_CONNECTED); DisconnectNamedPipe leaves it
 * disconnected, and clients are turned away as busy until the server listens again.
 */
#include <errno.h>
#include <linux/sockios.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "file.h"

struct named_pipe
{
    struct list entry;              /* in pipes */
    WCHAR *name;                    /* what follows \??\pipe\, compared without case */
    size_t len;
    ULONG sharing;                  /* the direction every instance must share */
    ULONG max_instances;
    ULONG in_quota, out_quota;
    ULONG instance_count;
    struct list instances;
};

struct pipe_instance
{
    struct list entry;              /* in named_pipe.instances while the server end is open */
    struct named_pipe *pipe;        /* NULL once the server end is closed */
    int refs;                       /* the ends that point here */
    ULONG state;                    /* FILE_PIPE_*_STATE of the server end */
    bool message;                   /* a message pipe (SOCK_SEQPACKET) */
    ULONG configuration;            /* FILE_PIPE_INBOUND, _OUTBOUND or _FULL_DUPLEX: the pipe's sharing */
    int client_fd;                  /* the socket waiting for a client, or -1 */
    struct file *server, *client;   /* the ends, not references; NULL once gone */
    struct list listens;            /* ConnectNamedPipe requests waiting (async_req.engine_entry) */
    size_t name_len;                /* the pipe's name, kept for FileNameInformation after the pipe */
    WCHAR name[];
};

/* A message received by an end and not yet all read (pipe_lock). */
struct held_message
{
    struct list entry;              /* in pipe_end.held, oldest first */
    size_t len, off;
    char data[];
};

/* A file that is a pipe end; an end without instance is the pipe device, \??\pipe\ itself. */
struct pipe_end
{
    struct pipe_instance *inst;
    bool server;
    ULONG read_mode;                /* FILE_PIPE_MESSAGE_MODE or FILE_PIPE_BYTE_STREAM_MODE */
    ULONG completion_mode;          /* FILE_PIPE_QUEUE_OPERATION or FILE_PIPE_COMPLETE_OPERATION (PIPE_NOWAIT) */
    struct list held;               /* struct held_message */
    size_t held_bytes;
    bool unread_lost;               /* the other end closed before reading all this end wrote */
};

static struct list pipes = { &pipes, &pipes };
static pthread_mutex_t pipe_lock = PTHREAD_MUTEX_INITIALIZER;

static const WCHAR pipe_prefix[] = { '\\','?','?','\\','p','i','p','e','\\' };
#define PREFIX_LEN (sizeof(pipe_prefix) / sizeof(WCHAR))

static WCHAR lower(WCHAR c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* \??\pipe\ names, any case; "\??\pipe" alone is the device too */
bool pipe_is_name(const UNICODE_STRING *name)
{
    size_t len = name->Length / sizeof(WCHAR);
    if (len < PREFIX_LEN - 1) return false;
    for (size_t i = 0; i < PREFIX_LEN - 1; i++)
        if (lower(name->Buffer[i]) != pipe_prefix[i]) return false;
    return len == PREFIX_LEN - 1 || name->Buffer[PREFIX_LEN - 1] == '\\';
}

static const WCHAR *pipe_name_part(const UNICODE_STRING *name, size_t *len)
{
    size_t total = name->Length / sizeof(WCHAR);
    *len = total > PREFIX_LEN ? total - PREFIX_LEN : 0;
    return name->Buffer + (total > PREFIX_LEN ? PREFIX_LEN : total);
}

/* pipe_lock held */
static struct named_pipe *find_pipe(const WCHAR *name, size_t len)
{
    for (struct list *cur = pipes.next; cur != &pipes; cur = cur->next)
    {
        struct named_pipe *pipe = LIST_ENTRY_OF(cur, struct named_pipe, entry);
        size_t i;
        if (pipe->len != len) continue;
        for (i = 0; i < len; i++) if (lower(pipe->name[i]) != lower(name[i])) break;
        if (i == len) return pipe;
    }
    return NULL;
}

static struct pipe_end *new_end(struct pipe_instance *inst, bool server, ULONG read_mode, ULONG completion_mode)
{
    struct pipe_end *end = calloc(1, sizeof(*end));
    if (!end) return NULL;
    end->inst = inst;
    end->server = server;
    end->read_mode = read_mode;
    end->completion_mode = completion_mode;
    list_init(&end->held);
    return end;
}

/* pipe_lock held */
static void drop_held(struct pipe_end *end)
{
    while (!list_empty(&end->held))
    {
        struct held_message *m = LIST_ENTRY_OF(end->held.next, struct held_message, entry);
        list_remove(&m->entry);
        free(m);
    }
    end->held_bytes = 0;
}

static bool inst_is_message(const struct file *file)
{
    return file->pipe->inst->message;
}

bool pipe_reads_messages(struct file *file)
{
    return file->pipe && file->pipe->inst && inst_is_message(file);
}

/* pipe_lock held: the instance's listens move to `done`, to be finished outside the lock */
static void take_listens(struct pipe_instance *inst, struct list *done)
{
    while (!list_empty(&inst->listens))
    {
        struct list *cur = inst->listens.next;
        list_remove(cur);
        list_add_tail(done, cur);
    }
}

static void finish_list(struct list *done, NTSTATUS status)
{
    while (!list_empty(done))
    {
        struct async_req *req = LIST_ENTRY_OF(done->next, struct async_req, engine_entry);
        list_remove(&req->engine_entry);
        file_request_finish(req, status);
    }
}

static int new_socketpair(bool message, int sv[2])
{
    return socketpair(AF_UNIX, (message ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0, sv);
}

NTSTATUS WINAPI NtCreateNamedPipeFile(HANDLE *handle, ULONG access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io,
                                      ULONG sharing, ULONG disposition, ULONG options, ULONG pipe_type,
                                      ULONG read_mode, ULONG completion_mode, ULONG max_instances,
                                      ULONG in_quota, ULONG out_quota, LARGE_INTEGER *timeout)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    if (timeout && !probe_user(timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    struct named_pipe *pipe;
    struct pipe_instance *inst = NULL;
    struct file *file = NULL;
    const WCHAR *name;
    size_t len;
    bool created = false;
    int sv[2] = { -1, -1 };
    bool message = pipe_type & FILE_PIPE_TYPE_MESSAGE;
    NTSTATUS status;
    (void)timeout;

    if (!handle || !attr || !attr->ObjectName || !io) return STATUS_INVALID_PARAMETER;
    if (attr->RootDirectory) return STATUS_NOT_IMPLEMENTED;
    if (!pipe_is_name(attr->ObjectName)) return STATUS_OBJECT_NAME_INVALID;
    name = pipe_name_part(attr->ObjectName, &len);
    if (!len) return STATUS_OBJECT_NAME_INVALID;
    if (disposition != FILE_CREATE && disposition != FILE_OPEN_IF && disposition != FILE_OPEN)
        return STATUS_INVALID_PARAMETER;
    /* a byte pipe cannot be read in messages */
    if (!(pipe_type & FILE_PIPE_TYPE_MESSAGE) && (read_mode & FILE_PIPE_MESSAGE_MODE))
        return STATUS_INVALID_PARAMETER;
    if (!max_instances) return STATUS_INVALID_PARAMETER;
    access = file_map_access(access);

    pthread_mutex_lock(&pipe_lock);
    if ((pipe = find_pipe(name, len)))
    {
        /* FILE_FLAG_FIRST_PIPE_INSTANCE, or an instance whose direction differs from the
         * first's; the type, sizes and instance count may differ (the first's count rules) */
        if (disposition == FILE_CREATE || pipe->sharing != sharing) status = STATUS_ACCESS_DENIED;
        else if (pipe->instance_count >= pipe->max_instances) status = STATUS_INSTANCE_NOT_AVAILABLE;
        else status = STATUS_SUCCESS;
    }
    else if (disposition == FILE_OPEN) status = STATUS_OBJECT_NAME_NOT_FOUND;
    else if (!(pipe = calloc(1, sizeof(*pipe))) || !(pipe->name = malloc(len * sizeof(WCHAR))))
    {
        free(pipe);
        pipe = NULL;
        status = STATUS_NO_MEMORY;
    }
    else
    {
        memcpy(pipe->name, name, len * sizeof(WCHAR));
        pipe->len = len;
        pipe->sharing = sharing;
        pipe->max_instances = max_instances;
        pipe->in_quota = in_quota;
        pipe->out_quota = out_quota;
        list_init(&pipe->instances);
        created = true;
        status = STATUS_SUCCESS;
    }
    if (status) goto done;

    if (new_socketpair(message, sv)) { status = status_from_errno(errno); goto done; }
    if (!(inst = calloc(1, sizeof(*inst) + pipe->len * sizeof(WCHAR))) ||
        !(file = file_new(sv[0], access, options, NULL)))
    {
        status = STATUS_NO_MEMORY;
        goto done;
    }
    sv[0] = -1;
    if (!(file->pipe = new_end(inst, true, read_mode & FILE_PIPE_MESSAGE_MODE,
                               completion_mode & FILE_PIPE_COMPLETE_OPERATION)))
    {
        free(inst);
        status = STATUS_NO_MEMORY;
        goto done;
    }
    /* a file object's own event starts unset on Windows; only a completion sets it */
    file->async.signaled = false;
    inst->pipe = pipe;
    inst->message = message;
    memcpy(inst->name, pipe->name, pipe->len * sizeof(WCHAR));
    inst->name_len = pipe->len;
    /* the direction is the sharing the pipe was made with: what the client may do */
    if ((pipe->sharing & FILE_SHARE_READ) && (pipe->sharing & FILE_SHARE_WRITE))
        inst->configuration = FILE_PIPE_FULL_DUPLEX;
    else inst->configuration = (pipe->sharing & FILE_SHARE_READ) ? FILE_PIPE_OUTBOUND : FILE_PIPE_INBOUND;
    inst->refs = 1;
    inst->state = FILE_PIPE_LISTENING_STATE;
    inst->client_fd = sv[1];
    sv[1] = -1;
    inst->server = file;
    list_init(&inst->listens);
    if ((status = handle_alloc(&file->obj, access, handle)))
    {
        /* the file's destruction below drops the instance */
        inst->pipe = NULL;
        goto done;
    }
    list_add_tail(&pipe->instances, &inst->entry);
    pipe->instance_count++;
    if (created) list_add_tail(&pipes, &pipe->entry);
    created = false;
    inst = NULL;
    io->Information = FILE_CREATED;

done:
    pthread_mutex_unlock(&pipe_lock);
    if (sv[0] >= 0) close(sv[0]);
    if (sv[1] >= 0) close(sv[1]);
    if (file) object_release(&file->obj);
    else free(inst);
    if (created)
    {
        free(pipe->name);
        free(pipe);
    }
    io->Status = status;
    if (status) io->Information = 0;
    return status;
}

/* The client end: the first listening instance is connected to it. */
NTSTATUS pipe_open(HANDLE *handle, ACCESS_MASK access, const UNICODE_STRING *nt_name, IO_STATUS_BLOCK *io,
                   ULONG options)
{
    struct named_pipe *pipe;
    struct pipe_instance *inst = NULL;
    struct file *file;
    struct list done;
    const WCHAR *name;
    size_t len;
    NTSTATUS status;
    int fd;

    name = pipe_name_part(nt_name, &len);
    list_init(&done);
    if (!len)
    {
        /* the pipe device: what WaitNamedPipe asks about pipes */
        if ((fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) return io->Status = status_from_errno(errno);
        if (!(file = file_new(fd, access, options, NULL)) || !(file->pipe = new_end(NULL, false, 0, 0)))
        {
            if (file) object_release(&file->obj);
            else close(fd);
            return io->Status = STATUS_NO_MEMORY;
        }
        status = handle_alloc(&file->obj, access, handle);
        object_release(&file->obj);
        io->Status = status;
        io->Information = status ? 0 : FILE_OPENED;
        return status;
    }

    pthread_mutex_lock(&pipe_lock);
    if (!(pipe = find_pipe(name, len))) status = STATUS_OBJECT_NAME_NOT_FOUND;
    else
    {
        status = STATUS_PIPE_NOT_AVAILABLE;
        for (struct list *cur = pipe->instances.next; cur != &pipe->instances; cur = cur->next)
        {
            inst = LIST_ENTRY_OF(cur, struct pipe_instance, entry);
            if (inst->state == FILE_PIPE_LISTENING_STATE && inst->client_fd >= 0)
            {
                status = STATUS_SUCCESS;
                break;
            }
        }
    }
    if (status) goto done;
    if (!(file = file_new(inst->client_fd, access, options, NULL)))
    {
        status = STATUS_NO_MEMORY;
        goto done;
    }
    /* the client starts reading bytes, whatever the pipe's type */
    if (!(file->pipe = new_end(inst, false, FILE_PIPE_BYTE_STREAM_MODE, FILE_PIPE_QUEUE_OPERATION)))
    {
        file->fd = -1;
        object_release(&file->obj);
        status = STATUS_NO_MEMORY;
        goto done;
    }
    file->async.signaled = false;
    inst->refs++;
    if ((status = handle_alloc(&file->obj, access, handle)))
    {
        /* the socket stays with the instance for the next client */
        file->fd = -1;
        file->pipe->inst = NULL;
        inst->refs--;
        object_release(&file->obj);
        goto done;
    }
    inst->client_fd = -1;
    inst->client = file;
    inst->state = FILE_PIPE_CONNECTED_STATE;
    take_listens(inst, &done);
    object_release(&file->obj);

done:
    pthread_mutex_unlock(&pipe_lock);
    finish_list(&done, STATUS_SUCCESS);
    io->Status = status;
    io->Information = status ? 0 : FILE_OPENED;
    return status;
}

NTSTATUS pipe_check_io(struct file *file, bool write)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    NTSTATUS status = STATUS_SUCCESS;
    int avail = 0;

    if (!inst) return STATUS_INVALID_DEVICE_REQUEST;
    pthread_mutex_lock(&pipe_lock);
    if (end->server)
    {
        if (inst->state == FILE_PIPE_LISTENING_STATE) status = STATUS_PIPE_LISTENING;
        else if (inst->state == FILE_PIPE_DISCONNECTED_STATE) status = STATUS_PIPE_DISCONNECTED;
        /* what the client wrote before it went can still be read; nothing can be written */
        else if (inst->state == FILE_PIPE_CLOSING_STATE && write) status = STATUS_PIPE_CLOSING;
    }
    else if (inst->client != file) status = STATUS_PIPE_DISCONNECTED;
    else if (!inst->server && write) status = STATUS_PIPE_CLOSING;
    /* with nothing left to read, a read fails at once when the other end is gone, and under
     * PIPE_NOWAIT when it is not */
    if (!status && !write)
    {
        bool peer_gone = end->server ? inst->state == FILE_PIPE_CLOSING_STATE : !inst->server;
        if ((peer_gone || end->completion_mode == FILE_PIPE_COMPLETE_OPERATION) && list_empty(&end->held) &&
            !ioctl(file->fd, FIONREAD, &avail) && !avail)
            status = peer_gone ? STATUS_PIPE_BROKEN : STATUS_PIPE_EMPTY;
    }
    pthread_mutex_unlock(&pipe_lock);
    return status;
}

/* A SOCK_SEQPACKET message is at most the sender's socket buffer, which both ends have alike. */
void *pipe_bounce_alloc(struct file *file, size_t *len)
{
    struct held_message *m;
    int size = 0;
    socklen_t size_len = sizeof(size);

    if (getsockopt(file->fd, SOL_SOCKET, SO_SNDBUF, &size, &size_len) || size < 65536) size = 65536;
    if (!(m = malloc(offsetof(struct held_message, data[size])))) return NULL;
    *len = size;
    return m->data;
}

void pipe_bounce_free(void *bounce)
{
    free(LIST_ENTRY_OF(bounce, struct held_message, data));
}

/* pipe_lock held: hands out held data, oldest first: in message mode what is left of one
 * message (*more: not all of it fitted), in byte mode as much as fits.  -1: the buffer cannot
 * be written, and nothing was taken. */
static ssize_t take_held(struct pipe_end *end, char *buffer, size_t length, bool *more)
{
    size_t done = 0;

    *more = false;
    while (done < length && !list_empty(&end->held))
    {
        struct held_message *m = LIST_ENTRY_OF(end->held.next, struct held_message, entry);
        size_t n = m->len - m->off < length - done ? m->len - m->off : length - done;

        if (!write_user(buffer + done, m->data + m->off, n)) return done ? (ssize_t)done : -1;
        m->off += n;
        done += n;
        end->held_bytes -= n;
        if (m->off == m->len)
        {
            list_remove(&m->entry);
            free(m);
        }
        else *more = end->read_mode == FILE_PIPE_MESSAGE_MODE;
        if (end->read_mode == FILE_PIPE_MESSAGE_MODE) break;
    }
    return done;
}

/* A message just taken off the socket (in a bounce buffer) joins the held ones; the reader gets
 * the oldest held data.  The bounce buffer is the end's from now on. */
static ssize_t deliver(struct pipe_end *end, void *bounce, size_t received, void *buffer, size_t length,
                       bool *more)
{
    struct held_message *m = LIST_ENTRY_OF(bounce, struct held_message, data);
    ssize_t n;

    m->len = received;
    m->off = 0;
    pthread_mutex_lock(&pipe_lock);
    list_add_tail(&end->held, &m->entry);
    end->held_bytes += received;
    n = take_held(end, buffer, length, more);
    pthread_mutex_unlock(&pipe_lock);
    return n;
}

/* One read of a message pipe end (flags: MSG_DONTWAIT or 0): held data first, else one whole
 * message off the socket.  Bytes read, or -1 with errno. */
ssize_t pipe_recv_message(struct file *file, void *buffer, ULONG length, int flags, bool *more)
{
    struct pipe_end *end = file->pipe;
    size_t size;
    ssize_t n;
    void *bounce;

    pthread_mutex_lock(&pipe_lock);
    n = list_empty(&end->held) ? 0 : take_held(end, buffer, length, more);
    pthread_mutex_unlock(&pipe_lock);
    if (n) return n < 0 ? (errno = EFAULT, -1) : n;
    if (!(bounce = pipe_bounce_alloc(file, &size))) return errno = ENOMEM, -1;
    if ((n = recv(file->fd, bounce, size, flags)) <= 0)
    {
        pipe_bounce_free(bounce);
        return n;
    }
    if ((n = deliver(end, bounce, n, buffer, length, more)) < 0) errno = EFAULT;
    return n;
}

NTSTATUS pipe_read_finish(struct async_req *req, ULONG_PTR received, ULONG_PTR *info)
{
    struct file *file = (struct file *)req->file;
    void *bounce = req->bounce;
    bool more;
    ssize_t n;

    req->bounce = NULL;
    n = deliver(file->pipe, bounce, received, req->iov[0].iov_base, req->length, &more);
    /* a buffer that went bad leaves the message held for the next read */
    if (n < 0) return STATUS_ACCESS_VIOLATION;
    *info = n;
    return more ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

static bool pipe_holds(struct file *file)
{
    bool held;

    pthread_mutex_lock(&pipe_lock);
    held = !list_empty(&file->pipe->held);
    pthread_mutex_unlock(&pipe_lock);
    return held;
}

NTSTATUS pipe_read_now(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                       IO_STATUS_BLOCK *io, void *buffer, ULONG length)
{
    struct file_call call;
    NTSTATUS status;
    bool more = false;
    ssize_t n;
    int avail = 0;

    if (!length || ((ioctl(file->fd, FIONREAD, &avail) || !avail) && !pipe_holds(file))) return STATUS_PENDING;
    if ((status = file_call_begin(file, event, apc, apc_context, io, &call))) return status;
    /* MSG_DONTWAIT: another reader may have taken the data since */
    n = inst_is_message(file) ? pipe_recv_message(file, buffer, length, MSG_DONTWAIT, &more)
                              : recv(file->fd, buffer, length, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    {
        /* give the prepared request back untouched: the engine takes the read */
        async_req_release(call.req);
        if (call.wait_event) NtClose(call.wait_event);
        return STATUS_PENDING;
    }
    if (n < 0) status = errno == EFAULT ? STATUS_ACCESS_VIOLATION : status_from_errno(errno);
    else if (!n) status = STATUS_PIPE_BROKEN;
    else
    {
        call.info = n;
        if (more) status = STATUS_BUFFER_OVERFLOW;
    }
    return file_call_end(&call, status);
}

static NTSTATUS pipe_listen(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                            IO_STATUS_BLOCK *io)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    struct file_call call;
    NTSTATUS status;

    if (!end->server) return STATUS_ILLEGAL_FUNCTION;
    if ((status = file_call_begin(file, event, apc, apc_context, io, &call))) return status;
    pthread_mutex_lock(&pipe_lock);
    switch (inst->state)
    {
    case FILE_PIPE_CONNECTED_STATE: status = STATUS_PIPE_CONNECTED; break;
    case FILE_PIPE_CLOSING_STATE: status = STATUS_PIPE_CLOSING; break;
    default:
        inst->state = FILE_PIPE_LISTENING_STATE;
        if (end->completion_mode == FILE_PIPE_COMPLETE_OPERATION) status = STATUS_PIPE_LISTENING;
        else
        {
            file_call_pend(&call);
            list_add_tail(&inst->listens, &call.req->engine_entry);
            status = STATUS_PENDING;
        }
        break;
    }
    pthread_mutex_unlock(&pipe_lock);
    return file_call_end(&call, status);
}

/* The client is cut off: its data is dropped and the server end gets a fresh socket for the next one. */
static NTSTATUS pipe_disconnect(struct file *file)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    struct list done;
    NTSTATUS status = STATUS_SUCCESS;
    int sv[2];

    if (!end->server) return STATUS_ILLEGAL_FUNCTION;
    list_init(&done);
    pthread_mutex_lock(&pipe_lock);
    if (inst->state == FILE_PIPE_DISCONNECTED_STATE) status = STATUS_PIPE_DISCONNECTED;
    else if (new_socketpair(inst->message, sv)) status = status_from_errno(errno);
    else
    {
        /* reads and writes in flight on the old socket end as a broken pipe; unread data goes */
        shutdown(file->fd, SHUT_RDWR);
        drop_held(end);
        dup3(sv[0], file->fd, O_CLOEXEC);
        close(sv[0]);
        if (inst->client_fd >= 0) close(inst->client_fd);
        inst->client_fd = sv[1];
        inst->client = NULL;
        end->unread_lost = false;
        inst->state = FILE_PIPE_DISCONNECTED_STATE;
        take_listens(inst, &done);
    }
    pthread_mutex_unlock(&pipe_lock);
    finish_list(&done, STATUS_PIPE_DISCONNECTED);
    return status;
}

static NTSTATUS pipe_peek(struct file *file, IO_STATUS_BLOCK *io, void *out, ULONG out_size)
{
    FILE_PIPE_PEEK_BUFFER *peek = out;
    ULONG header = offsetof(FILE_PIPE_PEEK_BUFFER, Data), room, copied = 0;
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    NTSTATUS status;
    bool peer_gone;
    int avail = 0;

    if (out_size < header) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = pipe_check_io(file, false)) && status != STATUS_PIPE_EMPTY) return status;
    if (ioctl(file->fd, FIONREAD, &avail)) return status_from_errno(errno);
    room = out_size - header;
    peek->NamedPipeState = FILE_PIPE_CONNECTED_STATE;
    peek->NumberOfMessages = 0;
    peek->MessageLength = 0;
    pthread_mutex_lock(&pipe_lock);
    peer_gone = end->server ? inst->state == FILE_PIPE_CLOSING_STATE : !inst->server;
    peek->ReadDataAvailable = avail + end->held_bytes;
    if (!list_empty(&end->held))
    {
        /* the rest of a message a read took the start of comes first */
        struct held_message *m = LIST_ENTRY_OF(end->held.next, struct held_message, entry);
        peek->NumberOfMessages = 1;
        peek->MessageLength = m->len - m->off;
        copied = room < m->len - m->off ? room : m->len - m->off;
        memcpy(peek->Data, m->data + m->off, copied);
        avail = 0;
    }
    pthread_mutex_unlock(&pipe_lock);
    if (!peek->ReadDataAvailable && peer_gone) return STATUS_PIPE_BROKEN;
    if (avail && inst_is_message(file))
    {
        /* the length of the next message, without taking it */
        ssize_t n = recv(file->fd, NULL, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
        if (n > 0)
        {
            peek->NumberOfMessages = 1;
            peek->MessageLength = n;
        }
    }
    if (room && avail)
    {
        ssize_t n = recv(file->fd, peek->Data, room, MSG_PEEK | MSG_DONTWAIT);
        if (n > 0) copied = n;
    }
    io->Status = STATUS_SUCCESS;
    io->Information = header + copied;
    return STATUS_SUCCESS;
}

/* FSCTL_PIPE_WAIT on the pipe device: the answer is immediate, an instance free or not */
static NTSTATUS pipe_wait(const void *in, ULONG in_size, IO_STATUS_BLOCK *io)
{
    const FILE_PIPE_WAIT_FOR_BUFFER *wait = in;
    struct named_pipe *pipe;
    NTSTATUS status = STATUS_IO_TIMEOUT;

    if (!in || in_size < offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name) ||
        in_size - offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name) < wait->NameLength)
        return STATUS_INVALID_PARAMETER;
    pthread_mutex_lock(&pipe_lock);
    if (!(pipe = find_pipe(wait->Name, wait->NameLength / sizeof(WCHAR)))) status = STATUS_OBJECT_NAME_NOT_FOUND;
    else
    {
        for (struct list *cur = pipe->instances.next; cur != &pipe->instances; cur = cur->next)
        {
            struct pipe_instance *inst = LIST_ENTRY_OF(cur, struct pipe_instance, entry);
            if (inst->state == FILE_PIPE_LISTENING_STATE && inst->client_fd >= 0) status = STATUS_SUCCESS;
        }
    }
    pthread_mutex_unlock(&pipe_lock);
    if (!status)
    {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

NTSTATUS pipe_fsctl(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, IO_STATUS_BLOCK *io,
                    ULONG code, void *in, ULONG in_size, void *out, ULONG out_size)
{
    NTSTATUS status;

    if (!file->pipe->inst)
        return code == FSCTL_PIPE_WAIT ? pipe_wait(in, in_size, io) : STATUS_INVALID_DEVICE_REQUEST;
    switch (code)
    {
    case FSCTL_PIPE_LISTEN:
        return pipe_listen(file, event, apc, apc_context, io);
    case FSCTL_PIPE_DISCONNECT:
        status = pipe_disconnect(file);
        break;
    case FSCTL_PIPE_PEEK:
        return pipe_peek(file, io, out, out_size);
    default:
        TRACE(STUB, "NtFsControlFile: pipe code %#x not implemented", (unsigned)code);
        return STATUS_NOT_SUPPORTED;
    }
    if (!status)
    {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

/* A client the server disconnected: it has no pipe left to describe or set. */
static bool client_disconnected(struct file *file)
{
    bool gone;
    pthread_mutex_lock(&pipe_lock);
    gone = !file->pipe->server && file->pipe->inst->client != file;
    pthread_mutex_unlock(&pipe_lock);
    return gone;
}

bool pipe_query_info(struct file *file, FILE_INFORMATION_CLASS klass, void *info, ULONG length, ULONG *size,
                     NTSTATUS *status)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;

    if (!inst) return false;
    if (klass == FilePipeInformation)
    {
        FILE_PIPE_INFORMATION *pi = info;
        if (length < (*size = sizeof(*pi))) { *status = STATUS_INFO_LENGTH_MISMATCH; return true; }
        if (client_disconnected(file)) { *status = STATUS_PIPE_DISCONNECTED; return true; }
        pi->ReadMode = end->read_mode;
        pi->CompletionMode = end->completion_mode;
        *status = STATUS_SUCCESS;
        return true;
    }
    if (klass == FileNameInformation)
    {
        /* the name below the pipe device: "\\" and the pipe's name */
        FILE_NAME_INFORMATION *ni = info;
        ULONG bytes = (inst->name_len + 1) * sizeof(WCHAR), room;
        if (length < sizeof(*ni)) { *status = STATUS_INFO_LENGTH_MISMATCH; return true; }
        *size = offsetof(FILE_NAME_INFORMATION, FileName);
        if (client_disconnected(file)) { *status = STATUS_PIPE_DISCONNECTED; return true; }
        room = length - *size;
        ni->FileNameLength = bytes;
        if (room >= sizeof(WCHAR)) ni->FileName[0] = '\\';
        if (room > sizeof(WCHAR))
            memcpy(ni->FileName + 1, inst->name, (room < bytes ? room : bytes) - sizeof(WCHAR));
        *size += room < bytes ? room : bytes;
        *status = room < bytes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
        return true;
    }
    if (klass == FilePipeLocalInformation)
    {
        FILE_PIPE_LOCAL_INFORMATION *li = info;
        int avail = 0;
        if (length < (*size = sizeof(*li))) { *status = STATUS_INFO_LENGTH_MISMATCH; return true; }
        memset(li, 0, sizeof(*li));
        pthread_mutex_lock(&pipe_lock);
        if (inst->pipe)
        {
            li->NamedPipeType = inst->message ? FILE_PIPE_TYPE_MESSAGE : FILE_PIPE_TYPE_BYTE;
            li->MaximumInstances = inst->pipe->max_instances;
            li->CurrentInstances = inst->pipe->instance_count;
            li->InboundQuota = inst->pipe->in_quota;
            li->OutboundQuota = inst->pipe->out_quota;
            li->WriteQuotaAvailable = inst->pipe->out_quota;
        }
        li->NamedPipeConfiguration = inst->configuration;
        if (end->server) li->NamedPipeState = inst->state;
        else li->NamedPipeState = inst->client != file ? FILE_PIPE_DISCONNECTED_STATE :
                                  inst->server ? FILE_PIPE_CONNECTED_STATE : FILE_PIPE_CLOSING_STATE;
        pthread_mutex_unlock(&pipe_lock);
        if (!end->server && li->NamedPipeState == FILE_PIPE_DISCONNECTED_STATE)
        {
            *status = STATUS_PIPE_DISCONNECTED;
            return true;
        }
        li->NamedPipeEnd = end->server ? FILE_PIPE_SERVER_END : FILE_PIPE_CLIENT_END;
        if (!ioctl(file->fd, FIONREAD, &avail)) li->ReadDataAvailable = avail;
        pthread_mutex_lock(&pipe_lock);
        li->ReadDataAvailable += end->held_bytes;
        pthread_mutex_unlock(&pipe_lock);
        *status = STATUS_SUCCESS;
        return true;
    }
    return false;
}

bool pipe_set_info(struct file *file, FILE_INFORMATION_CLASS klass, const void *info, ULONG length,
                   NTSTATUS *status)
{
    const FILE_PIPE_INFORMATION *pi = info;
    struct pipe_end *end = file->pipe;

    if (!end->inst || klass != FilePipeInformation) return false;
    if (length < sizeof(*pi)) *status = STATUS_INFO_LENGTH_MISMATCH;
    else if (client_disconnected(file)) *status = STATUS_PIPE_DISCONNECTED;
    else if (pi->ReadMode > FILE_PIPE_MESSAGE_MODE || pi->CompletionMode > FILE_PIPE_COMPLETE_OPERATION)
        *status = STATUS_INVALID_PARAMETER;
    /* reading messages needs a message pipe */
    else if (pi->ReadMode == FILE_PIPE_MESSAGE_MODE && !inst_is_message(file)) *status = STATUS_INVALID_PARAMETER;
    else
    {
        end->read_mode = pi->ReadMode;
        end->completion_mode = pi->CompletionMode;
        *status = STATUS_SUCCESS;
    }
    return true;
}

/* A write went into this end: the other end's oldest pending read completes before the write
 * returns, as on Windows. */
void pipe_settle_peer(struct file *file)
{
    struct pipe_instance *inst = file->pipe->inst;
    struct file *peer = NULL;

    if (!inst) return;
    pthread_mutex_lock(&pipe_lock);
    if (file->pipe->server ? inst->client : inst->server)
        peer = (struct file *)object_grab_unless_dead(&(file->pipe->server ? inst->client : inst->server)->obj);
    pthread_mutex_unlock(&pipe_lock);
    if (!peer) return;
    async_settle_read(&peer->async);
    object_release(&peer->obj);
}

/* pipe_lock held: whether `reader` has yet to read some of what `writer` wrote into the pipe.
 * SIOCOUTQ counts what the writer's socket sent and the reader's has not consumed; a message the
 * reader took off its socket but has not all read is held. */
static bool unread_by_peer(struct file *writer, struct pipe_end *reader)
{
    int queued = 0;
    return (!ioctl(writer->fd, SIOCOUTQ, &queued) && queued) || reader->held_bytes;
}

#define FLUSH_POLL_MIN_NS 20000L
#define FLUSH_POLL_MAX_NS 2000000L

/*
 * FlushFileBuffers on a pipe end returns once the other end has read all this end wrote, which
 * is what lets a server call DisconnectNamedPipe, which drops unread data, without cutting off
 * its last reply.  It fails when the other end goes first: STATUS_PIPE_BROKEN when it closed with
 * data unread, STATUS_PIPE_DISCONNECTED for a client whose server disconnected it.  Linux reports
 * no moment at which a socket's sent data has all been consumed, so the flusher looks again after
 * a pause that grows from FLUSH_POLL_MIN_NS to FLUSH_POLL_MAX_NS.  A write still pending is waited
 * for too; one whose data the other end has already taken does not count as lost if it then
 * closes, since its completion may simply not have been reaped yet.
 */
NTSTATUS pipe_flush(struct file *file)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    struct timespec pause = { 0, FLUSH_POLL_MIN_NS };
    NTSTATUS status;

    if (!inst) return STATUS_SUCCESS;
    for (;;)
    {
        struct file *peer;
        bool pending = false;

        pthread_mutex_lock(&pipe_lock);
        peer = end->server ? inst->client : inst->server;
        if (end->server ? inst->server != file : inst->client != file) status = STATUS_PIPE_DISCONNECTED;
        else if (!peer) status = end->unread_lost ? STATUS_PIPE_BROKEN : STATUS_SUCCESS;
        else
        {
            status = STATUS_SUCCESS;
            pending = unread_by_peer(file, peer->pipe);
        }
        pthread_mutex_unlock(&pipe_lock);
        if (peer && !status && !pending) pending = async_write_in_flight(&file->async);
        if (!pending) return status;
        nanosleep(&pause, NULL);
        if (pause.tv_nsec < FLUSH_POLL_MAX_NS) pause.tv_nsec *= 2;
    }
}

/* The last handle of an end is gone: the other end sees a broken pipe, listens end. */
void pipe_end_closed(struct file *file)
{
    struct pipe_end *end = file->pipe;
    struct pipe_instance *inst = end->inst;
    struct named_pipe *pipe;
    struct list done;

    if (!inst) return;
    list_init(&done);
    pthread_mutex_lock(&pipe_lock);
    if (end->server ? inst->client != NULL : inst->client == file)
    {
        struct file *other = end->server ? inst->client : inst->server;
        if (other) other->pipe->unread_lost = unread_by_peer(other, end);
    }
    shutdown(file->fd, SHUT_RDWR);
    if (end->server)
    {
        inst->server = NULL;
        take_listens(inst, &done);
        if (inst->client_fd >= 0) close(inst->client_fd);
        inst->client_fd = -1;
        if ((pipe = inst->pipe))
        {
            /* the name goes with its last instance */
            list_remove(&inst->entry);
            inst->pipe = NULL;
            if (!--pipe->instance_count)
            {
                list_remove(&pipe->entry);
                free(pipe->name);
                free(pipe);
            }
        }
    }
    else if (inst->client == file)
    {
        inst->client = NULL;
        if (inst->state == FILE_PIPE_CONNECTED_STATE) inst->state = FILE_PIPE_CLOSING_STATE;
    }
    pthread_mutex_unlock(&pipe_lock);
    finish_list(&done, STATUS_PIPE_BROKEN);
}

void pipe_end_free(struct file *file)
{
    struct pipe_instance *inst = file->pipe->inst;
    bool last = false;

    if (inst)
    {
        pthread_mutex_lock(&pipe_lock);
        if (inst->server == file) inst->server = NULL;
        if (inst->client == file) inst->client = NULL;
        last = !--inst->refs;
        pthread_mutex_unlock(&pipe_lock);
    }
    if (last)
    {
        if (inst->client_fd >= 0) close(inst->client_fd);
        free(inst);
    }
    pthread_mutex_lock(&pipe_lock);
    drop_held(file->pipe);
    pthread_mutex_unlock(&pipe_lock);
    free(file->pipe);
    file->pipe = NULL;
}

void pipe_cancel(struct file *file, const IO_STATUS_BLOCK *iosb, const struct thread *issuer, bool *found)
{
    struct pipe_instance *inst = file->pipe->inst;
    struct list done;

    if (!inst || !file->pipe->server) return;
    list_init(&done);
    pthread_mutex_lock(&pipe_lock);
    for (struct list *cur = inst->listens.next, *next; cur != &inst->listens; cur = next)
    {
        struct async_req *req = LIST_ENTRY_OF(cur, struct async_req, engine_entry);
        next = cur->next;
        if (!file_request_matches(req, iosb, issuer)) continue;
        list_remove(cur);
        list_add_tail(&done, cur);
        *found = true;
    }
    pthread_mutex_unlock(&pipe_lock);
    finish_list(&done, STATUS_CANCELLED);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * TransmitFile: a head buffer, a file's bytes and a tail buffer sent on a
 * connected socket, with sendfile() for the file.  Nothing is taken from the
 * socket's peer, so the request can wait for writability and then send what
 * goes: on the uring engine a poll request, then, from its completion, as much
 * as goes without blocking -- and, while something is left, another poll that
 * carries the request on (async_chain); on the threads engine the worker loops.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>
#include "socket.h"

#define TF_DISCONNECT 0x01
#define TF_REUSE_SOCKET 0x02
#define CHUNK (1 << 20)

static int send_buffer(int fd, const char **buf, ULONG *len, ULONG *total)
{
    while (*len)
    {
        ssize_t n = send(fd, *buf, *len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) return errno == EINTR ? 0 : -errno;
        *buf += n;
        *len -= n;
        *total += n;
    }
    return 0;
}

int transmit_progress(struct async_req *req)
{
    struct sock_req *sr = req->sock;
    int ret;

    if ((ret = send_buffer(req->fd, &sr->head, &sr->head_len, &sr->total))) return ret;
    while (sr->transmit && !sr->file_done)
    {
        size_t want = sr->file_left ? (sr->file_left < CHUNK ? sr->file_left : CHUNK) : CHUNK;
        ssize_t n = sendfile(req->fd, sr->transmit->fd, &sr->file_offset, want);
        if (n < 0)
        {
            if (errno == EINTR) continue;
            return -errno;
        }
        sr->total += n;
        if (!n || (sr->file_left && !(sr->file_left -= n))) sr->file_done = true;
    }
    if ((ret = send_buffer(req->fd, &sr->tail, &sr->tail_len, &sr->total))) return ret;
    if (sr->tflags & TF_DISCONNECT)
    {
        sr->tflags &= ~TF_DISCONNECT;
        shutdown(req->fd, SHUT_WR);
    }
    return 0;
}

NTSTATUS transmit_finish(struct async_req *req, NTSTATUS status, ULONG_PTR *info)
{
    struct async_req *next;
    int ret = transmit_progress(req);

    if (!ret)
    {
        *info = req->sock->total;
        return status;
    }
    if (ret != -EAGAIN) return sock_status_from_errno(-ret);
    /* more to send: another wait for writability carries the request on, with its progress */
    if (!(next = calloc(1, sizeof(*next)))) return STATUS_NO_MEMORY;
    next->op = ASYNC_SOCK_TRANSMIT;
    next->fd = req->fd;
    next->sock = req->sock;
    req->sock = NULL;
    next->length = req->length;
    next->offset = -1;
    async_chain(req, next);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS WINAPI wring_sock_transmit(HANDLE handle, HANDLE file_handle, ULONG bytes, const void *head, ULONG head_len,
                                    const void *tail, ULONG tail_len, ULONG flags, LONGLONG offset,
                                    const struct wring_sock_async *async, ULONG *sent)
{
    struct async_req local = { 0 };
    struct sock_req *sr;
    struct file *file, *data = NULL;
    NTSTATUS status;
    int ret;

    if ((status = sock_get(handle, &file))) return status;
    if (file->sock->type != SOCK_STREAM || (flags & TF_REUSE_SOCKET)) { status = STATUS_INVALID_PARAMETER; goto done; }
    if ((head_len && (!head || !probe_user((void *)head, head_len, false))) ||
        (tail_len && (!tail || !probe_user((void *)tail, tail_len, false))))
    {
        status = STATUS_ACCESS_VIOLATION;
        goto done;
    }
    if (file_handle && (status = file_get(file_handle, &data))) goto done;
    if (data && (data->directory || !(data->access & FILE_READ_DATA)))
    {
        status = data->directory ? STATUS_INVALID_DEVICE_REQUEST : STATUS_ACCESS_DENIED;
        goto done;
    }
    if (!(sr = sock_req_new())) { status = STATUS_NO_MEMORY; goto done; }
    sr->transmit = data;
    data = NULL;
    sr->file_offset = offset >= 0 ? offset : sr->transmit ? lseek(sr->transmit->fd, 0, SEEK_CUR) : 0;
    sr->file_left = bytes;
    sr->head = head;
    sr->head_len = head_len;
    sr->tail = tail;
    sr->tail_len = tail_len;
    sr->tflags = flags;
    if (async)
    {
        status = sock_submit(file, ASYNC_SOCK_TRANSMIT, async, sr, 0);
        goto done;
    }
    /* no OVERLAPPED: the call returns when all is sent */
    local.fd = file->fd;
    local.sock = sr;
    while ((ret = transmit_progress(&local)) == -EAGAIN)
        if ((status = sock_wait(file, POLLOUT))) break;
    if (!status && ret) status = sock_status_from_errno(-ret);
    if (sent) *sent = sr->total;
    /* a file sent through its position moves it, as Windows' does */
    if (offset < 0 && sr->transmit) lseek(sr->transmit->fd, sr->file_offset, SEEK_SET);
    sock_req_free(sr);
done:
    if (data) object_release(&data->obj);
    object_release(&file->obj);
    return status;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * native_echo: the ceiling for tp_echo.exe, the same echo server done
 * natively on Linux with liburing (2.3 API).  Accepts on 127.0.0.1:PORT
 * with io_uring accept requests, then per connection a recv, a send of what
 * came (again for what a short send left), a recv again, all on one ring
 * reaped by one thread.  It exits once N connections have been served and
 * closed by their clients.
 *
 * usage: native_echo PORT N
 */
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 4096

enum op { OP_ACCEPT, OP_RECV, OP_SEND };

struct conn
{
    enum op op;
    int fd;
    size_t len, sent;
    unsigned char buf[BUF_SIZE];
};

static struct io_uring ring;
static struct conn acceptor = { .op = OP_ACCEPT };

static void die(const char *what, int err)
{
    fprintf(stderr, "native_echo: %s: %s\n", what, strerror(err));
    exit(1);
}

static struct io_uring_sqe *get_sqe(void)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    if (!sqe)
    {
        io_uring_submit(&ring);
        if (!(sqe = io_uring_get_sqe(&ring))) die("io_uring_get_sqe", EBUSY);
    }
    return sqe;
}

static void post_accept(int listener)
{
    struct io_uring_sqe *sqe = get_sqe();
    io_uring_prep_accept(sqe, listener, NULL, NULL, 0);
    io_uring_sqe_set_data(sqe, &acceptor);
}

static void post_recv(struct conn *c)
{
    struct io_uring_sqe *sqe = get_sqe();
    c->op = OP_RECV;
    io_uring_prep_recv(sqe, c->fd, c->buf, BUF_SIZE, 0);
    io_uring_sqe_set_data(sqe, c);
}

static void post_send(struct conn *c)
{
    struct io_uring_sqe *sqe = get_sqe();
    c->op = OP_SEND;
    io_uring_prep_send(sqe, c->fd, c->buf + c->sent, c->len - c->sent, MSG_NOSIGNAL);
    io_uring_sqe_set_data(sqe, c);
}

int main(int argc, char **argv)
{
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int listener, one = 1, expected, accepted = 0, closed = 0, ret;

    if (argc < 3)
    {
        fprintf(stderr, "usage: native_echo PORT N\n");
        return 2;
    }
    sin.sin_port = htons(atoi(argv[1]));
    expected = atoi(argv[2]);
    if ((ret = io_uring_queue_init(256, &ring, 0)) < 0) die("io_uring_queue_init", -ret);
    if ((listener = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket", errno);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(listener, (struct sockaddr *)&sin, sizeof(sin))) die("bind", errno);
    if (listen(listener, 1024)) die("listen", errno);
    post_accept(listener);

    while (closed < expected)
    {
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;

        if ((ret = io_uring_submit_and_wait(&ring, 1)) < 0 && ret != -EINTR) die("io_uring_submit_and_wait", -ret);
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            struct conn *c = io_uring_cqe_get_data(cqe);
            int res = cqe->res;

            seen++;
            if (c->op == OP_ACCEPT)
            {
                struct conn *n;
                if (res < 0) die("accept", -res);
                if (!(n = calloc(1, sizeof(*n)))) die("calloc", ENOMEM);
                n->fd = res;
                setsockopt(n->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
                post_recv(n);
                if (++accepted < expected) post_accept(listener);
            }
            else if (c->op == OP_RECV)
            {
                if (res <= 0)
                {
                    close(c->fd);
                    free(c);
                    closed++;
                    continue;
                }
                c->len = res;
                c->sent = 0;
                post_send(c);
            }
            else
            {
                if (res < 0) die("send", -res);
                c->sent += res;
                if (c->sent < c->len) post_send(c);
                else post_recv(c);
            }
        }
        io_uring_cq_advance(&ring, seen);
    }
    close(listener);
    io_uring_queue_exit(&ring);
    return 0;
}

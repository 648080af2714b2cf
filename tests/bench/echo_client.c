/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * echo_client: the load for the socket echo benchmark, a native Linux
 * program so every server variant meets the same client.  N connections to
 * 127.0.0.1:PORT (retried until the server listens), then each does M round
 * trips of a SIZE-byte message: send it, read all of it back, check every
 * byte.  One thread drives all connections with epoll, so the client costs
 * the same whichever server answers.  Time runs from the first message to
 * the last echo.  Afterwards each connection is closed, which ends the
 * server (it exits once all N have gone).
 *
 * usage: echo_client PORT N M [SIZE]
 * prints: echo_client ops/s=NNN  (round trips per second, over all connections)
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIZE 65536
#define CONNECT_SECONDS 60

struct conn
{
    int fd;
    int rounds;
    size_t sent, received;
    unsigned char out[MAX_SIZE], in[MAX_SIZE];
};

static size_t size;
static int rounds;

static void die(const char *what)
{
    fprintf(stderr, "echo_client: %s: %s\n", what, strerror(errno));
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Connects, retrying while nothing listens yet (the server is still starting). */
static int connect_loopback(int port)
{
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    double deadline = now() + CONNECT_SECONDS;
    int one = 1;

    for (;;)
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        if (!connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
        {
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            /* non-blocking: a message larger than the socket buffers is sent as its echo drains */
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
            return fd;
        }
        if (errno != ECONNREFUSED || now() > deadline) die("connect");
        close(fd);
        nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL);
    }
}

static void fill(struct conn *c, int index)
{
    for (size_t i = 0; i < size; i++) c->out[i] = (unsigned char)(index * 131 + c->rounds * 7 + i);
    c->sent = c->received = 0;
}

/* Sends what is left of the message, as much as the socket takes now. */
static void push(struct conn *c)
{
    while (c->sent < size)
    {
        ssize_t n = send(c->fd, c->out + c->sent, size - c->sent, MSG_NOSIGNAL);
        if (n < 0)
        {
            if (errno == EAGAIN) return;
            die("send");
        }
        c->sent += n;
    }
}

int main(int argc, char **argv)
{
    struct epoll_event events[64];
    struct conn *conns;
    int port, count, ep, active;
    double start, elapsed;

    if (argc < 4)
    {
        fprintf(stderr, "usage: echo_client PORT N M [SIZE]\n");
        return 2;
    }
    port = atoi(argv[1]);
    count = atoi(argv[2]);
    rounds = atoi(argv[3]);
    size = argc > 4 ? strtoul(argv[4], NULL, 10) : 64;
    if (port <= 0 || count <= 0 || rounds <= 0 || !size || size > MAX_SIZE)
    {
        fprintf(stderr, "echo_client: bad arguments\n");
        return 2;
    }
    if (!(conns = calloc(count, sizeof(*conns)))) die("calloc");
    if ((ep = epoll_create1(0)) < 0) die("epoll_create1");
    for (int i = 0; i < count; i++)
    {
        conns[i].fd = connect_loopback(port);
        if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd,
                      &(struct epoll_event){ .events = EPOLLIN, .data.u32 = i }))
            die("epoll_ctl");
    }

    start = now();
    for (int i = 0; i < count; i++)
    {
        fill(&conns[i], i);
        push(&conns[i]);
    }
    active = count;
    while (active)
    {
        int n = epoll_wait(ep, events, 64, -1);
        if (n < 0)
        {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int e = 0; e < n; e++)
        {
            int i = events[e].data.u32;
            struct conn *c = &conns[i];
            ssize_t got = recv(c->fd, c->in + c->received, size - c->received, 0);

            if (got < 0 && errno == EAGAIN) continue;
            if (got <= 0)
            {
                fprintf(stderr, "echo_client: connection %d ended after %d round trips\n", i, c->rounds);
                return 1;
            }
            c->received += got;
            /* a partial send finishes as the echo drains it */
            push(c);
            if (c->received < size) continue;
            if (memcmp(c->in, c->out, size))
            {
                fprintf(stderr, "echo_client: connection %d round trip %d: wrong bytes\n", i, c->rounds);
                return 1;
            }
            if (++c->rounds == rounds)
            {
                active--;
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                continue;
            }
            fill(c, i);
            push(c);
        }
    }
    elapsed = now() - start;
    for (int i = 0; i < count; i++) close(conns[i].fd);
    printf("echo_client ops/s=%.0f\n", (double)count * rounds / elapsed);
    return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A thread-pool worker's batch of packets (dlls/ntdll/threadpool.c, unix/completion.c).
 *
 * A worker takes up to WRING_PORT_BATCH_MAX packets from its pool's port in one wait and runs
 * them in order.  The batch lives in the worker's memory and the Unix side knows it: when the
 * worker blocks in a callback (or leaves the port, or the callback says it may run long), the
 * entries not yet started go back to the head of the port's queue, in order, and `count` drops
 * to `next`, so another worker runs them.  Only the worker itself touches its batch.
 */
#ifndef WRING_PORT_BATCH_H
#define WRING_PORT_BATCH_H

#define WRING_PORT_BATCH_MAX 16

struct wring_port_batch
{
    ULONG next;     /* the entry the worker runs next */
    ULONG count;    /* entries held */
    FILE_IO_COMPLETION_INFORMATION entries[WRING_PORT_BATCH_MAX];
};

#endif

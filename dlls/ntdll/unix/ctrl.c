/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Console control events: Ctrl-C (SIGINT), Ctrl-Break (SIGQUIT) and the
 * console closing (SIGHUP) as Windows delivers them, to the handlers of
 * SetConsoleCtrlHandler on a thread of their own.  kernel32 starts that thread
 * when a program first adds a handler; it waits here.  The signal handler only
 * writes the event to a pipe, which is what a signal handler may do.  Until a
 * thread waits, the signals keep their Linux defaults.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

/* the event codes of consoleapi.h */
enum { CTRL_C_EVENT = 0, CTRL_BREAK_EVENT = 1, CTRL_CLOSE_EVENT = 2 };

static int event_pipe[2] = { -1, -1 };
static pthread_mutex_t setup_lock = PTHREAD_MUTEX_INITIALIZER;

static void ctrl_signal_handler(int sig)
{
    int saved = errno;
    unsigned char event = sig == SIGINT ? CTRL_C_EVENT : sig == SIGQUIT ? CTRL_BREAK_EVENT : CTRL_CLOSE_EVENT;
    /* a full pipe drops the event: the ones already queued will run the handlers */
    if (write(event_pipe[1], &event, 1) < 0) {}
    errno = saved;
}

static NTSTATUS setup_events(void)
{
    struct sigaction sa;
    NTSTATUS status = STATUS_SUCCESS;

    pthread_mutex_lock(&setup_lock);
    if (event_pipe[0] < 0)
    {
        if (pipe2(event_pipe, O_CLOEXEC) < 0) status = status_from_errno(errno);
        else
        {
            memset(&sa, 0, sizeof(sa));
            sa.sa_handler = ctrl_signal_handler;
            sa.sa_flags = SA_RESTART;
            sigemptyset(&sa.sa_mask);
            if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGQUIT, &sa, NULL) < 0 ||
                sigaction(SIGHUP, &sa, NULL) < 0)
                status = status_from_errno(errno);
        }
    }
    pthread_mutex_unlock(&setup_lock);
    return status;
}

/* Blocks until a control event comes and stores it in *event. */
NTSTATUS WINAPI wring_wait_console_event(ULONG *event)
{
    unsigned char value;
    NTSTATUS status;
    ssize_t n;

    if ((status = setup_events())) return status;
    for (;;)
    {
        if (thread_must_stop()) return STATUS_THREAD_IS_TERMINATING;
        n = read(event_pipe[0], &value, 1);
        if (n == 1) break;
        if (n < 0 && errno != EINTR) return status_from_errno(errno);
    }
    if (!write_user(event, &(ULONG){ value }, sizeof(*event))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ReadConsoleW over the terminal the input handle is on: the terminal sends
 * UTF-8 and its line discipline edits the line, so in line mode a call gets
 * the line with Windows' CR LF ending; text beyond what the caller's buffer
 * holds waits for the next call, as the console keeps it on Windows.  The end
 * of input (Ctrl-D on an empty line) is a read of nothing, which is how
 * programs see Ctrl-Z on Windows.
 */
#include "kernel32_private.h"

/* ReadConsoleW's optional last argument (consoleapi.h's CONSOLE_READCONSOLE_CONTROL). */
struct read_control
{
    ULONG length;
    ULONG initial_chars;    /* characters already in the buffer, kept before what is read */
    ULONG wakeup_mask;
    ULONG key_state;
};

static RTL_SRWLOCK read_lock;     /* kernel32's own SRW exports forward to these */
static WCHAR pending[4096];         /* converted text not yet handed out */
static DWORD pending_count;
static char partial[4];             /* the start of a UTF-8 sequence a read cut off */
static DWORD partial_count;

/* Reads once from the terminal and converts what came; FALSE on a read error, TRUE with
 * nothing pending at the end of input. */
static BOOL fill_pending(HANDLE handle, BOOL line_mode)
{
    char bytes[1024 + sizeof(partial)];
    DWORD got, len, complete;
    WCHAR *out = pending;

    memcpy(bytes, partial, partial_count);
    if (!ReadFile(handle, bytes + partial_count, 1024, &got, NULL)) return FALSE;
    len = partial_count + got;
    partial_count = 0;
    if (!got) return TRUE;
    /* keep back an incomplete sequence at the end: its other bytes come with the next read */
    complete = len;
    for (DWORD back = 1; back <= 3 && back <= len; back++)
    {
        unsigned char c = bytes[len - back];
        if ((c & 0xc0) == 0x80) continue;
        if (c >= 0xc0 && back < (c >= 0xf0 ? 4u : c >= 0xe0 ? 3u : 2u)) complete = len - back;
        break;
    }
    partial_count = len - complete;
    memcpy(partial, bytes + complete, partial_count);
    for (DWORD start = 0, i = 0; i <= complete; i++)
    {
        /* in line mode the line ends as a Windows console ends it, with CR LF */
        if (i < complete && !(line_mode && bytes[i] == '\n')) continue;
        if (i > start)
            out += MultiByteToWideChar(CP_UTF8, 0, bytes + start, i - start, out, pending + ARRAYSIZE(pending) - out);
        if (i < complete)
        {
            *out++ = '\r';
            *out++ = '\n';
        }
        start = i + 1;
    }
    pending_count = out - pending;
    return TRUE;
}

BOOL WINAPI ReadConsoleW(HANDLE handle, void *buffer, DWORD count, DWORD *read, void *control)
{
    const struct read_control *ctl = control;
    DWORD mode, initial = 0, n;
    WCHAR *out = buffer;
    BOOL ret = TRUE;

    if (!GetConsoleMode(handle, &mode)) return FALSE;
    if (!buffer || !read)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (ctl && ctl->length >= sizeof(*ctl) && ctl->initial_chars <= count) initial = ctl->initial_chars;
    RtlAcquireSRWLockExclusive(&read_lock);
    if (!pending_count) ret = fill_pending(handle, (mode & ENABLE_LINE_INPUT) != 0);
    n = pending_count < count - initial ? pending_count : count - initial;
    memcpy(out + initial, pending, n * sizeof(WCHAR));
    memmove(pending, pending + n, (pending_count - n) * sizeof(WCHAR));
    pending_count -= n;
    RtlReleaseSRWLockExclusive(&read_lock);
    *read = ret ? initial + n : 0;
    return ret;
}

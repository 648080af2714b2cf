/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ThreadNameInformation: the description SetThreadDescription gives a thread and
 * GetThreadDescription reads back, from any thread with a handle to it.  The
 * Linux thread takes the first 15 bytes of it too (what ps and gdb show), as its
 * kernel keeps no more.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

static pthread_mutex_t name_lock = PTHREAD_MUTEX_INITIALIZER;

NTSTATUS thread_set_name(struct thread *thread, const void *info, ULONG length)
{
    THREAD_NAME_INFORMATION name;
    WCHAR *copy = NULL, *old;
    char *utf8;

    if (length != sizeof(name)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!read_user(&name, info, sizeof(name))) return STATUS_ACCESS_VIOLATION;
    if ((name.ThreadName.Length & 1) || name.ThreadName.Length > name.ThreadName.MaximumLength)
        return STATUS_INVALID_PARAMETER;
    if (name.ThreadName.Length)
    {
        if (!(copy = malloc(name.ThreadName.Length))) return STATUS_NO_MEMORY;
        if (!read_user(copy, name.ThreadName.Buffer, name.ThreadName.Length))
        {
            free(copy);
            return STATUS_ACCESS_VIOLATION;
        }
    }
    pthread_mutex_lock(&name_lock);
    old = thread->description;
    thread->description = copy;
    thread->description_bytes = name.ThreadName.Length;
    if (thread->pthread && !thread->terminated &&
        (utf8 = copy ? wide_to_utf8(copy, name.ThreadName.Length / sizeof(WCHAR)) : strdup("")))
    {
        /* the kernel's limit is 15 bytes and a null; cut at a character boundary */
        size_t len = strlen(utf8);
        if (len > 15) len = 15;
        while (len && (utf8[len] & 0xc0) == 0x80) len--;
        utf8[len] = 0;
        pthread_setname_np(thread->pthread, utf8);
        free(utf8);
    }
    pthread_mutex_unlock(&name_lock);
    free(old);
    return STATUS_SUCCESS;
}

/* The structure, then the name right after it, which its Buffer points at. */
NTSTATUS thread_query_name(struct thread *thread, void *info, ULONG length, ULONG *result)
{
    THREAD_NAME_INFORMATION *out = info;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG needed;

    pthread_mutex_lock(&name_lock);
    needed = sizeof(*out) + thread->description_bytes;
    if (length < needed) status = STATUS_BUFFER_TOO_SMALL;
    else if (!probe_user(info, needed, true)) status = STATUS_ACCESS_VIOLATION;
    else
    {
        out->ThreadName.Length = out->ThreadName.MaximumLength = thread->description_bytes;
        out->ThreadName.Buffer = (WCHAR *)(out + 1);
        /* a thread never named has no description at all: memcpy must not see its NULL */
        if (thread->description_bytes) memcpy(out + 1, thread->description, thread->description_bytes);
    }
    pthread_mutex_unlock(&name_lock);
    if (result) *result = needed;
    return status;
}

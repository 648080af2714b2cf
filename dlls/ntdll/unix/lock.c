/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Byte-range locks with Windows' rules, kept per inode inside the process (Linux's own record
 * locks are advisory, per process and merge ranges, which Windows' are not):
 *   - a lock belongs to the file object that took it, and goes when its last handle closes;
 *   - an exclusive request conflicts with any overlapping lock, a shared one with an overlapping
 *     exclusive lock -- whoever holds it, the same handle included;
 *   - locks are mandatory: a read overlapping another handle's exclusive lock fails, a write
 *     overlapping a shared lock or another handle's exclusive lock fails (STATUS_FILE_LOCK_CONFLICT);
 *   - a lock that cannot be granted fails at once (LOCKFILE_FAIL_IMMEDIATELY) or waits: pending on
 *     an overlapped handle, blocking on a synchronous one.
 * A range of zero bytes overlaps nothing.
 */
#include <stdlib.h>
#include "file.h"

struct byte_lock
{
    struct list entry;          /* in inode.locks */
    ULONGLONG start, end;       /* [start, end) */
    bool exclusive;
    struct file *owner;         /* not a reference: the lock goes before the file does */
    ULONG key;
};

struct lock_wait
{
    struct list entry;          /* in inode.lock_waiters */
    struct byte_lock lock;      /* what it asks for */
    struct async_req *req;
};

static pthread_mutex_t lock_mutex = PTHREAD_MUTEX_INITIALIZER;

void lock_inode_init(struct inode *inode)
{
    list_init(&inode->locks);
    list_init(&inode->lock_waiters);
    atomic_init(&inode->lock_count, 0);
}

static bool overlaps(ULONGLONG start, ULONGLONG end, const struct byte_lock *lock)
{
    return start < lock->end && lock->start < end;
}

static ULONGLONG range_end(ULONGLONG start, ULONGLONG length)
{
    /* a range that runs past the last offset ends there */
    return start + length < start ? ~(ULONGLONG)0 : start + length;
}

/* lock_mutex held */
static bool can_grant(struct inode *inode, const struct byte_lock *want)
{
    for (struct list *cur = inode->locks.next; cur != &inode->locks; cur = cur->next)
    {
        struct byte_lock *lock = LIST_ENTRY_OF(cur, struct byte_lock, entry);
        if (overlaps(want->start, want->end, lock) && (lock->exclusive || want->exclusive)) return false;
    }
    return true;
}

/* lock_mutex held */
static void add_lock(struct inode *inode, struct byte_lock *lock)
{
    list_add_tail(&inode->locks, &lock->entry);
    atomic_fetch_add(&inode->lock_count, 1);
}

/* lock_mutex held: the waiting requests that can now be granted, in the order they came, move to done */
static void grant_waiters(struct inode *inode, struct list *done)
{
    for (struct list *cur = inode->lock_waiters.next, *next; cur != &inode->lock_waiters; cur = next)
    {
        struct lock_wait *wait = LIST_ENTRY_OF(cur, struct lock_wait, entry);
        struct byte_lock *lock;
        next = cur->next;
        if (!can_grant(inode, &wait->lock) || !(lock = malloc(sizeof(*lock)))) continue;
        *lock = wait->lock;
        add_lock(inode, lock);
        list_remove(cur);
        list_add_tail(done, cur);
    }
}

static void finish_waits(struct list *done, NTSTATUS status)
{
    while (!list_empty(done))
    {
        struct lock_wait *wait = LIST_ENTRY_OF(done->next, struct lock_wait, entry);
        list_remove(&wait->entry);
        file_request_finish(wait->req, status);
        free(wait);
    }
}

NTSTATUS lock_check_io(struct file *file, ULONGLONG offset, ULONG length, bool write)
{
    ULONGLONG end = range_end(offset, length);
    NTSTATUS status = STATUS_SUCCESS;

    pthread_mutex_lock(&lock_mutex);
    for (struct list *cur = file->inode->locks.next; cur != &file->inode->locks && !status; cur = cur->next)
    {
        struct byte_lock *lock = LIST_ENTRY_OF(cur, struct byte_lock, entry);
        if (!overlaps(offset, end, lock)) continue;
        /* an exclusive lock stops everyone but its owner; a shared one stops every writer, its owner too */
        if (lock->exclusive ? lock->owner != file : write) status = STATUS_FILE_LOCK_CONFLICT;
    }
    pthread_mutex_unlock(&lock_mutex);
    return status;
}

NTSTATUS WINAPI NtLockFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, IO_STATUS_BLOCK *io,
                           LARGE_INTEGER *offset, LARGE_INTEGER *count, ULONG *key, BOOLEAN dont_wait,
                           BOOLEAN exclusive)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (offset && !probe_user(offset, sizeof(*offset), false)) return STATUS_ACCESS_VIOLATION;
    if (count && !probe_user(count, sizeof(*count), false)) return STATUS_ACCESS_VIOLATION;
    if (key && !probe_user(key, sizeof(*key), false)) return STATUS_ACCESS_VIOLATION;
    struct byte_lock *lock = NULL;
    struct lock_wait *wait = NULL;
    struct file_call call;
    struct file *file;
    NTSTATUS status;

    if (!offset || !count) return STATUS_INVALID_PARAMETER;
    if ((status = file_get(handle, &file))) return status;
    if (!file->inode) status = STATUS_INVALID_DEVICE_REQUEST;
    else if (!(file->access & (FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA))) status = STATUS_ACCESS_DENIED;
    else if (!(lock = malloc(sizeof(*lock))) || !(wait = malloc(sizeof(*wait)))) status = STATUS_NO_MEMORY;
    else status = file_call_begin(file, event, apc, apc_context, io, &call);
    if (status)
    {
        free(lock);
        free(wait);
        object_release(&file->obj);
        return status;
    }
    lock->start = offset->QuadPart;
    lock->end = range_end(offset->QuadPart, count->QuadPart);
    lock->exclusive = exclusive;
    lock->owner = file;
    lock->key = key ? *key : 0;

    pthread_mutex_lock(&lock_mutex);
    if (can_grant(file->inode, lock))
    {
        add_lock(file->inode, lock);
        lock = NULL;
        status = STATUS_SUCCESS;
    }
    else if (dont_wait) status = STATUS_LOCK_NOT_GRANTED;
    else
    {
        wait->lock = *lock;
        wait->req = call.req;
        file_call_pend(&call);
        list_add_tail(&file->inode->lock_waiters, &wait->entry);
        wait = NULL;
        status = STATUS_PENDING;
    }
    pthread_mutex_unlock(&lock_mutex);
    free(lock);
    free(wait);
    status = file_call_end(&call, status);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI NtUnlockFile(HANDLE handle, IO_STATUS_BLOCK *io, LARGE_INTEGER *offset, LARGE_INTEGER *count,
                             ULONG *key)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (offset && !probe_user(offset, sizeof(*offset), false)) return STATUS_ACCESS_VIOLATION;
    if (count && !probe_user(count, sizeof(*count), false)) return STATUS_ACCESS_VIOLATION;
    if (key && !probe_user(key, sizeof(*key), false)) return STATUS_ACCESS_VIOLATION;
    struct byte_lock *found = NULL;
    struct file *file;
    struct list done;
    ULONGLONG start, end;
    NTSTATUS status;

    if (!offset || !count) return STATUS_INVALID_PARAMETER;
    if ((status = file_get(handle, &file))) return status;
    if (!file->inode)
    {
        object_release(&file->obj);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    start = offset->QuadPart;
    end = range_end(start, count->QuadPart);
    list_init(&done);
    pthread_mutex_lock(&lock_mutex);
    /* only a lock exactly as it was taken, through this file object, with the same key */
    for (struct list *cur = file->inode->locks.next; cur != &file->inode->locks; cur = cur->next)
    {
        struct byte_lock *lock = LIST_ENTRY_OF(cur, struct byte_lock, entry);
        if (lock->owner == file && lock->start == start && lock->end == end && lock->key == (key ? *key : 0))
        {
            found = lock;
            break;
        }
    }
    if (found)
    {
        list_remove(&found->entry);
        atomic_fetch_sub(&file->inode->lock_count, 1);
        grant_waiters(file->inode, &done);
    }
    pthread_mutex_unlock(&lock_mutex);
    free(found);
    finish_waits(&done, STATUS_SUCCESS);
    if (!found) status = STATUS_RANGE_NOT_LOCKED;
    else if (io)
    {
        io->Status = STATUS_SUCCESS;
        io->Information = 0;
    }
    object_release(&file->obj);
    return status;
}

/* The file's last handle is gone: its locks are released and its waiting requests end. */
void lock_file_closed(struct file *file)
{
    struct inode *inode = file->inode;
    struct list done, cancelled;

    list_init(&done);
    list_init(&cancelled);
    pthread_mutex_lock(&lock_mutex);
    for (struct list *cur = inode->locks.next, *next; cur != &inode->locks; cur = next)
    {
        struct byte_lock *lock = LIST_ENTRY_OF(cur, struct byte_lock, entry);
        next = cur->next;
        if (lock->owner != file) continue;
        list_remove(cur);
        atomic_fetch_sub(&inode->lock_count, 1);
        free(lock);
    }
    for (struct list *cur = inode->lock_waiters.next, *next; cur != &inode->lock_waiters; cur = next)
    {
        struct lock_wait *wait = LIST_ENTRY_OF(cur, struct lock_wait, entry);
        next = cur->next;
        if (wait->lock.owner != file) continue;
        list_remove(cur);
        list_add_tail(&cancelled, cur);
    }
    grant_waiters(inode, &done);
    pthread_mutex_unlock(&lock_mutex);
    finish_waits(&cancelled, STATUS_CANCELLED);
    finish_waits(&done, STATUS_SUCCESS);
}

void lock_cancel(struct file *file, const IO_STATUS_BLOCK *iosb, const struct thread *issuer, bool *found)
{
    struct inode *inode = file->inode;
    struct list cancelled;

    list_init(&cancelled);
    pthread_mutex_lock(&lock_mutex);
    for (struct list *cur = inode->lock_waiters.next, *next; cur != &inode->lock_waiters; cur = next)
    {
        struct lock_wait *wait = LIST_ENTRY_OF(cur, struct lock_wait, entry);
        next = cur->next;
        if (wait->lock.owner != file || !file_request_matches(wait->req, iosb, issuer)) continue;
        list_remove(cur);
        list_add_tail(&cancelled, cur);
        *found = true;
    }
    pthread_mutex_unlock(&lock_mutex);
    finish_waits(&cancelled, STATUS_CANCELLED);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The process's handle table.  Handles are multiples of 4 as on Windows; the
 * table is two-level so that it can grow without moving entries.  Freed slots
 * go to the back of a FIFO so that a stale handle value is reused as late as
 * possible.
 */
#include <pthread.h>
#include <stdlib.h>
#include "private.h"

#define CHUNK_BITS   10
#define CHUNK_SIZE   (1u << CHUNK_BITS)
#define MAX_CHUNKS   1024

struct handle_entry
{
    struct object *obj;
    ACCESS_MASK access;
    unsigned int next_free;
    OBJECT_DATA_INFORMATION flags;  /* inherit (kept for child processes, which do not exist yet), protect */
};

static struct handle_entry *chunks[MAX_CHUNKS];
static unsigned int used_slots;         /* slots handed out at least once */
static unsigned int free_head, free_tail; /* 1-based slot numbers, 0 = none */
static unsigned int free_count;
/* freed slots wait in the queue until this many have gathered, so a stale value stays invalid for a while */
#define REUSE_AFTER 256
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;

void object_init(struct object *obj, const struct object_ops *ops)
{
    obj->ops = ops;
    atomic_init(&obj->refcount, 1);
    atomic_init(&obj->handle_count, 0);
    atomic_init(&obj->nwaiters, 0);
    list_init(&obj->waiters);
    obj->name = NULL;
}

struct object *object_grab(struct object *obj)
{
    atomic_fetch_add_explicit(&obj->refcount, 1, memory_order_relaxed);
    return obj;
}

struct object *object_grab_unless_dead(struct object *obj)
{
    int refs = atomic_load(&obj->refcount);
    while (refs > 0)
        if (atomic_compare_exchange_weak(&obj->refcount, &refs, refs + 1)) return obj;
    return NULL;
}

void object_release(struct object *obj)
{
    if (atomic_fetch_sub_explicit(&obj->refcount, 1, memory_order_acq_rel) == 1) obj->ops->destroy(obj);
}

static struct handle_entry *entry_of(unsigned int slot)
{
    struct handle_entry *chunk = chunks[slot >> CHUNK_BITS];
    return chunk ? &chunk[slot & (CHUNK_SIZE - 1)] : NULL;
}

/* Handle 0 is never valid, so slot n is handle (n + 1) * 4. */
static HANDLE slot_to_handle(unsigned int slot)
{
    return ULongToHandle((slot + 1) * 4);
}

/* Windows ignores a handle's two low bits (programs keep tags there), so
 * handle | 1 is the same handle; pseudo-handles are too large to be slots. */
static bool handle_to_slot(HANDLE handle, unsigned int *slot)
{
    ULONG_PTR value = (ULONG_PTR)handle & ~(ULONG_PTR)3;
    if (!value || value / 4 > (ULONG_PTR)MAX_CHUNKS * CHUNK_SIZE) return false;
    *slot = value / 4 - 1;
    return true;
}

NTSTATUS handle_alloc(struct object *obj, ACCESS_MASK access, HANDLE *handle)
{
    unsigned int slot;
    struct handle_entry *entry;

    pthread_rwlock_wrlock(&table_lock);
    if (free_count > REUSE_AFTER || (free_head && used_slots >= MAX_CHUNKS * CHUNK_SIZE))
    {
        free_count--;
        slot = free_head - 1;
        entry = entry_of(slot);
        free_head = entry->next_free;
        if (!free_head) free_tail = 0;
    }
    else
    {
        slot = used_slots;
        if (slot >= MAX_CHUNKS * CHUNK_SIZE) goto full;
        if (!chunks[slot >> CHUNK_BITS] && !(chunks[slot >> CHUNK_BITS] = calloc(CHUNK_SIZE, sizeof(struct handle_entry))))
            goto full;
        used_slots++;
        entry = entry_of(slot);
    }
    entry->obj = object_grab(obj);
    atomic_fetch_add(&obj->handle_count, 1);
    entry->access = access;
    entry->next_free = 0;
    entry->flags.InheritHandle = entry->flags.ProtectFromClose = FALSE;
    pthread_rwlock_unlock(&table_lock);
    /* the out-pointer is often the program's: Windows probes it before creating
     * anything, so a bad one fails the call and leaves no handle behind */
    if (!write_user(handle, &(HANDLE){ slot_to_handle(slot) }, sizeof(HANDLE)))
    {
        NtClose(slot_to_handle(slot));
        return STATUS_ACCESS_VIOLATION;
    }
    return STATUS_SUCCESS;

full:
    pthread_rwlock_unlock(&table_lock);
    return STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS handle_ref(HANDLE handle, const struct object_ops *ops, struct object **obj)
{
    return handle_ref_access(handle, ops, 0, obj);
}

/* GetCurrentProcess()'s pseudo-handle names this process, which a wait in it
 * can never see ended: an object that is never signalled and never freed. */
static bool process_signaled(struct object *obj, struct thread *thread)
{
    (void)obj; (void)thread;
    return false;
}

const struct object_ops process_ops = { "process", NULL, process_signaled, NULL };
static struct object current_process_obj;
static pthread_once_t current_process_once = PTHREAD_ONCE_INIT;

static void init_current_process(void)
{
    object_init(&current_process_obj, &process_ops);
}

NTSTATUS handle_ref_access(HANDLE handle, const struct object_ops *ops, ACCESS_MASK needed, struct object **obj)
{
    unsigned int slot;
    struct handle_entry *entry;
    NTSTATUS status = STATUS_INVALID_HANDLE;

    if (handle == NtCurrentProcess())
    {
        if (ops && ops != &process_ops) return STATUS_OBJECT_TYPE_MISMATCH;
        pthread_once(&current_process_once, init_current_process);
        *obj = object_grab(&current_process_obj);
        return STATUS_SUCCESS;
    }
    /* GetCurrentThread()'s pseudo-handle */
    if (handle == (HANDLE)~(ULONG_PTR)1 && current_thread)
    {
        if (ops && ops != &thread_ops) return STATUS_OBJECT_TYPE_MISMATCH;
        *obj = object_grab(&current_thread->obj);
        return STATUS_SUCCESS;
    }
    if (!handle_to_slot(handle, &slot)) return STATUS_INVALID_HANDLE;
    pthread_rwlock_rdlock(&table_lock);
    if (slot < used_slots && (entry = entry_of(slot)) && entry->obj)
    {
        if (ops && entry->obj->ops != ops) status = STATUS_OBJECT_TYPE_MISMATCH;
        else if ((entry->access & needed) != needed) status = STATUS_ACCESS_DENIED;
        else
        {
            *obj = object_grab(entry->obj);
            status = STATUS_SUCCESS;
        }
    }
    pthread_rwlock_unlock(&table_lock);
    return status;
}

NTSTATUS WINAPI NtClose(HANDLE handle)
{
    unsigned int slot;
    struct handle_entry *entry;
    struct object *obj = NULL;
    NTSTATUS status = STATUS_INVALID_HANDLE;

    if (!handle_to_slot(handle, &slot)) return STATUS_INVALID_HANDLE;
    pthread_rwlock_wrlock(&table_lock);
    if (slot < used_slots && (entry = entry_of(slot)) && entry->obj)
    {
        if (entry->flags.ProtectFromClose) status = STATUS_HANDLE_NOT_CLOSABLE;
        else
        {
            obj = entry->obj;
            entry->obj = NULL;
            if (free_tail) entry_of(free_tail - 1)->next_free = slot + 1;
            else free_head = slot + 1;
            free_tail = slot + 1;
            free_count++;
        }
    }
    pthread_rwlock_unlock(&table_lock);
    if (!obj) return status;
    if (atomic_fetch_sub(&obj->handle_count, 1) == 1 && obj->ops->last_handle_closed)
        obj->ops->last_handle_closed(obj);
    object_release(obj);
    return STATUS_SUCCESS;
}

/* The handle's flags (ObjectDataInformation, Windows' ObjectHandleFlagInformation), read or
 * written under the table lock. */
static NTSTATUS handle_flags(HANDLE handle, OBJECT_DATA_INFORMATION *flags, bool set)
{
    struct handle_entry *entry;
    NTSTATUS status = STATUS_INVALID_HANDLE;
    unsigned int slot;

    if (!handle_to_slot(handle, &slot)) return STATUS_INVALID_HANDLE;
    pthread_rwlock_wrlock(&table_lock);
    if (slot < used_slots && (entry = entry_of(slot)) && entry->obj)
    {
        if (set) entry->flags = *flags;
        else *flags = entry->flags;
        status = STATUS_SUCCESS;
    }
    pthread_rwlock_unlock(&table_lock);
    return status;
}

NTSTATUS WINAPI NtQueryObject(HANDLE handle, OBJECT_INFORMATION_CLASS klass, void *info, ULONG length,
                              ULONG *ret_length)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (ret_length && !probe_user(ret_length, sizeof(*ret_length), true)) return STATUS_ACCESS_VIOLATION;
    OBJECT_DATA_INFORMATION flags;
    NTSTATUS status;

    if (klass != ObjectDataInformation) return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(flags)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_flags(handle, &flags, false))) return status;
    if (!write_user(info, &flags, sizeof(flags))) return STATUS_ACCESS_VIOLATION;
    if (ret_length && !write_user(ret_length, &(ULONG){ sizeof(flags) }, sizeof(ULONG))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtSetInformationObject(HANDLE handle, OBJECT_INFORMATION_CLASS klass, void *info, ULONG length)
{
    if (!probe_user(info, length, false)) return STATUS_ACCESS_VIOLATION;
    OBJECT_DATA_INFORMATION flags;

    if (klass != ObjectDataInformation) return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(flags)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!probe_user(info, sizeof(flags), false)) return STATUS_ACCESS_VIOLATION;
    flags = *(OBJECT_DATA_INFORMATION *)info;
    return handle_flags(handle, &flags, true);
}

/* The only process a handle can name is the current one: anything else is a bad
 * handle or, for another kind of object, the wrong type. */
NTSTATUS check_process(HANDLE process)
{
    struct object *obj;
    NTSTATUS status;

    if (process == NtCurrentProcess()) return STATUS_SUCCESS;
    if (!(status = handle_ref(process, &process_ops, &obj))) object_release(obj);
    return status;
}

NTSTATUS WINAPI NtDuplicateObject(HANDLE src_process, HANDLE src, HANDLE dst_process, HANDLE *dst,
                                  ACCESS_MASK access, ULONG attributes, ULONG options)
{
    if (dst && !probe_user(dst, sizeof(*dst), true)) return STATUS_ACCESS_VIOLATION;
    struct object *obj;
    NTSTATUS status;
    (void)attributes;

    if ((status = check_process(src_process))) return status;
    if (dst_process && (status = check_process(dst_process))) return status;
    if ((status = handle_ref(src, NULL, &obj))) return status;
    if ((options & DUPLICATE_SAME_ACCESS) || obj->ops->duplicate_access)
    {
        unsigned int slot = 0;
        /* a pseudo-handle stands for every right on the current thread or process */
        ACCESS_MASK granted = STANDARD_RIGHTS_ALL | SPECIFIC_RIGHTS_ALL;
        if (handle_to_slot(src, &slot))
        {
            pthread_rwlock_rdlock(&table_lock);
            granted = entry_of(slot)->access;
            pthread_rwlock_unlock(&table_lock);
        }
        if (options & DUPLICATE_SAME_ACCESS) access = granted;
        else if ((access = obj->ops->duplicate_access(access)) & ~granted) status = STATUS_ACCESS_DENIED;
    }
    if (!status) status = dst ? handle_alloc(obj, access, dst) : STATUS_SUCCESS;
    object_release(obj);
    if (options & DUPLICATE_CLOSE_SOURCE) NtClose(src);
    return status;
}

ACCESS_MASK map_generic_access(ACCESS_MASK access, const GENERIC_MAPPING *mapping)
{
    if (access & MAXIMUM_ALLOWED) access |= mapping->GenericAll;
    if (access & GENERIC_READ) access |= mapping->GenericRead;
    if (access & GENERIC_WRITE) access |= mapping->GenericWrite;
    if (access & GENERIC_EXECUTE) access |= mapping->GenericExecute;
    if (access & GENERIC_ALL) access |= mapping->GenericAll;
    return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED);
}

void init_adaptive_mutex(pthread_mutex_t *mutex)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
    pthread_mutex_init(mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Events, semaphores, mutexes and keyed events, and the names objects can be
 * created under.  Their state is changed only with the sync lock held
 * (wait.c), so a wait sees every object of a wait-all at one instant.
 */
#include <stdlib.h>
#include <string.h>
#include "private.h"

/* ------------------------------------------------------------------ names */

/* Named objects of this process; an object leaves the list when it is destroyed. */
static struct name_entry
{
    struct name_entry *next;
    struct object *obj;
} *names;
/* its own lock: an object's last release, under the sync lock, unnames it */
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;

static bool name_equal(const WCHAR *a, const UNICODE_STRING *b, bool case_insensitive)
{
    size_t len = b->Length / sizeof(WCHAR);
    for (size_t i = 0; i < len; i++)
    {
        WCHAR x = a[i], y = b->Buffer[i];
        if (!x) return false;
        if (case_insensitive)
        {
            if (x >= 'a' && x <= 'z') x -= 0x20;
            if (y >= 'a' && y <= 'z') y -= 0x20;
        }
        if (x != y) return false;
    }
    return !a[len];
}

static bool has_name(const OBJECT_ATTRIBUTES *attr)
{
    return attr && attr->ObjectName && attr->ObjectName->Length;
}

/* With the names lock held: the object of that name (a new reference), or NULL. */
static struct object *find_name(const OBJECT_ATTRIBUTES *attr)
{
    for (struct name_entry *e = names; e; e = e->next)
        /* an object whose last reference is gone is on its way out: it is not found */
        if (name_equal(e->obj->name, attr->ObjectName, attr->Attributes & OBJ_CASE_INSENSITIVE))
            return object_grab_unless_dead(e->obj);
    return NULL;
}

static void unname(struct object *obj)
{
    if (!obj->name) return;
    pthread_mutex_lock(&names_lock);
    for (struct name_entry **e = &names; *e; e = &(*e)->next)
        if ((*e)->obj == obj)
        {
            struct name_entry *dead = *e;
            *e = dead->next;
            free(dead);
            break;
        }
    pthread_mutex_unlock(&names_lock);
    free(obj->name);
}

NTSTATUS name_lookup(const OBJECT_ATTRIBUTES *attr, const struct object_ops *ops, struct object **obj)
{
    if (!has_name(attr)) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    pthread_mutex_lock(&names_lock);
    *obj = find_name(attr);
    pthread_mutex_unlock(&names_lock);
    if (!*obj) return STATUS_OBJECT_NAME_NOT_FOUND;
    if ((*obj)->ops != ops)
    {
        object_release(*obj);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    return STATUS_SUCCESS;
}

/*
 * Creates a handle to a new object, or, when the name exists, to the existing
 * one with STATUS_OBJECT_NAME_EXISTS (a different type is a mismatch), as the
 * Create* functions do on Windows.
 */
static const GENERIC_MAPPING event_mapping = {
    STANDARD_RIGHTS_READ | EVENT_QUERY_STATE, STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, EVENT_ALL_ACCESS };
static const GENERIC_MAPPING semaphore_mapping = {
    STANDARD_RIGHTS_READ | SEMAPHORE_QUERY_STATE, STANDARD_RIGHTS_WRITE | SEMAPHORE_MODIFY_STATE,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, SEMAPHORE_ALL_ACCESS };
static const GENERIC_MAPPING mutex_mapping = {
    STANDARD_RIGHTS_READ | MUTANT_QUERY_STATE, STANDARD_RIGHTS_WRITE,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, MUTANT_ALL_ACCESS };
/* keyed event rights (wdm.h; not in Wine's public headers) */
#define KEYEDEVENT_WAIT       0x0001
#define KEYEDEVENT_WAKE       0x0002
#define KEYEDEVENT_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | KEYEDEVENT_WAIT | KEYEDEVENT_WAKE)
static const GENERIC_MAPPING keyed_event_mapping = {
    STANDARD_RIGHTS_READ | KEYEDEVENT_WAIT, STANDARD_RIGHTS_WRITE | KEYEDEVENT_WAKE,
    STANDARD_RIGHTS_EXECUTE, KEYEDEVENT_ALL_ACCESS };

static const GENERIC_MAPPING timer_mapping = {
    STANDARD_RIGHTS_READ | TIMER_QUERY_STATE, STANDARD_RIGHTS_WRITE | TIMER_MODIFY_STATE,
    STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE, TIMER_ALL_ACCESS };

static const GENERIC_MAPPING section_mapping = {
    STANDARD_RIGHTS_READ | SECTION_QUERY | SECTION_MAP_READ, STANDARD_RIGHTS_WRITE | SECTION_MAP_WRITE,
    STANDARD_RIGHTS_EXECUTE | SECTION_MAP_EXECUTE, SECTION_ALL_ACCESS };

static const GENERIC_MAPPING *mapping_of(const struct object *obj);
static NTSTATUS create_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                             struct object *fresh);
static NTSTATUS open_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                           const struct object_ops *ops);

NTSTATUS sync_create_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, struct object *fresh)
{
    return create_named(handle, access, attr, fresh);
}

NTSTATUS sync_open_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                         const struct object_ops *ops)
{
    return open_named(handle, access, attr, ops);
}

static NTSTATUS create_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                             struct object *fresh)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct object *obj = fresh;

    access = map_generic_access(access, mapping_of(fresh));
    if (has_name(attr))
    {
        pthread_mutex_lock(&names_lock);
        struct object *existing = find_name(attr);
        if (existing)
        {
            const struct object_ops *ops = fresh->ops;
            pthread_mutex_unlock(&names_lock);
            object_release(fresh);
            if (existing->ops != ops)
            {
                object_release(existing);
                return STATUS_OBJECT_TYPE_MISMATCH;
            }
            /* without OBJ_OPENIF an existing name is a collision; with it, the object is opened */
            if (!(attr->Attributes & OBJ_OPENIF))
            {
                object_release(existing);
                return STATUS_OBJECT_NAME_COLLISION;
            }
            obj = existing;
            status = STATUS_OBJECT_NAME_EXISTS;
        }
        else
        {
            struct name_entry *e = malloc(sizeof(*e));
            size_t len = attr->ObjectName->Length / sizeof(WCHAR);
            WCHAR *name = malloc((len + 1) * sizeof(WCHAR));
            if (!e || !name)
            {
                pthread_mutex_unlock(&names_lock);
                free(e);
                free(name);
                object_release(fresh);
                return STATUS_NO_MEMORY;
            }
            memcpy(name, attr->ObjectName->Buffer, len * sizeof(WCHAR));
            name[len] = 0;
            fresh->name = name;
            e->obj = fresh;
            e->next = names;
            names = e;
            pthread_mutex_unlock(&names_lock);
        }
    }
    NTSTATUS alloc = handle_alloc(obj, access, handle);
    object_release(obj);
    return alloc ? alloc : status;
}

static NTSTATUS open_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                           const struct object_ops *ops)
{
    struct object *obj;
    NTSTATUS status;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if ((status = name_lookup(attr, ops, &obj))) return status;
    /* Opening asks for rights the object grants: none at all, or a right the
     * type does not define, is refused; the SACL right needs a privilege no
     * Wring process holds.  Creating is not checked: the creator gets all. */
    ACCESS_MASK mapped = map_generic_access(access, mapping_of(obj));
    if (access & ACCESS_SYSTEM_SECURITY) status = STATUS_PRIVILEGE_NOT_HELD;
    else if (!mapped || (mapped & ~mapping_of(obj)->GenericAll)) status = STATUS_ACCESS_DENIED;
    else status = handle_alloc(obj, mapped, handle);
    object_release(obj);
    return status;
}

/* ------------------------------------------------------------------ events */

struct event
{
    struct object obj;
    bool manual;
    bool signaled;
};

void object_unname(struct object *obj)
{
    unname(obj);
}

static void named_destroy(struct object *obj)
{
    unname(obj);
    free(obj);
}

static bool event_signaled(struct object *obj, struct thread *thread)
{
    return ((struct event *)obj)->signaled;
}

static NTSTATUS event_satisfy(struct object *obj, struct thread *thread)
{
    struct event *event = (struct event *)obj;
    if (!event->manual) event->signaled = false;
    return STATUS_SUCCESS;
}

static const struct object_ops event_ops = { "event", named_destroy, event_signaled, event_satisfy };

NTSTATUS WINAPI NtCreateEvent(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, EVENT_TYPE type,
                              BOOLEAN state)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct event *event;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (type != NotificationEvent && type != SynchronizationEvent) return STATUS_INVALID_PARAMETER;
    if (!(event = calloc(1, sizeof(*event)))) return STATUS_NO_MEMORY;
    object_init(&event->obj, &event_ops);
    event->manual = type == NotificationEvent;
    event->signaled = state;
    return create_named(handle, access, attr, &event->obj);
}

NTSTATUS WINAPI NtOpenEvent(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return open_named(handle, access, attr, &event_ops);
}

enum event_op { EVENT_SET, EVENT_RESET, EVENT_PULSE };

static NTSTATUS change_event(HANDLE handle, LONG *prev, enum event_op op)
{
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    struct event *event;
    NTSTATUS status;
    if ((status = handle_ref_access(handle, &event_ops, EVENT_MODIFY_STATE, (struct object **)&event))) return status;
    sync_lock();
    if (prev) *prev = event->signaled;
    if (op == EVENT_RESET) event->signaled = false;
    else
    {
        event->signaled = true;
        wake_waiters(&event->obj);
        /* a pulse releases whoever was waiting at this instant, then leaves the event reset */
        if (op == EVENT_PULSE) event->signaled = false;
    }
    sync_unlock();
    object_release(&event->obj);
    return STATUS_SUCCESS;
}

bool is_event(struct object *obj)
{
    return obj->ops == &event_ops;
}

void event_set_locked(struct object *obj)
{
    ((struct event *)obj)->signaled = true;
    wake_waiters(obj);
}

NTSTATUS event_set_object(struct object *obj)
{
    sync_lock();
    event_set_locked(obj);
    sync_unlock();
    return STATUS_SUCCESS;
}

void event_reset_object(struct object *obj)
{
    sync_lock();
    ((struct event *)obj)->signaled = false;
    sync_unlock();
}

NTSTATUS WINAPI NtSetEvent(HANDLE handle, LONG *prev)
{
    return change_event(handle, prev, EVENT_SET);
}

NTSTATUS WINAPI NtResetEvent(HANDLE handle, LONG *prev)
{
    return change_event(handle, prev, EVENT_RESET);
}

NTSTATUS WINAPI NtPulseEvent(HANDLE handle, LONG *prev)
{
    return change_event(handle, prev, EVENT_PULSE);
}

NTSTATUS WINAPI NtQueryEvent(HANDLE handle, EVENT_INFORMATION_CLASS klass, void *info, ULONG length, ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct event *event;
    EVENT_BASIC_INFORMATION *basic = info;
    NTSTATUS status;
    if (klass != EventBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length != sizeof(*basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_ref(handle, &event_ops, (struct object **)&event))) return status;
    sync_lock();
    basic->EventType = event->manual ? NotificationEvent : SynchronizationEvent;
    basic->EventState = event->signaled;
    sync_unlock();
    if (result) *result = sizeof(*basic);
    object_release(&event->obj);
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ semaphores */

struct semaphore
{
    struct object obj;
    LONG count, max;
};

static bool semaphore_signaled(struct object *obj, struct thread *thread)
{
    return ((struct semaphore *)obj)->count > 0;
}

static NTSTATUS semaphore_satisfy(struct object *obj, struct thread *thread)
{
    ((struct semaphore *)obj)->count--;
    return STATUS_SUCCESS;
}

static const struct object_ops semaphore_ops = { "semaphore", named_destroy, semaphore_signaled, semaphore_satisfy };

NTSTATUS WINAPI NtCreateSemaphore(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, LONG initial,
                                  LONG max)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct semaphore *sem;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (max <= 0 || initial < 0 || initial > max) return STATUS_INVALID_PARAMETER;
    if (!(sem = calloc(1, sizeof(*sem)))) return STATUS_NO_MEMORY;
    object_init(&sem->obj, &semaphore_ops);
    sem->count = initial;
    sem->max = max;
    return create_named(handle, access, attr, &sem->obj);
}

NTSTATUS WINAPI NtOpenSemaphore(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return open_named(handle, access, attr, &semaphore_ops);
}

NTSTATUS WINAPI NtReleaseSemaphore(HANDLE handle, ULONG count, ULONG *prev)
{
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    struct semaphore *sem;
    NTSTATUS status;
    if ((LONG)count <= 0) return STATUS_INVALID_PARAMETER;
    if ((status = handle_ref_access(handle, &semaphore_ops, SEMAPHORE_MODIFY_STATE, (struct object **)&sem)))
        return status;
    sync_lock();
    if ((LONG)count <= 0 || (ULONG)sem->count + count > (ULONG)sem->max) status = STATUS_SEMAPHORE_LIMIT_EXCEEDED;
    else
    {
        if (prev) *prev = sem->count;
        sem->count += count;
        wake_waiters(&sem->obj);
    }
    sync_unlock();
    object_release(&sem->obj);
    return status;
}

NTSTATUS WINAPI NtQuerySemaphore(HANDLE handle, SEMAPHORE_INFORMATION_CLASS klass, void *info, ULONG length,
                                 ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct semaphore *sem;
    SEMAPHORE_BASIC_INFORMATION *basic = info;
    NTSTATUS status;
    if (klass != SemaphoreBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length != sizeof(*basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_ref(handle, &semaphore_ops, (struct object **)&sem))) return status;
    sync_lock();
    basic->CurrentCount = sem->count;
    basic->MaximumCount = sem->max;
    sync_unlock();
    if (result) *result = sizeof(*basic);
    object_release(&sem->obj);
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ mutexes */

struct mutex
{
    struct object obj;
    struct thread *owner;
    LONG recursion;
    bool abandoned;
    struct list owned_link;     /* in the owner's list */
};

static bool mutex_signaled(struct object *obj, struct thread *thread)
{
    struct mutex *mutex = (struct mutex *)obj;
    return !mutex->owner || mutex->owner == thread;
}

static NTSTATUS mutex_satisfy(struct object *obj, struct thread *thread)
{
    struct mutex *mutex = (struct mutex *)obj;
    if (mutex->owner == thread)
    {
        mutex->recursion++;
        return STATUS_SUCCESS;
    }
    /* the owner keeps the mutex alive: it may close its last handle while still owning it */
    mutex->owner = thread;
    mutex->recursion = 1;
    object_grab(&mutex->obj);
    list_add_tail(&thread->mutexes, &mutex->owned_link);
    if (mutex->abandoned)
    {
        mutex->abandoned = false;
        return STATUS_ABANDONED;
    }
    return STATUS_SUCCESS;
}

static const struct object_ops mutex_ops = { "mutex", named_destroy, mutex_signaled, mutex_satisfy };

bool is_mutex(struct object *obj)
{
    return obj->ops == &mutex_ops;
}

NTSTATUS WINAPI NtCreateMutant(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, BOOLEAN owned)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct mutex *mutex;
    NTSTATUS status;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (!(mutex = calloc(1, sizeof(*mutex)))) return STATUS_NO_MEMORY;
    object_init(&mutex->obj, &mutex_ops);
    list_init(&mutex->owned_link);
    /* keep a reference so ownership can be taken once the name is known to be new */
    object_grab(&mutex->obj);
    status = create_named(handle, access, attr, &mutex->obj);
    if (status == STATUS_SUCCESS && owned)
    {
        sync_lock();
        mutex_satisfy(&mutex->obj, current_thread);
        sync_unlock();
    }
    object_release(&mutex->obj);
    return status;
}

NTSTATUS WINAPI NtOpenMutant(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return open_named(handle, access, attr, &mutex_ops);
}

NTSTATUS WINAPI NtReleaseMutant(HANDLE handle, LONG *prev)
{
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    struct mutex *mutex;
    NTSTATUS status;
    if ((status = handle_ref(handle, &mutex_ops, (struct object **)&mutex))) return status;
    sync_lock();
    if (mutex->owner != current_thread) status = STATUS_MUTANT_NOT_OWNED;
    else
    {
        /* the previous count as NtQueryMutant reports it: 1 - recursion */
        if (prev) *prev = 1 - mutex->recursion;
        if (!--mutex->recursion)
        {
            mutex->owner = NULL;
            list_remove(&mutex->owned_link);
            wake_waiters(&mutex->obj);
            object_release(&mutex->obj);
        }
    }
    sync_unlock();
    object_release(&mutex->obj);
    return status;
}

NTSTATUS WINAPI NtQueryMutant(HANDLE handle, MUTANT_INFORMATION_CLASS klass, void *info, ULONG length,
                              ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct mutex *mutex;
    MUTANT_BASIC_INFORMATION *basic = info;
    NTSTATUS status;
    if (klass != MutantBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length != sizeof(*basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_ref(handle, &mutex_ops, (struct object **)&mutex))) return status;
    sync_lock();
    basic->CurrentCount = 1 - mutex->recursion;
    basic->OwnedByCaller = mutex->owner == current_thread;
    basic->AbandonedState = mutex->abandoned;
    sync_unlock();
    if (result) *result = sizeof(*basic);
    object_release(&mutex->obj);
    return STATUS_SUCCESS;
}

/* With the sync lock held: the mutexes of an exiting thread become abandoned and free. */
void mutexes_abandon(struct thread *thread)
{
    while (!list_empty(&thread->mutexes))
    {
        struct mutex *mutex = LIST_ENTRY_OF(thread->mutexes.next, struct mutex, owned_link);
        list_remove(&mutex->owned_link);
        mutex->owner = NULL;
        mutex->recursion = 0;
        mutex->abandoned = true;
        wake_waiters(&mutex->obj);
        object_release(&mutex->obj);
    }
}

/* ------------------------------------------------------------------ keyed events */

/*
 * A keyed event pairs a waiter and a releaser of the same key: whichever comes
 * second completes the first and returns; the first blocks until then.
 */
struct keyed_event
{
    struct object obj;
    struct list pending;        /* struct keyed_entry */
};

struct keyed_entry
{
    struct list link;
    const void *key;
    bool release;
    struct wait *wait;
};

static const struct object_ops keyed_event_ops = { "keyed event", named_destroy, NULL, NULL };

/* ------------------------------------------------------------------ object directories */

/* A directory object holds a name in the object namespace, so that creating it
 * twice collides and opening it finds it.  Wring's namespace is flat: names are
 * not looked up relative to a directory (a RootDirectory is refused where names
 * are resolved). */
static const struct object_ops directory_ops = { "directory", named_destroy, NULL, NULL };
/* directory rights (wdm.h; not in the headers the Unix side sees) */
#define DIRECTORY_QUERY               0x0001
#define DIRECTORY_TRAVERSE            0x0002
#define DIRECTORY_CREATE_OBJECT       0x0004
#define DIRECTORY_CREATE_SUBDIRECTORY 0x0008
#define DIRECTORY_ALL_ACCESS          (STANDARD_RIGHTS_REQUIRED | 0xf)
static const GENERIC_MAPPING directory_mapping = {
    STANDARD_RIGHTS_READ | DIRECTORY_QUERY | DIRECTORY_TRAVERSE,
    STANDARD_RIGHTS_WRITE | DIRECTORY_CREATE_OBJECT | DIRECTORY_CREATE_SUBDIRECTORY,
    STANDARD_RIGHTS_EXECUTE | DIRECTORY_QUERY | DIRECTORY_TRAVERSE, DIRECTORY_ALL_ACCESS };

NTSTATUS WINAPI NtCreateDirectoryObject(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct object *dir;

    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (attr && attr->RootDirectory) return STATUS_NOT_IMPLEMENTED;
    if (!(dir = calloc(1, sizeof(*dir)))) return STATUS_NO_MEMORY;
    object_init(dir, &directory_ops);
    return create_named(handle, access, attr, dir);
}

NTSTATUS WINAPI NtOpenDirectoryObject(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    if (attr && attr->RootDirectory) return STATUS_NOT_IMPLEMENTED;
    return open_named(handle, access, attr, &directory_ops);
}

static const GENERIC_MAPPING *mapping_of(const struct object *obj)
{
    if (obj->ops == &directory_ops) return &directory_mapping;
    if (obj->ops == &semaphore_ops) return &semaphore_mapping;
    if (obj->ops == &mutex_ops) return &mutex_mapping;
    if (obj->ops == &keyed_event_ops) return &keyed_event_mapping;
    if (obj->ops == &timer_ops) return &timer_mapping;
    if (obj->ops == &section_ops) return &section_mapping;
    return &event_mapping;
}

static struct keyed_event *global_keyed_event(void)
{
    /* a NULL handle means the process's own keyed event, as Windows' critical sections once used */
    static struct keyed_event global;
    if (!global.obj.ops)
    {
        object_init(&global.obj, &keyed_event_ops);
        list_init(&global.pending);
    }
    return &global;
}

NTSTATUS WINAPI NtCreateKeyedEvent(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, ULONG flags)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct keyed_event *ke;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (flags) return STATUS_INVALID_PARAMETER;
    if (!(ke = calloc(1, sizeof(*ke)))) return STATUS_NO_MEMORY;
    object_init(&ke->obj, &keyed_event_ops);
    list_init(&ke->pending);
    return create_named(handle, access, attr, &ke->obj);
}

NTSTATUS WINAPI NtOpenKeyedEvent(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return open_named(handle, access, attr, &keyed_event_ops);
}

static NTSTATUS keyed_event_op(HANDLE handle, const void *key, BOOLEAN alertable, const LARGE_INTEGER *timeout,
                               bool release)
{
    struct keyed_event *ke;
    struct keyed_entry entry;
    struct list *cur;
    NTSTATUS status;

    /* keys are even: the low bit is reserved */
    if ((ULONG_PTR)key & 1) return STATUS_INVALID_PARAMETER_1;
    if (!handle)
    {
        sync_lock();
        ke = global_keyed_event();
        object_grab(&ke->obj);
        sync_unlock();
    }
    else if ((status = handle_ref(handle, &keyed_event_ops, (struct object **)&ke))) return status;

    sync_lock();
    for (cur = ke->pending.next; cur != &ke->pending; cur = cur->next)
    {
        struct keyed_entry *other = LIST_ENTRY_OF(cur, struct keyed_entry, link);
        if (other->key == key && other->release != release)
        {
            list_remove(&other->link);
            complete_private_wait(other->wait, STATUS_SUCCESS);
            sync_unlock();
            object_release(&ke->obj);
            return STATUS_SUCCESS;
        }
    }
    entry.key = key;
    entry.release = release;
    if (!(entry.wait = private_wait_begin(alertable)))
    {
        sync_unlock();
        object_release(&ke->obj);
        return STATUS_NO_MEMORY;
    }
    list_add_tail(&ke->pending, &entry.link);
    status = private_wait_end(entry.wait, timeout, WAIT_REASON_USER);
    if (status != STATUS_SUCCESS)
    {
        /* timed out or interrupted: the partner never came, leave the queue */
        sync_lock();
        list_remove(&entry.link);
        sync_unlock();
    }
    object_release(&ke->obj);
    return status;
}

NTSTATUS WINAPI NtWaitForKeyedEvent(HANDLE handle, const void *key, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return keyed_event_op(handle, key, alertable, timeout, false);
}

NTSTATUS WINAPI NtReleaseKeyedEvent(HANDLE handle, const void *key, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return keyed_event_op(handle, key, alertable, timeout, true);
}

/* ------------------------------------------------------------------ signal and wait */

NTSTATUS WINAPI NtSignalAndWaitForSingleObject(HANDLE signal, HANDLE wait, BOOLEAN alertable,
                                               const LARGE_INTEGER *timeout)
{
    if (timeout && !probe_user((void *)timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    struct object *obj, *target;
    NTSTATUS status;

    if ((status = handle_ref(wait, NULL, &target))) return status;
    if ((status = handle_ref(signal, NULL, &obj)))
    {
        object_release(target);
        return status;
    }
    if (obj->ops == &event_ops) status = NtSetEvent(signal, NULL);
    else if (obj->ops == &semaphore_ops) status = NtReleaseSemaphore(signal, 1, NULL);
    else if (obj->ops == &mutex_ops) status = NtReleaseMutant(signal, NULL);
    else status = STATUS_OBJECT_TYPE_MISMATCH;
    object_release(obj);
    if (!status) status = wait_for_objects(1, &target, false, alertable, timeout);
    object_release(target);
    return status;
}

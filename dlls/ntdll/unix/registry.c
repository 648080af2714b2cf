/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Registry keys as NT objects: NtCreateKey, NtOpenKey(Ex) and the rest over
 * one tree in memory rooted at \REGISTRY, with \REGISTRY\MACHINE and
 * \REGISTRY\USER\<sid> backed by hive files under the prefix
 * (registry_file.c).  A handle is an ordinary entry in the handle table that
 * NtClose closes; it holds a reference on its key, so a key deleted while open
 * stays in memory, marked deleted, and answers STATUS_KEY_DELETED.
 *
 * The registry lives here, in the Unix side, rather than in ntdll's PE half
 * because it is shared between wring processes: only this side can take a
 * lock on a file and rename one over another, which is what keeps two
 * processes from losing each other's writes.
 *
 * Every call copies its input from the program, works under the registry
 * lock, and copies its result out once the answer is built.
 */
#include <stdlib.h>
#include <string.h>
#include "registry.h"

/* ASCII, Latin-1, Greek and Cyrillic case folding: the names programs compare
 * case-insensitively in the registry are, in practice, in these scripts. */
static WCHAR fold(WCHAR c)
{
    if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 0x20 : c;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 0x20;
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 0x20;
    if (c >= 0x430 && c <= 0x44f) return c - 0x20;
    if (c >= 0x450 && c <= 0x45f) return c - 0x50;
    return c;
}

int name_compare(const WCHAR *a, ULONG alen, const WCHAR *b, ULONG blen)
{
    for (ULONG i = 0; i < alen && i < blen; i++)
    {
        WCHAR ca = fold(a[i]), cb = fold(b[i]);
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

static WCHAR *wide_dup(const WCHAR *s, ULONG len)
{
    WCHAR *copy = malloc((len + 1) * sizeof(WCHAR));
    if (!copy) return NULL;
    memcpy(copy, s, len * sizeof(WCHAR));
    copy[len] = 0;
    return copy;
}

struct reg_key *key_alloc(const WCHAR *name, ULONG name_len)
{
    struct reg_key *key = calloc(1, sizeof(*key));
    if (!key) return NULL;
    if (!(key->name = wide_dup(name, name_len)))
    {
        free(key);
        return NULL;
    }
    key->name_len = name_len;
    key->refs = 1;
    key_now(key);
    return key;
}

void key_now(struct reg_key *key)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    /* FILETIME: 100 ns units since 1601 */
    key->modified.QuadPart = ((LONGLONG)ts.tv_sec + 11644473600LL) * 10000000 + ts.tv_nsec / 100;
}

static void free_values(struct reg_key *key)
{
    for (ULONG i = 0; i < key->nvalues; i++)
    {
        free(key->values[i].name);
        free(key->values[i].data);
    }
    free(key->values);
    key->values = NULL;
    key->nvalues = key->values_cap = 0;
}

void key_release(struct reg_key *key)
{
    if (--key->refs) return;
    free_values(key);
    free(key->subkeys);
    free(key->class_name);
    free(key->name);
    free(key);
}

void key_unlink(struct reg_key *key)
{
    key->deleted = true;
    key->parent = NULL;
    for (ULONG i = 0; i < key->nsubkeys; i++)
    {
        if (!key->subkeys[i]) continue;   /* taken over by hive_merge */
        key_unlink(key->subkeys[i]);
        key_release(key->subkeys[i]);
    }
    key->nsubkeys = 0;
    free_values(key);
}

ULONG key_find_subkey(const struct reg_key *key, const WCHAR *name, ULONG len, bool *found)
{
    ULONG lo = 0, hi = key->nsubkeys;
    while (lo < hi)
    {
        ULONG mid = lo + (hi - lo) / 2;
        int cmp = name_compare(key->subkeys[mid]->name, key->subkeys[mid]->name_len, name, len);
        if (!cmp)
        {
            *found = true;
            return mid;
        }
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
    }
    *found = false;
    return lo;
}

static bool grow(void **array, ULONG *cap, ULONG count, size_t elem)
{
    if (count < *cap) return true;
    ULONG new_cap = *cap ? *cap * 2 : 4;
    void *bigger = realloc(*array, new_cap * elem);
    if (!bigger) return false;
    *array = bigger;
    *cap = new_cap;
    return true;
}

bool key_reserve_subkey(struct reg_key *key)
{
    return grow((void **)&key->subkeys, &key->subkeys_cap, key->nsubkeys, sizeof(*key->subkeys));
}

void key_insert_subkey(struct reg_key *parent, ULONG index, struct reg_key *child)
{
    memmove(parent->subkeys + index + 1, parent->subkeys + index, (parent->nsubkeys - index) * sizeof(child));
    parent->subkeys[index] = child;
    parent->nsubkeys++;
    child->parent = parent;
}

static struct reg_value *find_value(struct reg_key *key, const WCHAR *name, ULONG len)
{
    for (ULONG i = 0; i < key->nvalues; i++)
        if (!name_compare(key->values[i].name, key->values[i].name_len, name, len)) return &key->values[i];
    return NULL;
}

NTSTATUS key_set_value(struct reg_key *key, const WCHAR *name, ULONG name_len, ULONG type,
                       const void *data, ULONG size)
{
    struct reg_value *value = find_value(key, name, name_len);
    BYTE *copy = malloc(size ? size : 1);

    if (!copy) return STATUS_NO_MEMORY;
    memcpy(copy, data, size);
    if (!value)
    {
        WCHAR *name_copy = wide_dup(name, name_len);
        if (!name_copy || !grow((void **)&key->values, &key->values_cap, key->nvalues, sizeof(*value)))
        {
            free(name_copy);
            free(copy);
            return STATUS_NO_MEMORY;
        }
        value = &key->values[key->nvalues++];
        value->name = name_copy;
        value->name_len = name_len;
        value->data = NULL;
    }
    free(value->data);
    value->data = copy;
    value->size = size;
    value->type = type;
    return STATUS_SUCCESS;
}

/* Both subkey arrays are sorted the same way, so one pass pairs them up.  A key
 * of ours the file no longer has was deleted by another process; one whose id
 * differs was deleted and created again. */
void hive_merge(struct reg_key *mem, struct reg_key *file)
{
    ULONG cap = mem->nsubkeys + file->nsubkeys + 1;
    struct reg_key **merged = malloc(cap * sizeof(*merged));
    ULONG i = 0, j = 0, n = 0;

    free_values(mem);
    mem->values = file->values;
    mem->nvalues = file->nvalues;
    mem->values_cap = file->values_cap;
    file->values = NULL;
    file->nvalues = file->values_cap = 0;
    free(mem->class_name);
    mem->class_name = file->class_name;
    mem->class_len = file->class_len;
    file->class_name = NULL;
    mem->modified = file->modified;
    mem->id = file->id;
    if (!merged) return;   /* out of memory: the subkeys stay as they were until the next merge */

    while (i < mem->nsubkeys || j < file->nsubkeys)
    {
        struct reg_key *m = i < mem->nsubkeys ? mem->subkeys[i] : NULL;
        struct reg_key *f = j < file->nsubkeys ? file->subkeys[j] : NULL;
        int cmp = !m ? 1 : !f ? -1 : name_compare(m->name, m->name_len, f->name, f->name_len);

        if (cmp < 0 || (cmp == 0 && m->id != f->id))
        {
            i++;
            if (m->is_volatile && cmp < 0)
            {
                merged[n++] = m;
                continue;
            }
            key_unlink(m);
            key_release(m);
            if (cmp < 0) continue;
        }
        else if (cmp == 0)
        {
            i++;
            hive_merge(m, f);
            merged[n++] = m;
            j++;
            continue;
        }
        /* the file's key is new to us: take it over whole */
        f->parent = mem;
        merged[n++] = f;
        file->subkeys[j++] = NULL;
    }
    free(mem->subkeys);
    mem->subkeys = merged;
    mem->nsubkeys = n;
    mem->subkeys_cap = cap;
}

/* ------------------------------------------------------------------ key handles */

struct key_object
{
    struct object obj;
    struct reg_key *key;
};

static void key_object_destroy(struct object *obj)
{
    struct key_object *ko = (struct key_object *)obj;
    pthread_mutex_lock(&registry_mutex);
    key_release(ko->key);
    pthread_mutex_unlock(&registry_mutex);
    free(ko);
}

static const struct object_ops key_ops = { "key", key_object_destroy };

static const GENERIC_MAPPING key_mapping = { KEY_READ, KEY_WRITE, KEY_EXECUTE, KEY_ALL_ACCESS };

/* A handle on key, which the caller has taken a reference on for it (registry lock no longer held). */
static NTSTATUS key_handle(struct reg_key *key, ACCESS_MASK access, HANDLE *out)
{
    struct key_object *ko = malloc(sizeof(*ko));
    HANDLE handle;
    NTSTATUS status;

    if (!ko)
    {
        pthread_mutex_lock(&registry_mutex);
        key_release(key);
        pthread_mutex_unlock(&registry_mutex);
        return STATUS_NO_MEMORY;
    }
    object_init(&ko->obj, &key_ops);
    ko->key = key;
    /* the WOW64 view flags choose a view, they are not rights */
    access = map_generic_access(access & ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY), &key_mapping);
    status = handle_alloc(&ko->obj, access, &handle);
    object_release(&ko->obj);
    if (status) return status;
    if (!write_user(out, &handle, sizeof(handle)))
    {
        NtClose(handle);
        return STATUS_ACCESS_VIOLATION;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS get_key(HANDLE handle, ACCESS_MASK needed, struct key_object **ko)
{
    return handle_ref_access(handle, &key_ops, needed, (struct object **)ko);
}

/* A counted string of the program's, copied; NULL stands for the empty name. */
static NTSTATUS copy_string(const UNICODE_STRING *user, WCHAR **out, ULONG *len)
{
    UNICODE_STRING str = { 0 };

    *out = NULL;
    *len = 0;
    if (user && !read_user(&str, user, sizeof(str))) return STATUS_ACCESS_VIOLATION;
    if (str.Length & 1) return STATUS_INVALID_PARAMETER;
    if (!(*out = malloc(str.Length + sizeof(WCHAR)))) return STATUS_NO_MEMORY;
    if (str.Length && !read_user(*out, str.Buffer, str.Length))
    {
        free(*out);
        *out = NULL;
        return STATUS_ACCESS_VIOLATION;
    }
    *len = str.Length / sizeof(WCHAR);
    return STATUS_SUCCESS;
}

/* Where a key's name starts: the key behind RootDirectory, or \REGISTRY for an absolute
 * name, and the name with that part taken off. */
struct key_path
{
    WCHAR *name;
    ULONG len;
    ULONG pos;
    struct key_object *root;    /* RootDirectory's key, NULL for an absolute name */
};

static NTSTATUS get_path(const OBJECT_ATTRIBUTES *user_attr, struct key_path *path)
{
    static const WCHAR registry[] = { '\\','R','E','G','I','S','T','R','Y' };
    OBJECT_ATTRIBUTES attr;
    NTSTATUS status;

    memset(path, 0, sizeof(*path));
    if (!user_attr) return STATUS_INVALID_PARAMETER;
    if (!read_user(&attr, user_attr, sizeof(attr))) return STATUS_ACCESS_VIOLATION;
    if (!attr.ObjectName) return STATUS_INVALID_PARAMETER;
    if ((status = copy_string(attr.ObjectName, &path->name, &path->len))) return status;
    if (attr.RootDirectory)
    {
        if (path->len && path->name[0] == '\\') status = STATUS_OBJECT_PATH_SYNTAX_BAD;
        else status = get_key(attr.RootDirectory, 0, &path->root);
    }
    else if (!path->len || path->name[0] != '\\') status = STATUS_OBJECT_PATH_SYNTAX_BAD;
    else if (path->len < ARRAYSIZE(registry) || name_compare(path->name, ARRAYSIZE(registry), registry,
                                                              ARRAYSIZE(registry)) ||
             (path->len > ARRAYSIZE(registry) && path->name[ARRAYSIZE(registry)] != '\\'))
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    else path->pos = ARRAYSIZE(registry);
    if (status) free(path->name);
    return status;
}

static void free_path(struct key_path *path)
{
    if (path->root) object_release(&path->root->obj);
    free(path->name);
}

/* The next name in the path, separators skipped; false at its end. */
static bool next_component(struct key_path *path, const WCHAR **name, ULONG *len)
{
    while (path->pos < path->len && path->name[path->pos] == '\\') path->pos++;
    if (path->pos == path->len) return false;
    *name = path->name + path->pos;
    while (path->pos < path->len && path->name[path->pos] != '\\') path->pos++;
    *len = path->name + path->pos - *name;
    return true;
}

/* Follows the path as far as keys exist; registry lock held.  On return *key is the last key
 * found and path->pos the start of the first name not found (the path's end when all were). */
static NTSTATUS walk(struct key_path *path, struct reg_key **key)
{
    struct reg_key *cur = path->root ? path->root->key : registry_root();
    const WCHAR *name;
    ULONG len, before;

    if (cur->deleted) return STATUS_KEY_DELETED;
    for (;;)
    {
        bool found;
        before = path->pos;
        if (!next_component(path, &name, &len)) break;
        ULONG index = key_find_subkey(cur, name, len, &found);
        if (!found)
        {
            path->pos = before;
            while (path->pos < path->len && path->name[path->pos] == '\\') path->pos++;
            break;
        }
        cur = cur->subkeys[index];
    }
    *key = cur;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtOpenKeyEx(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, ULONG options)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    struct key_path path;
    struct reg_key *key;
    NTSTATUS status;

    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (!write_user(handle, &(HANDLE){ 0 }, sizeof(HANDLE))) return STATUS_ACCESS_VIOLATION;
    if (options & ~(REG_OPTION_OPEN_LINK | REG_OPTION_BACKUP_RESTORE)) return STATUS_INVALID_PARAMETER;
    if ((status = get_path(attr, &path))) return status;
    if (!(status = registry_lock()))
    {
        if (!(status = walk(&path, &key)))
        {
            if (path.pos < path.len) status = STATUS_OBJECT_NAME_NOT_FOUND;
            else key->refs++;
        }
        registry_unlock(NULL);
    }
    free_path(&path);
    return status ? status : key_handle(key, access, handle);
}

NTSTATUS WINAPI NtOpenKey(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    return NtOpenKeyEx(handle, access, attr, 0);
}

/* Registry lock held: the last name of the path made a subkey of parent. */
static NTSTATUS create_subkey(struct reg_key *parent, const WCHAR *name, ULONG len, const WCHAR *class_name,
                              ULONG class_len, ULONG options, struct reg_key **created)
{
    bool is_volatile = options & REG_OPTION_VOLATILE, found;
    ULONG index = key_find_subkey(parent, name, len, &found);
    struct reg_key *key;

    /* \REGISTRY and \REGISTRY\USER hold only the hives */
    if (!parent->hive) return STATUS_ACCESS_DENIED;
    if (parent->is_volatile && !is_volatile) return STATUS_CHILD_MUST_BE_VOLATILE;
    if (len > 255) return STATUS_INVALID_PARAMETER;
    if (!key_reserve_subkey(parent)) return STATUS_NO_MEMORY;
    if (!(key = key_alloc(name, len))) return STATUS_NO_MEMORY;
    if (class_len && !(key->class_name = wide_dup(class_name, class_len)))
    {
        key_release(key);
        return STATUS_NO_MEMORY;
    }
    key->class_len = class_len;
    key->hive = parent->hive;
    key->is_volatile = is_volatile;
    /* a volatile key is never written, so it needs no id that other processes could see */
    key->id = is_volatile ? 0 : parent->hive->next_id++;
    key_insert_subkey(parent, index, key);
    key_now(parent);
    *created = key;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateKey(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, ULONG index,
                            const UNICODE_STRING *class, ULONG options, ULONG *disposition)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    if (disposition && !probe_user(disposition, sizeof(*disposition), true)) return STATUS_ACCESS_VIOLATION;
    struct key_path path;
    struct reg_key *key;
    struct hive *changed = NULL;
    WCHAR *class_name;
    ULONG class_len, result = REG_OPENED_EXISTING_KEY;
    const WCHAR *name;
    ULONG len;
    NTSTATUS status;
    (void)index;   /* title indexes have been ignored since Windows NT 3.1 */

    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (!write_user(handle, &(HANDLE){ 0 }, sizeof(HANDLE))) return STATUS_ACCESS_VIOLATION;
    /* symbolic links between keys are not kept by this registry */
    if (options & REG_OPTION_CREATE_LINK) return STATUS_NOT_IMPLEMENTED;
    if (options & ~(REG_OPTION_VOLATILE | REG_OPTION_BACKUP_RESTORE | REG_OPTION_OPEN_LINK))
        return STATUS_INVALID_PARAMETER;
    if ((status = copy_string(class, &class_name, &class_len))) return status;
    if ((status = get_path(attr, &path)))
    {
        free(class_name);
        return status;
    }
    if (!(status = registry_lock()))
    {
        if (!(status = walk(&path, &key)) && next_component(&path, &name, &len))
        {
            const WCHAR *rest;
            ULONG rest_len;
            /* NtCreateKey makes the last key of the path only; RegCreateKeyEx walks down itself */
            if (next_component(&path, &rest, &rest_len)) status = STATUS_OBJECT_NAME_NOT_FOUND;
            else if (!(status = create_subkey(key, name, len, class_name, class_len, options, &key)))
            {
                result = REG_CREATED_NEW_KEY;
                if (!key->is_volatile) changed = key->hive;
            }
        }
        if (!status) key->refs++;
        NTSTATUS saved = registry_unlock(changed);
        if (!status && saved)
        {
            status = saved;
            pthread_mutex_lock(&registry_mutex);
            key_release(key);
            pthread_mutex_unlock(&registry_mutex);
        }
    }
    free_path(&path);
    free(class_name);
    if (status) return status;
    if ((status = key_handle(key, access, handle))) return status;
    if (disposition && !write_user(disposition, &result, sizeof(result))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

/* The key behind a handle with the rights asked for, under the registry lock, not deleted. */
static NTSTATUS lock_key(HANDLE handle, ACCESS_MASK needed, struct key_object **ko)
{
    NTSTATUS status;

    if ((status = get_key(handle, needed, ko))) return status;
    if ((status = registry_lock()))
    {
        object_release(&(*ko)->obj);
        return status;
    }
    if ((*ko)->key->deleted)
    {
        registry_unlock(NULL);
        object_release(&(*ko)->obj);
        return STATUS_KEY_DELETED;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS unlock_key(struct key_object *ko, struct hive *changed, NTSTATUS status)
{
    NTSTATUS saved = registry_unlock(changed);
    object_release(&ko->obj);
    return status ? status : saved;
}

NTSTATUS WINAPI NtDeleteKey(HANDLE handle)
{
    struct key_object *ko;
    struct reg_key *key, *parent;
    struct hive *changed = NULL;
    NTSTATUS status;
    bool found;

    if ((status = lock_key(handle, DELETE, &ko))) return status;
    key = ko->key;
    parent = key->parent;
    /* the hives and what holds them cannot go */
    if (!parent || !key->hive || !parent->hive) status = STATUS_ACCESS_DENIED;
    else if (key->nsubkeys) status = STATUS_CANNOT_DELETE;
    else
    {
        ULONG index = key_find_subkey(parent, key->name, key->name_len, &found);
        memmove(parent->subkeys + index, parent->subkeys + index + 1,
                (parent->nsubkeys - index - 1) * sizeof(key));
        parent->nsubkeys--;
        key_now(parent);
        if (!key->is_volatile) changed = key->hive;
        key_unlink(key);
        key_release(key);
    }
    return unlock_key(ko, changed, status);
}

NTSTATUS WINAPI NtFlushKey(HANDLE handle)
{
    struct key_object *ko;
    NTSTATUS status;

    if ((status = lock_key(handle, 0, &ko))) return status;
    /* every change is in its hive file already; flushing makes the file durable */
    if (ko->key->hive && !ko->key->is_volatile) status = hive_flush(ko->key->hive);
    return unlock_key(ko, NULL, status);
}

NTSTATUS WINAPI NtSetValueKey(HANDLE handle, const UNICODE_STRING *name, ULONG index, ULONG type,
                              const void *data, ULONG size)
{
    if (!probe_user((void *)data, size, false)) return STATUS_ACCESS_VIOLATION;
    struct key_object *ko;
    struct hive *changed = NULL;
    WCHAR *value_name;
    ULONG name_len;
    BYTE *copy;
    NTSTATUS status;
    (void)index;

    if ((status = copy_string(name, &value_name, &name_len))) return status;
    if (name_len > 16383 || !(copy = malloc(size ? size : 1)))
    {
        free(value_name);
        return name_len > 16383 ? STATUS_INVALID_PARAMETER : STATUS_NO_MEMORY;
    }
    if (size && !read_user(copy, data, size)) status = STATUS_ACCESS_VIOLATION;
    else if (!(status = lock_key(handle, KEY_SET_VALUE, &ko)))
    {
        if (!ko->key->hive) status = STATUS_ACCESS_DENIED;
        else if (!(status = key_set_value(ko->key, value_name, name_len, type, copy, size)))
        {
            key_now(ko->key);
            if (!ko->key->is_volatile) changed = ko->key->hive;
        }
        status = unlock_key(ko, changed, status);
    }
    free(copy);
    free(value_name);
    return status;
}

NTSTATUS WINAPI NtDeleteValueKey(HANDLE handle, const UNICODE_STRING *name)
{
    struct key_object *ko;
    struct hive *changed = NULL;
    struct reg_value *value;
    WCHAR *value_name;
    ULONG name_len;
    NTSTATUS status;

    if ((status = copy_string(name, &value_name, &name_len))) return status;
    if (!(status = lock_key(handle, KEY_SET_VALUE, &ko)))
    {
        struct reg_key *key = ko->key;
        if (!(value = find_value(key, value_name, name_len))) status = STATUS_OBJECT_NAME_NOT_FOUND;
        else
        {
            ULONG i = value - key->values;
            free(value->name);
            free(value->data);
            memmove(value, value + 1, (key->nvalues - i - 1) * sizeof(*value));
            key->nvalues--;
            key_now(key);
            if (!key->is_volatile) changed = key->hive;
        }
        status = unlock_key(ko, changed, status);
    }
    free(value_name);
    return status;
}

/* ------------------------------------------------------------------ information classes */

/* What every query answers: the fixed part must fit, the rest is cut with STATUS_BUFFER_OVERFLOW,
 * and the size the whole answer needs is returned either way. */
static NTSTATUS reply(void *info, ULONG length, ULONG *result, const BYTE *buf, ULONG fixed, ULONG total)
{
    if (result && !write_user(result, &total, sizeof(total))) return STATUS_ACCESS_VIOLATION;
    if (length < fixed) return STATUS_BUFFER_TOO_SMALL;
    if (!write_user(info, buf, total < length ? total : length)) return STATUS_ACCESS_VIOLATION;
    return total > length ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* \REGISTRY\MACHINE\... as NtQueryKey's KeyNameInformation gives it */
static WCHAR *full_name(const struct reg_key *key, ULONG *len)
{
    ULONG n = 0;
    WCHAR *out, *p;

    for (const struct reg_key *k = key; k; k = k->parent) n += k->name_len + 1;
    if (!(out = malloc(n * sizeof(WCHAR)))) return NULL;
    p = out + n;
    for (const struct reg_key *k = key; k; k = k->parent)
    {
        p -= k->name_len;
        memcpy(p, k->name, k->name_len * sizeof(WCHAR));
        *--p = '\\';
    }
    *len = n;
    return out;
}

static NTSTATUS key_info(const struct reg_key *key, KEY_INFORMATION_CLASS klass, void *info, ULONG length,
                         ULONG *result)
{
    ULONG fixed, total, name_bytes = key->name_len * sizeof(WCHAR), class_bytes = key->class_len * sizeof(WCHAR);
    ULONG max_name = 0, max_class = 0, max_value_name = 0, max_data = 0;
    WCHAR *name = NULL;
    BYTE *buf;
    NTSTATUS status;

    for (ULONG i = 0; i < key->nsubkeys; i++)
    {
        if (key->subkeys[i]->name_len > max_name) max_name = key->subkeys[i]->name_len;
        if (key->subkeys[i]->class_len > max_class) max_class = key->subkeys[i]->class_len;
    }
    for (ULONG i = 0; i < key->nvalues; i++)
    {
        if (key->values[i].name_len > max_value_name) max_value_name = key->values[i].name_len;
        if (key->values[i].size > max_data) max_data = key->values[i].size;
    }
    switch (klass)
    {
    case KeyBasicInformation:
        fixed = offsetof(KEY_BASIC_INFORMATION, Name);
        total = fixed + name_bytes;
        break;
    case KeyNodeInformation:
        fixed = offsetof(KEY_NODE_INFORMATION, Name);
        total = fixed + name_bytes + class_bytes;
        break;
    case KeyFullInformation:
        fixed = offsetof(KEY_FULL_INFORMATION, Class);
        total = fixed + class_bytes;
        break;
    case KeyNameInformation:
        if (!(name = full_name(key, &name_bytes))) return STATUS_NO_MEMORY;
        name_bytes *= sizeof(WCHAR);
        fixed = offsetof(KEY_NAME_INFORMATION, Name);
        total = fixed + name_bytes;
        break;
    case KeyCachedInformation:
        fixed = total = sizeof(KEY_CACHED_INFORMATION);
        break;
    default:
        return STATUS_INVALID_PARAMETER;
    }
    if (!(buf = calloc(1, total)))
    {
        free(name);
        return STATUS_NO_MEMORY;
    }
    switch (klass)
    {
    case KeyBasicInformation:
    {
        KEY_BASIC_INFORMATION *basic = (KEY_BASIC_INFORMATION *)buf;
        basic->LastWriteTime = key->modified;
        basic->NameLength = name_bytes;
        memcpy(buf + fixed, key->name, name_bytes);
        break;
    }
    case KeyNodeInformation:
    {
        KEY_NODE_INFORMATION *node = (KEY_NODE_INFORMATION *)buf;
        node->LastWriteTime = key->modified;
        node->NameLength = name_bytes;
        node->ClassOffset = class_bytes ? fixed + name_bytes : 0xffffffff;
        node->ClassLength = class_bytes;
        memcpy(buf + fixed, key->name, name_bytes);
        /* a key without a class has no class_name, which memcpy may not be given */
        if (class_bytes) memcpy(buf + fixed + name_bytes, key->class_name, class_bytes);
        break;
    }
    case KeyFullInformation:
    {
        KEY_FULL_INFORMATION *full = (KEY_FULL_INFORMATION *)buf;
        full->LastWriteTime = key->modified;
        full->ClassOffset = class_bytes ? fixed : 0xffffffff;
        full->ClassLength = class_bytes;
        full->SubKeys = key->nsubkeys;
        full->MaxNameLen = max_name * sizeof(WCHAR);
        full->MaxClassLen = max_class * sizeof(WCHAR);
        full->Values = key->nvalues;
        full->MaxValueNameLen = max_value_name * sizeof(WCHAR);
        full->MaxValueDataLen = max_data;
        if (class_bytes) memcpy(buf + fixed, key->class_name, class_bytes);
        break;
    }
    case KeyNameInformation:
        ((KEY_NAME_INFORMATION *)buf)->NameLength = name_bytes;
        memcpy(buf + fixed, name, name_bytes);
        break;
    default:
    {
        KEY_CACHED_INFORMATION *cached = (KEY_CACHED_INFORMATION *)buf;
        cached->LastWriteTime = key->modified;
        cached->SubKeys = key->nsubkeys;
        cached->MaxNameLen = max_name * sizeof(WCHAR);
        cached->Values = key->nvalues;
        cached->MaxValueNameLen = max_value_name * sizeof(WCHAR);
        cached->MaxValueDataLen = max_data;
        cached->NameLength = name_bytes;
        break;
    }
    }
    status = reply(info, length, result, buf, fixed, total);
    free(buf);
    free(name);
    return status;
}

static NTSTATUS value_info(const struct reg_value *value, KEY_VALUE_INFORMATION_CLASS klass, void *info,
                           ULONG length, ULONG *result)
{
    ULONG fixed, total, name_bytes = value->name_len * sizeof(WCHAR);
    BYTE *buf;
    NTSTATUS status;

    switch (klass)
    {
    case KeyValueBasicInformation:
        fixed = offsetof(KEY_VALUE_BASIC_INFORMATION, Name);
        total = fixed + name_bytes;
        break;
    case KeyValueFullInformation:
        fixed = offsetof(KEY_VALUE_FULL_INFORMATION, Name);
        total = fixed + name_bytes + value->size;
        break;
    case KeyValuePartialInformation:
        fixed = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data);
        total = fixed + value->size;
        break;
    default:
        return STATUS_INVALID_PARAMETER;
    }
    if (!(buf = calloc(1, total))) return STATUS_NO_MEMORY;
    switch (klass)
    {
    case KeyValueBasicInformation:
    {
        KEY_VALUE_BASIC_INFORMATION *basic = (KEY_VALUE_BASIC_INFORMATION *)buf;
        basic->Type = value->type;
        basic->NameLength = name_bytes;
        memcpy(buf + fixed, value->name, name_bytes);
        break;
    }
    case KeyValueFullInformation:
    {
        KEY_VALUE_FULL_INFORMATION *full = (KEY_VALUE_FULL_INFORMATION *)buf;
        full->Type = value->type;
        full->NameLength = name_bytes;
        full->DataOffset = fixed + name_bytes;
        full->DataLength = value->size;
        memcpy(buf + fixed, value->name, name_bytes);
        memcpy(buf + fixed + name_bytes, value->data, value->size);
        break;
    }
    default:
    {
        KEY_VALUE_PARTIAL_INFORMATION *partial = (KEY_VALUE_PARTIAL_INFORMATION *)buf;
        partial->Type = value->type;
        partial->DataLength = value->size;
        memcpy(buf + fixed, value->data, value->size);
        break;
    }
    }
    status = reply(info, length, result, buf, fixed, total);
    free(buf);
    return status;
}

NTSTATUS WINAPI NtQueryKey(HANDLE handle, KEY_INFORMATION_CLASS klass, void *info, DWORD length, DWORD *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct key_object *ko;
    NTSTATUS status;

    /* a key's name is there for any handle; what it holds needs the right to read it */
    if ((status = lock_key(handle, klass == KeyNameInformation ? 0 : KEY_QUERY_VALUE, &ko))) return status;
    status = key_info(ko->key, klass, info, length, (ULONG *)result);
    return unlock_key(ko, NULL, status);
}

NTSTATUS WINAPI NtEnumerateKey(HANDLE handle, ULONG index, KEY_INFORMATION_CLASS klass, void *info,
                               DWORD length, DWORD *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct key_object *ko;
    NTSTATUS status;

    if (klass != KeyBasicInformation && klass != KeyNodeInformation && klass != KeyFullInformation)
        return STATUS_INVALID_PARAMETER;
    if ((status = lock_key(handle, KEY_ENUMERATE_SUB_KEYS, &ko))) return status;
    if (index >= ko->key->nsubkeys) status = STATUS_NO_MORE_ENTRIES;
    else status = key_info(ko->key->subkeys[index], klass, info, length, (ULONG *)result);
    return unlock_key(ko, NULL, status);
}

NTSTATUS WINAPI NtQueryValueKey(HANDLE handle, const UNICODE_STRING *name, KEY_VALUE_INFORMATION_CLASS klass,
                                void *info, DWORD length, DWORD *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct key_object *ko;
    struct reg_value *value;
    WCHAR *value_name;
    ULONG name_len;
    NTSTATUS status;

    if ((status = copy_string(name, &value_name, &name_len))) return status;
    if (!(status = lock_key(handle, KEY_QUERY_VALUE, &ko)))
    {
        if (!(value = find_value(ko->key, value_name, name_len))) status = STATUS_OBJECT_NAME_NOT_FOUND;
        else status = value_info(value, klass, info, length, (ULONG *)result);
        status = unlock_key(ko, NULL, status);
    }
    free(value_name);
    return status;
}

NTSTATUS WINAPI NtEnumerateValueKey(HANDLE handle, ULONG index, KEY_VALUE_INFORMATION_CLASS klass,
                                    void *info, ULONG length, ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct key_object *ko;
    NTSTATUS status;

    if ((status = lock_key(handle, KEY_QUERY_VALUE, &ko))) return status;
    if (index >= ko->key->nvalues) status = STATUS_NO_MORE_ENTRIES;
    else status = value_info(&ko->key->values[index], klass, info, length, result);
    return unlock_key(ko, NULL, status);
}

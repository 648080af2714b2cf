/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The handle table: allocation, lookup, close, stale handles, type checks, duplication. */
#include <stdlib.h>
#include "../../dlls/ntdll/unix/private.h"
#include "unix_test.h"

static int destroyed;

static void dummy_destroy(struct object *obj)
{
    destroyed++;
    free(obj);
}

static const struct object_ops dummy_ops = { "dummy", dummy_destroy };
static const struct object_ops other_ops = { "other", dummy_destroy };

static struct object *new_dummy(void)
{
    struct object *obj = malloc(sizeof(*obj));
    object_init(obj, &dummy_ops);
    return obj;
}

int main(void)
{
    HANDLE h, h2, dup;
    struct object *obj = new_dummy(), *got;

    check(!handle_alloc(obj, 0, &h), "handle_alloc failed");
    check(((ULONG_PTR)h & 3) == 0 && h, "handle %p is not a non-zero multiple of 4", h);
    object_release(obj);
    check(!destroyed, "the handle must keep the object alive");

    check(!handle_ref(h, &dummy_ops, &got) && got == obj, "lookup by type");
    object_release(got);
    check(handle_ref(h, &other_ops, &got) == STATUS_OBJECT_TYPE_MISMATCH, "wrong type must be refused");
    check(handle_ref((HANDLE)(ULONG_PTR)0x12345, NULL, &got) == STATUS_INVALID_HANDLE, "unaligned handle");
    check(handle_ref(NULL, NULL, &got) == STATUS_INVALID_HANDLE, "NULL handle");
    check(handle_ref((HANDLE)(ULONG_PTR)0x40000, NULL, &got) == STATUS_INVALID_HANDLE, "never allocated");

    check(!NtDuplicateObject(NtCurrentProcess(), h, NtCurrentProcess(), &dup, 0, 0, DUPLICATE_SAME_ACCESS),
          "duplicate");
    check(dup != h, "a duplicate is a new handle");
    check(!NtClose(h), "close");
    check(!destroyed, "the duplicate keeps the object alive");
    check(NtClose(h) == STATUS_INVALID_HANDLE, "double close must fail");
    check(handle_ref(h, NULL, &got) == STATUS_INVALID_HANDLE, "stale handle must fail");

    /* the freed slot is not the next one handed out: stale values stay invalid as long as possible */
    obj = new_dummy();
    check(!handle_alloc(obj, 0, &h2), "second alloc");
    object_release(obj);
    check(h2 != h, "a just-freed handle value was reused at once");

    check(!NtClose(dup) && destroyed == 1, "the last close destroys the object");
    check(!NtClose(h2) && destroyed == 2, "close of the second object");

    /* many handles: the table grows across chunks */
    HANDLE many[3000];
    for (int i = 0; i < 3000; i++)
    {
        obj = new_dummy();
        check(!handle_alloc(obj, 0, &many[i]), "alloc %d", i);
        object_release(obj);
    }
    for (int i = 0; i < 3000; i++) check(!NtClose(many[i]), "close %d", i);
    check(destroyed == 3002, "destroyed %d objects", destroyed);
    return unix_test_done("unix_handles");
}

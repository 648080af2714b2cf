/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The out-of-line helpers of the std::exception and std::type_info classes that Microsoft's
 * headers define inline: copying and freeing an exception's message, comparing and hashing
 * type_info objects by their decorated names, type_info::name() and freeing a module's list
 * of the names it made.
 */
#include "vcruntime_private.h"

struct std_type_info_data           /* __std_type_info_data: a type_info after its vtable */
{
    const char *undecorated;
    const char decorated[1];        /* ".?AVclass@@": the leading dot is not part of the name */
};

struct type_info_node               /* __type_info_node: the names a module's type_info::name() built */
{
    SLIST_HEADER header;
};

void __cdecl __std_exception_copy(const struct std_exception_data *from, struct std_exception_data *to)
{
    size_t len;
    char *copy;

    if (!from->do_free || !from->what)
    {
        /* a string literal is shared, not copied */
        to->what = from->what;
        to->do_free = FALSE;
        return;
    }
    len = strlen(from->what) + 1;
    /* without memory the copy is left empty: what() then says "Unknown exception" */
    if (!(copy = vcruntime_alloc(len))) return;
    memcpy(copy, from->what, len);
    to->what = copy;
    to->do_free = TRUE;
}

void __cdecl __std_exception_destroy(struct std_exception_data *data)
{
    if (data->do_free) vcruntime_free((void *)data->what);
    data->what = NULL;
    data->do_free = FALSE;
}

/* type_info objects are per module: two are the same type when their decorated names are */
int __cdecl __std_type_info_compare(const struct std_type_info_data *a, const struct std_type_info_data *b)
{
    if (a == b) return 0;
    return strcmp(a->decorated + 1, b->decorated + 1);
}

/* 64-bit FNV-1a over the decorated name, its halves folded together, as std::type_info::hash_code
 * has it on x64 */
size_t __cdecl __std_type_info_hash(const struct std_type_info_data *data)
{
    ULONG64 hash = 14695981039346656037ull;

    for (const unsigned char *p = (const unsigned char *)data->decorated + 1; *p; p++)
    {
        hash ^= *p;
        hash *= 1099511628211ull;
    }
    return hash ^ (hash >> 32);
}

/* type_info::name(): the undecorated name, built once per type_info object and kept on its
 * module's list, which the module frees at its exit */
const char *__cdecl __std_type_info_name(struct std_type_info_data *data, struct type_info_node *root)
{
    char name[1024];
    SLIST_ENTRY *node;
    const char *text = name, *kept;
    size_t len;

    if (data->undecorated) return data->undecorated;
    /* a kind of type not read here keeps its decorated name */
    if (!vcruntime_undecorate_type(data->decorated + 1, name, sizeof(name))) text = data->decorated + 1;
    len = strlen(text) + 1;
    if (!(node = vcruntime_alloc(sizeof(*node) + len))) return NULL;
    memcpy(node + 1, text, len);
    kept = (const char *)(node + 1);
    if (InterlockedCompareExchangePointer((void **)&data->undecorated, (void *)kept, NULL))
    {
        /* another thread named it first */
        vcruntime_free(node);
        return data->undecorated;
    }
    InterlockedPushEntrySList(&root->header, node);
    return kept;
}

/* run at a module's exit: every node on the list is one block of this DLL's heap */
void __cdecl __std_type_info_destroy_list(struct type_info_node *root)
{
    SLIST_ENTRY *entry = InterlockedFlushSList(&root->header);

    while (entry)
    {
        SLIST_ENTRY *next = entry->Next;
        vcruntime_free(entry);
        entry = next;
    }
}

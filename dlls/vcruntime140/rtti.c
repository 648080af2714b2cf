/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * dynamic_cast, typeid of an object and dynamic_cast<void *>: the compiler calls these with an
 * object whose virtual table has, just before it, a pointer to the class's complete object
 * locator (where the object starts in the complete one, its type, its class hierarchy).  A
 * failed cast to a reference throws std::bad_cast, a typeid of a null pointer std::bad_typeid:
 * their type descriptors, virtual tables and throw information live here.
 */
#include "vcruntime_private.h"

extern IMAGE_DOS_HEADER __ImageBase;

struct this_offsets                 /* where a base class is in the complete object */
{
    int member;
    int vbase_ptr;                  /* offset of the virtual base table pointer, -1 if none */
    int vbase_entry;
};

struct base_descriptor
{
    int type_descriptor;            /* RVA */
    UINT contained;                 /* how many of the entries after it are its own bases */
    struct this_offsets offsets;
    UINT attributes;
    int hierarchy;                  /* RVA of its own class hierarchy */
};

struct class_hierarchy
{
    UINT signature;
    UINT attributes;
    UINT count;
    int bases;                      /* RVA of an array of RVAs of base_descriptor, the class first */
};

struct object_locator
{
    UINT signature;                 /* 1: the fields are RVAs, and self says the image base */
    int offset;                     /* of this virtual table's subobject in the complete object */
    int cd_offset;                  /* where a constructor displacement is, 0 for none */
    int type_descriptor;
    int hierarchy;
    int self;
};

static const struct object_locator *locator_of(const void *object)
{
    return (*(const struct object_locator *const *const *)object)[-1];
}

static ULONG64 locator_base(const struct object_locator *locator)
{
    void *base = NULL;

    if (locator->signature) return (ULONG64)locator - locator->self;
    RtlPcToFileHeader((void *)locator, &base);
    return (ULONG64)base;
}

static char *complete_object(const void *object)
{
    const struct object_locator *locator = locator_of(object);
    char *p = (char *)object - locator->offset;

    if (locator->cd_offset) p -= *(const int *)((const char *)object - locator->cd_offset);
    return p;
}

static char *base_in(char *complete, const struct this_offsets *offsets)
{
    char *p = complete;

    if (offsets->vbase_ptr >= 0)
    {
        const char *vbtable = *(const char **)(p + offsets->vbase_ptr);
        p += offsets->vbase_ptr + *(const int *)(vbtable + offsets->vbase_entry);
    }
    return p + offsets->member;
}

/* ------------------------------------------------------------ std::bad_cast, std::bad_typeid */

struct std_exception                /* std::exception and what derives from it without members */
{
    const void *const *vtable;
    struct std_exception_data data;
};

struct std_type_descriptor          /* a type_info object: nothing here calls its virtual table */
{
    const void *vtable;
    char *name;
    char mangled[24];
};

struct catchable
{
    UINT flags;
    int type_info;
    struct this_offsets offsets;
    int size;
    int copy_ctor;
};

struct std_class                    /* one of std::exception, std::bad_cast, std::bad_typeid */
{
    struct std_type_descriptor type;
    struct object_locator locator;
    struct class_hierarchy hierarchy;
    struct base_descriptor self;
    int bases[2];                   /* the class, then std::exception unless it is that */
    const void *vtable[3];          /* the locator, the deleting destructor, what() */
    struct catchable catchable;
};

struct thrown_class                 /* the throw information of bad_cast and bad_typeid */
{
    UINT flags;
    int destructor;
    int forward_compat;
    int catchable_types;
    int count;
    int types[2];
};

static struct std_class exception_class, bad_cast_class, bad_typeid_class;
static struct thrown_class bad_cast_thrown, bad_typeid_thrown;

static void __cdecl std_exception_dtor(struct std_exception *e)
{
    __std_exception_destroy(&e->data);
}

/* the objects of these vtables are those thrown here and their copies, never on a heap */
static void *__cdecl std_exception_deleting_dtor(struct std_exception *e, unsigned int flags)
{
    (void)flags;
    std_exception_dtor(e);
    return e;
}

static const char *__cdecl std_exception_what(const struct std_exception *e)
{
    return e->data.what ? e->data.what : "Unknown exception";
}

static void copy_as(struct std_exception *to, const struct std_exception *from, const struct std_class *class)
{
    to->vtable = &class->vtable[1];
    to->data.what = NULL;
    to->data.do_free = FALSE;
    __std_exception_copy(&from->data, &to->data);
}

static void __cdecl exception_copy(struct std_exception *to, const struct std_exception *from)
{
    copy_as(to, from, &exception_class);
}

static void __cdecl bad_cast_copy(struct std_exception *to, const struct std_exception *from)
{
    copy_as(to, from, &bad_cast_class);
}

static void __cdecl bad_typeid_copy(struct std_exception *to, const struct std_exception *from)
{
    copy_as(to, from, &bad_typeid_class);
}

static int rva(const void *p)
{
    return (int)((const char *)p - (const char *)&__ImageBase);
}

static void init_class(struct std_class *class, const char *mangled, void (__cdecl *copy)(struct std_exception *,
                       const struct std_exception *))
{
    BOOL is_exception = class == &exception_class;

    strcpy(class->type.mangled, mangled);
    class->self.type_descriptor = rva(&class->type);
    class->self.contained = is_exception ? 0 : 1;
    class->self.offsets.vbase_ptr = -1;
    class->self.hierarchy = rva(&class->hierarchy);
    class->bases[0] = rva(&class->self);
    class->bases[1] = rva(&exception_class.self);
    class->hierarchy.count = is_exception ? 1 : 2;
    class->hierarchy.bases = rva(class->bases);
    class->locator.signature = 1;
    class->locator.type_descriptor = rva(&class->type);
    class->locator.hierarchy = rva(&class->hierarchy);
    class->locator.self = rva(&class->locator);
    class->vtable[0] = &class->locator;
    class->vtable[1] = (const void *)std_exception_deleting_dtor;
    class->vtable[2] = (const void *)std_exception_what;
    class->catchable.type_info = rva(&class->type);
    class->catchable.offsets.vbase_ptr = -1;
    class->catchable.size = sizeof(struct std_exception);
    class->catchable.copy_ctor = rva((const void *)copy);
}

static void init_thrown(struct thrown_class *thrown, const struct std_class *class)
{
    thrown->destructor = rva((const void *)std_exception_dtor);
    thrown->catchable_types = rva(&thrown->count);
    thrown->count = 2;
    thrown->types[0] = rva(&class->catchable);
    thrown->types[1] = rva(&exception_class.catchable);
}

/* DllMain: the RVAs are known once the DLL is where it is loaded */
void vcruntime_init_rtti(void)
{
    init_class(&exception_class, ".?AVexception@std@@", exception_copy);
    init_class(&bad_cast_class, ".?AVbad_cast@std@@", bad_cast_copy);
    init_class(&bad_typeid_class, ".?AVbad_typeid@std@@", bad_typeid_copy);
    init_thrown(&bad_cast_thrown, &bad_cast_class);
    init_thrown(&bad_typeid_thrown, &bad_typeid_class);
}

void WINAPI _CxxThrowException(void *object, const void *info);

static void throw_std(const struct std_class *class, const struct thrown_class *thrown, const char *message)
{
    struct std_exception e = { &class->vtable[1], { message, FALSE } };
    _CxxThrowException(&e, thrown);
}

/* ------------------------------------------------------------ the casts */

void *__cdecl __RTCastToVoid(void *object)
{
    return object ? complete_object(object) : NULL;
}

void *__cdecl __RTtypeid(void *object)
{
    const struct object_locator *locator;

    if (!object) throw_std(&bad_typeid_class, &bad_typeid_thrown, "Attempted a typeid of nullptr pointer!");
    locator = locator_of(object);
    return (void *)(locator_base(locator) + locator->type_descriptor);
}

static BOOL same_type(ULONG64 base, int type_descriptor, const struct cxx_type_info *type)
{
    const struct cxx_type_info *t = (const struct cxx_type_info *)(base + type_descriptor);
    return t == type || !strcmp(t->mangled, type->mangled);
}

/*
 * The target type's subobject: among the instances of it in the complete object, the one the
 * source subobject is a base of (a cast down), else the first (a cast across).
 */
void *__cdecl __RTDynamicCast(void *object, LONG vfdelta, const struct cxx_type_info *source,
                              const struct cxx_type_info *target, BOOL is_reference)
{
    const struct object_locator *locator;
    const struct class_hierarchy *hierarchy;
    const int *bases;
    char *complete, *from, *first = NULL;
    ULONG64 base;

    if (!object) return NULL;
    locator = locator_of(object);
    base = locator_base(locator);
    hierarchy = (const struct class_hierarchy *)(base + locator->hierarchy);
    bases = (const int *)(base + hierarchy->bases);
    complete = complete_object(object);
    from = (char *)object - vfdelta;

    for (UINT i = 0; i < hierarchy->count; i++)
    {
        const struct base_descriptor *d = (const struct base_descriptor *)(base + bases[i]);
        char *instance;

        if (!same_type(base, d->type_descriptor, target)) continue;
        instance = base_in(complete, &d->offsets);
        if (!first) first = instance;
        for (UINT j = 0; j <= d->contained && i + j < hierarchy->count; j++)
        {
            const struct base_descriptor *b = (const struct base_descriptor *)(base + bases[i + j]);
            if (same_type(base, b->type_descriptor, source) && base_in(complete, &b->offsets) == from)
                return instance;
        }
    }
    if (first) return first;
    if (is_reference) throw_std(&bad_cast_class, &bad_cast_thrown, "Bad dynamic_cast!");
    return NULL;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * C++ exceptions as the Microsoft compiler builds them for x64, the part of the
 * C++ runtime that lives in msvcrt.dll:
 *   - _CxxThrowException raises 0xE06D7363 with the thrown object and its
 *     ThrowInfo (the list of types it can be caught as);
 *   - __CxxFrameHandler(3) is every C++ function's language handler: it reads
 *     the function's FuncInfo (states, try blocks, catch blocks, the
 *     instruction-to-state map), finds a catch block, builds the catch object
 *     and has RtlUnwindEx run the destructors of every frame in between and then
 *     the catch block (STATUS_UNWIND_CONSOLIDATE), which answers where the
 *     function goes on.  The handler works on any encoding of those tables
 *     (struct cxx_func); this file reads the FH3 one, vcruntime140's fh4.c
 *     the compressed FH4 one.
 * Catch blocks are funclets: separate functions, called with the establisher
 * frame of the function they belong to.  While one runs, its record is on the
 * thread's list of active catches: that is how a rethrow finds its object, how
 * an exception raised inside the catch block is matched from the catch block's
 * own state, and how the object is destroyed once the catch block is left.
 * An exception raised in a catch block is matched by the try blocks inside the
 * catch block at the funclet's frame, and by those around it at the frame the
 * try block's code runs in, which is where that catch block then goes on.
 *
 * This file is built into msvcrt.dll and into vcruntime140.dll (cxx_eh.h says what each gives it).
 */
#include "cxx_eh.h"

#define CXX_EXCEPTION       0xe06d7363
#define CXX_MAGIC_VC6       0x19930520
#define CXX_MAGIC_VC7       0x19930521      /* adds the expect list */
#define CXX_MAGIC_VC8       0x19930522      /* adds the flags */
#define FUNC_FLAG_EHS       1               /* /EHs: catch (...) does not take structured exceptions */

/* catchable type flags */
#define TYPE_SIMPLE         0x01            /* no copy constructor: copied bit for bit */
#define TYPE_BY_REF_ONLY    0x02
#define TYPE_VIRTUAL_BASE   0x04            /* the copy constructor takes a third argument */

/* throw info flags */
#define THROW_CONST         0x01
#define THROW_VOLATILE      0x02

/* All "RVA" fields are relative to the image base of the module that holds the table. */
struct this_offset                  /* how a derived object becomes the base class one */
{
    int member;                     /* offset of the base in the object */
    int vbase_ptr;                  /* offset of the virtual base table pointer, -1 if none */
    int vbase_entry;                /* offset of the entry in that table */
};

struct catchable_type
{
    UINT flags;
    int type_info;                  /* RVA of a cxx_type_info */
    struct this_offset offset;
    int size;
    int copy_ctor;                  /* RVA, 0 for none */
};

struct catchable_type_array
{
    int count;
    int types[1];                   /* RVAs of catchable_type */
};

struct throw_info
{
    UINT flags;
    int destructor;                 /* RVA of the object's destructor, 0 for none */
    int forward_compat;
    int catchable_types;            /* RVA of catchable_type_array */
};

/* the FH3 tables */
struct unwind_entry
{
    int prev;                       /* the state this one unwinds to */
    int handler;                    /* RVA of the cleanup funclet, 0 for none */
};

struct catch_block
{
    UINT flags;
    int type_info;                  /* RVA, 0 for catch (...) */
    int offset;                     /* where the catch object lives, from the function's frame */
    int handler;                    /* RVA of the catch funclet */
    int frame;
};

struct try_block
{
    int start;
    int end;
    int catch_high;
    UINT catch_count;
    int catches;                    /* RVA of catch_block[catch_count] */
};

struct ip_state
{
    int ip;                         /* RVA from which ... */
    int state;                      /* ... the function is in this state */
};

struct func_info
{
    UINT magic;                     /* low 29 bits */
    UINT unwind_count;
    int unwind_map;                 /* RVA of unwind_entry[unwind_count] */
    UINT try_count;
    int try_blocks;                 /* RVA of try_block[try_count] */
    UINT ip_count;
    int ip_map;                     /* RVA of ip_state[ip_count] */
    int unwind_help;                /* frame offset of an 8-byte slot the prologue sets to -2 */
    int expect_list;                /* VC7 */
    UINT flags;                     /* VC8 */
};

/*
 * A catch block being run.  It lives in the frame of the handler that chose it, which stays
 * on the stack below the catch block while it runs.
 */
struct active_catch
{
    struct active_catch *next;      /* the catch block this one runs in, if any */
    EXCEPTION_RECORD rec;           /* the exception it caught: what "throw;" raises again */
    struct cxx_try try_block;
    ULONG64 handler;                /* the catch funclet */
    ULONG64 parent_frame;           /* the establisher frame of the function it belongs to */
    ULONG64 code_frame;             /* the frame its try block runs in, where it goes on */
    ULONG64 funclet_frame;          /* the catch funclet's own frame, once a dispatch met it */
    BOOL destroy;                   /* its object is destroyed when the catch block is left */
    CONTEXT *context;               /* the context the exception was raised in */
    UINT cont_count;                /* where the function goes on, when the tables say */
    ULONG64 cont[2];
};

typedef void (__cdecl *se_translator)(unsigned int, EXCEPTION_POINTERS *);

void *WINAPI wring_call_catch_block(void *funclet, ULONG64 frame, struct active_catch *c);

static void *rva(ULONG64 base, int offset)
{
    return (void *)(base + offset);
}

static BOOL is_cxx_exception(const EXCEPTION_RECORD *rec)
{
    return rec->ExceptionCode == CXX_EXCEPTION && rec->NumberParameters == 4 &&
           rec->ExceptionInformation[0] >= CXX_MAGIC_VC6 && rec->ExceptionInformation[0] <= CXX_MAGIC_VC8;
}

static void *cxx_object(const EXCEPTION_RECORD *rec) { return (void *)rec->ExceptionInformation[1]; }
static const struct throw_info *cxx_throw_info(const EXCEPTION_RECORD *rec)
{
    return (const struct throw_info *)rec->ExceptionInformation[2];
}
static ULONG64 cxx_base(const EXCEPTION_RECORD *rec) { return rec->ExceptionInformation[3]; }

/* ------------------------------------------------------------ throwing */

void WINAPI _CxxThrowException(void *object, const struct throw_info *info)
{
    struct cxx_thread *thread = cxx_thread_state();
    ULONG_PTR args[4];
    void *base = NULL;

    if (!info)
    {
        /* "throw;": the exception of the innermost catch block being run, once more */
        if (!thread->catches) cxx_terminate();
        memcpy(args, thread->catches->rec.ExceptionInformation, sizeof(args));
    }
    else
    {
        RtlPcToFileHeader((void *)info, &base);
        args[0] = CXX_MAGIC_VC8;
        args[1] = (ULONG_PTR)object;
        args[2] = (ULONG_PTR)info;
        args[3] = (ULONG_PTR)base;
    }
    thread->uncaught++;
    RaiseException(CXX_EXCEPTION, EXCEPTION_NONCONTINUABLE, 4, args);
}

BOOL __cdecl __uncaught_exception(void)
{
    return cxx_thread_state()->uncaught > 0;
}

/* ------------------------------------------------------------ catch objects */

static void *adjust_this(const struct this_offset *offset, void *object)
{
    char *p = object;
    if (offset->vbase_ptr >= 0)
    {
        const char *vbtable = *(const char **)(p + offset->vbase_ptr);
        p += offset->vbase_ptr + *(const int *)(vbtable + offset->vbase_entry);
    }
    return p + offset->member;
}

/* The catchable type of the thrown object that a catch block takes, or NULL. */
static const struct catchable_type *find_catchable(const EXCEPTION_RECORD *rec, const struct cxx_catch *block,
                                                   ULONG64 func_base)
{
    const struct throw_info *info = cxx_throw_info(rec);
    ULONG64 base = cxx_base(rec);
    const struct catchable_type_array *types = rva(base, info->catchable_types);
    const struct cxx_type_info *wanted = rva(func_base, block->type_info);

    /* a thrown const or volatile object only binds to a catch that says so too */
    if ((info->flags & THROW_CONST) && !(block->flags & CATCH_CONST)) return NULL;
    if ((info->flags & THROW_VOLATILE) && !(block->flags & CATCH_VOLATILE)) return NULL;
    for (int i = 0; i < types->count; i++)
    {
        const struct catchable_type *type = rva(base, types->types[i]);
        const struct cxx_type_info *ti = rva(base, type->type_info);

        /* type_info objects are per module: the decorated names say whether two are one type */
        if (ti != wanted && strcmp(ti->mangled, wanted->mangled)) continue;
        if ((type->flags & TYPE_BY_REF_ONLY) && !(block->flags & CATCH_REFERENCE)) continue;
        return type;
    }
    return NULL;
}

static void build_catch_object(const EXCEPTION_RECORD *rec, const struct cxx_catch *block,
                               const struct catchable_type *type, ULONG64 parent_frame)
{
    void *object = cxx_object(rec);
    void *dest;

    if (!block->type_info || !block->offset || !type) return;
    dest = (void *)(parent_frame + block->offset);
    if (block->flags & CATCH_REFERENCE)
        *(void **)dest = adjust_this(&type->offset, object);
    else if ((type->flags & TYPE_SIMPLE) || !type->copy_ctor)
    {
        memmove(dest, object, type->size);
        /* a pointer caught as a pointer to a base class points at that base */
        if ((type->flags & TYPE_SIMPLE) && type->size == sizeof(void *))
            *(void **)dest = adjust_this(&type->offset, *(void **)dest);
    }
    else if (type->flags & TYPE_VIRTUAL_BASE)
        ((void (__cdecl *)(void *, void *, int))rva(cxx_base(rec), type->copy_ctor))(dest, adjust_this(&type->offset, object), 1);
    else
        ((void (__cdecl *)(void *, void *))rva(cxx_base(rec), type->copy_ctor))(dest, adjust_this(&type->offset, object));
}

static void destroy_object(const EXCEPTION_RECORD *rec)
{
    const struct throw_info *info = cxx_throw_info(rec);
    if (info && info->destructor)
        ((void (__cdecl *)(void *))rva(cxx_base(rec), info->destructor))(cxx_object(rec));
}

/* ------------------------------------------------------------ states */

/* Runs the unwind actions from state down to (not including) target; returns where it stopped. */
static int unwind_to_state(const struct cxx_func *func, ULONG64 parent_frame, int state, int target)
{
    while (state > target && state >= 0 && (UINT)state < func->unwind_count)
        state = func->ops->unwind_step(func, state, parent_frame);
    return state;
}

/*
 * Which frame a dispatch is in: a catch funclet being run (then the function's frame is that of
 * its active catch), the frame a catch block will go on in, or an ordinary one.
 */
struct frame_view
{
    ULONG64 parent_frame;
    struct active_catch *funclet_of;    /* set when the frame is this catch's funclet */
    struct active_catch *code_frame_of; /* set when a catch block runs on the behalf of this frame */
    int state;
};

/* Tables without a slot in the frame: the thread keeps the state for the frame until its
 * handler takes it. */
static int take_saved_state(ULONG64 frame)
{
    struct cxx_thread *thread = cxx_thread_state();

    if (thread->saved_frame != frame) return -2;
    thread->saved_frame = 0;
    return thread->saved_state;
}

static void view_frame(struct frame_view *view, const struct cxx_func *func, ULONG64 frame,
                       const DISPATCHER_CONTEXT *dispatch, BOOL unwinding)
{
    ULONG64 begin = dispatch->ImageBase + dispatch->FunctionEntry->BeginAddress;
    int saved;

    view->parent_frame = frame;
    view->funclet_of = view->code_frame_of = NULL;
    for (struct active_catch *c = cxx_thread_state()->catches; c; c = c->next)
    {
        /* a funclet's address and a live frame's address say which function and frame: the
         * tables of a function and those of its funclets need not be one object */
        if (!view->funclet_of && c->handler == begin && (!c->funclet_frame || c->funclet_frame == frame))
        {
            c->funclet_frame = frame;
            view->funclet_of = c;
            view->parent_frame = c->parent_frame;
        }
        if (!view->code_frame_of && c->code_frame == frame) view->code_frame_of = c;
    }
    /* During an unwind the function may be in the state the catch funclet below left its code
     * in (its own states run); -2 means "from the address". */
    if (func->ops->unwind_help) saved = *func->ops->unwind_help(func, view->parent_frame);
    else saved = unwinding ? take_saved_state(frame) : -2;
    view->state = saved != -2 ? saved : func->ops->state_of(func, dispatch);
}

/* ------------------------------------------------------------ running a catch block */

/* The callback of the consolidating unwind (ntdll's RtlRestoreContext): the destructors
 * between the throw and the try block have run; now the catch block does. */
static void * CALLBACK run_catch_block(EXCEPTION_RECORD *consolidate)
{
    struct active_catch *c = (struct active_catch *)consolidate->ExceptionInformation[1];
    struct cxx_thread *thread = cxx_thread_state();
    void *outer_exception = thread->current_exception, *outer_context = thread->current_context;
    void *resume;

    c->next = thread->catches;
    thread->catches = c;
    thread->current_exception = &c->rec;
    thread->current_context = c->context;
    if (is_cxx_exception(&c->rec)) thread->uncaught--;
    resume = wring_call_catch_block((void *)c->handler, c->parent_frame, c);
    /* left normally: the function goes on at the address the tables give, or else at the one
     * the catch block returned; with two, the catch block returned which */
    thread->catches = c->next;
    thread->current_exception = outer_exception;
    thread->current_context = outer_context;
    if (c->destroy) destroy_object(&c->rec);
    if (c->cont_count == 2) return (void *)c->cont[(ULONG_PTR)resume ? 1 : 0];
    if (c->cont_count == 1) return (void *)c->cont[0];
    return resume;
}

static BOOL is_our_consolidate(const EXCEPTION_RECORD *rec)
{
    return rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters == 3 &&
           rec->ExceptionInformation[0] == (ULONG_PTR)run_catch_block;
}

/* The language handler of wring_call_catch_block's frame: an exception that leaves a catch
 * block takes the block off the list, and destroys its object unless it is that object
 * being thrown on ("throw;"). */
EXCEPTION_DISPOSITION WINAPI wring_catch_block_handler(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                                       DISPATCHER_CONTEXT *dispatch)
{
    struct active_catch *c = *(struct active_catch **)(frame + 0x30);
    struct cxx_thread *thread = cxx_thread_state();

    const EXCEPTION_RECORD *thrown = rec;

    (void)context; (void)dispatch;
    if (!(rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND))) return ExceptionContinueSearch;
    /* an unwind to another catch block carries the exception in its record */
    if (is_our_consolidate(rec)) thrown = &((struct active_catch *)rec->ExceptionInformation[1])->rec;
    if (thread->catches == c)
    {
        thread->catches = c->next;
        thread->current_exception = c->next ? &c->next->rec : NULL;
        thread->current_context = c->next ? c->next->context : NULL;
    }
    if (c->destroy && !(is_cxx_exception(thrown) && cxx_object(thrown) == cxx_object(&c->rec)))
        destroy_object(&c->rec);
    return ExceptionContinueSearch;
}

/* ------------------------------------------------------------ the frame handler */

/*
 * Whether this frame is where try block t is searched: a catch funclet's frame takes the try
 * blocks inside its catch block; the frame a catch block goes on in takes the ones around
 * its try block (those inside it are the funclet's).
 */
static BOOL try_is_here(const struct cxx_try *t, const struct cxx_func *func, const struct frame_view *view)
{
    const struct active_catch *in = view->funclet_of, *from = view->code_frame_of;

    /* a catch funclet's own tables hold only what is inside it */
    if (in && !func->is_catch && (t->start <= in->try_block.end || t->start > in->try_block.catch_high)) return FALSE;
    if (from && t->start > from->try_block.end) return FALSE;
    return view->state >= t->start && view->state <= t->end;
}

static void search_frame(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context, DISPATCHER_CONTEXT *dispatch,
                         const struct cxx_func *func, const struct frame_view *view)
{
    struct active_catch catch_record;
    EXCEPTION_RECORD consolidate;
    struct cxx_try t;
    struct cxx_catch block;

    /* the try blocks that may take an exception in this state, innermost first, as the compiler lists them */
    for (UINT i = 0; i < func->try_count; i++)
    {
        func->ops->try_block(func, i, &t);
        if (!try_is_here(&t, func, view)) continue;
        for (UINT j = 0; j < t.catch_count; j++)
        {
            const struct catchable_type *type = NULL;

            func->ops->catch_block(func, &t, j, dispatch, &block);
            if (block.type_info && ((const struct cxx_type_info *)rva(func->base, block.type_info))->mangled[0])
            {
                if (!is_cxx_exception(rec)) continue;
                if (!(type = find_catchable(rec, &block, func->base))) continue;
            }

            /* taken: the object is copied before the frames that hold it are unwound */
            build_catch_object(rec, &block, type, view->parent_frame);
            memset(&catch_record, 0, sizeof(catch_record));
            catch_record.rec = *rec;
            catch_record.try_block = t;
            catch_record.handler = func->base + block.handler;
            catch_record.parent_frame = view->parent_frame;
            catch_record.code_frame = frame;
            catch_record.destroy = is_cxx_exception(rec);
            catch_record.context = context;
            catch_record.cont_count = block.cont_count;
            catch_record.cont[0] = block.cont[0];
            catch_record.cont[1] = block.cont[1];

            memset(&consolidate, 0, sizeof(consolidate));
            consolidate.ExceptionCode = STATUS_UNWIND_CONSOLIDATE;
            consolidate.ExceptionFlags = EH_NONCONTINUABLE;
            consolidate.NumberParameters = 3;
            consolidate.ExceptionInformation[0] = (ULONG_PTR)run_catch_block;
            consolidate.ExceptionInformation[1] = (ULONG_PTR)&catch_record;
            consolidate.ExceptionInformation[2] = (ULONG_PTR)t.start;
            RtlUnwindEx((void *)frame, (void *)dispatch->ControlPc, &consolidate, NULL,
                        dispatch->ContextRecord, dispatch->HistoryTable);
        }
    }
}

EXCEPTION_DISPOSITION cxx_frame_handler(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                        DISPATCHER_CONTEXT *dispatch, const struct cxx_func *func)
{
    BOOL unwinding = (rec->ExceptionFlags & (EH_UNWINDING | EH_EXIT_UNWIND)) != 0;
    struct frame_view view;

    view_frame(&view, func, frame, dispatch, unwinding);

    if (unwinding)
    {
        int target = -1, state;

        if (rec->ExceptionFlags & EH_TARGET_UNWIND)
        {
            /* another kind of target unwind (longjmp) goes on in this frame as it is */
            if (!is_our_consolidate(rec)) return ExceptionContinueSearch;
            target = (int)rec->ExceptionInformation[2];
        }
        else if (view.funclet_of && !func->is_catch)
            target = view.funclet_of->try_block.end;  /* the catch block's own states only */
        state = unwind_to_state(func, view.parent_frame, view.state, target);
        /* what the frame this catch block runs on behalf of unwinds from, when an unwind reaches
         * it: where the catch block's states left the function, or else its try block's start */
        if (func->ops->unwind_help)
            *func->ops->unwind_help(func, view.parent_frame) = (rec->ExceptionFlags & EH_TARGET_UNWIND) ? -2 : state;
        else if (view.funclet_of && !(rec->ExceptionFlags & EH_TARGET_UNWIND))
        {
            struct cxx_thread *thread = cxx_thread_state();
            thread->saved_frame = view.funclet_of->code_frame;
            thread->saved_state = view.funclet_of->try_block.start;
        }
        return ExceptionContinueSearch;
    }

    /* out of a catch block: the try blocks around its try block, not those of the state the
     * function's code stopped in */
    if (view.code_frame_of) view.state = view.code_frame_of->try_block.catch_high;
    /* /EHs functions leave structured exceptions alone: no translator, no catch (...) */
    if (func->try_count && (is_cxx_exception(rec) || !func->ehs))
    {
        if (!is_cxx_exception(rec) && cxx_thread_state()->translator)
        {
            /* _set_se_translator: the translator turns the structured exception into a C++ one by
             * throwing it, which dispatches on its own from here */
            EXCEPTION_POINTERS ptrs = { rec, dispatch->ContextRecord };
            cxx_thread_state()->translator(rec->ExceptionCode, &ptrs);
        }
        search_frame(rec, frame, context, dispatch, func, &view);
    }
    /* nothing here took it, and a C++ exception must not leave a noexcept function */
    if (func->noexcept && !func->is_catch && is_cxx_exception(rec)) cxx_terminate();
    return ExceptionContinueSearch;
}

/* ------------------------------------------------------------ the FH3 tables */

static int fh3_state_of(const struct cxx_func *func, const DISPATCHER_CONTEXT *dispatch)
{
    const struct func_info *info = func->info;
    const struct ip_state *map = rva(func->base, info->ip_map);
    int state = -1;

    for (UINT i = 0; i < info->ip_count && func->base + map[i].ip <= dispatch->ControlPc; i++) state = map[i].state;
    return state;
}

static int fh3_unwind_step(const struct cxx_func *func, int state, ULONG64 parent_frame)
{
    const struct func_info *info = func->info;
    const struct unwind_entry *entry = (const struct unwind_entry *)rva(func->base, info->unwind_map) + state;

    if (entry->handler) wring_call_funclet(rva(func->base, entry->handler), parent_frame);
    return entry->prev;
}

static void fh3_try_block(const struct cxx_func *func, UINT index, struct cxx_try *t)
{
    const struct func_info *info = func->info;
    const struct try_block *tb = (const struct try_block *)rva(func->base, info->try_blocks) + index;

    t->start = tb->start;
    t->end = tb->end;
    t->catch_high = tb->catch_high;
    t->catch_count = tb->catch_count;
    t->catches = rva(func->base, tb->catches);
}

static void fh3_catch_block(const struct cxx_func *func, const struct cxx_try *t, UINT index,
                            const DISPATCHER_CONTEXT *dispatch, struct cxx_catch *c)
{
    const struct catch_block *block = (const struct catch_block *)t->catches + index;

    (void)func; (void)dispatch;
    c->flags = block->flags;
    c->type_info = block->type_info;
    c->offset = block->offset;
    c->handler = block->handler;
    /* the catch funclet returns where the function goes on */
    c->cont_count = 0;
}

/* FH3 keeps it in the function's frame, in the slot its prologue sets to -2 */
static int *fh3_unwind_help(const struct cxx_func *func, ULONG64 parent_frame)
{
    return (int *)(parent_frame + ((const struct func_info *)func->info)->unwind_help);
}

static const struct cxx_func_ops fh3_ops =
{
    fh3_state_of, fh3_unwind_step, fh3_try_block, fh3_catch_block, fh3_unwind_help
};

EXCEPTION_DISPOSITION __cdecl __CxxFrameHandler3(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                                 DISPATCHER_CONTEXT *dispatch)
{
    const struct func_info *info = rva(dispatch->ImageBase, *(const int *)dispatch->HandlerData);
    UINT magic = info->magic & 0x1fffffff;
    struct cxx_func func;

    if (magic < CXX_MAGIC_VC6 || magic > CXX_MAGIC_VC8) return ExceptionContinueSearch;
    memset(&func, 0, sizeof(func));
    func.ops = &fh3_ops;
    func.base = dispatch->ImageBase;
    func.info = info;
    func.unwind_count = info->unwind_count;
    func.try_count = info->try_count;
    func.ehs = magic >= CXX_MAGIC_VC8 && (info->flags & FUNC_FLAG_EHS);
    return cxx_frame_handler(rec, frame, context, dispatch, &func);
}

EXCEPTION_DISPOSITION __cdecl __CxxFrameHandler(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                                DISPATCHER_CONTEXT *dispatch)
{
    return __CxxFrameHandler3(rec, frame, context, dispatch);
}

/* ------------------------------------------------------------ structured exceptions as C++ ones */

se_translator __cdecl _set_se_translator(se_translator func)
{
    se_translator old = cxx_thread_state()->translator;
    cxx_thread_state()->translator = func;
    return old;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * x64 unwinding: finding a function's RUNTIME_FUNCTION (an image's .pdata, or a table a
 * program added for code outside any image) and undoing its prolog from its UNWIND_INFO, as
 * Windows' "x64 exception handling" documentation lays the data out.  The exception
 * dispatcher and RtlUnwindEx walk the stack one frame at a time with unwind_frame().
 */
#include "ntdll_private.h"

enum unwind_op
{
    UWOP_PUSH_NONVOL = 0,
    UWOP_ALLOC_LARGE = 1,
    UWOP_ALLOC_SMALL = 2,
    UWOP_SET_FPREG = 3,
    UWOP_SAVE_NONVOL = 4,
    UWOP_SAVE_NONVOL_FAR = 5,
    UWOP_EPILOG = 6,            /* version 2: epilog descriptions, nothing to undo */
    UWOP_SAVE_XMM128 = 8,
    UWOP_SAVE_XMM128_FAR = 9,
    UWOP_PUSH_MACHFRAME = 10,
};

union unwind_code
{
    struct
    {
        BYTE offset;            /* end of the prolog instruction, from the function's start */
        BYTE op : 4;
        BYTE info : 4;
    };
    USHORT slot;
};

struct unwind_info
{
    BYTE version : 3;
    BYTE flags : 5;
    BYTE prolog_size;
    BYTE count;                 /* slots in codes[] */
    BYTE frame_reg : 4;
    BYTE frame_offset : 4;      /* scaled by 16 */
    union unwind_code codes[];  /* in reverse prolog order, padded to an even count */
};

/* ------------------------------------------------------------------ function tables */

/* A table a program registered for code outside its images (a JIT, a trampoline). */
struct dynamic_table
{
    LIST_ENTRY entry;
    ULONG64 base, begin, end;       /* what it covers: [begin, end), RVAs from base */
    RUNTIME_FUNCTION *functions;    /* sorted, or NULL when callback answers */
    DWORD count;
    PGET_RUNTIME_FUNCTION_CALLBACK callback;
    void *context;
};

static RTL_SRWLOCK tables_lock = RTL_SRWLOCK_INIT;
static LIST_ENTRY dynamic_tables = { &dynamic_tables, &dynamic_tables };

static RUNTIME_FUNCTION *search_table(RUNTIME_FUNCTION *functions, DWORD count, DWORD rva)
{
    DWORD lo = 0, hi = count;

    while (lo < hi)
    {
        DWORD mid = lo + (hi - lo) / 2;
        if (rva < functions[mid].BeginAddress) hi = mid;
        else if (rva >= functions[mid].EndAddress) lo = mid + 1;
        else return &functions[mid];
    }
    return NULL;
}

static RUNTIME_FUNCTION *lookup_dynamic(ULONG64 pc, ULONG64 *base)
{
    RUNTIME_FUNCTION *found = NULL;
    struct dynamic_table *table = NULL;
    LIST_ENTRY *entry;

    RtlAcquireSRWLockShared(&tables_lock);
    for (entry = dynamic_tables.Flink; entry != &dynamic_tables; entry = entry->Flink)
    {
        struct dynamic_table *t = CONTAINING_RECORD(entry, struct dynamic_table, entry);
        if (pc < t->base + t->begin || pc >= t->base + t->end) continue;
        table = t;
        *base = t->base;
        if (t->functions) found = search_table(t->functions, t->count, (DWORD)(pc - t->base));
        break;
    }
    RtlReleaseSRWLockShared(&tables_lock);
    /* the callback runs without the lock: it may well register tables itself */
    if (table && table->callback) found = table->callback(pc, table->context);
    return found;
}

static ULONG64 image_base_of(ULONG64 pc)
{
    LDR_DATA_TABLE_ENTRY *module;
    return LdrFindEntryForAddress((void *)pc, &module) ? 0 : (ULONG64)module->DllBase;
}

PRUNTIME_FUNCTION WINAPI RtlLookupFunctionEntry(ULONG64 pc, ULONG64 *base, UNWIND_HISTORY_TABLE *history)
{
    RUNTIME_FUNCTION *functions, *found;
    ULONG size;

    (void)history;
    if ((*base = image_base_of(pc)))
    {
        functions = RtlImageDirectoryEntryToData((HMODULE)*base, TRUE, IMAGE_DIRECTORY_ENTRY_EXCEPTION, &size);
        if (!functions) return NULL;
        found = search_table(functions, size / sizeof(*functions), (DWORD)(pc - *base));
        /* an entry whose unwind data has its low bit set is an alias of another entry */
        if (found && (found->UnwindData & 1)) found = (RUNTIME_FUNCTION *)(*base + (found->UnwindData & ~1u));
        return found;
    }
    return lookup_dynamic(pc, base);
}

static BOOLEAN add_table(ULONG64 base, ULONG64 begin, ULONG64 end, RUNTIME_FUNCTION *functions, DWORD count,
                         PGET_RUNTIME_FUNCTION_CALLBACK callback, void *context)
{
    struct dynamic_table *table = RtlAllocateHeap(process_heap(), 0, sizeof(*table));

    if (!table) return FALSE;
    table->base = base;
    table->begin = begin;
    table->end = end;
    table->functions = functions;
    table->count = count;
    table->callback = callback;
    table->context = context;
    RtlAcquireSRWLockExclusive(&tables_lock);
    InsertTailList(&dynamic_tables, &table->entry);
    RtlReleaseSRWLockExclusive(&tables_lock);
    return TRUE;
}

BOOLEAN CDECL RtlAddFunctionTable(RUNTIME_FUNCTION *functions, DWORD count, ULONG64 base)
{
    if (!functions) return FALSE;
    /* an empty table is a table too: it covers nothing, and RtlDeleteFunctionTable removes it */
    if (!count) return add_table(base, 0, 0, functions, 0, NULL, NULL);
    return add_table(base, functions[0].BeginAddress, functions[count - 1].EndAddress, functions, count, NULL, NULL);
}

/* The low two bits of the identifier mark a callback table, as Windows requires them to be set. */
BOOLEAN CDECL RtlInstallFunctionTableCallback(ULONG64 id, ULONG64 base, DWORD length,
                                              PGET_RUNTIME_FUNCTION_CALLBACK callback, void *context,
                                              const WCHAR *dll)
{
    (void)dll;
    if ((id & 3) != 3 || !callback) return FALSE;
    return add_table(base, 0, length, (RUNTIME_FUNCTION *)id, 0, callback, context);
}

/* A callback table is known by its identifier, which is kept where the array would be. */
BOOLEAN CDECL RtlDeleteFunctionTable(RUNTIME_FUNCTION *functions)
{
    struct dynamic_table *found = NULL;
    LIST_ENTRY *entry;

    RtlAcquireSRWLockExclusive(&tables_lock);
    for (entry = dynamic_tables.Flink; entry != &dynamic_tables && !found; entry = entry->Flink)
    {
        struct dynamic_table *t = CONTAINING_RECORD(entry, struct dynamic_table, entry);
        if (t->functions == functions) found = t;
    }
    if (found) RemoveEntryList(&found->entry);
    RtlReleaseSRWLockExclusive(&tables_lock);
    if (!found) return FALSE;
    if (found->callback) found->functions = NULL;
    RtlFreeHeap(process_heap(), 0, found);
    return TRUE;
}

/* ------------------------------------------------------------------ undoing a prolog */

static ULONG64 *int_reg(CONTEXT *context, unsigned reg)
{
    return &context->Rax + reg;     /* CONTEXT keeps Rax..R15 in the encoding's order */
}

static void restore_int(CONTEXT *context, KNONVOLATILE_CONTEXT_POINTERS *pointers, unsigned reg, ULONG64 *from)
{
    *int_reg(context, reg) = *from;
    if (pointers) pointers->IntegerContext[reg] = from;
}

static void restore_xmm(CONTEXT *context, KNONVOLATILE_CONTEXT_POINTERS *pointers, unsigned reg, M128A *from)
{
    memcpy(&context->Xmm0 + reg, from, sizeof(*from));   /* the save slot may be unaligned */
    if (pointers) pointers->FloatingContext[reg] = from;
}

static unsigned code_slots(const union unwind_code *code)
{
    switch (code->op)
    {
    case UWOP_ALLOC_LARGE: return code->info ? 3 : 2;
    case UWOP_SAVE_NONVOL:
    case UWOP_SAVE_XMM128:
    case UWOP_EPILOG: return 2;
    case UWOP_SAVE_NONVOL_FAR:
    case UWOP_SAVE_XMM128_FAR: return 3;
    default: return 1;
    }
}

static DWORD code_u32(const union unwind_code *code)
{
    return code[1].slot | ((DWORD)code[2].slot << 16);
}

/* Undoes the prolog codes that have run by pc_offset (all of them past the prolog) against
 * frame, the stack pointer the function's body runs with.  False for a code Windows does
 * not define.  *machine_frame says whether one of them restored Rip and Rsp themselves. */
static BOOL undo_codes(const struct unwind_info *info, DWORD pc_offset, ULONG64 frame, CONTEXT *context,
                       KNONVOLATILE_CONTEXT_POINTERS *pointers, BOOL *machine_frame)
{
    unsigned i;

    for (i = 0; i < info->count; i += code_slots(&info->codes[i]))
    {
        const union unwind_code *code = &info->codes[i];

        if (pc_offset < info->prolog_size && code->offset > pc_offset) continue;   /* not run yet */
        switch (code->op)
        {
        case UWOP_PUSH_NONVOL:
            restore_int(context, pointers, code->info, (ULONG64 *)context->Rsp);
            context->Rsp += 8;
            break;
        case UWOP_ALLOC_LARGE:
            context->Rsp += code->info ? code_u32(code) : code[1].slot * 8u;
            break;
        case UWOP_ALLOC_SMALL:
            context->Rsp += code->info * 8u + 8;
            break;
        case UWOP_SET_FPREG:
            context->Rsp = *int_reg(context, info->frame_reg) - info->frame_offset * 16u;
            break;
        case UWOP_SAVE_NONVOL:
            restore_int(context, pointers, code->info, (ULONG64 *)(frame + code[1].slot * 8u));
            break;
        case UWOP_SAVE_NONVOL_FAR:
            restore_int(context, pointers, code->info, (ULONG64 *)(frame + code_u32(code)));
            break;
        case UWOP_SAVE_XMM128:
            restore_xmm(context, pointers, code->info, (M128A *)(frame + code[1].slot * 16u));
            break;
        case UWOP_SAVE_XMM128_FAR:
            restore_xmm(context, pointers, code->info, (M128A *)(frame + code_u32(code)));
            break;
        case UWOP_PUSH_MACHFRAME:
            /* an interrupt's frame: Rip, CS, EFlags, Rsp, SS, after an error code when info is 1 */
            context->Rsp += code->info * 8u;
            context->Rip = ((ULONG64 *)context->Rsp)[0];
            context->Rsp = ((ULONG64 *)context->Rsp)[3];
            *machine_frame = TRUE;
            break;
        case UWOP_EPILOG:
            break;
        default:
            return FALSE;
        }
    }
    return TRUE;
}

/* The one prolog code that decides whether a frame register is set up yet. */
static BOOL frame_reg_set(const struct unwind_info *info, DWORD pc_offset)
{
    unsigned i;

    if (!info->frame_reg) return FALSE;
    if (pc_offset >= info->prolog_size) return TRUE;
    for (i = 0; i < info->count; i += code_slots(&info->codes[i]))
        if (info->codes[i].op == UWOP_SET_FPREG) return info->codes[i].offset <= pc_offset;
    return FALSE;
}

/* ------------------------------------------------------------------ epilogs */

/*
 * Windows keeps epilogs to a fixed form so that an unwinder can recognise one from its code:
 * an optional `add rsp, n` or `lea rsp, [frame reg + n]`, pops of nonvolatile registers,
 * then `ret`, or a `jmp` that leaves the function (a tail call).  At a pc inside one the
 * prolog has partly been undone already, so the instructions left are run instead.
 */
struct epilog
{
    enum { EPILOG_NO_ADJUST, EPILOG_ADD_RSP, EPILOG_LEA_RSP } adjust;
    unsigned base_reg;          /* lea rsp, [base_reg + disp] */
    LONG disp;
    unsigned pop_count;
    BYTE pops[16];              /* the registers popped, in order */
};

/* Whether the code at pc is an epilog in that form; *ep says what is left of it to run. */
static BOOL decode_epilog(const BYTE *pc, ULONG64 base, const RUNTIME_FUNCTION *function, struct epilog *ep)
{
    ep->adjust = EPILOG_NO_ADJUST;
    ep->base_reg = 0;
    ep->disp = 0;
    ep->pop_count = 0;
    if (pc[0] == 0x48 && pc[1] == 0x83 && pc[2] == 0xc4)                        /* add rsp, imm8 */
        ep->adjust = EPILOG_ADD_RSP, ep->disp = (signed char)pc[3], pc += 4;
    else if (pc[0] == 0x48 && pc[1] == 0x81 && pc[2] == 0xc4)                   /* add rsp, imm32 */
        ep->adjust = EPILOG_ADD_RSP, ep->disp = *(const LONG *)(pc + 3), pc += 7;
    else if ((pc[0] & 0xf8) == 0x48 && pc[1] == 0x8d && ((pc[2] >> 3) & 7) == 4 &&
             ((pc[2] >> 6) == 1 || (pc[2] >> 6) == 2))                          /* lea rsp, [r + d] */
    {
        ep->adjust = EPILOG_LEA_RSP;
        ep->base_reg = (pc[2] & 7) | ((pc[0] & 1) << 3);
        ep->disp = (pc[2] >> 6) == 1 ? (signed char)pc[3] : *(const LONG *)(pc + 3);
        pc += (pc[2] >> 6) == 1 ? 4 : 7;
    }
    for (;;)
    {
        if ((pc[0] & 0xf8) == 0x58) ep->pops[ep->pop_count] = pc[0] & 7, pc += 1;                /* pop */
        else if (pc[0] == 0x41 && (pc[1] & 0xf8) == 0x58) ep->pops[ep->pop_count] = 8 + (pc[1] & 7), pc += 2;
        else break;
        if (++ep->pop_count == ARRAYSIZE(ep->pops)) return FALSE;
    }
    switch (pc[0])
    {
    case 0xc3:                                                                  /* ret */
    case 0xc2: return TRUE;                                                     /* ret imm16 */
    case 0xf3: return pc[1] == 0xc3;                                            /* rep ret */
    case 0xe9:                                                                  /* jmp rel32 */
    case 0xeb:                                                                  /* jmp rel8 */
    {
        LONG64 rel = pc[0] == 0xe9 ? (LONG64)*(const LONG *)(pc + 1) : (LONG64)(signed char)pc[1];
        ULONG64 target = (ULONG64)pc + (pc[0] == 0xe9 ? 5 : 2) + rel - base;
        return target < function->BeginAddress || target >= function->EndAddress;
    }
    case 0xff: return pc[1] == 0x25;                                            /* jmp [rip+d32] */
    case 0x48: return pc[1] == 0xff && ((pc[2] >> 3) & 7) == 4;                 /* rex.w jmp r/m */
    default: return FALSE;
    }
}

static void run_epilog(const struct epilog *ep, CONTEXT *context, KNONVOLATILE_CONTEXT_POINTERS *pointers)
{
    if (ep->adjust == EPILOG_ADD_RSP) context->Rsp += ep->disp;
    else if (ep->adjust == EPILOG_LEA_RSP) context->Rsp = *int_reg(context, ep->base_reg) + ep->disp;
    for (unsigned i = 0; i < ep->pop_count; i++)
    {
        restore_int(context, pointers, ep->pops[i], (ULONG64 *)context->Rsp);
        context->Rsp += 8;
    }
    /* ret or the tail call's jmp: either way the caller is next */
    context->Rip = *(ULONG64 *)context->Rsp;
    context->Rsp += 8;
}

/* ------------------------------------------------------------------ RtlVirtualUnwind */

static const struct unwind_info *unwind_info_of(ULONG64 base, const RUNTIME_FUNCTION *function)
{
    return (const struct unwind_info *)(base + function->UnwindData);
}

/* The chained entry after the codes of an info that has UNW_FLAG_CHAININFO. */
static const RUNTIME_FUNCTION *chained_function(const struct unwind_info *info)
{
    return (const RUNTIME_FUNCTION *)&info->codes[(info->count + 1) & ~1];
}

void * WINAPI RtlVirtualUnwind(ULONG type, ULONG64 base, ULONG64 pc, RUNTIME_FUNCTION *function, CONTEXT *context,
                               void **handler_data, ULONG64 *frame_out, KNONVOLATILE_CONTEXT_POINTERS *pointers)
{
    const struct unwind_info *info = unwind_info_of(base, function);
    DWORD pc_offset = (DWORD)(pc - base - function->BeginAddress);
    void *handler = NULL;
    BOOL machine_frame = FALSE;
    struct epilog epilog;
    ULONG64 frame;

    /* *handler_data is written only when there is a handler: Windows leaves it alone otherwise */
    frame = frame_reg_set(info, pc_offset)
        ? *int_reg(context, info->frame_reg) - info->frame_offset * 16u : context->Rsp;
    *frame_out = frame;

    /* only the function's primary entry has a prolog that can be in progress */
    if (pc_offset >= info->prolog_size && decode_epilog((const BYTE *)pc, base, function, &epilog))
    {
        run_epilog(&epilog, context, pointers);
        return NULL;
    }
    for (;;)
    {
        if (info->version < 1 || info->version > 2 || !undo_codes(info, pc_offset, frame, context, pointers, &machine_frame))
        {
            /* nothing sensible can be undone: end the walk here */
            context->Rip = 0;
            return NULL;
        }
        if (!(info->flags & UNW_FLAG_CHAININFO)) break;
        info = unwind_info_of(base, chained_function(info));
        pc_offset = ~0u;    /* the parent's prolog has run in full */
    }
    /* a chained entry has no handler of its own (Windows does not allow both flags) */
    info = unwind_info_of(base, function);
    pc_offset = (DWORD)(pc - base - function->BeginAddress);
    if ((info->flags & type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER)) && pc_offset >= info->prolog_size)
    {
        const DWORD *rva = (const DWORD *)&info->codes[(info->count + 1) & ~1];
        handler = (void *)(base + *rva);
        *handler_data = (void *)(rva + 1);
    }
    /* a machine frame holds the caller's Rip and Rsp; other frames return to their caller */
    if (!machine_frame)
    {
        context->Rip = *(ULONG64 *)context->Rsp;
        context->Rsp += 8;
    }
    return handler;
}

/* ------------------------------------------------------------------ one frame at a time */

BOOL unwind_frame(ULONG type, CONTEXT *context, struct frame_info *out)
{
    ULONG64 pc = context->Rip, base;
    RUNTIME_FUNCTION *function = RtlLookupFunctionEntry(pc, &base, NULL);

    out->pc = pc;
    out->function = function;
    out->base = base;
    out->handler = NULL;
    out->handler_data = NULL;
    if (function)
    {
        out->handler = RtlVirtualUnwind(type, base, pc, function, context, &out->handler_data, &out->frame, NULL);
        return TRUE;
    }
    /* Code without an entry in an image is a leaf function: its return address is on top.
     * Code outside every image and table is not the program's: the walk ends there. */
    if (!base) return FALSE;
    out->frame = context->Rsp;
    context->Rip = *(ULONG64 *)context->Rsp;
    context->Rsp += 8;
    return TRUE;
}

BOOL frame_in_stack(ULONG64 frame)
{
    NT_TIB *tib = &NtCurrentTeb()->Tib;
    return frame >= (ULONG64)tib->StackLimit && frame < (ULONG64)tib->StackBase && !(frame & 7);
}

/* ------------------------------------------------------------------ users of the walk */

void * WINAPI RtlPcToFileHeader(void *pc, void **base)
{
    *base = (void *)image_base_of((ULONG64)pc);
    return *base;
}

USHORT WINAPI RtlCaptureStackBackTrace(ULONG skip, ULONG count, void **frames, ULONG *hash)
{
    struct frame_info info;
    CONTEXT context;
    ULONG n = 0, sum = 0;

    RtlCaptureContext(&context);
    /* the first frame is this function's own */
    skip++;
    while (n < count && context.Rip && unwind_frame(UNW_FLAG_NHANDLER, &context, &info) && frame_in_stack(info.frame))
    {
        if (skip) skip--;
        else
        {
            frames[n++] = (void *)info.pc;
            sum += (ULONG)info.pc;
        }
    }
    if (hash) *hash = sum;
    return (USHORT)n;
}

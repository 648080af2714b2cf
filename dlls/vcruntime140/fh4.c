/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * __CxxFrameHandler4: the frame handler of functions MSVC builds with its compressed exception
 * tables (FH4, the default since Visual Studio 2019), read here and handed to the frame handler
 * msvcrt's cxx_eh.c shares with vcruntime140.  Programs import it from vcruntime140_1.dll, which
 * forwards it here so that both handlers keep one list of running catch blocks per thread.
 *
 * The encoding, after Microsoft's description of it (ehdata4_export.h):
 *   - unsigned integers take 1 to 5 bytes, the low bits of the first saying how many:
 *     xxx0 one (7 bits), xx01 two (14), x011 three (21), 0111 four (28), 1111 five (the
 *     next four bytes); RVAs and other signed values are plain 4-byte integers;
 *   - FuncInfo4: a header byte (flags below), then the BBT flags if any, the RVAs of the
 *     unwind map and of the try map when the header says they are there, the RVA of the
 *     instruction-to-state map (or of a table of them, one per piece of a separated
 *     function), and for a catch funclet the frame offset of its parent's frame;
 *   - the unwind map: a count, then per state (nextOffset << 2 | type), the action's RVA
 *     unless there is none and, for a destructor, the object's frame offset; nextOffset
 *     goes back from the entry to the one of the state it unwinds to, before the map for -1;
 *   - the try map: a count, then per try block its lowest and highest states, the highest
 *     state of its catch blocks, and the RVA of its handler map: a count, then per catch
 *     block a header byte, the adjectives, type descriptor RVA and catch object offset when
 *     the header has them, the funclet's RVA and up to two continuation addresses;
 *   - the instruction-to-state map: a count, then pairs of (offset from the previous entry,
 *     from the function's start; state + 1).
 * A catch funclet has tables of its own: the states of its catch block counted from 0, the try
 * blocks inside it, its own instruction-to-state map.  An exception that leaves it unwinds all
 * of them, and the frame its try block runs in goes on from that try block's first state.
 */
#include "vcruntime_private.h"

#define FH4_IS_CATCH        0x01
#define FH4_IS_SEPARATED    0x02
#define FH4_BBT             0x04
#define FH4_UNWIND_MAP      0x08
#define FH4_TRY_MAP         0x10
#define FH4_EHS             0x20
#define FH4_NOEXCEPT        0x40
#define FH4_RESERVED        0x80

/* unwind entry types */
#define UNWIND_NONE         0
#define UNWIND_DTOR_OBJECT  1       /* the destructor of the object at the frame offset */
#define UNWIND_DTOR_POINTER 2       /* the destructor of the object the frame offset points at */
#define UNWIND_FUNCLET      3       /* a cleanup funclet */

/* catch block header */
#define CATCH_HAS_ADJECTIVES 0x01
#define CATCH_HAS_TYPE       0x02
#define CATCH_HAS_OFFSET     0x04
#define CATCH_CONT_IS_RVA    0x08
#define CATCH_CONT_SHIFT     4      /* two bits: how many continuation addresses */

static UINT read_uint(const BYTE **p)
{
    const BYTE *b = *p;
    UINT value;

    if (!(b[0] & 1))
    {
        value = b[0] >> 1;
        *p += 1;
    }
    else if ((b[0] & 3) == 1)
    {
        value = (b[0] >> 2) | (b[1] << 6);
        *p += 2;
    }
    else if ((b[0] & 7) == 3)
    {
        value = (b[0] >> 3) | (b[1] << 5) | (b[2] << 13);
        *p += 3;
    }
    else if ((b[0] & 15) == 7)
    {
        value = (b[0] >> 4) | (b[1] << 4) | (b[2] << 12) | ((UINT)b[3] << 20);
        *p += 4;
    }
    else
    {
        value = b[1] | (b[2] << 8) | (b[3] << 16) | ((UINT)b[4] << 24);
        *p += 5;
    }
    return value;
}

static int read_int(const BYTE **p)
{
    int value;
    memcpy(&value, *p, sizeof(value));
    *p += sizeof(value);
    return value;
}

/* the map at an RVA, after its count */
static const BYTE *read_map(ULONG64 base, int map, UINT *count)
{
    const BYTE *p;

    *count = 0;
    if (!map) return NULL;
    p = (const BYTE *)(base + map);
    *count = read_uint(&p);
    return p;
}

struct unwind_entry4
{
    const BYTE *next;               /* the entry of the state it unwinds to */
    UINT type;
    int action;                     /* RVA of the destructor or funclet */
    UINT object;                    /* frame offset */
};

static void read_unwind_entry(const BYTE **p, struct unwind_entry4 *e)
{
    const BYTE *start = *p;
    UINT value = read_uint(p);

    e->type = value & 3;
    e->next = start - (value >> 2);
    e->action = e->type != UNWIND_NONE ? read_int(p) : 0;
    e->object = (e->type == UNWIND_DTOR_OBJECT || e->type == UNWIND_DTOR_POINTER) ? read_uint(p) : 0;
}

static int fh4_state_of(const struct cxx_func *func, const DISPATCHER_CONTEXT *dispatch)
{
    const BYTE *p = func->ip_map;
    ULONG64 ip = dispatch->ImageBase + dispatch->FunctionEntry->BeginAddress;
    int state = -1;

    for (UINT i = 0; i < func->ip_count; i++)
    {
        int entry_state;

        ip += read_uint(&p);
        entry_state = (int)read_uint(&p) - 1;
        if (dispatch->ControlPc < ip) break;
        state = entry_state;
    }
    return state;
}

static int fh4_unwind_step(const struct cxx_func *func, int state, ULONG64 parent_frame)
{
    const BYTE *p = func->unwind_map;
    struct unwind_entry4 e, other;
    const BYTE *target;
    int next;

    for (int i = 0; i <= state; i++) read_unwind_entry(&p, &e);
    switch (e.type)
    {
    case UNWIND_DTOR_OBJECT:
        ((void (__cdecl *)(void *))(func->base + e.action))((void *)(parent_frame + e.object));
        break;
    case UNWIND_DTOR_POINTER:
        ((void (__cdecl *)(void *))(func->base + e.action))(*(void **)(parent_frame + e.object));
        break;
    case UNWIND_FUNCLET:
        wring_call_funclet((void *)(func->base + e.action), parent_frame);
        break;
    }
    /* the state of an entry is its place in the map */
    target = e.next;
    if (target < func->unwind_map) return -1;
    p = func->unwind_map;
    for (next = 0; p < target; next++) read_unwind_entry(&p, &other);
    return p == target ? next : -1;
}

static void fh4_try_block(const struct cxx_func *func, UINT index, struct cxx_try *t)
{
    const BYTE *p = func->try_map;
    int handlers = 0;

    for (UINT i = 0; i <= index; i++)
    {
        t->start = read_uint(&p);
        t->end = read_uint(&p);
        t->catch_high = read_uint(&p);
        handlers = read_int(&p);
    }
    t->catches = read_map(func->base, handlers, &t->catch_count);
}

static void fh4_catch_block(const struct cxx_func *func, const struct cxx_try *t, UINT index,
                            const DISPATCHER_CONTEXT *dispatch, struct cxx_catch *c)
{
    const BYTE *p = t->catches;
    /* continuation addresses that are not RVAs count from the start of the function (or the
     * funclet) whose frame the try block is searched in */
    ULONG64 start = dispatch->ImageBase + dispatch->FunctionEntry->BeginAddress;

    for (UINT i = 0; i <= index; i++)
    {
        BYTE header = *p++;

        c->flags = (header & CATCH_HAS_ADJECTIVES) ? read_uint(&p) : 0;
        c->type_info = (header & CATCH_HAS_TYPE) ? read_int(&p) : 0;
        c->offset = (header & CATCH_HAS_OFFSET) ? read_uint(&p) : 0;
        c->handler = read_int(&p);
        c->cont_count = (header >> CATCH_CONT_SHIFT) & 3;
        /* the fourth value is reserved: then the catch block answers itself */
        if (c->cont_count == 3) c->cont_count = 0;
        for (UINT k = 0; k < c->cont_count; k++)
            c->cont[k] = (header & CATCH_CONT_IS_RVA) ? func->base + read_int(&p) : start + read_uint(&p);
    }
}

static const struct cxx_func_ops fh4_ops =
{
    /* FH4 frames have no slot for the state a catch funclet leaves: the handler keeps it */
    fh4_state_of, fh4_unwind_step, fh4_try_block, fh4_catch_block, NULL
};

/* the map of instructions to states of the piece of a separated function that begins at start */
static int find_separated_map(ULONG64 base, int table, DWORD start)
{
    UINT count;
    const BYTE *p = read_map(base, table, &count);

    for (UINT i = 0; i < count; i++)
    {
        int piece = read_int(&p), map = read_int(&p);
        if ((DWORD)piece == start) return map;
    }
    return 0;
}

EXCEPTION_DISPOSITION __cdecl __CxxFrameHandler4(EXCEPTION_RECORD *rec, ULONG64 frame, CONTEXT *context,
                                                 DISPATCHER_CONTEXT *dispatch)
{
    const BYTE *p = (const BYTE *)(dispatch->ImageBase + *(const int *)dispatch->HandlerData);
    struct cxx_func func;
    int unwind_map = 0, try_map = 0, ip_map;
    BYTE header = *p++;

    /* a later version of the encoding would say so with the reserved bit */
    if (header & FH4_RESERVED) return ExceptionContinueSearch;
    if (header & FH4_BBT) read_uint(&p);
    if (header & FH4_UNWIND_MAP) unwind_map = read_int(&p);
    if (header & FH4_TRY_MAP) try_map = read_int(&p);
    ip_map = read_int(&p);
    if (header & FH4_IS_SEPARATED)
        ip_map = find_separated_map(dispatch->ImageBase, ip_map, dispatch->FunctionEntry->BeginAddress);
    /* a catch funclet's tables end with where it keeps its parent's frame; the list of
     * running catch blocks says that too, so it is not read */

    memset(&func, 0, sizeof(func));
    func.ops = &fh4_ops;
    func.base = dispatch->ImageBase;
    func.ehs = (header & FH4_EHS) != 0;
    func.noexcept = (header & FH4_NOEXCEPT) != 0;
    func.is_catch = (header & FH4_IS_CATCH) != 0;
    func.unwind_map = read_map(dispatch->ImageBase, unwind_map, &func.unwind_count);
    func.try_map = read_map(dispatch->ImageBase, try_map, &func.try_count);
    func.ip_map = read_map(dispatch->ImageBase, ip_map, &func.ip_count);
    return cxx_frame_handler(rec, frame, context, dispatch, &func);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The floating-point control and status words as x64's msvcrt has them: the
 * SSE unit's MXCSR, which all x64 code computes with.  _control87's bits are
 * float.h's (exception masks, rounding, denormal control); precision control
 * does not exist on x64 and reads as _PC_64.  The x87 unit keeps its own word,
 * which only _fpreset touches.
 */
#include "msvcrt_private.h"
#include "float.h"

#define MX_FLAGS     0x003f
#define MX_DAZ       0x0040     /* denormal operands are zero */
#define MX_MASKS     0x1f80
#define MX_ROUND     0x6000
#define MX_FZ        0x8000     /* denormal results are zero */

static unsigned int get_mxcsr(void)
{
    unsigned int mxcsr;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    return mxcsr;
}

static void set_mxcsr(unsigned int mxcsr)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

/* MXCSR's exception mask bits (7-12) are invalid, denormal, zero divide, overflow, underflow,
 * inexact; float.h numbers them differently */
static const struct { unsigned int mx, cw; } exception_bits[] =
{
    { 0x0080, _EM_INVALID }, { 0x0100, _EM_DENORMAL }, { 0x0200, _EM_ZERODIVIDE },
    { 0x0400, _EM_OVERFLOW }, { 0x0800, _EM_UNDERFLOW }, { 0x1000, _EM_INEXACT },
};

static unsigned int control_from_mxcsr(unsigned int mxcsr)
{
    unsigned int cw = 0;

    for (size_t i = 0; i < ARRAYSIZE(exception_bits); i++)
        if (mxcsr & exception_bits[i].mx) cw |= exception_bits[i].cw;
    switch (mxcsr & MX_ROUND)
    {
    case 0x2000: cw |= _RC_DOWN; break;
    case 0x4000: cw |= _RC_UP; break;
    case 0x6000: cw |= _RC_CHOP; break;
    }
    switch (mxcsr & (MX_DAZ | MX_FZ))
    {
    case MX_DAZ | MX_FZ: cw |= _DN_FLUSH; break;
    case MX_DAZ: cw |= _DN_FLUSH_OPERANDS_SAVE_RESULTS; break;
    case MX_FZ: cw |= _DN_SAVE_OPERANDS_FLUSH_RESULTS; break;
    }
    return cw;
}

static unsigned int mxcsr_from_control(unsigned int mxcsr, unsigned int cw, unsigned int mask)
{
    if (mask & _MCW_EM)
        for (size_t i = 0; i < ARRAYSIZE(exception_bits); i++)
            if (mask & exception_bits[i].cw)
                mxcsr = (cw & exception_bits[i].cw) ? mxcsr | exception_bits[i].mx : mxcsr & ~exception_bits[i].mx;
    if (mask & _MCW_RC)
    {
        mxcsr &= ~MX_ROUND;
        switch (cw & _MCW_RC)
        {
        case _RC_DOWN: mxcsr |= 0x2000; break;
        case _RC_UP: mxcsr |= 0x4000; break;
        case _RC_CHOP: mxcsr |= 0x6000; break;
        }
    }
    if (mask & _MCW_DN)
    {
        mxcsr &= ~(MX_DAZ | MX_FZ);
        switch (cw & _MCW_DN)
        {
        case _DN_FLUSH: mxcsr |= MX_DAZ | MX_FZ; break;
        case _DN_FLUSH_OPERANDS_SAVE_RESULTS: mxcsr |= MX_DAZ; break;
        case _DN_SAVE_OPERANDS_FLUSH_RESULTS: mxcsr |= MX_FZ; break;
        }
    }
    return mxcsr;
}

/* The bits set in mask take their values from new; the answer is the whole word after. */
unsigned int __cdecl _control87(unsigned int new_cw, unsigned int mask)
{
    unsigned int mxcsr = get_mxcsr();

    if (mask)
    {
        mxcsr = mxcsr_from_control(mxcsr, new_cw, mask);
        set_mxcsr(mxcsr);
    }
    return control_from_mxcsr(mxcsr);
}

/* _control87 without the denormal exception mask, which the portable interface leaves alone */
unsigned int __cdecl _controlfp(unsigned int new_cw, unsigned int mask)
{
    return _control87(new_cw, mask & ~_EM_DENORMAL);
}

int __cdecl _controlfp_s(unsigned int *current, unsigned int new_cw, unsigned int mask)
{
    /* only the bits x64 has may be asked for, and precision is not one of them */
    if (mask & ~(_MCW_EM | _MCW_RC | _MCW_DN))
    {
        if (current) *current = _control87(0, 0);
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    new_cw = _controlfp(new_cw, mask);
    if (current) *current = new_cw;
    return 0;
}

/* The exceptions raised since the flags were last cleared. */
unsigned int __cdecl _statusfp(void)
{
    static const struct { unsigned int mx, sw; } status_bits[] =
    {
        { 0x01, _SW_INVALID }, { 0x02, _SW_DENORMAL }, { 0x04, _SW_ZERODIVIDE },
        { 0x08, _SW_OVERFLOW }, { 0x10, _SW_UNDERFLOW }, { 0x20, _SW_INEXACT },
    };
    unsigned int mxcsr = get_mxcsr(), sw = 0;

    for (size_t i = 0; i < ARRAYSIZE(status_bits); i++)
        if (mxcsr & status_bits[i].mx) sw |= status_bits[i].sw;
    return sw;
}

unsigned int __cdecl _clearfp(void)
{
    unsigned int sw = _statusfp();

    set_mxcsr(get_mxcsr() & ~MX_FLAGS);
    __asm__ volatile("fnclex");
    return sw;
}

/* Both units as a new thread has them: every exception masked, round to nearest, no flags. */
void __cdecl _fpreset(void)
{
    const unsigned short x87 = 0x27f;

    __asm__ volatile("fninit\n\tfldcw %0" : : "m"(x87));
    set_mxcsr(MX_MASKS);
}

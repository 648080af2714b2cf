/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CoInitializeEx and CoUninitialize: a thread's apartment and how many times it
 * was entered.  No objects are created or marshalled through it, so the
 * apartment is only that record, kept in the TEB's slot for COM
 * (ReservedForOle) as the entry count and the model: nothing to free when the
 * thread ends.
 */
#include "combase_private.h"

#define APARTMENT_STA 1     /* the low bit: single-threaded; the rest: the entry count */

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* apartments live in each thread's TEB: nothing process-wide to set up */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

HRESULT WINAPI CoInitializeEx(void *reserved, DWORD model)
{
    ULONG_PTR state = (ULONG_PTR)NtCurrentTeb()->ReservedForOle;
    ULONG_PTR sta = (model & COINIT_APARTMENTTHREADED) ? APARTMENT_STA : 0;

    /* documented as "must be NULL" with no error named; Wine, the oracle here, ignores it */
    (void)reserved;
    if (state >> 1)
    {
        /* a thread stays in the apartment it entered first until it leaves it */
        if ((state & APARTMENT_STA) != sta) return RPC_E_CHANGED_MODE;
        NtCurrentTeb()->ReservedForOle = (void *)(state + 2);
        return S_FALSE;
    }
    NtCurrentTeb()->ReservedForOle = (void *)(2 | sta);
    return S_OK;
}

/* One CoUninitialize for each successful CoInitializeEx; a call beyond them does nothing. */
void WINAPI CoUninitialize(void)
{
    ULONG_PTR state = (ULONG_PTR)NtCurrentTeb()->ReservedForOle;

    if (!(state >> 1)) return;
    state -= 2;
    NtCurrentTeb()->ReservedForOle = (void *)(state >> 1 ? state : 0);
}

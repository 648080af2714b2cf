/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * VARIANTs: VariantInit, VariantClear and VariantCopy.  A variant owns its
 * BSTR and holds a reference on its interface; one that is VT_BYREF owns
 * nothing, so clearing it frees nothing and copying it copies the pointer.
 */
#include "oleaut32_private.h"

/*
 * The types a VARIANT may hold: the scalars, BSTR and the interfaces up to
 * VT_UINT (15 is unused), and VT_RECORD; VT_EMPTY and VT_NULL cannot be
 * arrays or references.  Anything else is DISP_E_BADVARTYPE.
 */
static HRESULT check_type(VARTYPE vt)
{
    VARTYPE base = vt & VT_TYPEMASK;

    if (vt & (VT_VECTOR | VT_RESERVED)) return DISP_E_BADVARTYPE;
    if ((vt & (VT_BYREF | VT_ARRAY)) && base <= VT_NULL) return DISP_E_BADVARTYPE;
    if ((base <= VT_UINT && base != 15) || base == VT_RECORD) return S_OK;
    return DISP_E_BADVARTYPE;
}

void WINAPI VariantInit(VARIANTARG *var)
{
    V_VT(var) = VT_EMPTY;
}

HRESULT WINAPI VariantClear(VARIANTARG *var)
{
    HRESULT hr;

    if (FAILED(hr = check_type(V_VT(var)))) return hr;
    if (!V_ISBYREF(var))
    {
        /* SAFEARRAYs and records need their own machinery, which is not there yet */
        if (V_ISARRAY(var)) wring_unimplemented("oleaut32.dll", "VariantClear of a SAFEARRAY");
        switch (V_VT(var))
        {
        case VT_BSTR:
            SysFreeString(V_BSTR(var));
            break;
        case VT_UNKNOWN:
        case VT_DISPATCH:
            /* IDispatch derives from IUnknown: one Release serves both */
            if (V_UNKNOWN(var)) IUnknown_Release(V_UNKNOWN(var));
            break;
        case VT_RECORD:
            wring_unimplemented("oleaut32.dll", "VariantClear of a VT_RECORD");
        default:
            break;
        }
    }
    V_VT(var) = VT_EMPTY;
    return S_OK;
}

HRESULT WINAPI VariantCopy(VARIANTARG *dest, const VARIANTARG *src)
{
    HRESULT hr;

    if (FAILED(hr = check_type(V_VT(src)))) return hr;
    if (dest == src) return S_OK;
    if (FAILED(hr = VariantClear(dest))) return hr;
    if (!V_ISBYREF(src))
    {
        if (V_ISARRAY(src)) wring_unimplemented("oleaut32.dll", "VariantCopy of a SAFEARRAY");
        switch (V_VT(src))
        {
        case VT_BSTR:
            /* by byte length: a BSTR may hold embedded NULs or an odd number of bytes */
            if (V_BSTR(src))
            {
                BSTR copy = SysAllocStringByteLen((const char *)V_BSTR(src), SysStringByteLen(V_BSTR(src)));
                if (!copy) return E_OUTOFMEMORY;
                *dest = *src;
                V_BSTR(dest) = copy;
                return S_OK;
            }
            break;
        case VT_UNKNOWN:
        case VT_DISPATCH:
            if (V_UNKNOWN(src)) IUnknown_AddRef(V_UNKNOWN(src));
            break;
        case VT_RECORD:
            wring_unimplemented("oleaut32.dll", "VariantCopy of a VT_RECORD");
        default:
            break;
        }
    }
    *dest = *src;
    return S_OK;
}

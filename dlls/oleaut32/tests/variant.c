/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * VARIANTs: VariantClear frees a BSTR and releases an interface but owns
 * nothing behind VT_BYREF; VariantCopy copies BSTRs deeply and adds
 * references; bad types are refused.
 */
#define COBJMACROS
#include <string.h>
#include <windows.h>
#include <oleauto.h>
#include "wine/test.h"

/* An IUnknown that only counts its references. */
struct counted
{
    IUnknown iface;
    LONG refs;
};

static HRESULT WINAPI counted_QueryInterface(IUnknown *iface, REFIID iid, void **out)
{
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI counted_AddRef(IUnknown *iface)
{
    return ++((struct counted *)iface)->refs;
}

static ULONG WINAPI counted_Release(IUnknown *iface)
{
    return --((struct counted *)iface)->refs;
}

static IUnknownVtbl counted_vtbl = { counted_QueryInterface, counted_AddRef, counted_Release };

static void test_init_clear(void)
{
    struct counted obj = { { &counted_vtbl }, 1 };
    VARIANT v;
    BSTR b;
    LONG value = 5;
    HRESULT hr;

    memset(&v, 0xcc, sizeof(v));
    VariantInit(&v);
    ok(V_VT(&v) == VT_EMPTY, "VariantInit: vt %u\n", V_VT(&v));
    ok(VariantClear(&v) == S_OK && V_VT(&v) == VT_EMPTY, "clearing an empty variant\n");

    V_VT(&v) = VT_I4;
    V_I4(&v) = 42;
    ok(VariantClear(&v) == S_OK && V_VT(&v) == VT_EMPTY, "clearing VT_I4\n");

    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = SysAllocString(L"freed");
    ok(VariantClear(&v) == S_OK && V_VT(&v) == VT_EMPTY, "clearing VT_BSTR\n");
    V_VT(&v) = VT_BSTR;
    V_BSTR(&v) = NULL;
    ok(VariantClear(&v) == S_OK, "clearing a NULL BSTR\n");

    V_VT(&v) = VT_UNKNOWN;
    V_UNKNOWN(&v) = &obj.iface;
    obj.refs = 2;
    ok(VariantClear(&v) == S_OK && obj.refs == 1, "VT_UNKNOWN released: %ld refs\n", obj.refs);
    V_VT(&v) = VT_DISPATCH;
    V_DISPATCH(&v) = (IDispatch *)&obj.iface;
    ok(VariantClear(&v) == S_OK && obj.refs == 0, "VT_DISPATCH released: %ld refs\n", obj.refs);
    V_VT(&v) = VT_UNKNOWN;
    V_UNKNOWN(&v) = NULL;
    ok(VariantClear(&v) == S_OK, "clearing a NULL interface\n");

    /* a reference owns nothing: the BSTR and the object it points to stay */
    b = SysAllocString(L"kept");
    V_VT(&v) = VT_BYREF | VT_BSTR;
    V_BSTRREF(&v) = &b;
    ok(VariantClear(&v) == S_OK && V_VT(&v) == VT_EMPTY, "clearing VT_BYREF|VT_BSTR\n");
    ok(!wcscmp(b, L"kept") && SysStringLen(b) == 4, "the referenced BSTR changed\n");
    SysFreeString(b);
    obj.refs = 1;
    {
        IUnknown *unk = &obj.iface;
        V_VT(&v) = VT_BYREF | VT_UNKNOWN;
        V_UNKNOWNREF(&v) = &unk;
        ok(VariantClear(&v) == S_OK && obj.refs == 1, "a referenced interface was released\n");
    }
    V_VT(&v) = VT_BYREF | VT_I4;
    V_I4REF(&v) = &value;
    ok(VariantClear(&v) == S_OK && value == 5, "clearing VT_BYREF|VT_I4\n");

    /* types a variant cannot hold are refused and left as they are */
    V_VT(&v) = 15;
    hr = VariantClear(&v);
    ok(hr == DISP_E_BADVARTYPE && V_VT(&v) == 15, "type 15: %#lx\n", hr);
    V_VT(&v) = VT_BYREF | VT_EMPTY;
    ok(VariantClear(&v) == DISP_E_BADVARTYPE, "VT_BYREF|VT_EMPTY accepted\n");
    V_VT(&v) = VT_VECTOR | VT_I4;
    ok(VariantClear(&v) == DISP_E_BADVARTYPE, "VT_VECTOR accepted\n");
    V_VT(&v) = 0x50;
    ok(VariantClear(&v) == DISP_E_BADVARTYPE, "type 0x50 accepted\n");
}

static void test_copy(void)
{
    struct counted obj = { { &counted_vtbl }, 1 };
    VARIANT src, dst;
    BSTR b;
    HRESULT hr;

    VariantInit(&src);
    VariantInit(&dst);
    V_VT(&src) = VT_BSTR;
    V_BSTR(&src) = SysAllocStringByteLen("odd\0x", 5);
    hr = VariantCopy(&dst, &src);
    ok(hr == S_OK && V_VT(&dst) == VT_BSTR, "VariantCopy of a BSTR: %#lx\n", hr);
    ok(V_BSTR(&dst) != V_BSTR(&src), "the BSTR was not copied\n");
    ok(SysStringByteLen(V_BSTR(&dst)) == 5 && !memcmp(V_BSTR(&dst), "odd\0x", 5),
       "copied byte length %u\n", SysStringByteLen(V_BSTR(&dst)));

    /* the destination is cleared first: its BSTR is replaced by an interface */
    V_VT(&src) = VT_UNKNOWN;
    SysFreeString(V_BSTR(&src));
    V_UNKNOWN(&src) = &obj.iface;
    hr = VariantCopy(&dst, &src);
    ok(hr == S_OK && V_VT(&dst) == VT_UNKNOWN && V_UNKNOWN(&dst) == &obj.iface, "VariantCopy of VT_UNKNOWN\n");
    ok(obj.refs == 2, "the copy holds a reference: %ld\n", obj.refs);
    ok(VariantClear(&dst) == S_OK && obj.refs == 1, "clearing the copy releases it: %ld\n", obj.refs);

    /* a reference is copied as a pointer */
    b = SysAllocString(L"shared");
    V_VT(&src) = VT_BYREF | VT_BSTR;
    V_BSTRREF(&src) = &b;
    ok(VariantCopy(&dst, &src) == S_OK && V_VT(&dst) == (VT_BYREF | VT_BSTR) && V_BSTRREF(&dst) == &b,
       "VariantCopy of VT_BYREF\n");
    VariantClear(&dst);
    SysFreeString(b);

    V_VT(&src) = VT_R8;
    V_R8(&src) = 2.5;
    ok(VariantCopy(&dst, &src) == S_OK && V_VT(&dst) == VT_R8 && V_R8(&dst) == 2.5, "VariantCopy of VT_R8\n");
    V_VT(&src) = VT_BSTR;
    V_BSTR(&src) = NULL;
    /* a NULL BSTR is the empty string: a copy may be NULL or a new empty BSTR */
    ok(VariantCopy(&dst, &src) == S_OK && V_VT(&dst) == VT_BSTR && !SysStringLen(V_BSTR(&dst)),
       "VariantCopy of a NULL BSTR\n");
    VariantClear(&dst);
    ok(VariantCopy(&src, &src) == S_OK && V_VT(&src) == VT_BSTR, "VariantCopy onto itself\n");

    /* a bad source type fails before the destination is touched */
    V_VT(&dst) = VT_I4;
    V_I4(&dst) = 7;
    V_VT(&src) = 15;
    ok(VariantCopy(&dst, &src) == DISP_E_BADVARTYPE, "bad source type accepted\n");
    ok(V_VT(&dst) == VT_I4 && V_I4(&dst) == 7, "destination changed by a failed copy\n");
}

START_TEST(variant)
{
    test_init_clear();
    test_copy();
}

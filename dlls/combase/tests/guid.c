/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* CoCreateGuid: random version-4 GUIDs with the RFC 4122 variant, different every call. */
#include <string.h>
#include <windows.h>
#include <objbase.h>
#include "wine/test.h"

START_TEST(guid)
{
    GUID a, b;
    HRESULT hr;

    hr = CoCreateGuid(&a);
    ok(hr == S_OK, "CoCreateGuid: %#lx\n", hr);
    hr = CoCreateGuid(&b);
    ok(hr == S_OK, "CoCreateGuid: %#lx\n", hr);
    ok(memcmp(&a, &b, sizeof(a)), "two calls gave the same GUID\n");
    ok((a.Data3 >> 12) == 4 && (b.Data3 >> 12) == 4, "versions %x and %x\n", a.Data3 >> 12, b.Data3 >> 12);
    ok((a.Data4[0] & 0xc0) == 0x80 && (b.Data4[0] & 0xc0) == 0x80, "variants %#x and %#x\n",
       a.Data4[0], b.Data4[0]);
    hr = CoCreateGuid(NULL);
    ok(hr == E_INVALIDARG, "NULL: %#lx\n", hr);
}

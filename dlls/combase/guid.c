/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* CoCreateGuid: a random (version 4, RFC 4122 variant) GUID, as Windows' UuidCreate makes. */
#include "combase_private.h"

HRESULT WINAPI CoCreateGuid(GUID *guid)
{
    if (!guid) return E_INVALIDARG;
    if (wring_random(guid, sizeof(*guid))) return E_FAIL;
    guid->Data3 = (guid->Data3 & 0x0fff) | 0x4000;
    guid->Data4[0] = (guid->Data4[0] & 0x3f) | 0x80;
    return S_OK;
}

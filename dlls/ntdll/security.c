/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Security descriptors, ACLs and SIDs: the Rtl* functions that build and read
 * them.  They only lay out memory; nothing here checks access (Wring has one
 * user and no tokens).  advapi32 wraps them for Win32.
 */
#include "wring/rtlsecurity.h"
#include "ntdll_misc.h"

/* A SID's size follows from its sub-authority count alone. */
static ULONG sid_length(BYTE count)
{
    return offsetof(SID, SubAuthority[count]);
}

BOOLEAN WINAPI RtlValidSid(PSID psid)
{
    const SID *sid = psid;
    return sid && sid->Revision == SID_REVISION && sid->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES;
}

DWORD WINAPI RtlLengthRequiredSid(DWORD count)
{
    /* no check: Windows computes the size for any count */
    return offsetof(SID, SubAuthority) + count * sizeof(DWORD);
}

DWORD WINAPI RtlLengthSid(PSID sid)
{
    return sid_length(((SID *)sid)->SubAuthorityCount);
}

NTSTATUS WINAPI RtlInitializeSid(PSID psid, PSID_IDENTIFIER_AUTHORITY auth, BYTE count)
{
    SID *sid = psid;
    if (count > SID_MAX_SUB_AUTHORITIES) return STATUS_INVALID_PARAMETER;
    sid->Revision = SID_REVISION;
    sid->SubAuthorityCount = count;
    if (auth) sid->IdentifierAuthority = *auth;
    /* the sub-authorities themselves are the caller's to set */
    return STATUS_SUCCESS;
}

LPDWORD WINAPI RtlSubAuthoritySid(PSID sid, DWORD index)
{
    return &((SID *)sid)->SubAuthority[index];
}

LPBYTE WINAPI RtlSubAuthorityCountSid(PSID sid)
{
    return &((SID *)sid)->SubAuthorityCount;
}

PSID_IDENTIFIER_AUTHORITY WINAPI RtlIdentifierAuthoritySid(PSID sid)
{
    return &((SID *)sid)->IdentifierAuthority;
}

BOOL WINAPI RtlEqualSid(PSID a, PSID b)
{
    if (!RtlValidSid(a) || !RtlValidSid(b)) return FALSE;
    if (RtlLengthSid(a) != RtlLengthSid(b)) return FALSE;
    return !memcmp(a, b, RtlLengthSid(a));
}

NTSTATUS WINAPI RtlCopySid(ULONG length, PSID dst, PSID src)
{
    if (!RtlValidSid(src)) return STATUS_INVALID_SID;
    if (length < RtlLengthSid(src)) return STATUS_BUFFER_TOO_SMALL;
    memmove(dst, src, RtlLengthSid(src));
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY auth, BYTE count,
                                            DWORD s0, DWORD s1, DWORD s2, DWORD s3,
                                            DWORD s4, DWORD s5, DWORD s6, DWORD s7, PSID *ret)
{
    const DWORD subs[8] = { s0, s1, s2, s3, s4, s5, s6, s7 };
    SID *sid;

    /* only eight sub-authorities can be passed, so more is a malformed request */
    if (count > 8) return STATUS_INVALID_SID;
    if (!auth || !ret) return STATUS_INVALID_PARAMETER;
    if (!(sid = RtlAllocateHeap(process_heap(), 0, sid_length(count)))) return STATUS_NO_MEMORY;
    sid->Revision = SID_REVISION;
    sid->SubAuthorityCount = count;
    sid->IdentifierAuthority = *auth;
    for (BYTE i = 0; i < count; i++) sid->SubAuthority[i] = subs[i];
    *ret = sid;
    return STATUS_SUCCESS;
}

/* NULL when freed, as Windows documents; the SID itself when it was not ours. */
PVOID WINAPI RtlFreeSid(PSID sid)
{
    if (!sid) return NULL;
    return RtlFreeHeap(process_heap(), 0, sid) ? NULL : sid;
}

/* ---------------------------------------------------------------- ACLs */

static BOOL acl_revision_ok(ULONG revision)
{
    return revision >= MIN_ACL_REVISION && revision <= MAX_ACL_REVISION;
}

/* Walks the ACEs; returns where the next one goes, or NULL when they overrun the ACL. */
static BYTE *acl_end(const ACL *acl)
{
    BYTE *p = (BYTE *)(acl + 1), *limit = (BYTE *)acl + acl->AclSize;
    for (WORD i = 0; i < acl->AceCount; i++)
    {
        const ACE_HEADER *ace = (const ACE_HEADER *)p;
        if (p + sizeof(*ace) > limit || ace->AceSize < sizeof(*ace) || p + ace->AceSize > limit) return NULL;
        p += ace->AceSize;
    }
    return p;
}

NTSTATUS WINAPI RtlCreateAcl(PACL acl, DWORD size, DWORD revision)
{
    if (!acl_revision_ok(revision)) return STATUS_INVALID_PARAMETER;
    if (size < sizeof(ACL)) return STATUS_BUFFER_TOO_SMALL;
    /* AclSize is a WORD */
    if (size > 0xffff) return STATUS_INVALID_PARAMETER;
    memset(acl, 0, sizeof(*acl));
    acl->AclRevision = revision;
    acl->AclSize = size;
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlValidAcl(PACL acl)
{
    if (!acl || !acl_revision_ok(acl->AclRevision) || acl->AclSize < sizeof(ACL)) return FALSE;
    return acl_end(acl) != NULL;
}

/* An access-allowed or -denied ACE: both are a header, a mask and a SID. */
static NTSTATUS add_access_ace(ACL *acl, DWORD revision, DWORD flags, DWORD mask, PSID sid, BYTE type)
{
    ACCESS_ALLOWED_ACE *ace;
    BYTE *pos;
    DWORD size;

    if (!RtlValidSid(sid)) return STATUS_INVALID_SID;
    if (acl->AclRevision > MAX_ACL_REVISION || revision > MAX_ACL_REVISION) return STATUS_REVISION_MISMATCH;
    if (!RtlValidAcl(acl) || !(pos = acl_end(acl))) return STATUS_INVALID_ACL;
    size = offsetof(ACCESS_ALLOWED_ACE, SidStart) + RtlLengthSid(sid);
    if (pos + size > (BYTE *)acl + acl->AclSize) return STATUS_ALLOTTED_SPACE_EXCEEDED;

    ace = (ACCESS_ALLOWED_ACE *)pos;
    ace->Header.AceType = type;
    ace->Header.AceFlags = flags;
    ace->Header.AceSize = size;
    ace->Mask = mask;
    memcpy(&ace->SidStart, sid, RtlLengthSid(sid));
    acl->AceCount++;
    /* an ACE of a newer revision makes the whole ACL that revision */
    if (revision > acl->AclRevision) acl->AclRevision = revision;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAddAccessAllowedAceEx(PACL acl, DWORD revision, DWORD flags, DWORD mask, PSID sid)
{
    return add_access_ace(acl, revision, flags, mask, sid, ACCESS_ALLOWED_ACE_TYPE);
}

NTSTATUS WINAPI RtlAddAccessAllowedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return add_access_ace(acl, revision, 0, mask, sid, ACCESS_ALLOWED_ACE_TYPE);
}

NTSTATUS WINAPI RtlAddAccessDeniedAceEx(PACL acl, DWORD revision, DWORD flags, DWORD mask, PSID sid)
{
    return add_access_ace(acl, revision, flags, mask, sid, ACCESS_DENIED_ACE_TYPE);
}

NTSTATUS WINAPI RtlAddAccessDeniedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return add_access_ace(acl, revision, 0, mask, sid, ACCESS_DENIED_ACE_TYPE);
}

NTSTATUS WINAPI RtlGetAce(PACL acl, DWORD index, LPVOID *ret)
{
    BYTE *p;

    if (!acl || index >= acl->AceCount) return STATUS_INVALID_PARAMETER;
    p = (BYTE *)(acl + 1);
    for (DWORD i = 0; i < index; i++) p += ((ACE_HEADER *)p)->AceSize;
    *ret = p;
    return STATUS_SUCCESS;
}

/* ---------------------------------------------------------------- security descriptors */

/* A self-relative descriptor holds offsets from its start where an absolute one holds pointers. */
static void *sd_part(const SECURITY_DESCRIPTOR *sd, void *absolute, DWORD offset)
{
    if (sd->Control & SE_SELF_RELATIVE) return offset ? (BYTE *)sd + offset : NULL;
    return absolute;
}

static PSID sd_owner(const SECURITY_DESCRIPTOR *sd)
{
    return sd_part(sd, sd->Owner, ((const SECURITY_DESCRIPTOR_RELATIVE *)sd)->Owner);
}

static PSID sd_group(const SECURITY_DESCRIPTOR *sd)
{
    return sd_part(sd, sd->Group, ((const SECURITY_DESCRIPTOR_RELATIVE *)sd)->Group);
}

static ACL *sd_dacl(const SECURITY_DESCRIPTOR *sd)
{
    return sd_part(sd, sd->Dacl, ((const SECURITY_DESCRIPTOR_RELATIVE *)sd)->Dacl);
}

static ACL *sd_sacl(const SECURITY_DESCRIPTOR *sd)
{
    return sd_part(sd, sd->Sacl, ((const SECURITY_DESCRIPTOR_RELATIVE *)sd)->Sacl);
}

/* The setters change pointers, which a self-relative descriptor does not have. */
static NTSTATUS sd_writable(const SECURITY_DESCRIPTOR *sd)
{
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    if (sd->Control & SE_SELF_RELATIVE) return STATUS_INVALID_SECURITY_DESCR;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlCreateSecurityDescriptor(PSECURITY_DESCRIPTOR psd, DWORD revision)
{
    SECURITY_DESCRIPTOR *sd = psd;
    if (revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    memset(sd, 0, sizeof(*sd));
    sd->Revision = SECURITY_DESCRIPTOR_REVISION;
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR psd)
{
    const SECURITY_DESCRIPTOR *sd = psd;
    PSID sid;
    ACL *acl;

    if (!sd || sd->Revision != SECURITY_DESCRIPTOR_REVISION) return FALSE;
    if ((sid = sd_owner(sd)) && !RtlValidSid(sid)) return FALSE;
    if ((sid = sd_group(sd)) && !RtlValidSid(sid)) return FALSE;
    if ((sd->Control & SE_DACL_PRESENT) && (acl = sd_dacl(sd)) && !RtlValidAcl(acl)) return FALSE;
    if ((sd->Control & SE_SACL_PRESENT) && (acl = sd_sacl(sd)) && !RtlValidAcl(acl)) return FALSE;
    return TRUE;
}

ULONG WINAPI RtlLengthSecurityDescriptor(PSECURITY_DESCRIPTOR psd)
{
    const SECURITY_DESCRIPTOR *sd = psd;
    ULONG length;
    PSID sid;
    ACL *acl;

    if (!sd) return 0;
    length = sd->Control & SE_SELF_RELATIVE ? sizeof(SECURITY_DESCRIPTOR_RELATIVE) : sizeof(SECURITY_DESCRIPTOR);
    if ((sid = sd_owner(sd))) length += RtlLengthSid(sid);
    if ((sid = sd_group(sd))) length += RtlLengthSid(sid);
    if ((sd->Control & SE_DACL_PRESENT) && (acl = sd_dacl(sd))) length += acl->AclSize;
    if ((sd->Control & SE_SACL_PRESENT) && (acl = sd_sacl(sd))) length += acl->AclSize;
    return length;
}

NTSTATUS WINAPI RtlSetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR psd, BOOLEAN present, PACL dacl, BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = psd;
    NTSTATUS status;

    if ((status = sd_writable(sd))) return status;
    if (!present)
    {
        /* the other fields are meaningless without the flag; Windows leaves them */
        sd->Control &= ~SE_DACL_PRESENT;
        return STATUS_SUCCESS;
    }
    sd->Control |= SE_DACL_PRESENT;
    sd->Dacl = dacl;
    if (defaulted) sd->Control |= SE_DACL_DEFAULTED;
    else sd->Control &= ~SE_DACL_DEFAULTED;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlGetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR psd, PBOOLEAN present, PACL *dacl, PBOOLEAN defaulted)
{
    const SECURITY_DESCRIPTOR *sd = psd;

    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    *present = !!(sd->Control & SE_DACL_PRESENT);
    if (*present)
    {
        *dacl = sd_dacl(sd);
        *defaulted = !!(sd->Control & SE_DACL_DEFAULTED);
    }
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlSetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR psd, PSID owner, BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = psd;
    NTSTATUS status;

    if ((status = sd_writable(sd))) return status;
    sd->Owner = owner;
    if (defaulted) sd->Control |= SE_OWNER_DEFAULTED;
    else sd->Control &= ~SE_OWNER_DEFAULTED;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlGetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR psd, PSID *owner, PBOOLEAN defaulted)
{
    const SECURITY_DESCRIPTOR *sd = psd;

    if (!sd || !owner || !defaulted) return STATUS_INVALID_PARAMETER;
    *owner = sd_owner(sd);
    *defaulted = !!(sd->Control & SE_OWNER_DEFAULTED);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlSetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR psd, PSID group, BOOLEAN defaulted)
{
    SECURITY_DESCRIPTOR *sd = psd;
    NTSTATUS status;

    if ((status = sd_writable(sd))) return status;
    sd->Group = group;
    if (defaulted) sd->Control |= SE_GROUP_DEFAULTED;
    else sd->Control &= ~SE_GROUP_DEFAULTED;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlGetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR psd, PSID *group, PBOOLEAN defaulted)
{
    const SECURITY_DESCRIPTOR *sd = psd;

    if (!sd || !group || !defaulted) return STATUS_INVALID_PARAMETER;
    *group = sd_group(sd);
    *defaulted = !!(sd->Control & SE_GROUP_DEFAULTED);
    return STATUS_SUCCESS;
}

/* Copies one part of a descriptor into a self-relative one at *pos, setting its offset. */
static void put_part(BYTE *base, ULONG *pos, DWORD *offset, const void *part, ULONG size)
{
    if (!part)
    {
        *offset = 0;
        return;
    }
    memcpy(base + *pos, part, size);
    *offset = *pos;
    *pos += size;
}

NTSTATUS WINAPI RtlAbsoluteToSelfRelativeSD(PSECURITY_DESCRIPTOR abs, PSECURITY_DESCRIPTOR rel, PULONG length)
{
    const SECURITY_DESCRIPTOR *sd = abs;
    SECURITY_DESCRIPTOR_RELATIVE *out = rel;
    ACL *dacl, *sacl;
    ULONG needed, pos;
    PSID owner, group;

    if (!sd || !length) return STATUS_INVALID_PARAMETER;
    if (sd->Revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    if (sd->Control & SE_SELF_RELATIVE) return STATUS_BAD_DESCRIPTOR_FORMAT;
    owner = sd_owner(sd);
    group = sd_group(sd);
    /* an ACL pointer means nothing without its present flag, so it is not copied */
    dacl = sd->Control & SE_DACL_PRESENT ? sd_dacl(sd) : NULL;
    sacl = sd->Control & SE_SACL_PRESENT ? sd_sacl(sd) : NULL;
    needed = sizeof(*out) + (owner ? RtlLengthSid(owner) : 0) + (group ? RtlLengthSid(group) : 0)
             + (dacl ? dacl->AclSize : 0) + (sacl ? sacl->AclSize : 0);
    if (*length < needed || !out)
    {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    out->Revision = sd->Revision;
    out->Sbz1 = sd->Sbz1;
    out->Control = sd->Control | SE_SELF_RELATIVE;
    pos = sizeof(*out);
    put_part((BYTE *)out, &pos, &out->Owner, owner, owner ? RtlLengthSid(owner) : 0);
    put_part((BYTE *)out, &pos, &out->Group, group, group ? RtlLengthSid(group) : 0);
    put_part((BYTE *)out, &pos, &out->Sacl, sacl, sacl ? sacl->AclSize : 0);
    put_part((BYTE *)out, &pos, &out->Dacl, dacl, dacl ? dacl->AclSize : 0);
    return STATUS_SUCCESS;
}

/* Unlike RtlAbsoluteToSelfRelativeSD it takes either form: a self-relative one is copied. */
NTSTATUS WINAPI RtlMakeSelfRelativeSD(PSECURITY_DESCRIPTOR abs, PSECURITY_DESCRIPTOR rel, LPDWORD length)
{
    const SECURITY_DESCRIPTOR *sd = abs;
    ULONG needed;

    if (!sd || !length) return STATUS_INVALID_PARAMETER;
    if (!(sd->Control & SE_SELF_RELATIVE)) return RtlAbsoluteToSelfRelativeSD(abs, rel, length);
    needed = RtlLengthSecurityDescriptor(abs);
    if (*length < needed || !rel)
    {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(rel, abs, needed);
    return STATUS_SUCCESS;
}

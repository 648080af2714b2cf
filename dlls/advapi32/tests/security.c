/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * advapi32's security descriptor, ACL and SID functions, and RtlGenRandom:
 * the layouts they build, the sizes they report and the errors they set.
 */
#include <string.h>
#include <windows.h>
#include <ntsecapi.h>
#include "wine/test.h"

static SID_IDENTIFIER_AUTHORITY nt_authority = { SECURITY_NT_AUTHORITY };

static void test_sid(void)
{
    BYTE buf[SECURITY_MAX_SID_SIZE], copy[SECURITY_MAX_SID_SIZE];
    SID *sid = (SID *)buf;
    PSID alloc;
    BOOL ret;

    ok(GetSidLengthRequired(0) == 8, "got %lu\n", GetSidLengthRequired(0));
    ok(GetSidLengthRequired(2) == 16, "got %lu\n", GetSidLengthRequired(2));
    ok(GetSidLengthRequired(15) == SECURITY_MAX_SID_SIZE, "got %lu\n", GetSidLengthRequired(15));

    memset(buf, 0xcc, sizeof(buf));
    ret = InitializeSid(sid, &nt_authority, 2);
    ok(ret, "InitializeSid failed %lu\n", GetLastError());
    ok(sid->Revision == SID_REVISION && sid->SubAuthorityCount == 2, "rev %u count %u\n",
       sid->Revision, sid->SubAuthorityCount);
    ok(sid->IdentifierAuthority.Value[5] == 5 && !sid->IdentifierAuthority.Value[0], "authority\n");
    ok(GetLengthSid(sid) == 16, "length %lu\n", GetLengthSid(sid));

    SetLastError(0xdeadbeef);
    ok(GetSidSubAuthorityCount(sid) == &sid->SubAuthorityCount, "count pointer\n");
    ok(GetLastError() == ERROR_SUCCESS, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetSidSubAuthority(sid, 1) == &sid->SubAuthority[1], "sub-authority pointer\n");
    ok(GetLastError() == ERROR_SUCCESS, "error %lu\n", GetLastError());
    ok(GetSidIdentifierAuthority(sid) == &sid->IdentifierAuthority, "authority pointer\n");
    *GetSidSubAuthority(sid, 0) = SECURITY_BUILTIN_DOMAIN_RID;
    *GetSidSubAuthority(sid, 1) = DOMAIN_ALIAS_RID_ADMINS;
    ok(IsValidSid(sid), "valid SID rejected\n");

    /* copies: too small, then right */
    memset(copy, 0, sizeof(copy));
    SetLastError(0xdeadbeef);
    ret = CopySid(GetLengthSid(sid) - 1, copy, sid);
    ok(!ret, "CopySid into a short buffer succeeded\n");
    /* Windows' RtlCopySid returns STATUS_BUFFER_TOO_SMALL; Wine's is a BOOLEAN and sets nothing */
    todo_wine ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "error %lu\n", GetLastError());
    ret = CopySid(GetLengthSid(sid), copy, sid);
    ok(ret, "CopySid failed %lu\n", GetLastError());
    ok(!memcmp(copy, sid, 16), "copy differs\n");
    SetLastError(0xdeadbeef);
    ok(EqualSid(copy, sid), "copies differ\n");
    ok(GetLastError() == ERROR_SUCCESS, "error %lu\n", GetLastError());
    ((SID *)copy)->SubAuthority[1] = DOMAIN_ALIAS_RID_USERS;
    SetLastError(0xdeadbeef);
    ok(!EqualSid(copy, sid), "different SIDs equal\n");
    ok(GetLastError() == ERROR_SUCCESS, "unequal is no error: %lu\n", GetLastError());

    /* invalid: bad revision, too many sub-authorities */
    sid->Revision = 2;
    ok(!IsValidSid(sid), "revision 2 accepted\n");
    ok(!EqualSid(sid, sid), "an invalid SID is equal to nothing\n");
    sid->Revision = 1;
    sid->SubAuthorityCount = 16;
    ok(!IsValidSid(sid), "16 sub-authorities accepted\n");
    SetLastError(0xdeadbeef);
    ok(!InitializeSid(sid, &nt_authority, 16), "InitializeSid(16) succeeded\n");

    /* allocated SIDs */
    SetLastError(0xdeadbeef);
    ret = AllocateAndInitializeSid(&nt_authority, 9, 1, 2, 3, 4, 5, 6, 7, 8, &alloc);
    ok(!ret && GetLastError() == ERROR_INVALID_SID, "9 sub-authorities: %d error %lu\n", ret, GetLastError());
    ret = AllocateAndInitializeSid(&nt_authority, 3, 32, 545, 7, 99, 99, 99, 99, 99, &alloc);
    ok(ret, "AllocateAndInitializeSid failed %lu\n", GetLastError());
    ok(GetLengthSid(alloc) == 20, "length %lu\n", GetLengthSid(alloc));
    ok(*GetSidSubAuthorityCount(alloc) == 3, "count %u\n", *GetSidSubAuthorityCount(alloc));
    ok(*GetSidSubAuthority(alloc, 0) == 32 && *GetSidSubAuthority(alloc, 1) == 545 &&
       *GetSidSubAuthority(alloc, 2) == 7, "sub-authorities\n");
    ok(FreeSid(alloc) == NULL, "FreeSid must return NULL\n");
    ret = AllocateAndInitializeSid(&nt_authority, 0, 0, 0, 0, 0, 0, 0, 0, 0, &alloc);
    ok(ret && GetLengthSid(alloc) == 8 && IsValidSid(alloc), "empty SID: %d\n", ret);
    FreeSid(alloc);
}

static void test_well_known(void)
{
    static const struct { WELL_KNOWN_SID_TYPE type; BYTE authority; BYTE count; DWORD sub[2]; } tests[] =
    {
        { WinNullSid, 0, 1, { 0 } },
        { WinWorldSid, 1, 1, { 0 } },
        { WinLocalSid, 2, 1, { 0 } },
        { WinCreatorOwnerSid, 3, 1, { 0 } },
        { WinInteractiveSid, 5, 1, { 4 } },
        { WinServiceSid, 5, 1, { 6 } },
        { WinAuthenticatedUserSid, 5, 1, { 11 } },
        { WinLocalSystemSid, 5, 1, { 18 } },
        { WinLocalServiceSid, 5, 1, { 19 } },
        { WinNetworkServiceSid, 5, 1, { 20 } },
        { WinBuiltinAdministratorsSid, 5, 2, { 32, 544 } },
        { WinBuiltinUsersSid, 5, 2, { 32, 545 } },
        { WinBuiltinGuestsSid, 5, 2, { 32, 546 } },
        { WinMediumLabelSid, 16, 1, { 0x2000 } },
    };
    BYTE buf[SECURITY_MAX_SID_SIZE];
    SID *sid = (SID *)buf;
    DWORD size;
    BOOL ret;

    for (unsigned i = 0; i < ARRAY_SIZE(tests); i++)
    {
        winetest_push_context("type %d", tests[i].type);
        DWORD needed = GetSidLengthRequired(tests[i].count);

        size = 0;
        SetLastError(0xdeadbeef);
        ret = CreateWellKnownSid(tests[i].type, NULL, NULL, &size);
        ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "no buffer: %d error %lu\n", ret, GetLastError());
        ok(size == needed, "size %lu, expected %lu\n", size, needed);

        size = needed - 1;
        SetLastError(0xdeadbeef);
        ret = CreateWellKnownSid(tests[i].type, NULL, sid, &size);
        ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short: %d error %lu\n", ret, GetLastError());
        ok(size == needed, "size %lu\n", size);

        memset(buf, 0xcc, sizeof(buf));
        size = sizeof(buf);
        ret = CreateWellKnownSid(tests[i].type, NULL, sid, &size);
        ok(ret, "failed %lu\n", GetLastError());
        ok(size == needed, "size %lu\n", size);
        ok(sid->Revision == 1 && sid->SubAuthorityCount == tests[i].count, "rev %u count %u\n",
           sid->Revision, sid->SubAuthorityCount);
        ok(sid->IdentifierAuthority.Value[5] == tests[i].authority, "authority %u\n",
           sid->IdentifierAuthority.Value[5]);
        for (unsigned j = 0; j < tests[i].count; j++)
            ok(sid->SubAuthority[j] == tests[i].sub[j], "sub %u: %lu\n", j, sid->SubAuthority[j]);
        ok(IsWellKnownSid(sid, tests[i].type), "IsWellKnownSid\n");
        ok(!IsWellKnownSid(sid, tests[i].type == WinWorldSid ? WinNullSid : WinWorldSid), "matches another type\n");
        winetest_pop_context();
    }

    size = sizeof(buf);
    SetLastError(0xdeadbeef);
    ret = CreateWellKnownSid(WinAccountAdministratorSid, NULL, sid, &size);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "no domain: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = CreateWellKnownSid(WinWorldSid, NULL, sid, NULL);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "no size: %d error %lu\n", ret, GetLastError());
}

static void test_acl(void)
{
    DWORD buf[64];
    ACL *acl = (ACL *)buf;
    BYTE sidbuf[SECURITY_MAX_SID_SIZE], bad[SECURITY_MAX_SID_SIZE];
    DWORD size = sizeof(sidbuf), ace_size;
    ACCESS_ALLOWED_ACE *ace;
    void *p;
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = InitializeAcl(acl, sizeof(ACL) - 1, ACL_REVISION);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = InitializeAcl(acl, sizeof(buf), 1);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "revision 1: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = InitializeAcl(acl, sizeof(buf), 5);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "revision 5: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = InitializeAcl(acl, 0x10000, ACL_REVISION);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "size 0x10000: %d error %lu\n", ret, GetLastError());
    ok(InitializeAcl(acl, sizeof(buf), ACL_REVISION_DS), "revision 4 failed %lu\n", GetLastError());

    memset(buf, 0xcc, sizeof(buf));
    ret = InitializeAcl(acl, sizeof(buf), ACL_REVISION);
    ok(ret, "InitializeAcl failed %lu\n", GetLastError());
    ok(acl->AclRevision == ACL_REVISION && !acl->Sbz1 && acl->AclSize == sizeof(buf) && !acl->AceCount &&
       !acl->Sbz2, "header %u %u %u %u %u\n", acl->AclRevision, acl->Sbz1, acl->AclSize, acl->AceCount, acl->Sbz2);
    ok(IsValidAcl(acl), "empty ACL invalid\n");

    CreateWellKnownSid(WinBuiltinUsersSid, NULL, sidbuf, &size);
    ret = AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, sidbuf);
    ok(ret, "AddAccessAllowedAce failed %lu\n", GetLastError());
    ret = AddAccessDeniedAce(acl, ACL_REVISION, GENERIC_WRITE, sidbuf);
    ok(ret, "AddAccessDeniedAce failed %lu\n", GetLastError());
    ok(acl->AceCount == 2, "count %u\n", acl->AceCount);
    ok(IsValidAcl(acl), "ACL invalid\n");

    ace_size = offsetof(ACCESS_ALLOWED_ACE, SidStart) + GetLengthSid(sidbuf);
    ret = GetAce(acl, 0, &p);
    ok(ret && p == acl + 1, "GetAce(0): %d %p\n", ret, p);
    ace = p;
    ok(ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE && !ace->Header.AceFlags && ace->Header.AceSize == ace_size,
       "header %u %u %u\n", ace->Header.AceType, ace->Header.AceFlags, ace->Header.AceSize);
    ok(ace->Mask == GENERIC_READ, "mask %#lx\n", ace->Mask);
    ok(EqualSid(&ace->SidStart, sidbuf), "SID\n");
    ret = GetAce(acl, 1, &p);
    ok(ret && p == (BYTE *)(acl + 1) + ace_size, "GetAce(1): %d\n", ret);
    ace = p;
    ok(ace->Header.AceType == ACCESS_DENIED_ACE_TYPE && ace->Mask == GENERIC_WRITE, "denied ACE %u %#lx\n",
       ace->Header.AceType, ace->Mask);
    SetLastError(0xdeadbeef);
    ret = GetAce(acl, 2, &p);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "GetAce(2): %d error %lu\n", ret, GetLastError());

    /* errors */
    memcpy(bad, sidbuf, sizeof(bad));
    bad[0] = 2;
    SetLastError(0xdeadbeef);
    ret = AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, bad);
    ok(!ret && GetLastError() == ERROR_INVALID_SID, "bad SID: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = AddAccessAllowedAce(acl, 5, GENERIC_READ, sidbuf);
    ok(!ret && GetLastError() == ERROR_REVISION_MISMATCH, "revision 5: %d error %lu\n", ret, GetLastError());
    ok(acl->AceCount == 2, "count %u\n", acl->AceCount);

    InitializeAcl(acl, sizeof(ACL) + ace_size - 1, ACL_REVISION);
    SetLastError(0xdeadbeef);
    ret = AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, sidbuf);
    ok(!ret && GetLastError() == ERROR_ALLOTTED_SPACE_EXCEEDED, "full: %d error %lu\n", ret, GetLastError());
    InitializeAcl(acl, sizeof(ACL) + ace_size, ACL_REVISION);
    ok(AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, sidbuf), "exact fit failed %lu\n", GetLastError());

    /* an ACE whose size runs past the ACL */
    ace = (ACCESS_ALLOWED_ACE *)(acl + 1);
    ace->Header.AceSize = 200;
    ok(!IsValidAcl(acl), "overrunning ACE accepted\n");
    acl->AclRevision = 1;
    ok(!IsValidAcl(acl), "revision 1 accepted\n");
}

static void test_security_descriptor(void)
{
    SECURITY_DESCRIPTOR sd;
    DWORD aclbuf[32];
    ACL *acl = (ACL *)aclbuf, *got_acl;
    BYTE owner[SECURITY_MAX_SID_SIZE], group[SECURITY_MAX_SID_SIZE];
    DWORD size;
    PSID got_sid;
    BOOL present, defaulted, ret;

    SetLastError(0xdeadbeef);
    ret = InitializeSecurityDescriptor(&sd, 2);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "revision 2: %d error %lu\n", ret, GetLastError());

    memset(&sd, 0xcc, sizeof(sd));
    ret = InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    ok(ret, "failed %lu\n", GetLastError());
    ok(sd.Revision == 1 && !sd.Control && !sd.Owner && !sd.Group && !sd.Dacl && !sd.Sacl, "not cleared\n");
    ok(IsValidSecurityDescriptor(&sd), "empty descriptor invalid\n");
    ok(GetSecurityDescriptorLength(&sd) == sizeof(SECURITY_DESCRIPTOR), "length %lu\n",
       GetSecurityDescriptorLength(&sd));

    present = defaulted = 0xcc;
    got_acl = (ACL *)0xdeadbeef;
    ret = GetSecurityDescriptorDacl(&sd, &present, &got_acl, &defaulted);
    ok(ret && !present, "no DACL: %d %d\n", ret, present);
    /* Microsoft Learn: "If a DACL does not exist, no value is stored"; Wine stores NULL */
    todo_wine ok(got_acl == (ACL *)0xdeadbeef, "DACL pointer written without a DACL\n");

    size = sizeof(owner);
    CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, owner, &size);
    size = sizeof(group);
    CreateWellKnownSid(WinBuiltinUsersSid, NULL, group, &size);
    InitializeAcl(acl, sizeof(aclbuf), ACL_REVISION);
    AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_ALL, owner);

    ok(SetSecurityDescriptorOwner(&sd, owner, TRUE), "owner failed %lu\n", GetLastError());
    ok(SetSecurityDescriptorGroup(&sd, group, FALSE), "group failed %lu\n", GetLastError());
    ok(SetSecurityDescriptorDacl(&sd, TRUE, acl, TRUE), "DACL failed %lu\n", GetLastError());
    ok(sd.Control == (SE_OWNER_DEFAULTED | SE_DACL_PRESENT | SE_DACL_DEFAULTED), "control %#x\n", sd.Control);
    ok(IsValidSecurityDescriptor(&sd), "descriptor invalid\n");
    ok(GetSecurityDescriptorLength(&sd) == sizeof(sd) + GetLengthSid(owner) + GetLengthSid(group) + sizeof(aclbuf),
       "length %lu\n", GetSecurityDescriptorLength(&sd));

    ret = GetSecurityDescriptorOwner(&sd, &got_sid, &defaulted);
    ok(ret && got_sid == owner && defaulted == TRUE, "owner %d %p %d\n", ret, got_sid, defaulted);
    ret = GetSecurityDescriptorGroup(&sd, &got_sid, &defaulted);
    ok(ret && got_sid == group && defaulted == FALSE, "group %d %p %d\n", ret, got_sid, defaulted);
    ret = GetSecurityDescriptorDacl(&sd, &present, &got_acl, &defaulted);
    ok(ret && present == TRUE && got_acl == acl && defaulted == TRUE, "DACL %d %d %p %d\n", ret, present, got_acl,
       defaulted);

    /* a present NULL DACL (everyone may do everything) is not the same as no DACL */
    ok(SetSecurityDescriptorDacl(&sd, TRUE, NULL, FALSE), "NULL DACL failed %lu\n", GetLastError());
    ret = GetSecurityDescriptorDacl(&sd, &present, &got_acl, &defaulted);
    ok(ret && present && !got_acl && !defaulted, "NULL DACL %d %d %p %d\n", ret, present, got_acl, defaulted);
    ok(SetSecurityDescriptorDacl(&sd, FALSE, NULL, FALSE), "removing the DACL failed %lu\n", GetLastError());
    ok(!(sd.Control & SE_DACL_PRESENT), "control %#x\n", sd.Control);

    /* a wrong revision is refused by the setters and getters */
    sd.Revision = 2;
    ok(!IsValidSecurityDescriptor(&sd), "revision 2 valid\n");
    SetLastError(0xdeadbeef);
    ret = SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "set DACL: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = GetSecurityDescriptorDacl(&sd, &present, &got_acl, &defaulted);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "get DACL: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = SetSecurityDescriptorOwner(&sd, owner, FALSE);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "set owner: %d error %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = SetSecurityDescriptorGroup(&sd, group, FALSE);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "set group: %d error %lu\n", ret, GetLastError());
}

static void test_gen_random(void)
{
    BYTE a[64], b[64], zero[64] = { 0 };

    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    ok(RtlGenRandom(a, sizeof(a)), "RtlGenRandom failed\n");
    ok(RtlGenRandom(b, sizeof(b)), "RtlGenRandom failed\n");
    /* 512 random bits: equal or all zero only if nothing was written */
    ok(memcmp(a, zero, sizeof(a)), "nothing written\n");
    ok(memcmp(a, b, sizeof(a)), "the same bytes twice\n");
    ok(RtlGenRandom(a, 0), "zero bytes failed\n");
}

START_TEST(security)
{
    test_sid();
    test_well_known();
    test_acl();
    test_security_descriptor();
    test_gen_random();
}

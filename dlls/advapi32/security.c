/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Win32 security descriptor, ACL and SID functions: ntdll's Rtl* with the
 * status turned into a last error, plus the table of well-known SIDs.
 */
#include "advapi32_private.h"

BOOL WINAPI InitializeSecurityDescriptor(PSECURITY_DESCRIPTOR sd, DWORD revision)
{
    return set_ntstatus(RtlCreateSecurityDescriptor(sd, revision));
}

BOOL WINAPI IsValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd)
{
    if (RtlValidSecurityDescriptor(sd)) return TRUE;
    SetLastError(ERROR_INVALID_SECURITY_DESCR);
    return FALSE;
}

DWORD WINAPI GetSecurityDescriptorLength(PSECURITY_DESCRIPTOR sd)
{
    return RtlLengthSecurityDescriptor(sd);
}

BOOL WINAPI SetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, BOOL present, PACL dacl, BOOL defaulted)
{
    return set_ntstatus(RtlSetDaclSecurityDescriptor(sd, present, dacl, defaulted));
}

BOOL WINAPI GetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, LPBOOL present, PACL *dacl, LPBOOL defaulted)
{
    /* BOOL outputs over ntdll's BOOLEAN ones: widen, writing only what ntdll wrote */
    BOOLEAN p = FALSE, d = FALSE;
    NTSTATUS status = RtlGetDaclSecurityDescriptor(sd, &p, dacl, &d);
    if (status) return set_ntstatus(status);
    *present = p;
    if (p) *defaulted = d;
    return TRUE;
}

BOOL WINAPI SetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID owner, BOOL defaulted)
{
    return set_ntstatus(RtlSetOwnerSecurityDescriptor(sd, owner, defaulted));
}

BOOL WINAPI GetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID *owner, LPBOOL defaulted)
{
    BOOLEAN d;
    NTSTATUS status = RtlGetOwnerSecurityDescriptor(sd, owner, &d);
    if (status) return set_ntstatus(status);
    *defaulted = d;
    return TRUE;
}

BOOL WINAPI SetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID group, BOOL defaulted)
{
    return set_ntstatus(RtlSetGroupSecurityDescriptor(sd, group, defaulted));
}

BOOL WINAPI GetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID *group, LPBOOL defaulted)
{
    BOOLEAN d;
    NTSTATUS status = RtlGetGroupSecurityDescriptor(sd, group, &d);
    if (status) return set_ntstatus(status);
    *defaulted = d;
    return TRUE;
}

BOOL WINAPI MakeSelfRelativeSD(PSECURITY_DESCRIPTOR abs, PSECURITY_DESCRIPTOR rel, LPDWORD length)
{
    return set_ntstatus(RtlMakeSelfRelativeSD(abs, rel, length));
}

BOOL WINAPI InitializeAcl(PACL acl, DWORD size, DWORD revision)
{
    return set_ntstatus(RtlCreateAcl(acl, size, revision));
}

/* Windows documents no extended error for IsValidAcl and IsValidSid. */
BOOL WINAPI IsValidAcl(PACL acl)
{
    return RtlValidAcl(acl);
}

BOOL WINAPI AddAccessAllowedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return set_ntstatus(RtlAddAccessAllowedAce(acl, revision, mask, sid));
}

BOOL WINAPI AddAccessAllowedAceEx(PACL acl, DWORD revision, DWORD flags, DWORD mask, PSID sid)
{
    return set_ntstatus(RtlAddAccessAllowedAceEx(acl, revision, flags, mask, sid));
}

BOOL WINAPI AddAccessDeniedAce(PACL acl, DWORD revision, DWORD mask, PSID sid)
{
    return set_ntstatus(RtlAddAccessDeniedAce(acl, revision, mask, sid));
}

BOOL WINAPI AddAccessDeniedAceEx(PACL acl, DWORD revision, DWORD flags, DWORD mask, PSID sid)
{
    return set_ntstatus(RtlAddAccessDeniedAceEx(acl, revision, flags, mask, sid));
}

BOOL WINAPI GetAce(PACL acl, DWORD index, LPVOID *ace)
{
    return set_ntstatus(RtlGetAce(acl, index, ace));
}

DWORD WINAPI GetLengthSid(PSID sid)
{
    return RtlLengthSid(sid);
}

DWORD WINAPI GetSidLengthRequired(BYTE count)
{
    return RtlLengthRequiredSid(count);
}

BOOL WINAPI InitializeSid(PSID sid, PSID_IDENTIFIER_AUTHORITY auth, BYTE count)
{
    return set_ntstatus(RtlInitializeSid(sid, auth, count));
}

/* These three cannot report failure in their return value; a caller tells by a
 * last error, so success must clear it. */
PDWORD WINAPI GetSidSubAuthority(PSID sid, DWORD index)
{
    SetLastError(ERROR_SUCCESS);
    return RtlSubAuthoritySid(sid, index);
}

PUCHAR WINAPI GetSidSubAuthorityCount(PSID sid)
{
    SetLastError(ERROR_SUCCESS);
    return RtlSubAuthorityCountSid(sid);
}

PSID_IDENTIFIER_AUTHORITY WINAPI GetSidIdentifierAuthority(PSID sid)
{
    SetLastError(ERROR_SUCCESS);
    return RtlIdentifierAuthoritySid(sid);
}

/* Unequal is not an error: the last error says ERROR_SUCCESS then. */
BOOL WINAPI EqualSid(PSID a, PSID b)
{
    SetLastError(ERROR_SUCCESS);
    return RtlEqualSid(a, b);
}

BOOL WINAPI CopySid(DWORD length, PSID dst, PSID src)
{
    return set_ntstatus(RtlCopySid(length, dst, src));
}

BOOL WINAPI IsValidSid(PSID sid)
{
    return RtlValidSid(sid);
}

BOOL WINAPI AllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY auth, BYTE count, DWORD s0, DWORD s1,
                                     DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6, DWORD s7, PSID *sid)
{
    return set_ntstatus(RtlAllocateAndInitializeSid(auth, count, s0, s1, s2, s3, s4, s5, s6, s7, sid));
}

PVOID WINAPI FreeSid(PSID sid)
{
    return RtlFreeSid(sid);
}

/* ---------------------------------------------------------------- well-known SIDs */

/* The SIDs that need no domain: an authority and up to two sub-authorities. */
struct well_known_sid
{
    WELL_KNOWN_SID_TYPE type;
    BYTE authority;             /* the last byte of the identifier authority; the others are 0 */
    BYTE count;
    DWORD sub[2];
};

static const struct well_known_sid well_known_sids[] =
{
    { WinNullSid, 0, 1, { SECURITY_NULL_RID } },
    { WinWorldSid, 1, 1, { SECURITY_WORLD_RID } },
    { WinLocalSid, 2, 1, { SECURITY_LOCAL_RID } },
    { WinCreatorOwnerSid, 3, 1, { SECURITY_CREATOR_OWNER_RID } },
    { WinCreatorGroupSid, 3, 1, { SECURITY_CREATOR_GROUP_RID } },
    { WinCreatorOwnerServerSid, 3, 1, { SECURITY_CREATOR_OWNER_SERVER_RID } },
    { WinCreatorGroupServerSid, 3, 1, { SECURITY_CREATOR_GROUP_SERVER_RID } },
    { WinCreatorOwnerRightsSid, 3, 1, { SECURITY_CREATOR_OWNER_RIGHTS_RID } },
    { WinNtAuthoritySid, 5, 0, { 0 } },
    { WinDialupSid, 5, 1, { SECURITY_DIALUP_RID } },
    { WinNetworkSid, 5, 1, { SECURITY_NETWORK_RID } },
    { WinBatchSid, 5, 1, { SECURITY_BATCH_RID } },
    { WinInteractiveSid, 5, 1, { SECURITY_INTERACTIVE_RID } },
    { WinServiceSid, 5, 1, { SECURITY_SERVICE_RID } },
    { WinAnonymousSid, 5, 1, { SECURITY_ANONYMOUS_LOGON_RID } },
    { WinProxySid, 5, 1, { SECURITY_PROXY_RID } },
    { WinEnterpriseControllersSid, 5, 1, { SECURITY_ENTERPRISE_CONTROLLERS_RID } },
    { WinSelfSid, 5, 1, { SECURITY_PRINCIPAL_SELF_RID } },
    { WinAuthenticatedUserSid, 5, 1, { SECURITY_AUTHENTICATED_USER_RID } },
    { WinRestrictedCodeSid, 5, 1, { SECURITY_RESTRICTED_CODE_RID } },
    { WinTerminalServerSid, 5, 1, { SECURITY_TERMINAL_SERVER_RID } },
    { WinRemoteLogonIdSid, 5, 1, { SECURITY_REMOTE_LOGON_RID } },
    { WinThisOrganizationSid, 5, 1, { SECURITY_THIS_ORGANIZATION_RID } },
    { WinIUserSid, 5, 1, { 17 } },           /* S-1-5-17; Wine's winnt.h has no name for it */
    { WinLocalSystemSid, 5, 1, { SECURITY_LOCAL_SYSTEM_RID } },
    { WinLocalServiceSid, 5, 1, { SECURITY_LOCAL_SERVICE_RID } },
    { WinNetworkServiceSid, 5, 1, { SECURITY_NETWORK_SERVICE_RID } },
    { WinWriteRestrictedCodeSid, 5, 1, { SECURITY_WRITE_RESTRICTED_CODE_RID } },
    { WinOtherOrganizationSid, 5, 1, { SECURITY_OTHER_ORGANIZATION_RID } },
    { WinNTLMAuthenticationSid, 5, 2, { SECURITY_PACKAGE_BASE_RID, SECURITY_PACKAGE_NTLM_RID } },
    { WinDigestAuthenticationSid, 5, 2, { SECURITY_PACKAGE_BASE_RID, SECURITY_PACKAGE_DIGEST_RID } },
    { WinSChannelAuthenticationSid, 5, 2, { SECURITY_PACKAGE_BASE_RID, SECURITY_PACKAGE_SCHANNEL_RID } },
    { WinBuiltinDomainSid, 5, 1, { SECURITY_BUILTIN_DOMAIN_RID } },
    { WinBuiltinAdministratorsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS } },
    { WinBuiltinUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS } },
    { WinBuiltinGuestsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_GUESTS } },
    { WinBuiltinPowerUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_POWER_USERS } },
    { WinBuiltinAccountOperatorsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ACCOUNT_OPS } },
    { WinBuiltinSystemOperatorsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_SYSTEM_OPS } },
    { WinBuiltinPrintOperatorsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_PRINT_OPS } },
    { WinBuiltinBackupOperatorsSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_BACKUP_OPS } },
    { WinBuiltinReplicatorSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_REPLICATOR } },
    { WinBuiltinRemoteDesktopUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_REMOTE_DESKTOP_USERS } },
    { WinBuiltinNetworkConfigurationOperatorsSid, 5, 2,
      { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_NETWORK_CONFIGURATION_OPS } },
    { WinBuiltinPerfMonitoringUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_MONITORING_USERS } },
    { WinBuiltinPerfLoggingUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_LOGGING_USERS } },
    { WinBuiltinIUsersSid, 5, 2, { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_IUSERS } },
    { WinUntrustedLabelSid, 16, 1, { SECURITY_MANDATORY_UNTRUSTED_RID } },
    { WinLowLabelSid, 16, 1, { SECURITY_MANDATORY_LOW_RID } },
    { WinMediumLabelSid, 16, 1, { SECURITY_MANDATORY_MEDIUM_RID } },
    { WinHighLabelSid, 16, 1, { SECURITY_MANDATORY_HIGH_RID } },
    { WinSystemLabelSid, 16, 1, { SECURITY_MANDATORY_SYSTEM_RID } },
};

static const struct well_known_sid *find_well_known(WELL_KNOWN_SID_TYPE type)
{
    for (size_t i = 0; i < ARRAYSIZE(well_known_sids); i++)
        if (well_known_sids[i].type == type) return &well_known_sids[i];
    return NULL;
}

BOOL WINAPI CreateWellKnownSid(WELL_KNOWN_SID_TYPE type, PSID domain, PSID sid, DWORD *size)
{
    const struct well_known_sid *known = find_well_known(type);
    SID_IDENTIFIER_AUTHORITY auth = { { 0 } };
    DWORD needed;

    /* the domain-relative SIDs (WinAccount*) need a machine or domain SID Wring does not have */
    (void)domain;
    if (!known || !size)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    needed = RtlLengthRequiredSid(known->count);
    if (!sid || *size < needed)
    {
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    auth.Value[5] = known->authority;
    RtlInitializeSid(sid, &auth, known->count);
    for (BYTE i = 0; i < known->count; i++) *RtlSubAuthoritySid(sid, i) = known->sub[i];
    *size = needed;
    return TRUE;
}

BOOL WINAPI IsWellKnownSid(PSID sid, WELL_KNOWN_SID_TYPE type)
{
    const struct well_known_sid *known = find_well_known(type);
    SID_IDENTIFIER_AUTHORITY auth = { { 0 } };
    SID *s = sid;

    if (!known || !RtlValidSid(sid) || s->SubAuthorityCount != known->count) return FALSE;
    auth.Value[5] = known->authority;
    if (memcmp(&s->IdentifierAuthority, &auth, sizeof(auth))) return FALSE;
    for (BYTE i = 0; i < known->count; i++) if (s->SubAuthority[i] != known->sub[i]) return FALSE;
    return TRUE;
}

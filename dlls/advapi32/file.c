/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The security of files, as Windows presents it, over the Unix permission bits:
 * the owner is always the token's user and the group its primary group (Wring
 * has one user), and the DACL holds what the owner's and the others' bits grant,
 * the others standing for Everyone.  Setting a DACL sets those bits back.
 */
#include "advapi32_private.h"

NTSTATUS WINAPI wring_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG *mode);
NTSTATUS WINAPI wring_set_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG mode);

#define MODE_READ    4
#define MODE_WRITE   2
#define MODE_EXECUTE 1
#define OWNER_SHIFT  6
#define GROUP_SHIFT  3

/* A TOKEN_USER or the pointer of a TOKEN_PRIMARY_GROUP, and room for the SID after it. */
struct token_sid
{
    union
    {
        TOKEN_USER user;
        TOKEN_PRIMARY_GROUP group;
    } head;
    BYTE sid[SECURITY_MAX_SID_SIZE];
};

static NTSTATUS token_sid(TOKEN_INFORMATION_CLASS klass, struct token_sid *buf, PSID *sid)
{
    HANDLE token;
    NTSTATUS status;
    ULONG size;

    if ((status = NtOpenProcessToken(NtCurrentProcess(), TOKEN_QUERY, &token))) return status;
    status = NtQueryInformationToken(token, klass, buf, sizeof(*buf), &size);
    NtClose(token);
    if (status) return status;
    *sid = klass == TokenUser ? buf->head.user.User.Sid : buf->head.group.PrimaryGroup;
    return STATUS_SUCCESS;
}

/* The rights Windows shows for one class of rwx bits.  Write implies the rest, as a file's
 * owner who may write it could also change its permissions. */
static ACCESS_MASK mode_to_access(ULONG bits)
{
    ACCESS_MASK access = 0;
    if (bits & MODE_WRITE) return FILE_ALL_ACCESS;
    if (bits & MODE_READ) access |= FILE_GENERIC_READ;
    if (bits & MODE_EXECUTE) access |= FILE_GENERIC_EXECUTE;
    return access;
}

static ULONG access_to_mode(ACCESS_MASK access)
{
    ULONG bits = 0;
    if (access & GENERIC_ALL) return MODE_READ | MODE_WRITE | MODE_EXECUTE;
    if (access & (FILE_READ_DATA | GENERIC_READ)) bits |= MODE_READ;
    if (access & (FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_WRITE)) bits |= MODE_WRITE;
    if (access & (FILE_EXECUTE | GENERIC_EXECUTE)) bits |= MODE_EXECUTE;
    return bits;
}

static NTSTATUS open_name(const WCHAR *path, UNICODE_STRING *nt_name)
{
    if (!path) return STATUS_INVALID_PARAMETER;
    return RtlDosPathNameToNtPathName_U_WithStatus(path, nt_name, NULL, NULL);
}

static NTSTATUS query_mode(const WCHAR *path, ULONG *mode)
{
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING nt_name;
    NTSTATUS status;

    if ((status = open_name(path, &nt_name))) return status;
    InitializeObjectAttributes(&attr, &nt_name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = wring_file_mode(&attr, mode);
    RtlFreeUnicodeString(&nt_name);
    return status;
}

static NTSTATUS get_file_security(const WCHAR *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR out,
                                  DWORD length, DWORD *needed)
{
    struct token_sid user_buf, group_buf;
    SID_IDENTIFIER_AUTHORITY world_auth = { SECURITY_WORLD_SID_AUTHORITY };
    BYTE world[SECURITY_MAX_SID_SIZE];
    BYTE acl_buf[sizeof(ACL) + 2 * (sizeof(ACCESS_ALLOWED_ACE) + SECURITY_MAX_SID_SIZE)];
    ACL *dacl = (ACL *)acl_buf;
    SECURITY_DESCRIPTOR sd;
    PSID user, group;
    NTSTATUS status;
    ULONG mode, size;

    /* the SACL needs SeSecurityPrivilege enabled, which a standard user's token does not have */
    if (info & SACL_SECURITY_INFORMATION) return STATUS_PRIVILEGE_NOT_HELD;
    if (!needed) return STATUS_INVALID_PARAMETER;
    if ((status = query_mode(path, &mode))) return status;
    if ((status = token_sid(TokenUser, &user_buf, &user))) return status;
    if ((status = token_sid(TokenPrimaryGroup, &group_buf, &group))) return status;

    RtlCreateSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    if (info & OWNER_SECURITY_INFORMATION) RtlSetOwnerSecurityDescriptor(&sd, user, FALSE);
    if (info & GROUP_SECURITY_INFORMATION) RtlSetGroupSecurityDescriptor(&sd, group, FALSE);
    if (info & DACL_SECURITY_INFORMATION)
    {
        ACCESS_MASK owner_access = mode_to_access((mode >> OWNER_SHIFT) & 7);
        ACCESS_MASK world_access = mode_to_access(mode & 7);

        RtlInitializeSid(world, &world_auth, 1);
        *RtlSubAuthoritySid(world, 0) = SECURITY_WORLD_RID;
        /* sized for its ACEs alone, as Windows returns it */
        size = sizeof(ACL);
        if (owner_access) size += offsetof(ACCESS_ALLOWED_ACE, SidStart) + RtlLengthSid(user);
        if (world_access) size += offsetof(ACCESS_ALLOWED_ACE, SidStart) + RtlLengthSid(world);
        RtlCreateAcl(dacl, size, ACL_REVISION);
        if (owner_access) RtlAddAccessAllowedAce(dacl, ACL_REVISION, owner_access, user);
        if (world_access) RtlAddAccessAllowedAce(dacl, ACL_REVISION, world_access, world);
        RtlSetDaclSecurityDescriptor(&sd, TRUE, dacl, FALSE);
    }
    size = length;
    status = RtlAbsoluteToSelfRelativeSD(&sd, out, &size);
    *needed = status == STATUS_BUFFER_TOO_SMALL ? size : RtlLengthSecurityDescriptor(out);
    return status;
}

BOOL WINAPI GetFileSecurityW(const WCHAR *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd, DWORD length,
                             DWORD *needed)
{
    NTSTATUS status = get_file_security(path, info, sd, length, needed);
    /* a short buffer fails with this error, not the overflow RtlNtStatusToDosError gives */
    if (status == STATUS_BUFFER_TOO_SMALL)
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    return set_ntstatus(status);
}

/* Adds what one ACE says of a class of bits, unless an earlier ACE decided those bits: Windows
 * reads a DACL in order, the first ACE to mention a right deciding it. */
static void apply_ace(const ACE_HEADER *ace, ULONG *granted, ULONG *decided)
{
    ULONG bits = access_to_mode(((const ACCESS_ALLOWED_ACE *)ace)->Mask) & ~*decided;
    if (ace->AceType == ACCESS_ALLOWED_ACE_TYPE) *granted |= bits;
    *decided |= bits;
}

/* The rwx bits of owner, group and others that a DACL grants; NULL grants everything.  The
 * group's bits follow Everyone's, whom they are part of: the DACL names no Unix group. */
static NTSTATUS dacl_to_mode(ACL *dacl, PSID user, ULONG *mode)
{
    SID_IDENTIFIER_AUTHORITY world_auth = { SECURITY_WORLD_SID_AUTHORITY };
    BYTE world[SECURITY_MAX_SID_SIZE];
    ULONG owner = 0, owner_decided = 0, other = 0, other_decided = 0;

    if (!dacl)
    {
        *mode = 0777;
        return STATUS_SUCCESS;
    }
    RtlInitializeSid(world, &world_auth, 1);
    *RtlSubAuthoritySid(world, 0) = SECURITY_WORLD_RID;
    for (WORD i = 0; i < dacl->AceCount; i++)
    {
        ACE_HEADER *ace;
        PSID sid;

        if (RtlGetAce(dacl, i, (void **)&ace)) return STATUS_INVALID_ACL;
        if (ace->AceType != ACCESS_ALLOWED_ACE_TYPE && ace->AceType != ACCESS_DENIED_ACE_TYPE) continue;
        /* ACEs inherited only by children say nothing of this file */
        if (ace->AceFlags & INHERIT_ONLY_ACE) continue;
        sid = &((ACCESS_ALLOWED_ACE *)ace)->SidStart;
        if (RtlEqualSid(sid, world))
        {
            apply_ace(ace, &owner, &owner_decided);
            apply_ace(ace, &other, &other_decided);
        }
        else if (RtlEqualSid(sid, user)) apply_ace(ace, &owner, &owner_decided);
    }
    *mode = (owner << OWNER_SHIFT) | (other << GROUP_SHIFT) | other;
    return STATUS_SUCCESS;
}

static NTSTATUS set_file_security(const WCHAR *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd)
{
    struct token_sid user_buf, group_buf;
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING nt_name;
    PSID user, group, sid;
    BOOLEAN present, defaulted;
    NTSTATUS status;
    ULONG mode, old_mode;
    ACL *dacl = NULL;

    if (info & SACL_SECURITY_INFORMATION) return STATUS_PRIVILEGE_NOT_HELD;
    if (!sd) return STATUS_INVALID_SECURITY_DESCR;
    /* Windows tells an unknown revision apart from a malformed descriptor */
    if (((SECURITY_DESCRIPTOR *)sd)->Revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    if (!RtlValidSecurityDescriptor(sd)) return STATUS_INVALID_SECURITY_DESCR;
    if ((status = token_sid(TokenUser, &user_buf, &user))) return status;
    if ((status = token_sid(TokenPrimaryGroup, &group_buf, &group))) return status;
    /* the file's owner and group are always these two, so only they can be set */
    if (info & OWNER_SECURITY_INFORMATION)
    {
        if ((status = RtlGetOwnerSecurityDescriptor(sd, &sid, &defaulted))) return status;
        if (!sid || !RtlEqualSid(sid, user)) return STATUS_INVALID_OWNER;
    }
    if (info & GROUP_SECURITY_INFORMATION)
    {
        if ((status = RtlGetGroupSecurityDescriptor(sd, &sid, &defaulted))) return status;
        if (!sid || !RtlEqualSid(sid, group)) return STATUS_INVALID_PRIMARY_GROUP;
    }
    if ((status = query_mode(path, &old_mode))) return status;
    if (!(info & DACL_SECURITY_INFORMATION)) return STATUS_SUCCESS;

    /* a descriptor without a DACL restricts nothing, as a NULL DACL */
    if ((status = RtlGetDaclSecurityDescriptor(sd, &present, &dacl, &defaulted))) return status;
    if (!present) dacl = NULL;
    if ((status = dacl_to_mode(dacl, user, &mode))) return status;
    /* the setuid, setgid and sticky bits have no DACL counterpart and are kept */
    mode |= old_mode & 07000;
    if ((status = open_name(path, &nt_name))) return status;
    InitializeObjectAttributes(&attr, &nt_name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = wring_set_file_mode(&attr, mode);
    RtlFreeUnicodeString(&nt_name);
    return status;
}

BOOL WINAPI SetFileSecurityW(const WCHAR *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd)
{
    return set_ntstatus(set_file_security(path, info, sd));
}

/* The A forms convert the name with the ANSI code page and go through the W ones. */
BOOL WINAPI GetFileSecurityA(const char *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd, DWORD length,
                             DWORD *needed)
{
    UNICODE_STRING name;
    BOOL ret;

    if (!path) return GetFileSecurityW(NULL, info, sd, length, needed);
    if (!RtlCreateUnicodeStringFromAsciiz(&name, path)) return set_ntstatus(STATUS_NO_MEMORY);
    ret = GetFileSecurityW(name.Buffer, info, sd, length, needed);
    RtlFreeUnicodeString(&name);
    return ret;
}

BOOL WINAPI SetFileSecurityA(const char *path, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd)
{
    UNICODE_STRING name;
    BOOL ret;

    if (!path) return SetFileSecurityW(NULL, info, sd);
    if (!RtlCreateUnicodeStringFromAsciiz(&name, path)) return set_ntstatus(STATUS_NO_MEMORY);
    ret = SetFileSecurityW(name.Buffer, info, sd);
    RtlFreeUnicodeString(&name);
    return ret;
}

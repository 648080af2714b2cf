/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The security of files: GetFileSecurity's descriptor (owner, group, DACL),
 * SetFileSecurity making a file read-only and back, their errors, and
 * MakeSelfRelativeSD, which builds the form both pass around.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static WCHAR test_path[MAX_PATH];

static BYTE user_buf[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
static BYTE group_buf[sizeof(TOKEN_PRIMARY_GROUP) + SECURITY_MAX_SID_SIZE];

static PSID token_user(void)
{
    return ((TOKEN_USER *)user_buf)->User.Sid;
}

static PSID token_group(void)
{
    return ((TOKEN_PRIMARY_GROUP *)group_buf)->PrimaryGroup;
}

static void read_token(void)
{
    HANDLE token;
    DWORD size;
    BOOL ret;

    ret = OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    ok(ret, "OpenProcessToken failed %lu\n", GetLastError());
    ret = GetTokenInformation(token, TokenUser, user_buf, sizeof(user_buf), &size);
    ok(ret, "TokenUser failed %lu\n", GetLastError());
    ret = GetTokenInformation(token, TokenPrimaryGroup, group_buf, sizeof(group_buf), &size);
    ok(ret, "TokenPrimaryGroup failed %lu\n", GetLastError());
    CloseHandle(token);
}

static void make_world_sid(BYTE *buf)
{
    SID_IDENTIFIER_AUTHORITY world = { SECURITY_WORLD_SID_AUTHORITY };
    InitializeSid(buf, &world, 1);
    *GetSidSubAuthority(buf, 0) = SECURITY_WORLD_RID;
}

/* The access an ACE of the DACL grants a SID, 0 when none names it. */
static ACCESS_MASK ace_access(PACL dacl, PSID sid)
{
    for (DWORD i = 0; i < dacl->AceCount; i++)
    {
        ACCESS_ALLOWED_ACE *ace;
        if (!GetAce(dacl, i, (void **)&ace)) break;
        if (ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE && EqualSid(&ace->SidStart, sid)) return ace->Mask;
    }
    return 0;
}

/* Reads the file's DACL into buf; NULL when GetFileSecurityW fails. */
static PACL file_dacl(BYTE *buf, DWORD size)
{
    BOOL present = FALSE, defaulted;
    PACL dacl = NULL;
    DWORD needed;

    if (!GetFileSecurityW(test_path, DACL_SECURITY_INFORMATION, buf, size, &needed)) return NULL;
    if (!GetSecurityDescriptorDacl(buf, &present, &dacl, &defaulted) || !present) return NULL;
    return dacl;
}

static void test_get(void)
{
    SECURITY_INFORMATION info = OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION;
    BYTE buf[1024];
    SECURITY_DESCRIPTOR_RELATIVE *rel = (SECURITY_DESCRIPTOR_RELATIVE *)buf;
    BOOL ret, present = FALSE, defaulted;
    PSID owner = NULL, group = NULL;
    PACL dacl = NULL;
    DWORD needed = 0, needed2 = 0;
    char path_a[MAX_PATH];

    SetLastError(0xdeadbeef);
    ret = GetFileSecurityW(test_path, info, NULL, 0, &needed);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "ret %d error %lu\n", ret, GetLastError());
    ok(needed > sizeof(SECURITY_DESCRIPTOR_RELATIVE) && needed <= sizeof(buf), "needed %lu\n", needed);

    SetLastError(0xdeadbeef);
    ret = GetFileSecurityW(test_path, info, buf, needed - 1, &needed2);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "ret %d error %lu\n", ret, GetLastError());
    ok(needed2 == needed, "needed %lu then %lu\n", needed, needed2);

    memset(buf, 0xcc, sizeof(buf));
    ret = GetFileSecurityW(test_path, info, buf, needed, &needed2);
    ok(ret, "GetFileSecurityW failed %lu\n", GetLastError());
    ok(needed2 == needed, "needed %lu then %lu\n", needed, needed2);
    ok(rel->Control & SE_SELF_RELATIVE, "control %#x\n", rel->Control);
    ok(IsValidSecurityDescriptor(buf), "invalid descriptor\n");
    ok(GetSecurityDescriptorLength(buf) == needed, "length %lu, needed %lu\n",
       GetSecurityDescriptorLength(buf), needed);

    ret = GetSecurityDescriptorOwner(buf, &owner, &defaulted);
    ok(ret && owner, "no owner\n");
    ok(owner && EqualSid(owner, token_user()), "owner is not the token's user\n");
    ret = GetSecurityDescriptorGroup(buf, &group, &defaulted);
    ok(ret && group, "no group\n");
    ret = GetSecurityDescriptorDacl(buf, &present, &dacl, &defaulted);
    ok(ret && present && dacl, "no DACL\n");
    if (dacl)
    {
        ok(IsValidAcl(dacl), "invalid DACL\n");
        ok(ace_access(dacl, token_user()) & FILE_WRITE_DATA, "owner ACE %#lx\n", ace_access(dacl, token_user()));
    }

    /* only what was asked for */
    ret = GetFileSecurityW(test_path, OWNER_SECURITY_INFORMATION, buf, sizeof(buf), &needed);
    ok(ret, "GetFileSecurityW failed %lu\n", GetLastError());
    group = dacl = (void *)1;
    ok(GetSecurityDescriptorGroup(buf, &group, &defaulted) && !group, "group %p\n", group);
    present = TRUE;
    /* Wine's descriptor has every part, whatever was asked for */
    todo_wine ok(GetSecurityDescriptorDacl(buf, &present, &dacl, &defaulted) && !present, "DACL present\n");

    WideCharToMultiByte(CP_ACP, 0, test_path, -1, path_a, sizeof(path_a), NULL, NULL);
    ret = GetFileSecurityA(path_a, OWNER_SECURITY_INFORMATION, buf, sizeof(buf), &needed);
    ok(ret, "GetFileSecurityA failed %lu\n", GetLastError());
    ok(ret && GetSecurityDescriptorOwner(buf, &owner, &defaulted) && owner && EqualSid(owner, token_user()),
       "A owner\n");
}

static void test_get_errors(void)
{
    WCHAR missing[MAX_PATH];
    BYTE buf[1024];
    DWORD needed;
    BOOL ret;

    wcscpy(missing, test_path);
    wcscat(missing, L".missing");
    SetLastError(0xdeadbeef);
    ret = GetFileSecurityW(missing, DACL_SECURITY_INFORMATION, buf, sizeof(buf), &needed);
    ok(!ret && GetLastError() == ERROR_FILE_NOT_FOUND, "ret %d error %lu\n", ret, GetLastError());

    wcscat(missing, L"\\sub");
    SetLastError(0xdeadbeef);
    ret = GetFileSecurityW(missing, DACL_SECURITY_INFORMATION, buf, sizeof(buf), &needed);
    ok(!ret && GetLastError() == ERROR_PATH_NOT_FOUND, "ret %d error %lu\n", ret, GetLastError());

    SetLastError(0xdeadbeef);
    ret = GetFileSecurityW(test_path, SACL_SECURITY_INFORMATION, buf, sizeof(buf), &needed);
    /* Wine fails the open for ACCESS_SYSTEM_SECURITY with ERROR_ACCESS_DENIED instead */
    todo_wine ok(!ret && GetLastError() == ERROR_PRIVILEGE_NOT_HELD, "ret %d error %lu\n", ret, GetLastError());
}

/* Sets a DACL of one ACE for the owner and, if world is not 0, one for Everyone. */
static BOOL set_dacl(ACCESS_MASK owner, ACCESS_MASK world)
{
    BYTE acl_buf[256], world_sid[SECURITY_MAX_SID_SIZE];
    SECURITY_DESCRIPTOR sd;
    PACL acl = (PACL)acl_buf;

    make_world_sid(world_sid);
    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    InitializeAcl(acl, sizeof(acl_buf), ACL_REVISION);
    AddAccessAllowedAce(acl, ACL_REVISION, owner, token_user());
    if (world) AddAccessAllowedAce(acl, ACL_REVISION, world, world_sid);
    SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE);
    return SetFileSecurityW(test_path, DACL_SECURITY_INFORMATION, &sd);
}

static void test_set_read_only(void)
{
    BYTE buf[1024], world_sid[SECURITY_MAX_SID_SIZE];
    SECURITY_DESCRIPTOR sd;
    HANDLE file;
    PACL dacl;
    BOOL ret;

    make_world_sid(world_sid);
    ret = set_dacl(FILE_GENERIC_READ, FILE_GENERIC_READ);
    ok(ret, "SetFileSecurityW failed %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    file = CreateFileW(test_path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    /* Wine leaves the check to open(), which lets root (as the tests run) write a file of mode 0444 */
    todo_wine ok(file == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED, "file %p error %lu\n",
       file, GetLastError());
    if (file != INVALID_HANDLE_VALUE) CloseHandle(file);

    file = CreateFileW(test_path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "reading failed %lu\n", GetLastError());
    CloseHandle(file);

    dacl = file_dacl(buf, sizeof(buf));
    ok(dacl != NULL, "no DACL\n");
    if (dacl)
    {
        ACCESS_MASK access = ace_access(dacl, token_user());
        ok(access & FILE_READ_DATA, "owner ACE %#lx\n", access);
        ok(!(access & FILE_WRITE_DATA), "owner ACE %#lx\n", access);
        ok(!(ace_access(dacl, world_sid) & FILE_WRITE_DATA), "Everyone ACE %#lx\n", ace_access(dacl, world_sid));
    }

    /* a NULL DACL grants all, which makes the file writable again */
    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorDacl(&sd, TRUE, NULL, FALSE);
    ret = SetFileSecurityA(NULL, DACL_SECURITY_INFORMATION, &sd);
    ok(!ret, "NULL path succeeded\n");
    ret = SetFileSecurityW(test_path, DACL_SECURITY_INFORMATION, &sd);
    ok(ret, "SetFileSecurityW failed %lu\n", GetLastError());
    file = CreateFileW(test_path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "writing failed %lu\n", GetLastError());
    CloseHandle(file);

    /* and back to the owner alone */
    ret = set_dacl(FILE_ALL_ACCESS, 0);
    ok(ret, "SetFileSecurityW failed %lu\n", GetLastError());
    dacl = file_dacl(buf, sizeof(buf));
    ok(dacl && (ace_access(dacl, token_user()) & FILE_WRITE_DATA), "owner cannot write\n");
    ok(dacl && !ace_access(dacl, world_sid), "Everyone ACE %#lx\n", dacl ? ace_access(dacl, world_sid) : 0);
    file = CreateFileW(test_path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "opening failed %lu\n", GetLastError());
    CloseHandle(file);
}

static void test_set_errors(void)
{
    SID_IDENTIFIER_AUTHORITY nt = { SECURITY_NT_AUTHORITY };
    BYTE other[SECURITY_MAX_SID_SIZE], acl_buf[sizeof(ACL)];
    SECURITY_DESCRIPTOR sd;
    BOOL ret;

    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    SetSecurityDescriptorOwner(&sd, token_user(), FALSE);
    SetSecurityDescriptorGroup(&sd, token_group(), FALSE);
    ret = SetFileSecurityW(test_path, OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION, &sd);
    ok(ret, "setting the current owner failed %lu\n", GetLastError());

    /* LocalSystem: a standard user cannot give a file away */
    InitializeSid(other, &nt, 1);
    *GetSidSubAuthority(other, 0) = SECURITY_LOCAL_SYSTEM_RID;
    SetSecurityDescriptorOwner(&sd, other, FALSE);
    SetLastError(0xdeadbeef);
    ret = SetFileSecurityW(test_path, OWNER_SECURITY_INFORMATION, &sd);
    /* Wine stores whatever owner it is given */
    todo_wine ok(!ret && GetLastError() == ERROR_INVALID_OWNER, "ret %d error %lu\n", ret, GetLastError());

    SetLastError(0xdeadbeef);
    ret = SetFileSecurityW(test_path, SACL_SECURITY_INFORMATION, &sd);
    /* Wine checks no privilege for the SACL */
    todo_wine ok(!ret && GetLastError() == ERROR_PRIVILEGE_NOT_HELD, "ret %d error %lu\n", ret, GetLastError());

    memset(&sd, 0, sizeof(sd));
    SetLastError(0xdeadbeef);
    ret = SetFileSecurityW(test_path, DACL_SECURITY_INFORMATION, &sd);
    ok(!ret && GetLastError() == ERROR_UNKNOWN_REVISION, "ret %d error %lu\n", ret, GetLastError());

    /* an ACL of no known revision; Wine does not look at the ACL */
    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    memset(acl_buf, 0, sizeof(acl_buf));
    ((ACL *)acl_buf)->AclSize = sizeof(acl_buf);
    sd.Control = SE_DACL_PRESENT;
    sd.Dacl = (ACL *)acl_buf;
    SetLastError(0xdeadbeef);
    ret = SetFileSecurityW(test_path, DACL_SECURITY_INFORMATION, &sd);
    todo_wine ok(!ret && GetLastError() == ERROR_INVALID_SECURITY_DESCR, "ret %d error %lu\n", ret, GetLastError());
}

static void test_make_self_relative(void)
{
    BYTE acl_buf[64], out[256], copy[256];
    SECURITY_DESCRIPTOR sd;
    SECURITY_DESCRIPTOR_RELATIVE *rel = (SECURITY_DESCRIPTOR_RELATIVE *)out;
    PACL acl = (PACL)acl_buf, dacl;
    PSID owner;
    BOOL ret, present, defaulted;
    DWORD size, expect;

    InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    InitializeAcl(acl, sizeof(acl_buf), ACL_REVISION);
    AddAccessAllowedAce(acl, ACL_REVISION, FILE_GENERIC_READ, token_user());
    SetSecurityDescriptorOwner(&sd, token_user(), FALSE);
    SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE);
    expect = sizeof(SECURITY_DESCRIPTOR_RELATIVE) + GetLengthSid(token_user()) + sizeof(acl_buf);

    size = 0;
    SetLastError(0xdeadbeef);
    ret = MakeSelfRelativeSD(&sd, out, &size);
    ok(!ret && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "ret %d error %lu\n", ret, GetLastError());
    ok(size == expect, "size %lu, expected %lu\n", size, expect);

    memset(out, 0xcc, sizeof(out));
    ret = MakeSelfRelativeSD(&sd, out, &size);
    ok(ret, "MakeSelfRelativeSD failed %lu\n", GetLastError());
    ok(rel->Control == (SE_SELF_RELATIVE | SE_DACL_PRESENT), "control %#x\n", rel->Control);
    ok(!rel->Group && !rel->Sacl && rel->Owner && rel->Dacl, "offsets %lu %lu %lu %lu\n",
       rel->Owner, rel->Group, rel->Sacl, rel->Dacl);
    ok(GetSecurityDescriptorLength(out) == expect, "length %lu\n", GetSecurityDescriptorLength(out));
    ok(GetSecurityDescriptorOwner(out, &owner, &defaulted) && EqualSid(owner, token_user()), "owner\n");
    ok(GetSecurityDescriptorDacl(out, &present, &dacl, &defaulted) && present && dacl != acl
       && !memcmp(dacl, acl, sizeof(acl_buf)), "DACL\n");

    /* a self-relative descriptor is copied as it is */
    size = sizeof(copy);
    ret = MakeSelfRelativeSD(out, copy, &size);
    ok(ret, "copying failed %lu\n", GetLastError());
    ok(!memcmp(copy, out, expect), "copy differs\n");
}

START_TEST(file)
{
    WCHAR dir[MAX_PATH];
    HANDLE file;
    DWORD written;

    read_token();
    GetTempPathW(ARRAYSIZE(dir), dir);
    GetTempFileNameW(dir, L"sec", 0, test_path);
    file = CreateFileW(test_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "creating %s failed %lu\n", wine_dbgstr_w(test_path), GetLastError());
    WriteFile(file, "data", 4, &written, NULL);
    CloseHandle(file);

    test_get();
    test_get_errors();
    test_set_read_only();
    test_set_errors();
    test_make_self_relative();

    SetFileAttributesW(test_path, FILE_ATTRIBUTE_NORMAL);
    ok(DeleteFileW(test_path), "DeleteFileW failed %lu\n", GetLastError());
}

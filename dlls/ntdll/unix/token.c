/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The process's access token.  Wring's machine has one user, a standard
 * (non-administrator) account with no UAC split: the groups and the five
 * privileges Windows gives such a user, only SeChangeNotifyPrivilege enabled.
 * Asking to enable anything else -- SeBackupPrivilege, SeSecurityPrivilege,
 * SeCreateSymbolicLinkPrivilege -- is answered STATUS_NOT_ALL_ASSIGNED, as
 * Windows answers a standard user.  Every NtOpenProcessToken opens the same
 * token, so a privilege enabled through one handle is enabled for all.
 */
#include <stdlib.h>
#include <string.h>
#include "registry.h"

/* the user's SID, S-1-5-21-<machine>-1000, and the machine's "None" group, -513 */
#define MACHINE_SUBAUTHORITIES SECURITY_NT_NON_UNIQUE, 3623811015u, 3361044348u, 30300820u
const char user_sid_string[] = "S-1-5-21-3623811015-3361044348-30300820-1000";

struct sid5 { BYTE revision, count; BYTE authority[6]; DWORD sub[5]; };
static const struct sid5 user_sid = { 1, 5, { 0, 0, 0, 0, 0, 5 }, { MACHINE_SUBAUTHORITIES, 1000 } };
static const struct sid5 none_sid = { 1, 5, { 0, 0, 0, 0, 0, 5 }, { MACHINE_SUBAUTHORITIES, DOMAIN_GROUP_RID_USERS } };
static const struct sid5 everyone_sid = { 1, 1, { 0, 0, 0, 0, 0, 1 }, { SECURITY_WORLD_RID } };
static const struct sid5 local_sid = { 1, 1, { 0, 0, 0, 0, 0, 2 }, { SECURITY_LOCAL_RID } };
static const struct sid5 users_sid = { 1, 2, { 0, 0, 0, 0, 0, 5 },
                                       { SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS } };
static const struct sid5 interactive_sid = { 1, 1, { 0, 0, 0, 0, 0, 5 }, { SECURITY_INTERACTIVE_RID } };
static const struct sid5 authenticated_sid = { 1, 1, { 0, 0, 0, 0, 0, 5 }, { SECURITY_AUTHENTICATED_USER_RID } };
static const struct sid5 medium_sid = { 1, 1, { 0, 0, 0, 0, 0, 16 }, { SECURITY_MANDATORY_MEDIUM_RID } };

#define GROUP_ON (SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED)
static const struct { const struct sid5 *sid; DWORD attributes; } groups[] =
{
    { &none_sid, GROUP_ON },
    { &everyone_sid, GROUP_ON },
    { &local_sid, GROUP_ON },
    { &users_sid, GROUP_ON },
    { &interactive_sid, GROUP_ON },
    { &authenticated_sid, GROUP_ON },
    { &medium_sid, SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED },
};

struct token
{
    struct object obj;
    pthread_mutex_t lock;
    ULONG count;
    LUID_AND_ATTRIBUTES privileges[5];
};

static void token_destroy(struct object *obj)
{
    (void)obj;   /* the process's token lives as long as the process */
}

static const struct object_ops token_ops = { "token", token_destroy };
static const GENERIC_MAPPING token_mapping =
{
    STANDARD_RIGHTS_READ | TOKEN_QUERY | TOKEN_QUERY_SOURCE,
    STANDARD_RIGHTS_WRITE | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_GROUPS | TOKEN_ADJUST_DEFAULT,
    STANDARD_RIGHTS_EXECUTE,
    TOKEN_ALL_ACCESS,
};
static struct token process_token;
static pthread_once_t token_once = PTHREAD_ONCE_INIT;

static void token_init(void)
{
    static const ULONG held[] = { SE_SHUTDOWN_PRIVILEGE, SE_CHANGE_NOTIFY_PRIVILEGE, SE_UNDOCK_PRIVILEGE,
                                  SE_INC_WORKING_SET_PRIVILEGE, SE_TIME_ZONE_PRIVILEGE };
    object_init(&process_token.obj, &token_ops);
    pthread_mutex_init(&process_token.lock, NULL);
    for (ULONG i = 0; i < ARRAYSIZE(held); i++)
    {
        process_token.privileges[i].Luid.LowPart = held[i];
        process_token.privileges[i].Attributes =
            held[i] == SE_CHANGE_NOTIFY_PRIVILEGE ? SE_PRIVILEGE_ENABLED | SE_PRIVILEGE_ENABLED_BY_DEFAULT : 0;
    }
    process_token.count = ARRAYSIZE(held);
}

NTSTATUS WINAPI NtOpenProcessTokenEx(HANDLE process, DWORD access, DWORD attributes, HANDLE *token)
{
    struct object *obj;
    HANDLE handle;
    NTSTATUS status;
    (void)attributes;

    /* this process is the only one there is to open */
    if ((status = handle_ref(process, &process_ops, &obj))) return status;
    object_release(obj);
    pthread_once(&token_once, token_init);
    if ((status = handle_alloc(&process_token.obj, map_generic_access(access, &token_mapping), &handle)))
        return status;
    if (!write_user(token, &handle, sizeof(handle)))
    {
        NtClose(handle);
        return STATUS_ACCESS_VIOLATION;
    }
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtOpenProcessToken(HANDLE process, DWORD access, HANDLE *token)
{
    return NtOpenProcessTokenEx(process, access, 0, token);
}

NTSTATUS WINAPI NtOpenThreadTokenEx(HANDLE thread, DWORD access, BOOLEAN as_self, DWORD attributes, HANDLE *token)
{
    if (token && !probe_user(token, sizeof(*token), true)) return STATUS_ACCESS_VIOLATION;
    struct object *obj;
    NTSTATUS status;
    (void)access; (void)as_self; (void)attributes;

    if ((status = handle_ref(thread, &thread_ops, &obj))) return status;
    object_release(obj);
    /* no thread impersonates anyone here, so none has a token of its own */
    return STATUS_NO_TOKEN;
}

NTSTATUS WINAPI NtOpenThreadToken(HANDLE thread, DWORD access, BOOLEAN as_self, HANDLE *token)
{
    return NtOpenThreadTokenEx(thread, access, as_self, 0, token);
}

/* GetCurrentProcessToken()'s pseudo-handle, (HANDLE)-4, reads the process token without opening it. */
static NTSTATUS get_token(HANDLE handle, ACCESS_MASK needed, struct token **token)
{
    struct object *obj;
    NTSTATUS status;

    pthread_once(&token_once, token_init);
    if (handle == (HANDLE)~(ULONG_PTR)3)
    {
        if (needed & ~(TOKEN_QUERY | TOKEN_QUERY_SOURCE)) return STATUS_ACCESS_DENIED;
        *token = &process_token;
        return STATUS_SUCCESS;
    }
    if ((status = handle_ref_access(handle, &token_ops, needed, &obj))) return status;
    object_release(obj);   /* the token is never freed */
    *token = &process_token;
    return STATUS_SUCCESS;
}

static ULONG sid_size(const struct sid5 *sid)
{
    return offsetof(struct sid5, sub[sid->count]);
}

/* Builds one information class in buf (NULL: only counts the size), its inner pointers made
 * for the copy at base, the program's buffer. */
static NTSTATUS token_info(struct token *token, TOKEN_INFORMATION_CLASS klass, BYTE *buf, BYTE *base, ULONG *size)
{
    ULONG n = 0;

    switch (klass)
    {
    case TokenUser:
    case TokenOwner:
    case TokenPrimaryGroup:
    {
        const struct sid5 *sid = klass == TokenPrimaryGroup ? &none_sid : &user_sid;
        /* each is a structure of pointers to the SID that follows it */
        ULONG head = klass == TokenUser ? sizeof(TOKEN_USER) : sizeof(void *);
        n = head + sid_size(sid);
        if (buf)
        {
            memset(buf, 0, head);
            *(void **)buf = base + head;
            memcpy(buf + head, sid, sid_size(sid));
        }
        break;
    }
    case TokenGroups:
    {
        ULONG head = offsetof(TOKEN_GROUPS, Groups[ARRAYSIZE(groups)]);
        n = head;
        for (size_t i = 0; i < ARRAYSIZE(groups); i++)
        {
            if (buf)
            {
                TOKEN_GROUPS *tg = (TOKEN_GROUPS *)buf;
                tg->GroupCount = ARRAYSIZE(groups);
                tg->Groups[i].Sid = base + n;
                tg->Groups[i].Attributes = groups[i].attributes;
                memcpy(buf + n, groups[i].sid, sid_size(groups[i].sid));
            }
            n += sid_size(groups[i].sid);
        }
        break;
    }
    case TokenPrivileges:
        n = offsetof(TOKEN_PRIVILEGES, Privileges[token->count]);
        if (buf)
        {
            TOKEN_PRIVILEGES *tp = (TOKEN_PRIVILEGES *)buf;
            tp->PrivilegeCount = token->count;
            memcpy(tp->Privileges, token->privileges, token->count * sizeof(*token->privileges));
        }
        break;
    case TokenType:
        n = sizeof(TOKEN_TYPE);
        if (buf) *(TOKEN_TYPE *)buf = TokenPrimary;
        break;
    case TokenElevationType:
        n = sizeof(TOKEN_ELEVATION_TYPE);
        if (buf) *(TOKEN_ELEVATION_TYPE *)buf = TokenElevationTypeDefault;
        break;
    case TokenElevation:
        n = sizeof(TOKEN_ELEVATION);
        if (buf) ((TOKEN_ELEVATION *)buf)->TokenIsElevated = FALSE;
        break;
    case TokenIntegrityLevel:
        n = sizeof(TOKEN_MANDATORY_LABEL) + sid_size(&medium_sid);
        if (buf)
        {
            TOKEN_MANDATORY_LABEL *label = (TOKEN_MANDATORY_LABEL *)buf;
            label->Label.Sid = base + sizeof(*label);
            label->Label.Attributes = SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED;
            memcpy(buf + sizeof(*label), &medium_sid, sid_size(&medium_sid));
        }
        break;
    case TokenSessionId:
        n = sizeof(DWORD);
        if (buf) *(DWORD *)buf = 1;   /* the console session a logged-on user has */
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    *size = n;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryInformationToken(HANDLE handle, TOKEN_INFORMATION_CLASS klass, void *info, ULONG length,
                                        ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct token *token;
    ULONG size;
    BYTE *buf;
    NTSTATUS status;

    if ((status = get_token(handle, TOKEN_QUERY, &token))) return status;
    pthread_mutex_lock(&token->lock);
    if ((status = token_info(token, klass, NULL, NULL, &size))) goto done;
    if (result && !write_user(result, &size, sizeof(size))) { status = STATUS_ACCESS_VIOLATION; goto done; }
    if (length < size) { status = STATUS_BUFFER_TOO_SMALL; goto done; }
    if (!(buf = malloc(size))) { status = STATUS_NO_MEMORY; goto done; }
    token_info(token, klass, buf, info, &size);
    if (!write_user(info, buf, size)) status = STATUS_ACCESS_VIOLATION;
    free(buf);
done:
    pthread_mutex_unlock(&token->lock);
    return status;
}

NTSTATUS WINAPI NtAdjustPrivilegesToken(HANDLE handle, BOOLEAN disable_all, TOKEN_PRIVILEGES *privs,
                                        DWORD length, TOKEN_PRIVILEGES *prev, DWORD *result)
{
    if (privs && !probe_user(privs, sizeof(*privs), false)) return STATUS_ACCESS_VIOLATION;
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct token *token;
    TOKEN_PRIVILEGES *wanted = NULL, *before;
    ULONG count = 0, changed = 0, size;
    bool not_all = false;
    NTSTATUS status;

    if ((status = get_token(handle, TOKEN_ADJUST_PRIVILEGES | (prev ? TOKEN_QUERY : 0), &token))) return status;
    if (!disable_all)
    {
        if (!privs || !read_user(&count, &privs->PrivilegeCount, sizeof(count))) return STATUS_ACCESS_VIOLATION;
        if (!(wanted = malloc(offsetof(TOKEN_PRIVILEGES, Privileges[count])))) return STATUS_NO_MEMORY;
        if (!read_user(wanted, privs, offsetof(TOKEN_PRIVILEGES, Privileges[count])))
        {
            free(wanted);
            return STATUS_ACCESS_VIOLATION;
        }
    }
    if (!(before = malloc(sizeof(TOKEN_PRIVILEGES) + sizeof(token->privileges))))
    {
        free(wanted);
        return STATUS_NO_MEMORY;
    }
    pthread_mutex_lock(&token->lock);
    /* first what would change, so that a PreviousState too small leaves the token as it was */
    for (int apply = 0; apply < 2; apply++)
    {
        changed = 0;
        for (ULONG i = 0; i < token->count; i++)
        {
            LUID_AND_ATTRIBUTES *held = &token->privileges[i];
            DWORD attrs = held->Attributes;
            bool found = disable_all;
            if (disable_all) attrs &= ~SE_PRIVILEGE_ENABLED;
            for (ULONG j = 0; j < count; j++)
            {
                if (wanted->Privileges[j].Luid.LowPart != held->Luid.LowPart ||
                    wanted->Privileges[j].Luid.HighPart != held->Luid.HighPart)
                    continue;
                found = true;
                if (wanted->Privileges[j].Attributes & SE_PRIVILEGE_ENABLED) attrs |= SE_PRIVILEGE_ENABLED;
                else attrs &= ~SE_PRIVILEGE_ENABLED;
            }
            if (!found || attrs == held->Attributes) continue;
            if (apply) held->Attributes = attrs;
            else before->Privileges[changed] = *held;
            changed++;
        }
        if (apply) break;
        size = offsetof(TOKEN_PRIVILEGES, Privileges[changed]);
        if (result && !write_user(result, &size, sizeof(size))) { status = STATUS_ACCESS_VIOLATION; break; }
        if (prev)
        {
            before->PrivilegeCount = changed;
            if (length < size) { status = STATUS_BUFFER_TOO_SMALL; break; }
            if (!write_user(prev, before, size)) { status = STATUS_ACCESS_VIOLATION; break; }
        }
    }
    pthread_mutex_unlock(&token->lock);
    for (ULONG j = 0; j < count; j++)
    {
        bool held = false;
        for (ULONG i = 0; i < token->count; i++)
            if (wanted->Privileges[j].Luid.LowPart == token->privileges[i].Luid.LowPart &&
                wanted->Privileges[j].Luid.HighPart == token->privileges[i].Luid.HighPart)
                held = true;
        if (!held) not_all = true;
    }
    free(before);
    free(wanted);
    if (status) return status;
    return not_all ? STATUS_NOT_ALL_ASSIGNED : STATUS_SUCCESS;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The user's profile folder, C:\users\<name> as Windows lays it out, named after
 * the Unix user the way Wine names it.  The folders programs expect inside it
 * (AppData\Roaming, AppData\Local, Desktop, Documents) are made the first time
 * anyone asks for the profile, so a path it hands out always exists.
 */
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"

static pthread_once_t profile_once = PTHREAD_ONCE_INIT;
static char *user_name;

/* The name is the Unix login, or "user" when it has none usable as a Windows path component. */
static void profile_create(void)
{
    static const char *const folders[] = {
        "", "/AppData", "/AppData/Roaming", "/AppData/Local", "/AppData/Local/Temp", "/Desktop", "/Documents",
    };
    struct passwd *pw = getpwuid(getuid());
    const char *name = pw && pw->pw_name[0] ? pw->pw_name : getenv("USER");
    char *path;

    if (!name || !*name || strpbrk(name, "\\/:*?\"<>|")) name = "user";
    user_name = strdup(name);
    if (asprintf(&path, "%s/drive_c/users", prefix_dir()) >= 0)
    {
        mkdir(path, 0777);
        free(path);
    }
    for (size_t i = 0; i < ARRAYSIZE(folders); i++)
        if (asprintf(&path, "%s/drive_c/users/%s%s", prefix_dir(), user_name, folders[i]) >= 0)
        {
            mkdir(path, 0777);
            free(path);
        }
}

/* The profile's Windows path and its length in characters with the terminating null. */
NTSTATUS WINAPI wring_user_profile(WCHAR *buffer, ULONG count, ULONG *needed)
{
    char *path;
    WCHAR *wide;
    size_t len;

    pthread_once(&profile_once, profile_create);
    if (!user_name || asprintf(&path, "C:\\users\\%s", user_name) < 0) return STATUS_NO_MEMORY;
    wide = utf8_to_wide(path, strlen(path), &len);
    free(path);
    if (!wide) return STATUS_NO_MEMORY;
    *needed = len + 1;
    if (count < len + 1)
    {
        free(wide);
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(buffer, wide, (len + 1) * sizeof(WCHAR));
    free(wide);
    return STATUS_SUCCESS;
}

/* The variables Windows sets from the profile, as "NAME=value" in buf for the environment
 * block (process.c); NULL for a name that is not one of them. */
const char *profile_variable(const char *name_eq, char *buf, size_t size)
{
    static const struct { const char *name_eq, *format; } vars[] = {
        { "USERPROFILE=", "C:\\users\\%s" },
        { "APPDATA=", "C:\\users\\%s\\AppData\\Roaming" },
        { "LOCALAPPDATA=", "C:\\users\\%s\\AppData\\Local" },
        { "HOMEPATH=", "\\users\\%s" },
        { "USERNAME=", "%s" },
    };

    pthread_once(&profile_once, profile_create);
    if (!user_name) return NULL;
    for (size_t i = 0; i < ARRAYSIZE(vars); i++)
    {
        if (strcmp(name_eq, vars[i].name_eq)) continue;
        int len = snprintf(buf, size, "%s", name_eq);
        snprintf(buf + len, size - len, vars[i].format, user_name);
        return buf;
    }
    return NULL;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Windows paths on Linux: C: is $WRING_PREFIX/drive_c (default ~/.wring), Z: is /.
 * Windows programs expect names to match without regard to case, so a component
 * that does not exist as spelled is looked up case-insensitively in its directory.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"

static char *prefix;        /* absolute, no trailing slash */
static char *drive_c;       /* prefix + "/drive_c" */

const char *prefix_dir(void)
{
    return prefix;
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) && errno != EEXIST)
        wring_error("cannot create %s: %s", path, strerror(errno));
}

void path_init(void)
{
    const char *env = getenv("WRING_PREFIX");
    char buf[PATH_MAX];

    if (env && *env) snprintf(buf, sizeof(buf), "%s", env);
    else
    {
        const char *home = getenv("HOME");
        if (!home || !*home)
        {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : "/tmp";
        }
        snprintf(buf, sizeof(buf), "%s/.wring", home);
    }
    /* the first run creates the prefix with the folders programs take for granted */
    make_dir(buf);
    prefix = realpath(buf, NULL);
    if (!prefix) prefix = strdup(buf);
    if (asprintf(&drive_c, "%s/drive_c", prefix) < 0) abort();
    make_dir(drive_c);
    snprintf(buf, sizeof(buf), "%s/windows", drive_c);
    make_dir(buf);
    snprintf(buf, sizeof(buf), "%s/windows/temp", drive_c);
    make_dir(buf);
    snprintf(buf, sizeof(buf), "%s/windows/system32", drive_c);
    make_dir(buf);
}

/* Finds a directory entry matching name without regard to ASCII case. */
static bool find_case_insensitive(const char *dir, const char *name, char *out, size_t out_size)
{
    DIR *d = opendir(*dir ? dir : "/");
    struct dirent *de;
    bool found = false;
    if (!d) return false;
    while ((de = readdir(d)))
    {
        if (!strcasecmp(de->d_name, name))
        {
            snprintf(out, out_size, "%s", de->d_name);
            found = true;
            break;
        }
    }
    closedir(d);
    return found;
}

/*
 * \??\X:\a\b (or X:\a\b) to a Unix path.  Each component that does not exist as
 * spelled is matched case-insensitively.  The last component may be missing when
 * the caller is about to create it; a missing directory before it is
 * STATUS_OBJECT_PATH_NOT_FOUND, as on Windows.
 */
NTSTATUS nt_to_unix_path(const UNICODE_STRING *nt_name, char **unix_path, bool last_may_be_missing)
{
    size_t len = nt_name->Length / sizeof(WCHAR);
    const WCHAR *p = nt_name->Buffer;
    const char *root;
    char *name, *out, *comp;
    size_t out_len;

    if (len >= 4 && p[0] == '\\' && (p[1] == '?' || p[1] == '\\') && p[2] == '?' && p[3] == '\\')
    {
        p += 4;
        len -= 4;
    }
    if (len < 2 || p[1] != ':') return STATUS_OBJECT_PATH_SYNTAX_BAD;
    switch (p[0] | 0x20)
    {
    case 'c': root = drive_c; break;
    case 'z': root = ""; break;
    default: return STATUS_OBJECT_PATH_NOT_FOUND;
    }
    if (!(name = wide_to_utf8(p + 2, len - 2))) return STATUS_NO_MEMORY;
    if (!(out = malloc(strlen(root) + strlen(name) + 2)))
    {
        free(name);
        return STATUS_NO_MEMORY;
    }
    strcpy(out, root);
    out_len = strlen(out);

    char *save = NULL;
    for (comp = strtok_r(name, "\\/", &save); comp; comp = strtok_r(NULL, "\\/", &save))
    {
        struct stat st;
        bool last = true;
        for (const char *q = save; q && *q; q++) if (*q != '\\' && *q != '/') { last = false; break; }

        if (!strcmp(comp, ".")) continue;
        if (!strcmp(comp, ".."))
        {
            char *slash = strrchr(out, '/');
            /* never climb above the drive's root */
            if (slash && (size_t)(slash - out) >= strlen(root)) { *slash = 0; out_len = slash - out; }
            continue;
        }
        if (strchr(comp, '*') || strchr(comp, '?') || strchr(comp, '<') || strchr(comp, '>') ||
            strchr(comp, '|') || strchr(comp, '"') || strchr(comp, ':'))
        {
            free(name);
            free(out);
            return STATUS_OBJECT_NAME_INVALID;
        }
        out[out_len] = '/';
        strcpy(out + out_len + 1, comp);
        if (lstat(out, &st))
        {
            char found[NAME_MAX + 1];
            out[out_len] = 0;
            if (find_case_insensitive(out, comp, found, sizeof(found)) && strlen(found) == strlen(comp))
                strcpy(comp, found);
            else if (!last || !last_may_be_missing)
            {
                free(name);
                free(out);
                return last ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_OBJECT_PATH_NOT_FOUND;
            }
            out[out_len] = '/';
            strcpy(out + out_len + 1, comp);
        }
        out_len += 1 + strlen(comp);
    }
    if (!out_len) strcpy(out, "/");
    free(name);
    *unix_path = out;
    return STATUS_SUCCESS;
}

/* An absolute Unix path to the DOS path a Windows program sees. */
WCHAR *unix_to_dos_path(const char *unix_path)
{
    size_t c_len = strlen(drive_c), n;
    char *dos;
    WCHAR *w;

    if (!strncmp(unix_path, drive_c, c_len) && (!unix_path[c_len] || unix_path[c_len] == '/'))
    {
        if (asprintf(&dos, "C:%s", unix_path[c_len] ? unix_path + c_len : "/") < 0) return NULL;
    }
    else if (asprintf(&dos, "Z:%s", unix_path) < 0) return NULL;
    for (char *q = dos; *q; q++) if (*q == '/') *q = '\\';
    w = utf8_to_wide(dos, strlen(dos), &n);
    free(dos);
    return w;
}

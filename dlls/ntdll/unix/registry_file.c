/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The hive files: $WRING_PREFIX/system.reg holds \REGISTRY\MACHINE and
 * user.reg holds \REGISTRY\USER\<sid>.  They are UTF-8 text, one record a
 * line, strings quoted with C escapes:
 *
 *     WRING REGISTRY 1
 *     next-id 42
 *     key 7 133480000000000000 "Software\\Wring"      (id, FILETIME, path)
 *     class "text"                                     (the last key's class)
 *     value "Name" 1 str:"text"                        (name, REG_* type, data)
 *     value "Count" 4 dword:0000000a
 *     value "" 3 hex:00ff10
 *
 * Keys come parent first.  A string is written as str: only when it reads
 * back to the same bytes (terminated, one NUL, no unpaired surrogate); any
 * other data is hex.
 *
 * Writers in different processes are kept apart by flock() on
 * $WRING_PREFIX/registry.lock, held for the whole of each registry call: the
 * call first reads any hive another process has rewritten, then, if it
 * changed something, writes the hive to a temporary file and renames it over
 * the old one, so a reader never sees half a file and no writer's change is
 * lost.  The lock file holds one counter per hive, bumped at every rewrite,
 * which tells a process whether its copy is current without reading the hive.
 * Because every change is written at once, nothing is pending at process
 * exit; NtFlushKey adds the fsync that makes the file survive a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "registry.h"

pthread_mutex_t registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static int lock_fd = -1;
static struct reg_key *root;
static struct hive hives[2] = { { "system.reg", 0 }, { "user.reg", 1 } };

#define FILE_MAGIC "WRING REGISTRY 1"

struct reg_key *registry_root(void)
{
    return root;
}

static char *prefix_file(const char *name)
{
    const char *dir = prefix_dir();
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (path) snprintf(path, len, "%s/%s", dir, name);
    return path;
}

static struct reg_key *ascii_key(const char *name)
{
    WCHAR buf[64];
    ULONG len = 0;
    while (name[len]) { buf[len] = (unsigned char)name[len]; len++; }
    return key_alloc(buf, len);
}

/* \REGISTRY with MACHINE and USER\<sid> under it, the two hives' roots */
static NTSTATUS build_root(void)
{
    struct reg_key *machine, *user, *sid;
    bool found;

    if (!(root = ascii_key("REGISTRY"))) return STATUS_NO_MEMORY;
    if (!(machine = ascii_key("MACHINE")) || !(user = ascii_key("USER")) || !(sid = ascii_key(user_sid_string)) ||
        !(root->subkeys = malloc(2 * sizeof(*root->subkeys))) || !(user->subkeys = malloc(sizeof(*user->subkeys))))
        fatal_status(STATUS_NO_MEMORY);
    root->subkeys_cap = 2;
    user->subkeys_cap = 1;
    key_insert_subkey(root, key_find_subkey(root, machine->name, machine->name_len, &found), machine);
    key_insert_subkey(root, key_find_subkey(root, user->name, user->name_len, &found), user);
    key_insert_subkey(user, 0, sid);
    machine->hive = &hives[0];
    hives[0].root = machine;
    sid->hive = &hives[1];
    hives[1].root = sid;
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ writing */

struct out
{
    char *buf;
    size_t len, cap;
    bool failed;
};

static void out_bytes(struct out *out, const char *s, size_t len)
{
    if (out->len + len > out->cap)
    {
        size_t cap = (out->cap + len) * 2;
        char *bigger = realloc(out->buf, cap);
        if (!bigger)
        {
            out->failed = true;
            return;
        }
        out->buf = bigger;
        out->cap = cap;
    }
    memcpy(out->buf + out->len, s, len);
    out->len += len;
}

static void out_printf(struct out *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(struct out *out, const char *fmt, ...)
{
    char buf[64];
    va_list args;
    va_start(args, fmt);
    int len = vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    out_bytes(out, buf, len);
}

static void out_quoted(struct out *out, const char *s, size_t len)
{
    out_bytes(out, "\"", 1);
    for (size_t i = 0; i < len; i++)
    {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') out_printf(out, "\\%c", c);
        else if (c == '\n') out_bytes(out, "\\n", 2);
        else if (c < 0x20 || c == 0x7f) out_printf(out, "\\x%02x", c);
        else out_bytes(out, (const char *)&c, 1);
    }
    out_bytes(out, "\"", 1);
}

static void out_wide(struct out *out, const WCHAR *s, ULONG len)
{
    char *utf8 = wide_to_utf8(s, len);
    if (!utf8)
    {
        out->failed = true;
        return;
    }
    out_quoted(out, utf8, strlen(utf8));
    free(utf8);
}

/* A REG_SZ-like value that text can carry exactly: one NUL, at its end, and UTF-16 that UTF-8 round-trips. */
static bool is_plain_string(const struct reg_value *value)
{
    const WCHAR *s = (const WCHAR *)value->data;
    ULONG len = value->size / sizeof(WCHAR);

    if ((value->type != REG_SZ && value->type != REG_EXPAND_SZ) || (value->size & 1) || !len || s[len - 1])
        return false;
    for (ULONG i = 0; i + 1 < len; i++)
    {
        if (!s[i]) return false;
        if (s[i] >= 0xd800 && s[i] < 0xdc00)
        {
            if (i + 2 >= len || s[i + 1] < 0xdc00 || s[i + 1] >= 0xe000) return false;
            i++;
        }
        else if (s[i] >= 0xdc00 && s[i] < 0xe000) return false;
    }
    return true;
}

static void out_key(struct out *out, const struct reg_key *key, const WCHAR *path, ULONG path_len)
{
    if (key->is_volatile) return;
    out_printf(out, "key %llu %lld ", (unsigned long long)key->id, (long long)key->modified.QuadPart);
    out_wide(out, path, path_len);
    out_bytes(out, "\n", 1);
    if (key->class_name)
    {
        out_bytes(out, "class ", 6);
        out_wide(out, key->class_name, key->class_len);
        out_bytes(out, "\n", 1);
    }
    for (ULONG i = 0; i < key->nvalues; i++)
    {
        const struct reg_value *value = &key->values[i];
        out_bytes(out, "value ", 6);
        out_wide(out, value->name, value->name_len);
        out_printf(out, " %u ", (unsigned int)value->type);
        if (is_plain_string(value))
        {
            out_bytes(out, "str:", 4);
            out_wide(out, (const WCHAR *)value->data, value->size / sizeof(WCHAR) - 1);
        }
        else if (value->type == REG_DWORD && value->size == sizeof(DWORD))
            out_printf(out, "dword:%08x", (unsigned int)*(const DWORD *)value->data);
        else
        {
            out_bytes(out, "hex:", 4);
            for (ULONG j = 0; j < value->size; j++) out_printf(out, "%02x", value->data[j]);
        }
        out_bytes(out, "\n", 1);
    }
    for (ULONG i = 0; i < key->nsubkeys; i++)
    {
        const struct reg_key *sub = key->subkeys[i];
        ULONG len = path_len + !!path_len + sub->name_len;
        WCHAR *sub_path = malloc(len * sizeof(WCHAR) + 1);
        if (!sub_path)
        {
            out->failed = true;
            return;
        }
        /* the root's path is NULL, which memcpy may not be given even for no bytes */
        if (path_len)
        {
            memcpy(sub_path, path, path_len * sizeof(WCHAR));
            sub_path[path_len] = '\\';
        }
        memcpy(sub_path + len - sub->name_len, sub->name, sub->name_len * sizeof(WCHAR));
        out_key(out, sub, sub_path, len);
        free(sub_path);
    }
}

static NTSTATUS write_all(int fd, const char *buf, size_t len)
{
    while (len)
    {
        ssize_t done = write(fd, buf, len);
        if (done < 0)
        {
            if (errno == EINTR) continue;
            return status_from_errno(errno);
        }
        buf += done;
        len -= done;
    }
    return STATUS_SUCCESS;
}

/* Lock file held: the hive to a temporary file renamed over the old one, then its counter bumped. */
static NTSTATUS hive_save(struct hive *hive)
{
    struct out out = { 0 };
    char *path = prefix_file(hive->file_name), *tmp = NULL;
    NTSTATUS status = STATUS_NO_MEMORY;
    uint64_t generation = hive->generation + 1;
    int fd;

    out_printf(&out, FILE_MAGIC "\nnext-id %llu\n", (unsigned long long)hive->next_id);
    out_key(&out, hive->root, NULL, 0);
    if (out.failed || !path || !(tmp = malloc(strlen(path) + 5))) goto done;
    sprintf(tmp, "%s.tmp", path);
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
    {
        status = status_from_errno(errno);
        goto done;
    }
    status = write_all(fd, out.buf, out.len);
    if (close(fd) && !status) status = status_from_errno(errno);
    if (!status && rename(tmp, path)) status = status_from_errno(errno);
    if (status) unlink(tmp);
    else if (pwrite(lock_fd, &generation, sizeof(generation), hive->slot * sizeof(generation)) !=
             sizeof(generation))
        status = status_from_errno(errno);
    else hive->generation = generation;
done:
    if (status) wring_error("registry: cannot write %s: status %#x", path ? path : hive->file_name, (int)status);
    free(out.buf);
    free(tmp);
    free(path);
    return status;
}

static NTSTATUS fsync_path(const char *path, int flags)
{
    NTSTATUS status = STATUS_SUCCESS;
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) return status_from_errno(errno);
    if (fsync(fd)) status = status_from_errno(errno);
    if (close(fd) && !status) status = status_from_errno(errno);
    return status;
}

NTSTATUS hive_flush(struct hive *hive)
{
    char *path = prefix_file(hive->file_name);
    NTSTATUS status;

    if (!path) return STATUS_NO_MEMORY;
    /* the file's data, then the directory entry the rename made */
    if (!(status = fsync_path(path, O_RDONLY))) status = fsync_path(prefix_dir(), O_RDONLY | O_DIRECTORY);
    free(path);
    return status;
}

/* ------------------------------------------------------------------ reading */

struct parser
{
    const char *p, *end;
};

static void skip_space(struct parser *ps)
{
    while (ps->p < ps->end && *ps->p == ' ') ps->p++;
}

static bool parse_word(struct parser *ps, const char *word)
{
    size_t len = strlen(word);
    skip_space(ps);
    if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len)) return false;
    ps->p += len;
    return true;
}

static bool parse_number(struct parser *ps, unsigned long long *value)
{
    char buf[24];
    size_t len = 0;
    bool negative = false;

    skip_space(ps);
    if (ps->p < ps->end && *ps->p == '-') { negative = true; ps->p++; }
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9' && len < sizeof(buf) - 1) buf[len++] = *ps->p++;
    if (!len) return false;
    buf[len] = 0;
    *value = strtoull(buf, NULL, 10);
    if (negative) *value = -*value;
    return true;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A quoted string, unescaped into UTF-16. */
static bool parse_string(struct parser *ps, WCHAR **out, ULONG *out_len)
{
    char *utf8, *o;
    size_t len;

    skip_space(ps);
    if (ps->p >= ps->end || *ps->p != '"') return false;
    ps->p++;
    if (!(utf8 = o = malloc(ps->end - ps->p + 1))) return false;
    while (ps->p < ps->end && *ps->p != '"')
    {
        char c = *ps->p++;
        if (c == '\\' && ps->p < ps->end)
        {
            c = *ps->p++;
            if (c == 'n') c = '\n';
            else if (c == 'x' && ps->end - ps->p >= 2 && hex_digit(ps->p[0]) >= 0 && hex_digit(ps->p[1]) >= 0)
            {
                c = hex_digit(ps->p[0]) * 16 + hex_digit(ps->p[1]);
                ps->p += 2;
            }
        }
        *o++ = c;
    }
    if (ps->p >= ps->end)
    {
        free(utf8);
        return false;
    }
    ps->p++;
    *out = utf8_to_wide(utf8, o - utf8, &len);
    free(utf8);
    *out_len = len;
    return *out != NULL;
}

static bool parse_data(struct parser *ps, BYTE **data, ULONG *size)
{
    skip_space(ps);
    if (parse_word(ps, "str:"))
    {
        WCHAR *s;
        ULONG len;
        if (!parse_string(ps, &s, &len)) return false;
        *data = (BYTE *)s;   /* utf8_to_wide terminated it */
        *size = (len + 1) * sizeof(WCHAR);
        return true;
    }
    if (parse_word(ps, "dword:"))
    {
        DWORD value = 0;
        for (int i = 0; i < 8; i++)
        {
            if (ps->p >= ps->end || hex_digit(*ps->p) < 0) return false;
            value = value * 16 + hex_digit(*ps->p++);
        }
        if (!(*data = malloc(sizeof(value)))) return false;
        memcpy(*data, &value, sizeof(value));
        *size = sizeof(value);
        return true;
    }
    if (parse_word(ps, "hex:"))
    {
        size_t len = 0, max = (ps->end - ps->p) / 2;
        if (!(*data = malloc(max ? max : 1))) return false;
        while (len < max && hex_digit(ps->p[0]) >= 0 && hex_digit(ps->p[1]) >= 0)
        {
            (*data)[len++] = hex_digit(ps->p[0]) * 16 + hex_digit(ps->p[1]);
            ps->p += 2;
        }
        *size = len;
        return true;
    }
    return false;
}

/* Creates the key at path (parents first, as the file lists them) under a tree being read. */
static struct reg_key *add_key(struct reg_key *tree, const WCHAR *path, ULONG len)
{
    struct reg_key *key = tree;
    ULONG pos = 0;

    while (pos < len)
    {
        ULONG start = pos, index;
        bool found;
        while (pos < len && path[pos] != '\\') pos++;
        index = key_find_subkey(key, path + start, pos - start, &found);
        if (!found)
        {
            struct reg_key *sub;
            if (!key_reserve_subkey(key) || !(sub = key_alloc(path + start, pos - start))) return NULL;
            sub->hive = tree->hive;
            key_insert_subkey(key, index, sub);
            key = sub;
        }
        else key = key->subkeys[index];
        if (pos < len) pos++;
    }
    return key;
}

/* One line of a hive file into tree; a line that makes no sense is skipped. */
static bool parse_line(struct parser *ps, struct reg_key *tree, struct reg_key **current, struct hive *hive)
{
    unsigned long long id, time, type;
    WCHAR *name;
    ULONG len;
    BYTE *data;
    ULONG size;

    if (parse_word(ps, "key "))
    {
        if (!parse_number(ps, &id) || !parse_number(ps, &time) || !parse_string(ps, &name, &len)) return false;
        *current = add_key(tree, name, len);
        free(name);
        if (!*current) return false;
        (*current)->id = id;
        (*current)->modified.QuadPart = time;
        return true;
    }
    if (parse_word(ps, "class "))
    {
        if (!*current || !parse_string(ps, &name, &len)) return false;
        free((*current)->class_name);
        (*current)->class_name = name;
        (*current)->class_len = len;
        return true;
    }
    if (parse_word(ps, "value "))
    {
        if (!*current || !parse_string(ps, &name, &len)) return false;
        bool ok = parse_number(ps, &type) && parse_data(ps, &data, &size);
        if (ok)
        {
            ok = !key_set_value(*current, name, len, type, data, size);
            free(data);
        }
        free(name);
        return ok;
    }
    if (parse_word(ps, "next-id "))
        return parse_number(ps, &id) && ((hive->next_id = id), true);
    return false;
}

static NTSTATUS read_file(const char *path, char **buf, size_t *len)
{
    size_t cap = 65536;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    *len = 0;
    if (fd < 0) return status_from_errno(errno);
    if (!(*buf = malloc(cap))) goto fail;
    for (;;)
    {
        ssize_t got;
        if (*len == cap)
        {
            char *bigger = realloc(*buf, cap *= 2);
            if (!bigger) goto fail;
            *buf = bigger;
        }
        if ((got = read(fd, *buf + *len, cap - *len)) < 0)
        {
            if (errno == EINTR) continue;
            int err = errno;
            free(*buf);
            close(fd);
            return status_from_errno(err);
        }
        if (!got) break;
        *len += got;
    }
    if (close(fd))
    {
        free(*buf);
        return status_from_errno(errno);
    }
    return STATUS_SUCCESS;
fail:
    free(*buf);
    close(fd);
    return STATUS_NO_MEMORY;
}

/* ------------------------------------------------------------------ a new prefix */

struct seed
{
    unsigned int hive;
    const char *path;
    const char *name;       /* NULL: the key alone */
    ULONG type;
    const char *text;
    DWORD number;
};

/* What programs read from a fresh Windows 10 22H2 (build 19045, as RtlGetVersion reports),
 * with its usual folders on C:.  CurrentControlSet is a key of its own here, not the link to
 * ControlSet001 it is on Windows.  The Time Zones key is left out on purpose: Go's time
 * package, finding it missing, keeps the zone's own names. */
static const struct seed seeds[] =
{
    { 0, "Software\\Classes" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "ProductName", REG_SZ, "Windows 10 Pro" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "EditionID", REG_SZ, "Professional" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "InstallationType", REG_SZ, "Client" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentVersion", REG_SZ, "6.3" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuild", REG_SZ, "19045" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuildNumber", REG_SZ, "19045" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentMajorVersionNumber", REG_DWORD, NULL, 10 },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentMinorVersionNumber", REG_DWORD, NULL, 0 },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "DisplayVersion", REG_SZ, "22H2" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "ReleaseId", REG_SZ, "2009" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "UBR", REG_DWORD, NULL, 0 },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "CurrentType", REG_SZ, "Multiprocessor Free" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "SystemRoot", REG_SZ, "C:\\windows" },
    { 0, "Software\\Microsoft\\Windows NT\\CurrentVersion", "PathName", REG_SZ, "C:\\windows" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesDir", REG_SZ, "C:\\Program Files" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesDir (x86)", REG_SZ, "C:\\Program Files (x86)" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "ProgramW6432Dir", REG_SZ, "C:\\Program Files" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "CommonFilesDir", REG_SZ,
      "C:\\Program Files\\Common Files" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "CommonFilesDir (x86)", REG_SZ,
      "C:\\Program Files (x86)\\Common Files" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "CommonW6432Dir", REG_SZ, "C:\\Program Files\\Common Files" },
    { 0, "Software\\Microsoft\\Windows\\CurrentVersion", "ProgramFilesPath", REG_EXPAND_SZ, "%ProgramFiles%" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "ComSpec", REG_EXPAND_SZ,
      "%SystemRoot%\\system32\\cmd.exe" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "OS", REG_SZ, "Windows_NT" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "Path", REG_EXPAND_SZ,
      "%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "PATHEXT", REG_SZ,
      ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "PROCESSOR_ARCHITECTURE", REG_SZ,
      "AMD64" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "TEMP", REG_EXPAND_SZ,
      "%SystemRoot%\\TEMP" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "TMP", REG_EXPAND_SZ,
      "%SystemRoot%\\TEMP" },
    { 0, "System\\CurrentControlSet\\Control\\Session Manager\\Environment", "windir", REG_EXPAND_SZ,
      "%SystemRoot%" },
    { 0, "System\\CurrentControlSet\\Hardware Profiles\\Current" },
    { 1, "Environment", "TEMP", REG_EXPAND_SZ, "%USERPROFILE%\\AppData\\Local\\Temp" },
    { 1, "Environment", "TMP", REG_EXPAND_SZ, "%USERPROFILE%\\AppData\\Local\\Temp" },
    { 1, "Software" },
};

static NTSTATUS seed_tree(struct hive *hive, struct reg_key *tree)
{
    for (size_t i = 0; i < ARRAYSIZE(seeds); i++)
    {
        const struct seed *s = &seeds[i];
        WCHAR *path, *name, *text = NULL;
        size_t path_len, name_len, text_len = 0;
        struct reg_key *key;
        NTSTATUS status = STATUS_SUCCESS;

        if (&hives[s->hive] != hive) continue;
        if (!(path = utf8_to_wide(s->path, strlen(s->path), &path_len))) return STATUS_NO_MEMORY;
        key = add_key(tree, path, path_len);
        free(path);
        if (!key) return STATUS_NO_MEMORY;
        if (!s->name) continue;
        if (!(name = utf8_to_wide(s->name, strlen(s->name), &name_len))) return STATUS_NO_MEMORY;
        if (s->text && !(text = utf8_to_wide(s->text, strlen(s->text), &text_len))) status = STATUS_NO_MEMORY;
        else if (s->text) status = key_set_value(key, name, name_len, s->type, text, (text_len + 1) * sizeof(WCHAR));
        else status = key_set_value(key, name, name_len, s->type, &s->number, sizeof(s->number));
        free(text);
        free(name);
        if (status) return status;
    }
    return STATUS_SUCCESS;
}

/* Gives every key of a tree just read or seeded an id, where the file had none. */
static void assign_ids(struct hive *hive, struct reg_key *key)
{
    if (!key->id) key->id = hive->next_id++;
    for (ULONG i = 0; i < key->nsubkeys; i++) assign_ids(hive, key->subkeys[i]);
}

/* Lock file held: the hive's file read into memory, or the well-known keys when there is none yet. */
static NTSTATUS hive_load(struct hive *hive, uint64_t generation)
{
    char *path = prefix_file(hive->file_name), *buf = NULL;
    struct reg_key *tree;
    size_t len;
    NTSTATUS status;
    bool seeded = false;

    if (!path) return STATUS_NO_MEMORY;
    if (!(tree = ascii_key(""))) status = STATUS_NO_MEMORY;
    else if ((status = read_file(path, &buf, &len)) == STATUS_OBJECT_NAME_NOT_FOUND)
    {
        tree->hive = hive;
        hive->next_id = 1;
        status = seed_tree(hive, tree);
        seeded = true;
    }
    else if (!status)
    {
        struct parser ps = { buf, buf + len };
        struct reg_key *current = NULL;
        unsigned int bad = 0;

        tree->hive = hive;
        if (len < strlen(FILE_MAGIC) || memcmp(buf, FILE_MAGIC, strlen(FILE_MAGIC))) bad++;
        else
        {
            ps.p += strlen(FILE_MAGIC);
            while (ps.p < ps.end)
            {
                const char *eol = memchr(ps.p, '\n', ps.end - ps.p);
                struct parser line = { ps.p, eol ? eol : ps.end };
                if (line.p != line.end && !parse_line(&line, tree, &current, hive)) bad++;
                ps.p = eol ? eol + 1 : ps.end;
            }
        }
        if (bad) wring_error("registry: %s: %u lines not understood, skipped", path, bad);
    }
    if (!status)
    {
        assign_ids(hive, tree);
        hive_merge(hive->root, tree);
        hive->generation = generation;
        hive->loaded = true;
        if (seeded) status = hive_save(hive);
    }
    if (tree)
    {
        key_unlink(tree);
        key_release(tree);
    }
    free(buf);
    free(path);
    return status;
}

/* ------------------------------------------------------------------ locking */

NTSTATUS registry_lock(void)
{
    uint64_t generations[ARRAYSIZE(hives)] = { 0 };
    NTSTATUS status = STATUS_SUCCESS;

    pthread_mutex_lock(&registry_mutex);
    if (!root && (status = build_root())) goto fail;
    if (lock_fd < 0)
    {
        char *path = prefix_file("registry.lock");
        if (!path) { status = STATUS_NO_MEMORY; goto fail; }
        lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock_fd < 0) status = status_from_errno(errno);
        free(path);
        if (status) goto fail;
    }
    while (flock(lock_fd, LOCK_EX))
        if (errno != EINTR) { status = status_from_errno(errno); goto fail; }
    /* a new lock file is empty: every counter reads as zero */
    if (pread(lock_fd, generations, sizeof(generations), 0) < 0) status = status_from_errno(errno);
    for (size_t i = 0; i < ARRAYSIZE(hives) && !status; i++)
        if (!hives[i].loaded || hives[i].generation != generations[i]) status = hive_load(&hives[i], generations[i]);
    if (!status) return STATUS_SUCCESS;
    flock(lock_fd, LOCK_UN);
fail:
    pthread_mutex_unlock(&registry_mutex);
    return status;
}

NTSTATUS registry_unlock(struct hive *changed)
{
    NTSTATUS status = changed ? hive_save(changed) : STATUS_SUCCESS;
    if (flock(lock_fd, LOCK_UN) && !status) status = status_from_errno(errno);
    pthread_mutex_unlock(&registry_mutex);
    return status;
}

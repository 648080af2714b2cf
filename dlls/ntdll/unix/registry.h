/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The registry's tree in memory (registry.c) and its hive files (registry_file.c). */
#ifndef WRING_UNIX_REGISTRY_H
#define WRING_UNIX_REGISTRY_H

#include "private.h"

struct reg_value
{
    WCHAR *name;
    ULONG name_len;             /* in characters */
    ULONG type;
    ULONG size;
    BYTE *data;
};

struct hive;

struct reg_key
{
    struct reg_key *parent;     /* NULL for \REGISTRY and for a deleted key */
    WCHAR *name;
    ULONG name_len;             /* in characters */
    WCHAR *class_name;          /* NULL when the key has no class */
    ULONG class_len;
    uint64_t id;                /* unique within its hive file: tells a key from a re-created namesake */
    LARGE_INTEGER modified;
    struct reg_key **subkeys;   /* sorted by case-folded name, as Windows enumerates them */
    ULONG nsubkeys, subkeys_cap;
    struct reg_value *values;   /* in the order they were first set, as Windows enumerates them */
    ULONG nvalues, values_cap;
    struct hive *hive;          /* NULL above the hives: \REGISTRY and \REGISTRY\USER */
    int refs;                   /* the parent's and every handle's; registry lock */
    bool deleted;
    bool is_volatile;           /* REG_OPTION_VOLATILE: lives in this process only, never written */
};

/* a file under the prefix holding one subtree, read at first use and rewritten at every change */
struct hive
{
    const char *file_name;      /* under the prefix: system.reg, user.reg */
    unsigned int slot;          /* its generation counter's place in the lock file */
    struct reg_key *root;
    uint64_t generation;        /* the counter's value the tree in memory matches */
    uint64_t next_id;
    bool loaded;
};

/* registry.c: the tree */
struct reg_key *key_alloc(const WCHAR *name, ULONG name_len);
void key_release(struct reg_key *key);
/* the index of name among key's subkeys, or where it would be inserted (found false) */
ULONG key_find_subkey(const struct reg_key *key, const WCHAR *name, ULONG len, bool *found);
/* room for one more subkey, so that key_insert_subkey cannot fail */
bool key_reserve_subkey(struct reg_key *key);
void key_insert_subkey(struct reg_key *parent, ULONG index, struct reg_key *child);
int name_compare(const WCHAR *a, ULONG alen, const WCHAR *b, ULONG blen);
/* stores a copy of data as the value name, keeping the value's place when it exists */
NTSTATUS key_set_value(struct reg_key *key, const WCHAR *name, ULONG name_len, ULONG type,
                       const void *data, ULONG size);
void key_now(struct reg_key *key);
/* frees a subtree no handle can reach, or marks one deleted for the handles that still can */
void key_unlink(struct reg_key *key);
/* the hive file's tree merged into the one in memory, whose handles stay valid */
void hive_merge(struct reg_key *mem, struct reg_key *file);

/* registry_file.c: hives, their files and the lock between processes */
/* guards the tree within the process; registry_lock also takes the prefix's lock file */
extern pthread_mutex_t registry_mutex;
/* takes both locks and brings every hive up to date with its file */
NTSTATUS registry_lock(void);
/* writes a changed hive (NULL: none) and drops both locks */
NTSTATUS registry_unlock(struct hive *changed);
/* \REGISTRY, once registry_lock has succeeded */
struct reg_key *registry_root(void);
/* makes the hive file durable, registry lock held */
NTSTATUS hive_flush(struct hive *hive);

/* token.c: the one user this machine has */
extern const char user_sid_string[];

#endif

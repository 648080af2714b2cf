/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Checks of the structures a program hands the Unix side by pointer, made
 * before anything reads them: a bad pointer fails the call with
 * STATUS_ACCESS_VIOLATION, as the NT kernel's probes do, instead of a fault
 * in Wring. The probes themselves (probe_user, read_user) are in signal.c.
 */
#include "private.h"

/* OBJECT_ATTRIBUTES, the UNICODE_STRING it names and the characters of that name */
NTSTATUS check_attributes(const OBJECT_ATTRIBUTES *attr)
{
    OBJECT_ATTRIBUTES copy;
    UNICODE_STRING name;

    if (!attr) return STATUS_SUCCESS;
    if (!read_user(&copy, attr, sizeof(copy))) return STATUS_ACCESS_VIOLATION;
    if (!copy.ObjectName) return STATUS_SUCCESS;
    if (!read_user(&name, copy.ObjectName, sizeof(name))) return STATUS_ACCESS_VIOLATION;
    if (name.Length && !probe_user(name.Buffer, name.Length, false)) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The undecorated name of a type, as type_info::name() gives it: Microsoft's decoration of a
 * type (the text after a type descriptor's '.') read back into C++.  What type_info names
 * are: built-in types, classes, structs, unions and enums in their namespaces and classes,
 * anonymous namespaces, template instances with type and integer arguments, and pointers and
 * references with their const and volatile.  Names refer back to earlier names (a digit):
 * each template's arguments start a table of their own, the template's name first.
 */
#include "vcruntime_private.h"

#define MAX_OUT 1024

struct names                        /* the names a digit may refer back to */
{
    const char *name[10];
    int count;
};

struct parser
{
    const char *p;
    char pool[4096];                /* the strings the parse makes */
    size_t used;
    BOOL failed;
};

static char *keep(struct parser *ps, const char *s, size_t len)
{
    char *copy;

    if (ps->used + len + 1 > sizeof(ps->pool)) { ps->failed = TRUE; return (char *)""; }
    copy = ps->pool + ps->used;
    memcpy(copy, s, len);
    copy[len] = 0;
    ps->used += len + 1;
    return copy;
}

static void remember(struct names *names, const char *name)
{
    if (names->count < 10) names->name[names->count++] = name;
}

static void append(char *out, const char *s)
{
    size_t len = strlen(out), add = strlen(s);
    if (len + add < MAX_OUT) memcpy(out + len, s, add + 1);
}

static const char *parse_type(struct parser *ps, struct names *names, struct names *args);

static const char *builtin(char c, BOOL underscore)
{
    static const char *const plain[] =
    {
        ['C'] = "signed char", ['D'] = "char", ['E'] = "unsigned char", ['F'] = "short",
        ['G'] = "unsigned short", ['H'] = "int", ['I'] = "unsigned int", ['J'] = "long",
        ['K'] = "unsigned long", ['M'] = "float", ['N'] = "double", ['O'] = "long double",
        ['X'] = "void",
    };
    static const char *const extended[] =
    {
        ['D'] = "__int8", ['E'] = "unsigned __int8", ['F'] = "__int16", ['G'] = "unsigned __int16",
        ['H'] = "__int32", ['I'] = "unsigned __int32", ['J'] = "__int64", ['K'] = "unsigned __int64",
        ['N'] = "bool", ['Q'] = "char8_t", ['S'] = "char16_t", ['U'] = "char32_t", ['W'] = "wchar_t",
    };
    if (c < 'A' || c > 'Z') return NULL;
    return underscore ? extended[(int)c] : plain[(int)c];
}

/* an integer template argument after "$0": digits 0-9 for 1-10, or hex in A-P up to '@' */
static const char *parse_number(struct parser *ps)
{
    char text[24];
    BOOL negative = *ps->p == '?';
    ULONG64 value = 0;

    if (negative) ps->p++;
    if (*ps->p >= '0' && *ps->p <= '9') value = *ps->p++ - '0' + 1;
    else
    {
        while (*ps->p >= 'A' && *ps->p <= 'P') value = value * 16 + (*ps->p++ - 'A');
        if (*ps->p++ != '@') { ps->failed = TRUE; return ""; }
    }
    {
        char digits[24];
        int n = 0, i = 0;
        do digits[n++] = '0' + value % 10; while (value /= 10);
        if (negative) text[i++] = '-';
        while (n) text[i++] = digits[--n];
        text[i] = 0;
    }
    return keep(ps, text, strlen(text));
}

/* a name fragment: an identifier, a template instance, an anonymous namespace or a reference */
static const char *parse_fragment(struct parser *ps, struct names *names)
{
    const char *start = ps->p, *end;

    if (*ps->p >= '0' && *ps->p <= '9')
    {
        int i = *ps->p++ - '0';
        if (i >= names->count) { ps->failed = TRUE; return ""; }
        return names->name[i];
    }
    if (ps->p[0] == '?' && ps->p[1] == '$')
    {
        struct names inner = { { 0 }, 0 }, args = { { 0 }, 0 };
        char out[MAX_OUT];
        const char *name, *last = NULL;

        ps->p += 2;
        if (!(end = strchr(ps->p, '@'))) { ps->failed = TRUE; return ""; }
        name = keep(ps, ps->p, end - ps->p);
        ps->p = end + 1;
        remember(&inner, name);
        strcpy(out, name);
        append(out, "<");
        while (*ps->p && *ps->p != '@' && !ps->failed)
        {
            if (last) append(out, ",");
            if (ps->p[0] == '$' && ps->p[1] == '0') { ps->p += 2; last = parse_number(ps); }
            else last = parse_type(ps, &inner, &args);
            append(out, last);
        }
        if (*ps->p++ != '@') ps->failed = TRUE;
        append(out, last && last[0] && last[strlen(last) - 1] == '>' ? " >" : ">");
        name = keep(ps, out, strlen(out));
        remember(names, name);
        return name;
    }
    if (!strncmp(ps->p, "?A0x", 4))
    {
        if (!(end = strchr(ps->p, '@'))) { ps->failed = TRUE; return ""; }
        ps->p = end + 1;
        return "`anonymous namespace'";
    }
    if (!(end = strchr(ps->p, '@')) || end == start || *start == '?') { ps->failed = TRUE; return ""; }
    ps->p = end + 1;
    start = keep(ps, start, end - start);
    remember(names, start);
    return start;
}

/* a qualified name, innermost first and ended by '@', written outermost first */
static const char *parse_name(struct parser *ps, struct names *names)
{
    const char *parts[16];
    char out[MAX_OUT] = "";
    int count = 0;

    while (*ps->p && *ps->p != '@' && !ps->failed)
    {
        if (count == 16) { ps->failed = TRUE; break; }
        parts[count++] = parse_fragment(ps, names);
    }
    if (*ps->p++ != '@') ps->failed = TRUE;
    while (count--)
    {
        append(out, parts[count]);
        if (count) append(out, "::");
    }
    return keep(ps, out, strlen(out));
}

static const char *cv_text(char c)
{
    return c == 'B' ? " const" : c == 'C' ? " volatile" : c == 'D' ? " const volatile" : "";
}

static const char *parse_type(struct parser *ps, struct names *names, struct names *args)
{
    const char *start = ps->p, *kind = NULL, *type;
    char out[MAX_OUT] = "", c = *ps->p++;

    if (c >= '0' && c <= '9')
    {
        /* the same type as an earlier template argument */
        if (c - '0' >= args->count) { ps->failed = TRUE; return ""; }
        return args->name[c - '0'];
    }
    if (c == '_' && (type = builtin(*ps->p, TRUE))) { ps->p++; goto done; }
    if ((type = builtin(c, FALSE))) return type;
    switch (c)
    {
    case 'V': kind = "class "; break;
    case 'U': kind = "struct "; break;
    case 'T': kind = "union "; break;
    case 'W':
        if (*ps->p++ != '4') { ps->failed = TRUE; return ""; }
        kind = "enum ";
        break;
    case 'P': case 'Q': case 'R': case 'S': case 'A': case 'B':
    {
        const char *pointee, *self = (c == 'Q') ? " const" : (c == 'R' || c == 'B') ? " volatile" :
                                     (c == 'S') ? " const volatile" : "";
        char pointee_cv;

        if (*ps->p == 'E') ps->p++;         /* __ptr64 */
        pointee_cv = *ps->p++;
        if (pointee_cv < 'A' || pointee_cv > 'D') { ps->failed = TRUE; return ""; }
        pointee = parse_type(ps, names, args);
        append(out, pointee);
        append(out, cv_text(pointee_cv));
        append(out, c == 'A' || c == 'B' ? " & __ptr64" : " * __ptr64");
        append(out, self);
        type = keep(ps, out, strlen(out));
        goto done;
    }
    default:
        ps->failed = TRUE;
        return "";
    }
    append(out, kind);
    append(out, parse_name(ps, names));
    type = keep(ps, out, strlen(out));
done:
    /* only types decorated with more than one character are referred back to */
    if (ps->p - start > 1) remember(args, type);
    return type;
}

/* the undecorated name of a decorated type (".H" without its dot), in buf; FALSE if it is not
 * one of the kinds of type above */
BOOL vcruntime_undecorate_type(const char *decorated, char *buf, size_t size)
{
    struct parser *ps = vcruntime_alloc(sizeof(*ps));
    struct names names = { { 0 }, 0 }, args = { { 0 }, 0 };
    const char *type;
    BOOL ok;

    if (!ps) return FALSE;
    ps->p = decorated;
    ps->used = 0;
    ps->failed = FALSE;
    if (ps->p[0] == '?' && ps->p[1] == 'A') ps->p += 2;     /* a type descriptor's "?A" */
    type = parse_type(ps, &names, &args);
    ok = !ps->failed && !*ps->p && strlen(type) < size;
    if (ok) strcpy(buf, type);
    vcruntime_free(ps);
    return ok;
}

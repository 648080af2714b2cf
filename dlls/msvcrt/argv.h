/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The command-line splitter, instantiated for char and WCHAR by defining ARGV_CHAR and
 * ARGV_FUNC before including this file.  It is a header so a host unit test can run the
 * very same code.
 *
 * Called with argv == NULL it only counts: *argc and *nchars (characters including each
 * argument's terminator).  With storage it fills argv[0..argc-1] and buf.
 */
static void ARGV_FUNC(const ARGV_CHAR *cmd, ARGV_CHAR **argv, ARGV_CHAR *buf, int *argc, size_t *nchars)
{
    const ARGV_CHAR *p = cmd;
    size_t n = 0;
    int count = 0;
    int in_quotes = 0;

#define ARGV_PUT(c) do { if (buf) buf[n] = (c); n++; } while (0)

    /* argv[0] is a path: quotes only group, backslashes are ordinary characters. */
    if (argv) argv[count] = buf + n;
    while (*p && (in_quotes || (*p != ' ' && *p != '\t')))
    {
        if (*p == '"') in_quotes = !in_quotes;
        else ARGV_PUT(*p);
        p++;
    }
    ARGV_PUT(0);
    count++;

    for (;;)
    {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;

        if (argv) argv[count] = buf + n;
        in_quotes = 0;
        while (*p && (in_quotes || (*p != ' ' && *p != '\t')))
        {
            if (*p == '\\')
            {
                size_t slashes = 0, i;

                while (*p == '\\') { slashes++; p++; }
                if (*p == '"')
                {
                    for (i = 0; i < slashes / 2; i++) ARGV_PUT('\\');
                    if (slashes & 1)
                    {
                        ARGV_PUT('"');
                        p++;
                    }
                }
                else
                {
                    for (i = 0; i < slashes; i++) ARGV_PUT('\\');
                }
                continue;
            }
            if (*p == '"')
            {
                if (in_quotes && p[1] == '"')
                {
                    ARGV_PUT('"');
                    p += 2;
                }
                else
                {
                    in_quotes = !in_quotes;
                    p++;
                }
                continue;
            }
            ARGV_PUT(*p);
            p++;
        }
        ARGV_PUT(0);
        count++;
    }
    if (argv) argv[count] = NULL;
#undef ARGV_PUT
    *argc = count;
    *nchars = n;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* UTF-8 <-> UTF-16 on the Unix side: round trips, surrogates, invalid input. */
#include <stdlib.h>
#include <string.h>
#include "../../dlls/ntdll/unix/private.h"
#include "unix_test.h"

static void round_trip(const char *s)
{
    size_t n;
    WCHAR *w = utf8_to_wide(s, strlen(s), &n);
    char *back = wide_to_utf8(w, n);
    check(!strcmp(back, s), "round trip of \"%s\" gave \"%s\"", s, back);
    free(w);
    free(back);
}

int main(void)
{
    size_t n;
    WCHAR *w;

    round_trip("");
    round_trip("plain ascii");
    round_trip("caf\xc3\xa9 \xe2\x82\xac");            /* é € */
    round_trip("\xf0\x9f\x98\x80 emoji");              /* U+1F600: a surrogate pair */

    w = utf8_to_wide("\xf0\x9f\x98\x80", 4, &n);
    check(n == 2 && w[0] == 0xd83d && w[1] == 0xde00, "U+1F600 became %zu units %04x %04x", n, w[0], w[1]);
    free(w);

    /* invalid sequences each become one U+FFFD, and decoding goes on */
    w = utf8_to_wide("a\xff" "b\xc0\x80" "c", 6, &n);
    check(n >= 4 && w[0] == 'a' && w[1] == 0xfffd && w[2] == 'b', "invalid input decoded as %04x %04x %04x", w[0], w[1], w[2]);
    check(w[n - 1] == 'c', "decoding stopped early");
    free(w);

    /* an overlong encoding of '/' must not become '/' */
    w = utf8_to_wide("\xc0\xaf", 2, &n);
    for (size_t i = 0; i < n; i++) check(w[i] != '/', "overlong slash decoded as a slash");
    free(w);

    /* a lone surrogate cannot be encoded in UTF-8 */
    WCHAR lone[] = { 'x', 0xd800, 'y' };
    char *s = wide_to_utf8(lone, 3);
    check(!strcmp(s, "x\xef\xbf\xbdy"), "lone surrogate gave \"%s\"", s);
    free(s);

    check(wide_len((const WCHAR[]){ 'a', 'b', 0 }) == 2, "wide_len");
    return unix_test_done("unix_unicode");
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The UCRT's locale objects (_create_locale, _get_current_locale, _free_locale)
 * that the _l functions take.  Wring has the "C" locale only, as setlocale
 * does: that name makes an object, any other is refused with NULL, the
 * documented failure.  The object has the layout the UCRT's headers read
 * inline: locinfo first, whose first fields are the ctype table, MB_CUR_MAX and
 * the code page.
 */
#include "corelib.h"

#define M_LC_ALL 0
#define M_LC_MAX 5

struct locale_data
{
    const unsigned short *pctype;
    int mb_cur_max;
    unsigned int lc_codepage;
};

struct locale_object
{
    struct locale_data *locinfo;
    void *mbcinfo;
    struct locale_data data;     /* what locinfo points to: each object owns its copy */
};

extern unsigned short *_pctype;
void __cdecl free(void *p);

static struct locale_object *new_c_locale(void)
{
    struct locale_object *l = malloc(sizeof(*l));

    if (!l) return 0;
    l->locinfo = &l->data;
    l->mbcinfo = 0;
    l->data.pctype = _pctype;
    l->data.mb_cur_max = 1;
    l->data.lc_codepage = 0;
    return l;
}

struct locale_object *__cdecl _create_locale(int category, const char *name)
{
    if (category < M_LC_ALL || category > M_LC_MAX || !name) return 0;
    if (name[0] != 'C' || name[1]) return 0;
    return new_c_locale();
}

struct locale_object *__cdecl _wcreate_locale(int category, const wchar_t *name)
{
    if (category < M_LC_ALL || category > M_LC_MAX || !name) return 0;
    if (name[0] != 'C' || name[1]) return 0;
    return new_c_locale();
}

/* the thread's locale is always "C" */
struct locale_object *__cdecl _get_current_locale(void)
{
    return new_c_locale();
}

void __cdecl _free_locale(struct locale_object *l)
{
    free(l);
}

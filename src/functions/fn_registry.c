/*
 * fn_registry.c — name → signatures, built once from the function tables.
 *
 * The registry is immutable after the first lookup (pthread_once), so
 * sessions read it without locks.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fn_srf.h"
#include "fn_tables.h"

typedef struct FnName {
    const char *name;
    int n;
    const FnDesc **descs;
} FnName;

static FnName *names;
static int nnames;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const FnName *)a)->name, ((const FnName *)b)->name);
}

static void build(void)
{
    /* fn_numeric first: where a signature is registered twice the first wins
     * (see below), and its numeric kernels replace older placeholders. */
    const FnTable *tables[] = {&fn_numeric_table, &fn_string_table, &fn_string2_table, &fn_string3_table, &fn_math_table,
                              &fn_math2_table, &fn_operator_table, &fn_sequence_table,
                              &fn_datetime_table, &fn_datetime_fmt_table, &fn_numfmt_table, &fn_array_table, &fn_regex_table,
                              &fn_regex_sets_table, &fn_bytea_table, &fn_bytea2_table, &fn_json_table,
                              &fn_json_arrays_table, &fn_time_table, &fn_datetime2_table, &fn_normalize_table};
    const FnSrfTable *srf_tables[] = {&fn_srf_table, &fn_srf_regex_table, &fn_srf_json_table, &fn_srf_sequence_table};
    int total = 0, nsrf = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) total += tables[t]->n;
    for (size_t t = 0; t < sizeof srf_tables / sizeof srf_tables[0]; t++) nsrf += srf_tables[t]->n;
    total += nsrf;
    /* Registry memory lives for the process. */
    names = calloc((size_t)total + 1, sizeof *names);
    const FnDesc **all = calloc((size_t)total + 1, sizeof *all);
    FnDesc *shadows = calloc((size_t)nsrf + 1, sizeof *shadows);
    int k = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (int i = 0; i < tables[t]->n; i++) all[k++] = &tables[t]->descs[i];
    /* Set-returning functions are resolved like the others: each gets a
     * signature that points back at it. */
    int ns = 0;
    for (size_t t = 0; t < sizeof srf_tables / sizeof srf_tables[0]; t++)
        for (int i = 0; i < srf_tables[t]->n; i++) {
            const FnSrfDesc *d = &srf_tables[t]->descs[i];
            FnDesc *f = &shadows[ns++];
            f->name = d->name;
            f->nargs = d->nargs;
            memcpy(f->args, d->args, sizeof f->args);
            f->ret = d->out[0];
            f->flags = d->flags;
            f->srf = d;
            all[k++] = f;
        }
    /* Group signatures by name: sort pointers by name, then slice. */
    for (int i = 1; i < total; i++) {
        const FnDesc *x = all[i];
        int j = i - 1;
        while (j >= 0 && strcmp(all[j]->name, x->name) > 0) {
            all[j + 1] = all[j];
            j--;
        }
        all[j + 1] = x;
    }
    /* Drop a signature registered again under the same name and argument
     * types: the sort is stable, so the earlier table's entry stays. */
    int kept = 0;
    for (int i = 0; i < total; i++) {
        bool dup = false;
        for (int j = kept - 1; j >= 0 && !strcmp(all[j]->name, all[i]->name) && !dup; j--)
            dup = all[j]->nargs == all[i]->nargs && (all[j]->flags & FN_VARIADIC) == (all[i]->flags & FN_VARIADIC) &&
                  !memcmp(all[j]->args, all[i]->args, sizeof all[i]->args[0] * (size_t)all[i]->nargs);
        if (!dup) all[kept++] = all[i];
    }
    total = kept;
    for (int i = 0; i < total;) {
        int j = i;
        while (j < total && !strcmp(all[j]->name, all[i]->name)) j++;
        names[nnames].name = all[i]->name;
        names[nnames].n = j - i;
        names[nnames].descs = &all[i];
        nnames++;
        i = j;
    }
}

const FnDesc *const *fn_lookup(const char *name, int *n)
{
    pthread_once(&once, build);
    FnName key = {.name = name};
    FnName *hit = bsearch(&key, names, (size_t)nnames, sizeof *names, by_name);
    *n = hit ? hit->n : 0;
    return hit ? hit->descs : NULL;
}

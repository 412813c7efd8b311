/*
 * fn_sequence.c — nextval, currval, setval, lastval.
 *
 * The binder resolves the sequence name when the call is bound (as
 * PostgreSQL casts the literal to regclass) and hands the definition in
 * fc->bind_data; counters live in storage (stor_seq_*), the session's
 * currval/lastval in fc->seqs.
 */
#include <string.h>

#include "../storage/storage.h"
#include "fn_srf.h"
#include "fn_tables.h"

#define SEL_LOOP for (int k = 0, i; k < n && ((i = sel[k]), 1); k++)

static void remember(FnSeqSession *ss, uint32_t oid, int64_t v, bool set_last)
{
    int at = -1;
    for (int k = 0; k < ss->n; k++)
        if (ss->oids[k] == oid) at = k;
    if (at < 0) {
        if (ss->n == ss->cap) {
            int nc = ss->cap ? ss->cap * 2 : 8;
            ss->oids = mem_realloc(ss->ctx, ss->oids, sizeof(uint32_t) * (size_t)ss->cap, sizeof(uint32_t) * (size_t)nc);
            ss->values = mem_realloc(ss->ctx, ss->values, sizeof(int64_t) * (size_t)ss->cap, sizeof(int64_t) * (size_t)nc);
            ss->cap = nc;
        }
        at = ss->n++;
        ss->oids[at] = oid;
    }
    ss->values[at] = v;
    if (set_last) {
        ss->has_last = true;
        ss->last_oid = oid;
        ss->last_value = v;
    }
}

static int fn_nextval(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const StorSeqDef *def = fc->bind_data;
    int64_t *r = out->data;
    SEL_LOOP {
        if (stor_seq_nextval(fc->env, def, &r[i], fc->err) < 0) return -1;
        remember(fc->seqs, def->oid, r[i], true);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_currval(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const StorSeqDef *def = fc->bind_data;
    int at = -1;
    for (int k = 0; k < fc->seqs->n; k++)
        if (fc->seqs->oids[k] == def->oid) at = k;
    if (at < 0)
        return err_set(fc->err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                       "currval of sequence \"%s\" is not yet defined in this session", def->name);
    int64_t *r = out->data;
    SEL_LOOP {
        r[i] = fc->seqs->values[at];
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_lastval(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    if (!fc->seqs->has_last)
        return err_set(fc->err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
    int64_t *r = out->data;
    SEL_LOOP {
        r[i] = fc->seqs->last_value;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int setval_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool three)
{
    const StorSeqDef *def = fc->bind_data;
    const int64_t *v = args[1]->data;
    int64_t *r = out->data;
    SEL_LOOP {
        bool called = three ? ((const uint8_t *)args[2]->data)[i] != 0 : true;
        if (stor_seq_setval(fc->env, def, v[i], called, fc->err) < 0) return -1;
        /* PostgreSQL sets currval/lastval only when is_called. */
        if (called) remember(fc->seqs, def->oid, v[i], true);
        r[i] = v[i];
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_setval2(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return setval_rows(fc, a, o, sel, n, false);
}

static int fn_setval3(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return setval_rows(fc, a, o, sel, n, true);
}

/* The first argument is the sequence, already resolved by the binder; it
 * stays in the signature (as text) so resolution sees PostgreSQL's arity. */
static const FnDesc descs[] = {
    {"nextval", 1, {OM_T_TEXT}, OM_T_INT8, FN_STRICT | FN_VOLATILE, fn_nextval},
    {"currval", 1, {OM_T_TEXT}, OM_T_INT8, FN_STRICT | FN_VOLATILE, fn_currval},
    {"setval", 2, {OM_T_TEXT, OM_T_INT8}, OM_T_INT8, FN_STRICT | FN_VOLATILE, fn_setval2},
    {"setval", 3, {OM_T_TEXT, OM_T_INT8, OM_T_BOOL}, OM_T_INT8, FN_STRICT | FN_VOLATILE, fn_setval3},
    {"lastval", 0, {0}, OM_T_INT8, FN_VOLATILE, fn_lastval},
};

const FnTable fn_sequence_table = {descs, sizeof descs / sizeof descs[0]};

/* ---- SELECT * FROM seq ----------------------------------------------------- */

typedef struct SeqRow {
    bool done;
} SeqRow;

static int seqrow_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    (void)args;
    (void)row;
    *state = mem_new(fc->state_ctx, SeqRow);
    return 0;
}

/* The sequence's state as PostgreSQL's sequence relation shows it:
 * last_value, log_cnt, is_called — read when the statement runs. */
static int seqrow_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    SeqRow *s = state;
    *produced = 0;
    if (s->done || max < 1) return 0;
    int64_t last, log_cnt;
    bool called;
    if (stor_seq_peek(fc->env, fc->bind_data, &last, &log_cnt, &called, fc->err) < 0) return -1;
    ((int64_t *)outs[0]->data)[0] = last;
    ((int64_t *)outs[1]->data)[0] = log_cnt;
    ((uint8_t *)outs[2]->data)[0] = called;
    for (int c = 0; c < 3; c++) om_vec_set_null(outs[c], 0, false);
    s->done = true;
    *produced = 1;
    return 0;
}

/* Bound by FROM seq only: its name cannot be written in a call. */
static const FnSrfDesc srf_descs[] = {
    {"sequence state", 0, {0}, 3, {OM_T_INT8, OM_T_INT8, OM_T_BOOL}, {"last_value", "log_cnt", "is_called"},
     FN_VOLATILE, seqrow_open, seqrow_next},
};

const FnSrfTable fn_srf_sequence_table = {srf_descs, 1};

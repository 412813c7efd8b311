/*
 * exec_agg_sorted.c — aggregates that need their rows in an order:
 * agg(x ORDER BY k ...), agg(DISTINCT x, y) and agg(DISTINCT x ORDER BY x),
 * and the ordered-set aggregates (WITHIN GROUP).
 *
 * As PostgreSQL's nodeAgg does for them, the rows are collected rather than
 * folded: each (row, group) pair that passed FILTER (and, for strict
 * aggregates, has no NULL argument) is appended to a store of its argument
 * and key values. When the input ends, row references are sorted by group,
 * then the keys with their directions and NULL placement, then (DISTINCT)
 * the arguments, then input position (stable). Plain aggregates then get
 * their update calls over the sorted rows, in slices of a batch, with
 * DISTINCT skipping a row equal to the previous one of its group (NULLs
 * equal). Ordered-set aggregates keep the sorted references: group g's rows
 * are refs[lo[g] .. lo[g + 1]), which the aggregate's ordered_final reads
 * through FnAggSorted.
 *
 * The store, the references and the per-group offsets live in the Agg's
 * state context, so they count against work_mem with the states (53200
 * past it); plain aggregates free them once fed. The sort reaches the
 * interrupt check (exec_sort_refs).
 */
#include "../common/interrupt.h"
#include "../functions/fn_agg.h"
#include "exec_int.h"

struct AggSorted {
    const BoundAgg *agg;
    FnAggCall *call;
    MemCtx *ctx;        /* the Agg's state context */
    MemCtx *rctx;       /* the rows, their groups and references: freed once fed */
    int ncols;          /* stored columns: the arguments, then the keys */
    int nin, nkeys;
    OmType *types;
    /* The stored columns: each argument and key that is not a constant
     * (map[c]: its column, -1 for a constant, read from the expression),
     * then the row's group (column gcol, int4). */
    ExecStore rows;
    int *map;
    int nstored, gcol;
    uint64_t *refs;     /* (batch << 16) | row, sorted by exec_aggsort_finish */
    int64_t nrefs;
    int64_t *lo;        /* ordered-set: first sorted row of each group, ngroups + 1 */
    uint32_t ngroups;
    OmVector *cols;     /* the argument vectors of the batch being added */
    uint32_t *gbuf;     /* the batch's groups by row, for the group column */
    uint64_t *nonull;   /* an all-valid null bitmap for it */
    OmPhysType *phys;
    const OmVector **direct; /* the direct arguments' constants */
};

AggSorted *exec_aggsort_create(MemCtx *state_ctx, const BoundAgg *agg, FnAggCall *call, int nin)
{
    AggSorted *s = mem_new(state_ctx, AggSorted);
    s->agg = agg;
    s->call = call;
    s->ctx = state_ctx;
    s->nin = nin;
    s->nkeys = agg->norder;
    s->ncols = nin + agg->norder;
    s->types = mem_new_array(state_ctx, OmType, s->ncols > 0 ? s->ncols : 1);
    s->map = mem_new_array(state_ctx, int, s->ncols > 0 ? s->ncols : 1);
    s->phys = mem_new_array(state_ctx, OmPhysType, s->ncols > 0 ? s->ncols : 1);
    OmPhysType *ph = mem_new_array(state_ctx, OmPhysType, s->ncols + 1);
    for (int c = 0; c < s->ncols; c++) {
        s->types[c] = agg->args[c]->type;
        s->phys[c] = type_phys(s->types[c].id);
        /* string_agg(x, ',' ...): the delimiter is not copied per row. */
        s->map[c] = agg->args[c]->kind == BE_CONST ? -1 : s->nstored;
        if (s->map[c] >= 0) ph[s->nstored++] = s->phys[c];
    }
    s->gcol = s->nstored;
    ph[s->nstored++] = OM_PHYS_I32;
    s->rctx = mem_ctx_create(state_ctx, "agg-sorted");
    exec_store_init(&s->rows, s->rctx, s->nstored, ph, false);
    s->cols = mem_new_array(state_ctx, OmVector, s->nstored);
    s->gbuf = mem_new_array(state_ctx, uint32_t, OM_BATCH_SIZE);
    s->nonull = mem_new_array(state_ctx, uint64_t, OM_BATCH_SIZE / 64);
    s->direct = mem_new_array(state_ctx, const OmVector *, agg->ndirect > 0 ? agg->ndirect : 1);
    for (int i = 0; i < agg->ndirect; i++) s->direct[i] = &agg->direct[i]->cval;
    return s;
}

int exec_aggsort_add(AggSorted *s, const OmBatch *b, const OmVector *const *argv, const uint16_t *sel,
                     const uint32_t *gids, int m, OmError *err)
{
    if (m == 0) return 0;
    for (int c = 0; c < s->ncols; c++)
        if (s->map[c] >= 0) s->cols[s->map[c]] = *argv[c];
    /* The groups as a column indexed like the batch's rows (the view
     * selects rows sel[k], whose group is gids[k]). */
    for (int k = 0; k < m; k++) s->gbuf[sel[k]] = gids[k];
    s->cols[s->gcol] = (OmVector){.phys = OM_PHYS_I32, .data = s->gbuf, .nulls = s->nonull};
    /* The store appends a batch's selected rows in selection order. */
    OmBatch view = {.ncols = s->nstored, .count = b->count, .sel = (uint16_t *)sel, .nsel = m, .has_sel = true};
    return exec_store_append(&s->rows, &view, s->cols, err);
}

static inline uint32_t gid_of(const AggSorted *s, uint64_t r)
{
    return ((const uint32_t *)s->rows.batches[r >> 16]->cols[s->gcol].data)[r & 0xFFFF];
}

static inline const OmVector *col_of(const AggSorted *s, uint64_t r, int c, int *row)
{
    if (s->map[c] < 0) {
        *row = 0;
        return &s->agg->args[c]->cval;
    }
    *row = (int)(r & 0xFFFF);
    return &s->rows.batches[r >> 16]->cols[s->map[c]];
}

static int cmp_col(const AggSorted *s, int c, uint64_t a, uint64_t b, bool desc, bool nulls_first)
{
    int ra, rb;
    const OmVector *va = col_of(s, a, c, &ra), *vb = col_of(s, b, c, &rb);
    bool na = om_vec_is_null(va, ra), nb = om_vec_is_null(vb, rb);
    if (na || nb) {
        if (na && nb) return 0;
        int x = na ? 1 : -1;
        return nulls_first ? -x : x;
    }
    int x = exec_compare_values(s->types[c], va, ra, vb, rb);
    return desc ? -x : x;
}

static int sorted_cmp(uint64_t a, uint64_t b, void *arg)
{
    const AggSorted *s = arg;
    uint32_t ga = gid_of(s, a), gb = gid_of(s, b);
    if (ga != gb) return ga < gb ? -1 : 1;
    for (int k = 0; k < s->nkeys; k++) {
        int x = cmp_col(s, s->nin + k, a, b, s->agg->order_desc[k], s->agg->order_nulls_first[k]);
        if (x) return x;
    }
    if (s->agg->distinct)
        for (int c = 0; c < s->nin; c++) {
            int x = cmp_col(s, c, a, b, false, false);
            if (x) return x;
        }
    return (a > b) - (a < b);
}

static bool same_inputs(const AggSorted *s, uint64_t a, uint64_t b)
{
    if (gid_of(s, a) != gid_of(s, b)) return false;
    for (int c = 0; c < s->nin; c++) {
        int ra, rb;
        const OmVector *va = col_of(s, a, c, &ra), *vb = col_of(s, b, c, &rb);
        if (!exec_keys_equal(s->types[c], va, ra, vb, rb)) return false;
    }
    return true;
}

/* Plain aggregates: update over the sorted rows, a batch at a time. */
static int feed(AggSorted *s, uint8_t *states, OmError *err)
{
    const FnAggDesc *fn = s->agg->fn;
    int nin = s->nin > 0 ? s->nin : 1;
    MemCtx *tmp = mem_ctx_create(s->rctx, "agg-sorted-feed");
    OmBatch *sb = om_batch_create(tmp, s->nin, s->phys, false);
    OmVector *scratch = sb->cols;
    const OmVector **argv = mem_new_array(tmp, const OmVector *, nin);
    for (int c = 0; c < s->nin; c++) argv[c] = &scratch[c];
    uint32_t *gids = mem_new_array(tmp, uint32_t, OM_BATCH_SIZE);
    int k = 0;
    uint64_t prev = 0;
    bool have_prev = false;
    for (int64_t i = 0; i <= s->nrefs; i++) {
        if (i == s->nrefs || k == OM_BATCH_SIZE) {
            if (k && fn->update(s->call, states, gids, argv, NULL, k) < 0) return -1;
            k = 0;
            if (om_intr_check(err) < 0) return -1;
            if (i == s->nrefs) break;
        }
        uint64_t r = s->refs[i];
        if (s->agg->distinct && have_prev && same_inputs(s, prev, r)) continue;
        prev = r;
        have_prev = true;
        for (int c = 0; c < s->nin; c++) {
            int row;
            const OmVector *v = col_of(s, r, c, &row);
            exec_copy_value(v, row, &scratch[c], k, NULL);
        }
        gids[k++] = gid_of(s, r);
    }
    return 0;
}

int exec_aggsort_finish(AggSorted *s, uint8_t *states, uint32_t ngroups, OmError *err)
{
    s->nrefs = s->rows.rows;
    s->refs = mem_new_array(s->rctx, uint64_t, s->nrefs > 0 ? s->nrefs : 1);
    int64_t k = 0;
    for (int bi = 0; bi < s->rows.nbatches; bi++)
        for (int r = 0; r < s->rows.batches[bi]->count; r++) s->refs[k++] = ((uint64_t)bi << 16) | (uint32_t)r;
    MemCtx *tmp = mem_ctx_create(s->rctx, "agg-sort");
    if (exec_sort_refs(s->refs, s->nrefs, sorted_cmp, s, tmp, err) < 0) return -1;
    mem_ctx_delete(tmp);
    if (s->agg->fn->kind == FN_AGG_PLAIN) {
        if (feed(s, states, err) < 0) return -1;
        /* The states hold what they need (string_agg copies its values):
         * the rows go, so only the states count against work_mem now. */
        mem_ctx_delete(s->rctx);
        s->rctx = NULL;
        s->refs = NULL;
        return 0;
    }
    s->ngroups = ngroups;
    s->lo = mem_new_array(s->ctx, int64_t, (size_t)ngroups + 1);
    int64_t i = 0;
    for (uint32_t g = 0; g < ngroups; g++) {
        s->lo[g] = i;
        while (i < s->nrefs && gid_of(s, s->refs[i]) == g) i++;
    }
    s->lo[ngroups] = i;
    return 0;
}

typedef struct GroupRows {
    const AggSorted *s;
    int64_t off;
} GroupRows;

static void group_get(const FnAggSorted *fs, int64_t i, int k, const OmVector **v, int *row)
{
    const GroupRows *gr = fs->priv;
    *v = col_of(gr->s, gr->s->refs[gr->off + i], gr->s->nin + k, row);
}

int exec_aggsort_final(AggSorted *s, uint32_t g, OmVector *out, int row)
{
    GroupRows gr = {s, s->lo[g]};
    FnAggSorted fs = {.n = s->lo[g + 1] - s->lo[g], .priv = &gr, .get = group_get};
    return s->agg->fn->ordered_final(s->call, &fs, s->direct, out, row);
}

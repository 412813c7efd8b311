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
 * past it); the sort reaches the interrupt check (exec_sort_refs).
 */
#include "../common/interrupt.h"
#include "../functions/fn_agg.h"
#include "exec_int.h"

struct AggSorted {
    const BoundAgg *agg;
    FnAggCall *call;
    MemCtx *ctx;
    int ncols;          /* stored columns: the arguments, then the keys */
    int nin, nkeys;
    OmType *types;
    ExecStore rows;
    uint32_t *gids;     /* group of stored row i */
    size_t cap;
    uint64_t *refs;     /* (batch << 16) | row, sorted by exec_aggsort_finish */
    int64_t nrefs;
    int64_t *lo;        /* ordered-set: first sorted row of each group, ngroups + 1 */
    uint32_t ngroups;
    OmVector *cols;     /* the argument vectors of the batch being added */
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
    OmPhysType *ph = mem_new_array(state_ctx, OmPhysType, s->ncols > 0 ? s->ncols : 1);
    for (int c = 0; c < s->ncols; c++) {
        s->types[c] = agg->args[c]->type;
        ph[c] = type_phys(s->types[c].id);
    }
    exec_store_init(&s->rows, mem_ctx_create(state_ctx, "agg-sorted"), s->ncols, ph, false);
    s->phys = ph;
    s->cols = mem_new_array(state_ctx, OmVector, s->ncols > 0 ? s->ncols : 1);
    s->direct = mem_new_array(state_ctx, const OmVector *, agg->ndirect > 0 ? agg->ndirect : 1);
    for (int i = 0; i < agg->ndirect; i++) s->direct[i] = &agg->direct[i]->cval;
    return s;
}

int exec_aggsort_add(AggSorted *s, const OmBatch *b, const OmVector *const *argv, const uint16_t *sel,
                     const uint32_t *gids, int m, OmError *err)
{
    if (m == 0) return 0;
    if ((size_t)s->rows.rows + (size_t)m > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        while (nc < (size_t)s->rows.rows + (size_t)m) nc *= 2;
        s->gids = mem_realloc(s->ctx, s->gids, s->cap * sizeof(uint32_t), nc * sizeof(uint32_t));
        s->cap = nc;
    }
    /* The store appends a batch's selected rows in selection order. */
    OmBatch view = {.ncols = s->ncols, .count = b->count, .sel = (uint16_t *)sel, .nsel = m, .has_sel = true};
    for (int c = 0; c < s->ncols; c++) s->cols[c] = *argv[c];
    long long base = s->rows.rows;
    if (exec_store_append(&s->rows, &view, s->cols, err) < 0) return -1;
    memcpy(s->gids + base, gids, sizeof(uint32_t) * (size_t)m);
    return 0;
}

/* The store keeps full batches of OM_BATCH_SIZE rows but the last. */
static inline int64_t ref_index(uint64_t r) { return (int64_t)(r >> 16) * OM_BATCH_SIZE + (int64_t)(r & 0xFFFF); }

static inline const OmVector *col_of(const AggSorted *s, uint64_t r, int c, int *row)
{
    *row = (int)(r & 0xFFFF);
    return &s->rows.batches[r >> 16]->cols[c];
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
    uint32_t ga = s->gids[ref_index(a)], gb = s->gids[ref_index(b)];
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
    if (s->gids[ref_index(a)] != s->gids[ref_index(b)]) return false;
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
    MemCtx *tmp = mem_ctx_create(s->ctx, "agg-sorted-feed");
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
        gids[k++] = s->gids[ref_index(r)];
    }
    return 0;
}

int exec_aggsort_finish(AggSorted *s, uint8_t *states, uint32_t ngroups, OmError *err)
{
    s->nrefs = s->rows.rows;
    s->refs = mem_new_array(s->ctx, uint64_t, s->nrefs > 0 ? s->nrefs : 1);
    int64_t k = 0;
    for (int bi = 0; bi < s->rows.nbatches; bi++)
        for (int r = 0; r < s->rows.batches[bi]->count; r++) s->refs[k++] = ((uint64_t)bi << 16) | (uint32_t)r;
    MemCtx *tmp = mem_ctx_create(s->ctx, "agg-sort");
    if (exec_sort_refs(s->refs, s->nrefs, sorted_cmp, s, tmp, err) < 0) return -1;
    mem_ctx_delete(tmp);
    if (s->agg->fn->kind == FN_AGG_PLAIN) return feed(s, states, err);
    s->ngroups = ngroups;
    s->lo = mem_new_array(s->ctx, int64_t, (size_t)ngroups + 1);
    int64_t i = 0;
    for (uint32_t g = 0; g < ngroups; g++) {
        s->lo[g] = i;
        while (i < s->nrefs && s->gids[ref_index(s->refs[i])] == g) i++;
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

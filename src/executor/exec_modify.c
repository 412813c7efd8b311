/*
 * exec_modify.c — Insert, Update and Delete.
 *
 * Insert writes each incoming row after the NOT NULL checks; storage checks
 * the primary key and UNIQUE constraints (23505). Update and Delete first
 * read all target rows (keys and new values) and only then write, so a
 * statement never sees its own changes while scanning (the Halloween
 * problem). An UPDATE is a delete of the old row and an insert of the new.
 *
 * RETURNING (plan->returning): the node then outputs the affected rows as
 * table rows (the inserted, the new, the deleted ones), from the store it
 * collected; a projection above computes the list. A write inside WITH
 * (plan->cte_writes) collects and returns its rows but writes nothing
 * until its CTE node calls exec_modify_apply when the statement's query is
 * done: no query of the statement sees the changes (PostgreSQL's single
 * snapshot), and they do not count in the statement's command tag.
 */
#include "exec_int.h"

typedef struct ModifyState {
    StorNames names;
    const char **uniq_names;
    const char **col_names;
    ExprState **exprs; /* UPDATE: new value per table column */
    MemCtx *var;
    ExecStore store;
    bool materialize;  /* INSERT reading its own target, returning or deferred: read all, then write */
    bool collected;    /* the input is read (and, unless deferred, written) */
    bool applied;      /* the writes are done */
    int emit;          /* RETURNING: the next store batch to output */
    OmBatch *view;     /* RETURNING: the output batch (a view of a store batch) */
    OmStr *seen;       /* key_column: the target keys taken (open addressing) */
    size_t nseen, cap_seen;
} ModifyState;

static void render_cb(void *arg, int col, const OmBatch *b, int row, char *out, size_t outsize)
{
    const CatTable *t = arg;
    exec_render_value(t->cols[col].type, &b->cols[col], row, out, outsize);
}

static void init_names(ExecNode *n, ModifyState *s)
{
    const CatTable *t = n->plan->table;
    MemCtx *ctx = n->q->ctx;
    s->uniq_names = mem_new_array(ctx, const char *, t->nuniq > 0 ? t->nuniq : 1);
    for (int i = 0; i < t->nuniq; i++) s->uniq_names[i] = t->uniq[i].name;
    s->col_names = mem_new_array(ctx, const char *, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++) s->col_names[i] = t->cols[i].name;
    s->names.pk_name = t->pk_name;
    s->names.uniq_names = s->uniq_names;
    s->names.col_names = s->col_names;
    s->names.render = render_cb;
    s->names.render_arg = (void *)t;
}

/* 23502 with PostgreSQL's "Failing row contains (...)" detail. */
static int check_not_null(ExecNode *n, const OmBatch *b, int row)
{
    const CatTable *t = n->plan->table;
    for (int c = 0; c < t->ncols; c++) {
        if (!t->cols[c].not_null || !om_vec_is_null(&b->cols[c], row)) continue;
        err_set(n->q->err, ERRCODE_NOT_NULL_VIOLATION,
                "null value in column \"%s\" of relation \"%s\" violates not-null constraint", t->cols[c].name, t->name);
        char detail[OM_ERR_MSG_MAX];
        size_t off = (size_t)snprintf(detail, sizeof detail, "Failing row contains (");
        for (int k = 0; k < t->ncols && off < sizeof detail; k++) {
            char v[256];
            exec_render_value(t->cols[k].type, &b->cols[k], row, v, sizeof v);
            off += (size_t)snprintf(detail + off, sizeof detail - off, "%s%s", k ? ", " : "", v);
        }
        if (off < sizeof detail) snprintf(detail + off, sizeof detail - off, ").");
        err_detail(n->q->err, "%s", detail);
        return -1;
    }
    return 0;
}

/* The apply loops below run without exec_next: check for a cancel once per
 * stored batch there too. */
static int check_interrupt(ExecNode *n)
{
    return om_intr_check(n->q->err);
}

static int insert_row(ExecNode *n, ModifyState *s, const OmBatch *b, int row)
{
    if (check_not_null(n, b, row) < 0) return -1;
    if (stor_table_insert(n->q->txn, &n->plan->table->desc, &s->names, b, row, n->q->err) < 0) return -1;
    if (!n->plan->cte_writes) n->q->processed++;
    return 0;
}

/* Does the plan below read table oid? Then INSERT must not write while
 * it reads (INSERT INTO t SELECT ... FROM t would see its own rows). */
static bool plan_reads(const PhysNode *p, uint32_t oid)
{
    if (p->kind == PHYS_SCAN && p->table && p->table->oid == oid) return true;
    for (int i = 0; i < p->nchildren; i++)
        if (plan_reads(p->children[i], oid)) return true;
    return false;
}

/* RETURNING: the collected rows, a store batch per call. */
static int emit_rows(ExecNode *n, ModifyState *s, OmBatch **out)
{
    if (!n->plan->returning) return 0;
    while (s->emit < s->store.nbatches) {
        OmBatch *b = s->store.batches[s->emit++];
        if (b->count == 0) continue;
        s->view->ncols = n->plan->ncols;
        exec_batch_view(s->view, b, 0, b->count);
        *out = s->view;
        return 1;
    }
    return 0;
}

static int insert_apply(ExecNode *n, ModifyState *s)
{
    for (int bi = 0; bi < s->store.nbatches; bi++) {
        OmBatch *sb = s->store.batches[bi];
        if (check_interrupt(n) < 0) return -1;
        for (int r = 0; r < sb->count; r++)
            if (insert_row(n, s, sb, r) < 0) return -1;
    }
    s->applied = true;
    return 0;
}

static int insert_next(ExecNode *n, OmBatch **out)
{
    ModifyState *s = n->state;
    OmBatch *b;
    int rc;
    if (s->collected) return emit_rows(n, s, out);
    s->collected = true;
    if (s->materialize) {
        while ((rc = exec_next(n->child, &b)) > 0)
            if (exec_store_append(&s->store, b, b->cols, n->q->err) < 0) return -1;
        if (rc < 0) return -1;
        if (!n->plan->cte_writes && insert_apply(n, s) < 0) return -1;
        return emit_rows(n, s, out);
    }
    while ((rc = exec_next(n->child, &b)) > 0) {
        int live = om_batch_live(b);
        for (int k = 0; k < live; k++)
            if (insert_row(n, s, b, om_batch_row(b, k)) < 0) return -1;
    }
    s->applied = true;
    return rc;
}

static OmBatch *view_batch(MemCtx *ctx)
{
    OmBatch *v = mem_new(ctx, OmBatch);
    v->sel = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    return v;
}

int exec_insert_init(ExecNode *n)
{
    ModifyState *s = mem_new(n->q->ctx, ModifyState);
    init_names(n, s);
    s->materialize = plan_reads(n->plan->child, n->plan->table->oid) || n->plan->returning || n->plan->cte_writes;
    if (s->materialize) {
        const PhysNode *c = n->plan->child;
        exec_store_init(&s->store, mem_ctx_create(n->q->ctx, "insert-store"), c->ncols, exec_phys_types(n->q->ctx, c),
                        false);
        if (n->plan->returning || n->plan->cte_writes) exec_store_budget(&s->store, n->q, "INSERT ... RETURNING");
    }
    s->view = view_batch(n->q->ctx);
    n->state = s;
    n->next = insert_next;
    return 0;
}

/* UPDATE ... FROM / DELETE ... USING: has the target row of key k been
 * taken already (the join may match it more than once; PostgreSQL touches
 * it once, with one of the joined rows)? Records it if not. An open-
 * addressing set in the store's context, so its size counts against the
 * store's work_mem budget. */
static bool key_seen(ModifyState *s, OmStr k)
{
    uint64_t h = 1469598103934665603ULL;
    for (uint32_t i = 0; i < k.len; i++) h = (h ^ (uint8_t)k.ptr[i]) * 1099511628211ULL;
    if (s->nseen * 2 >= s->cap_seen) {
        size_t nc = s->cap_seen ? s->cap_seen * 2 : 1024;
        OmStr *ns = mem_zalloc(s->store.ctx, sizeof(OmStr) * nc);
        for (size_t i = 0; i < s->cap_seen; i++) {
            OmStr e = s->seen[i];
            if (!e.ptr) continue;
            uint64_t eh = 1469598103934665603ULL;
            for (uint32_t j = 0; j < e.len; j++) eh = (eh ^ (uint8_t)e.ptr[j]) * 1099511628211ULL;
            size_t at = eh & (nc - 1);
            while (ns[at].ptr) at = (at + 1) & (nc - 1);
            ns[at] = e;
        }
        s->seen = ns;
        s->cap_seen = nc;
    }
    size_t at = h & (s->cap_seen - 1);
    while (s->seen[at].ptr) {
        if (s->seen[at].len == k.len && !memcmp(s->seen[at].ptr, k.ptr, k.len)) return true;
        at = (at + 1) & (s->cap_seen - 1);
    }
    s->seen[at].ptr = mem_strndup(s->store.ctx, k.ptr, k.len);
    s->seen[at].len = k.len;
    s->nseen++;
    return false;
}

/* Read everything first, then apply. */
static int collect(ExecNode *n, ModifyState *s)
{
    const PhysNode *p = n->plan;
    OmBatch *b;
    int rc;
    OmVector *newcols = p->nexprs ? mem_new_array(n->q->ctx, OmVector, p->nexprs) : NULL;
    OmStr *keys = p->key_column ? mem_new_array(n->q->ctx, OmStr, OM_BATCH_SIZE) : NULL;
    uint16_t *sel1 = p->key_column ? mem_new_array(n->q->ctx, uint16_t, OM_BATCH_SIZE) : NULL;
    OmBatch view;
    while ((rc = exec_next(n->child, &b)) > 0) {
        mem_ctx_reset(s->var);
        if (p->key_column) {
            /* The keys come as a column: each target row once. */
            view = *b;
            const OmStr *kc = b->cols[p->key_slot].data;
            int nl = 0, live0 = om_batch_live(b);
            for (int k = 0; k < live0; k++) {
                int r = om_batch_row(b, k);
                keys[r] = kc[r];
                if (!key_seen(s, kc[r])) sel1[nl++] = (uint16_t)r;
            }
            view.keys = keys;
            view.sel = sel1;
            view.nsel = nl;
            view.has_sel = true;
            b = &view;
        }
        int live = om_batch_live(b);
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        for (int c = 0; c < p->nexprs; c++) {
            if (exec_expr_eval(s->exprs[c], b, sel, live, n->q->err) < 0) return -1;
            newcols[c] = s->exprs[c]->out;
        }
        if (exec_store_append(&s->store, b, newcols ? newcols : b->cols, n->q->err) < 0) return -1;
    }
    return rc;
}

static int update_apply(ExecNode *n, ModifyState *s)
{
    const StorTableDesc *d = &n->plan->table->desc;
    /* Delete every old row first, then insert the new ones, so an UPDATE
     * that permutes key values does not trip over rows it is about to move. */
    for (int bi = 0; bi < s->store.nbatches; bi++) {
        OmBatch *b = s->store.batches[bi];
        if (check_interrupt(n) < 0) return -1;
        for (int r = 0; r < b->count; r++)
            if (stor_table_delete(n->q->txn, d, b->keys[r], n->q->err) < 0) return -1;
    }
    for (int bi = 0; bi < s->store.nbatches; bi++) {
        OmBatch *b = s->store.batches[bi];
        if (check_interrupt(n) < 0) return -1;
        for (int r = 0; r < b->count; r++)
            if (insert_row(n, s, b, r) < 0) return -1;
    }
    s->applied = true;
    return 0;
}

static int delete_apply(ExecNode *n, ModifyState *s)
{
    const StorTableDesc *d = &n->plan->table->desc;
    for (int bi = 0; bi < s->store.nbatches; bi++) {
        OmBatch *b = s->store.batches[bi];
        if (check_interrupt(n) < 0) return -1;
        for (int r = 0; r < b->count; r++) {
            int rc = stor_table_delete(n->q->txn, d, b->keys[r], n->q->err);
            if (rc < 0) return -1;
            if (!n->plan->cte_writes) n->q->processed += (uint64_t)rc;
        }
    }
    s->applied = true;
    return 0;
}

static int update_next(ExecNode *n, OmBatch **out)
{
    ModifyState *s = n->state;
    if (!s->collected) {
        s->collected = true;
        if (collect(n, s) < 0) return -1;
        if (!n->plan->cte_writes && update_apply(n, s) < 0) return -1;
    }
    return emit_rows(n, s, out);
}

static int delete_next(ExecNode *n, OmBatch **out)
{
    ModifyState *s = n->state;
    if (!s->collected) {
        s->collected = true;
        if (collect(n, s) < 0) return -1;
        if (!n->plan->cte_writes && delete_apply(n, s) < 0) return -1;
    }
    return emit_rows(n, s, out);
}

int exec_modify_apply(ExecNode *n)
{
    ModifyState *s = n->state;
    if (s->applied) return 0;
    if (!s->collected) {
        /* Not read at all: run it now (a data-modifying CTE runs to
         * completion whether the query reads it or not). */
        OmBatch *b;
        int rc;
        while ((rc = n->next(n, &b)) > 0) {
        }
        if (rc < 0) return -1;
    }
    switch (n->plan->kind) {
    case PHYS_INSERT: return insert_apply(n, s);
    case PHYS_UPDATE: return update_apply(n, s);
    default: return delete_apply(n, s);
    }
}

static int modify_init(ExecNode *n, int (*next)(ExecNode *, OmBatch **))
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    ModifyState *s = mem_new(ctx, ModifyState);
    init_names(n, s);
    s->var = mem_ctx_create(ctx, "modify-var");
    int ncols = p->nexprs ? p->nexprs : p->child->ncols;
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, ncols > 0 ? ncols : 1);
    for (int c = 0; c < ncols; c++) ph[c] = type_phys(p->table->cols[c].type.id);
    if (p->nexprs) {
        s->exprs = mem_new_array(ctx, ExprState *, p->nexprs);
        for (int c = 0; c < p->nexprs; c++) s->exprs[c] = exec_expr_build(ctx, p->exprs[c], s->var, n->q);
    }
    /* DELETE keeps the old rows only to return them. */
    exec_store_init(&s->store, mem_ctx_create(ctx, "modify-store"), p->nexprs || p->returning ? ncols : 0, ph, true);
    s->view = view_batch(ctx);
    n->state = s;
    n->next = next;
    return 0;
}

int exec_update_init(ExecNode *n) { return modify_init(n, update_next); }
int exec_delete_init(ExecNode *n) { return modify_init(n, delete_next); }

/*
 * planner.c — physical plans from logical operator trees.
 *
 * Operator choice today: Get → Scan, Values → Values, Filter → Filter,
 * Project → Project, ProjectSet → ProjectSet, Aggregate → Agg, Join →
 * nested loop, Order → Sort, Limit → Limit, Distinct (ON) → Unique,
 * Aggregate with grouping sets → GroupingSets, DML → Insert/Update/Delete.
 * Column references are resolved here: each physical node knows the
 * (binding, column) pairs its input batch holds, in order, and every
 * expression it evaluates is copied with BE_COLUMN's binding replaced by
 * the slot (binding -1).
 */
#include <string.h>

#include "../functions/functions.h"
#include "../optimizer/optimizer.h"
#include "planner_int.h"

typedef struct Layout {
    int n;
    ColBinding *cols;
} Layout;

typedef struct PCtx {
    MemCtx *ctx;
    OmError *err;
    Layout used;        /* every column some expression of the statement reads */
    struct PCtx *parent;/* planning a subquery: the plan that evaluates it */
    Layout params;      /* a subquery's outer columns, by parameter slot */
    OmType *params_types;
} PCtx;

static PhysNode *pnode(PCtx *pc, PhysKind k, int nchildren)
{
    PhysNode *n = mem_new(pc->ctx, PhysNode);
    n->kind = k;
    n->nchildren = nchildren;
    if (nchildren) n->children = mem_new_array(pc->ctx, PhysNode *, nchildren);
    return n;
}

static void set_child(PhysNode *n, int i, PhysNode *c)
{
    n->children[i] = c;
    if (i == 0) {
        n->child = c;
        n->ncols = c->ncols;
        n->types = c->types;
    }
}

static int slot_of(const Layout *in, int binding, int col)
{
    for (int i = 0; i < in->n; i++)
        if (in->cols[i].binding == binding && in->cols[i].col == col) return i;
    return -1;
}

static int resolve(PCtx *pc, const BoundExpr *e, const Layout *in, BoundExpr **out);
static void layout_push(PCtx *pc, Layout *l, int binding, int col);
static int plan_op(PCtx *pc, const LogicalOp *op, PhysNode **out, Layout *lay);

static void use_all(PCtx *pc, const LogicalOp *root);

/* A subquery's plan: its outer columns become parameters, filled per
 * evaluation from param_src (resolved in the evaluating node's input). */
static int plan_subquery(PCtx *pc, BoundExpr *c, const Layout *in)
{
    Layout lay = {0};
    if (opt_optimize(pc->ctx, &c->subplan, pc->err) < 0) return -1;
    /* The rewrites may read columns nothing read before (a decorrelated
     * lateral join's hidden projections): count them as read. */
    use_all(pc, c->subplan);
    PCtx sub = {.ctx = pc->ctx, .err = pc->err, .used = pc->used, .parent = pc};
    if (plan_op(&sub, c->subplan, &c->subphys, &lay) < 0) return -1;
    c->nparams = sub.params.n;
    c->param_src = mem_new_array(pc->ctx, BoundExpr *, sub.params.n > 0 ? sub.params.n : 1);
    for (int i = 0; i < sub.params.n; i++) {
        BoundExpr ref = {.kind = BE_COLUMN, .binding = sub.params.cols[i].binding, .col = sub.params.cols[i].col,
                         .location = -1};
        ref.type = sub.params_types[i];
        if (resolve(pc, &ref, in, &c->param_src[i]) < 0) return -1;
    }
    return 0;
}

/* Copy e with every column reference resolved against in. */
static int resolve(PCtx *pc, const BoundExpr *e, const Layout *in, BoundExpr **out)
{
    if (!e) {
        *out = NULL;
        return 0;
    }
    BoundExpr *c = mem_new(pc->ctx, BoundExpr);
    *c = *e;
    if (e->kind == BE_COLUMN && e->binding >= 0) {
        int s = slot_of(in, e->binding, e->col);
        if (s < 0 && pc->parent) {
            /* A column of an enclosing query: a parameter of this subquery. */
            int p = slot_of(&pc->params, e->binding, e->col);
            if (p < 0) {
                p = pc->params.n;
                layout_push(pc, &pc->params, e->binding, e->col);
                pc->params_types = mem_realloc(pc->ctx, pc->params_types, sizeof(OmType) * (size_t)p,
                                               sizeof(OmType) * (size_t)(p + 1));
                pc->params_types[p] = e->type;
            }
            c->kind = BE_PARAM;
            c->binding = -1;
            c->col = p;
            *out = c;
            return 0;
        }
        if (s < 0)
            return err_set(pc->err, ERRCODE_INTERNAL_ERROR, "column (%d, %d) is not produced below its use", e->binding,
                           e->col);
        c->binding = -1;
        c->col = s;
    }
    if (e->kind == BE_SUBQUERY) {
        /* args[0..n-1] (the left operands) are over the outer row; the
         * last (the comparison) over the executor's probe slots, already
         * resolved. */
        if (e->nargs) {
            c->args = mem_new_array(pc->ctx, BoundExpr *, e->nargs);
            for (int i = 0; i < e->nargs - 1; i++)
                if (resolve(pc, e->args[i], in, &c->args[i]) < 0) return -1;
            c->args[e->nargs - 1] = e->args[e->nargs - 1];
        }
        if (plan_subquery(pc, c, in) < 0) return -1;
        *out = c;
        return 0;
    }
    if (e->nargs) {
        c->args = mem_new_array(pc->ctx, BoundExpr *, e->nargs);
        for (int i = 0; i < e->nargs; i++)
            if (resolve(pc, e->args[i], in, &c->args[i]) < 0) return -1;
    }
    *out = c;
    return 0;
}

static int resolve_list(PCtx *pc, BoundExpr **es, int n, const Layout *in, BoundExpr ***out)
{
    BoundExpr **r = mem_new_array(pc->ctx, BoundExpr *, n > 0 ? n : 1);
    for (int i = 0; i < n; i++)
        if (resolve(pc, es[i], in, &r[i]) < 0) return -1;
    *out = r;
    return 0;
}

/* The AND of a condition list, resolved (NULL when empty). */
static int resolve_conds(PCtx *pc, BoundExpr **conds, int n, const Layout *in, BoundExpr **out)
{
    *out = NULL;
    if (n == 0) return 0;
    if (n == 1) return resolve(pc, conds[0], in, out);
    BoundExpr *a = mem_new(pc->ctx, BoundExpr);
    a->kind = BE_AND;
    a->type = om_type(OM_T_BOOL);
    a->location = -1;
    a->nargs = n;
    if (resolve_list(pc, conds, n, in, &a->args) < 0) return -1;
    *out = a;
    return 0;
}

static void layout_push(PCtx *pc, Layout *l, int binding, int col)
{
    if ((l->n & (l->n - 1)) == 0) {
        int nc = l->n ? l->n * 2 : 8;
        l->cols = mem_realloc(pc->ctx, l->cols, sizeof(ColBinding) * (size_t)l->n, sizeof(ColBinding) * (size_t)nc);
    }
    l->cols[l->n].binding = binding;
    l->cols[l->n].col = col;
    l->n++;
}

static OmType *types_array(PCtx *pc, int n)
{
    return mem_new_array(pc->ctx, OmType, n > 0 ? n : 1);
}

static int plan_op(PCtx *pc, const LogicalOp *op, PhysNode **out, Layout *lay);
static void layout_push(PCtx *pc, Layout *l, int binding, int col);

/* ---- projection pushdown: which columns does anything read? ---- */

static void use_all(PCtx *pc, const LogicalOp *root);

/* Every output column of op counts as read. */
static void use_outputs(PCtx *pc, const LogicalOp *op)
{
    ColBinding *cb;
    OmType *ts;
    int n = lop_outputs(pc->ctx, op, &cb, &ts);
    for (int i = 0; i < n; i++)
        if (slot_of(&pc->used, cb[i].binding, cb[i].col) < 0) layout_push(pc, &pc->used, cb[i].binding, cb[i].col);
}

static bool use_expr(const BoundExpr *e, void *arg)
{
    PCtx *pc = arg;
    if (!e) return false;
    if (e->kind == BE_COLUMN && e->binding >= 0 && slot_of(&pc->used, e->binding, e->col) < 0)
        layout_push(pc, &pc->used, e->binding, e->col);
    for (int i = 0; i < e->nargs; i++) use_expr(e->args[i], pc);
    /* A subquery's own output columns are read by its expression. */
    if (e->kind == BE_SUBQUERY) use_all(pc, e->subplan);
    return false;
}

static bool has_volatile(const BoundExpr *e);

/* Top-down: an operator's consumers are its ancestors (and their
 * subqueries), so when op is visited every read of its outputs is known;
 * a projection's column nothing reads is not computed (see LOP_PROJECT
 * below) and what it would read does not count. */
static void use_op(PCtx *pc, const LogicalOp *op)
{
    if (op->kind == LOP_PROJECT) {
        for (int i = 0; i < op->nexprs; i++)
            if (slot_of(&pc->used, op->binding, i) >= 0 || has_volatile(op->exprs[i])) use_expr(op->exprs[i], pc);
    } else {
        lop_any_expr(op, use_expr, pc);
    }
    /* Append, recursive unions and the writes read their inputs by
     * position, not by binding; a CTE's definition is read by its CTE
     * scans by position too (all of its columns are computed, as in
     * PostgreSQL). */
    if (op->kind == LOP_SETOP || op->kind == LOP_INSERT || op->kind == LOP_UPDATE || op->kind == LOP_DELETE ||
        op->kind == LOP_RECURSIVE_UNION)
        for (int i = 0; i < op->nchildren; i++) use_outputs(pc, op->children[i]);
    if (op->kind == LOP_CTE) use_outputs(pc, op->children[1]);
    for (int i = 0; i < op->nchildren; i++) use_op(pc, op->children[i]);
}

static void use_all(PCtx *pc, const LogicalOp *root)
{
    use_outputs(pc, root);
    use_op(pc, root);
}

/* Does e use only columns of in (constants and outer columns aside)? */
static bool uses_only(const BoundExpr *e, const Layout *in)
{
    if (!e) return true;
    if (e->kind == BE_SUBQUERY) return false;
    if (e->kind == BE_COLUMN && e->binding >= 0 && slot_of(in, e->binding, e->col) < 0) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!uses_only(e->args[i], in)) return false;
    return true;
}

static bool uses_any(const BoundExpr *e, const Layout *in)
{
    if (!e) return false;
    if (e->kind == BE_COLUMN && e->binding >= 0 && slot_of(in, e->binding, e->col) >= 0) return true;
    for (int i = 0; i < e->nargs; i++)
        if (uses_any(e->args[i], in)) return true;
    return false;
}

static bool has_volatile(const BoundExpr *e)
{
    if (!e) return false;
    if (e->kind == BE_FUNC && e->fn && (e->fn->flags & FN_VOLATILE)) return true;
    if (e->kind == BE_SUBQUERY) return true;
    for (int i = 0; i < e->nargs; i++)
        if (has_volatile(e->args[i])) return true;
    return false;
}

/* Row estimates come from the optimizer's cardinality model
 * (optimizer/cardinality.c): statistics where ANALYZE gathered them. */
static double estimate(const LogicalOp *op) { return opt_est_rows(op); }

/* Types whose equality the hash functions (executor/exec_hash.c) follow. */
static bool hashable(OmTypeId t)
{
    return t != OM_T_JSON && t != OM_T_ARR_JSON && !type_is_array(t);
}

/* PostgreSQL runs a FULL JOIN as a hash join (some conjunct hashable, any
 * others as its join filter) or a merge join (every conjunct a mergeable
 * `left = right`, or a constant); with neither it refuses the query
 * (joinpath.c, select_mergejoin_clauses). Called when no conjunct made a
 * hash key here: is some conjunct neither an equality between the sides
 * (PostgreSQL merges or hashes those, arrays included) nor free of columns
 * and volatility (which PostgreSQL folds to a constant)? */
static bool full_join_refused(const LogicalOp *op, const Layout *l, const Layout *r)
{
    for (int i = 0; i < op->nconds; i++) {
        const BoundExpr *c = op->conds[i];
        /* x = true is x to PostgreSQL (simplify_boolean_equality). */
        while (c->kind == BE_OP && c->op == BOP_EQ && c->nargs == 2 && c->args[0]->type.id == OM_T_BOOL) {
            int k = -1;
            for (int s = 0; s < 2; s++)
                if (c->args[s]->kind == BE_CONST && !c->args[s]->is_null && ((const uint8_t *)c->args[s]->cval.data)[0])
                    k = s;
            if (k < 0) break;
            c = c->args[1 - k];
        }
        bool lu = uses_any(c, l), ru = uses_any(c, r);
        if (!lu && !ru && !has_volatile(c)) continue;
        if (c->kind == BE_OP && c->op == BOP_EQ && c->nargs == 2 &&
            ((uses_only(c->args[0], l) && uses_only(c->args[1], r) && uses_any(c->args[0], l) && uses_any(c->args[1], r)) ||
             (uses_only(c->args[1], l) && uses_only(c->args[0], r) && uses_any(c->args[1], l) && uses_any(c->args[0], r))))
            continue;
        return true;
    }
    return false;
}

static int plan_child(PCtx *pc, const LogicalOp *op, int i, PhysNode **out, Layout *lay)
{
    memset(lay, 0, sizeof *lay);
    return plan_op(pc, op->children[i], out, lay);
}

/* A lateral join: the left side as usual; the right side planned as a
 * subquery of the join (the left side's columns, and any of enclosing
 * queries, become its parameters, filled per left row from param_src);
 * the condition over left ++ right. The sides never swap. */
static int plan_lateral(PCtx *pc, const LogicalOp *op, PhysNode **out, Layout *lay)
{
    PhysNode *l, *r;
    Layout in = {0}, rl = {0};
    if (plan_child(pc, op, 0, &l, &in) < 0) return -1;
    PCtx sub = {.ctx = pc->ctx, .err = pc->err, .used = pc->used, .parent = pc};
    if (plan_op(&sub, op->children[1], &r, &rl) < 0) return -1;
    PhysNode *n = pnode(pc, PHYS_LATERAL_JOIN, 2);
    set_child(n, 0, l);
    n->children[1] = r;
    n->join_type = op->join_type;
    n->nparams = sub.params.n;
    n->param_src = mem_new_array(pc->ctx, BoundExpr *, sub.params.n > 0 ? sub.params.n : 1);
    for (int i = 0; i < sub.params.n; i++) {
        BoundExpr ref = {.kind = BE_COLUMN, .binding = sub.params.cols[i].binding, .col = sub.params.cols[i].col,
                         .location = -1};
        ref.type = sub.params_types[i];
        if (resolve(pc, &ref, &in, &n->param_src[i]) < 0) return -1;
    }
    Layout both = {0};
    for (int i = 0; i < in.n; i++) layout_push(pc, &both, in.cols[i].binding, in.cols[i].col);
    for (int i = 0; i < rl.n; i++) layout_push(pc, &both, rl.cols[i].binding, rl.cols[i].col);
    if (resolve_conds(pc, op->conds, op->nconds, &both, &n->pred) < 0) return -1;
    n->ncols = l->ncols + r->ncols;
    n->types = types_array(pc, n->ncols);
    for (int i = 0; i < l->ncols; i++) n->types[i] = l->types[i];
    for (int i = 0; i < r->ncols; i++) n->types[l->ncols + i] = r->types[i];
    *lay = both;
    *out = n;
    return 0;
}

static int plan_op(PCtx *pc, const LogicalOp *op, PhysNode **out, Layout *lay)
{
    PhysNode *n = NULL;
    Layout in = {0};
    switch (op->kind) {
    case LOP_GET:
        /* Only the columns something reads (UPDATE / DELETE keep whole rows). */
        n = pnode(pc, PHYS_SCAN, 0);
        n->table = op->table;
        n->want_keys = op->want_keys;
        n->types = types_array(pc, op->table->ncols);
        n->scan_cols = mem_new_array(pc->ctx, int, op->table->ncols > 0 ? op->table->ncols : 1);
        for (int i = 0; i < op->table->ncols; i++) {
            if (!op->want_keys && slot_of(&pc->used, op->binding, i) < 0) continue;
            n->scan_cols[n->ncols] = i;
            n->types[n->ncols++] = op->table->cols[i].type;
            layout_push(pc, lay, op->binding, i);
        }
        if (op->key_column) {
            /* The storage key as the last column (UPDATE ... FROM, DELETE ... USING). */
            n->key_column = true;
            n->types = mem_realloc(pc->ctx, n->types, sizeof(OmType) * (size_t)(op->table->ncols > 0 ? op->table->ncols : 1),
                                   sizeof(OmType) * (size_t)(n->ncols + 1));
            n->types[n->ncols++] = om_type(OM_T_BYTEA);
            layout_push(pc, lay, op->binding, op->table->ncols);
        }
        break;
    case LOP_VALUES:
        n = pnode(pc, PHYS_VALUES, 0);
        n->nrows = op->nrows;
        n->rows = op->rows;
        /* Cells may hold subqueries (planned here) and, inside a
         * subquery, outer columns (parameters). */
        if (op->ncols > 0) {
            n->rows = mem_new_array(pc->ctx, BoundExpr **, op->nrows > 0 ? op->nrows : 1);
            for (int r = 0; r < op->nrows; r++)
                if (resolve_list(pc, op->rows[r], op->ncols, &in, &n->rows[r]) < 0) return -1;
        }
        n->ncols = op->ncols;
        n->types = op->types;
        for (int i = 0; i < op->ncols; i++) layout_push(pc, lay, op->binding, i);
        break;
    case LOP_FILTER: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        /* pk = constant over a table: a key lookup instead of a scan (the
         * filter above still checks every condition). */
        int done = c->kind == PHYS_SCAN ? plan_pk_access(pc->ctx, op->children[0], op, c) : -1;
        BoundExpr **conds = op->conds;
        int nconds = op->nconds;
        if (done >= 0) {
            conds = mem_new_array(pc->ctx, BoundExpr *, nconds);
            int k = 0;
            for (int i = 0; i < nconds; i++)
                if (i != done) conds[k++] = op->conds[i];
            nconds = k;
            if (nconds == 0) {
                *out = c;
                *lay = in;
                return 0;
            }
        }
        n = pnode(pc, PHYS_FILTER, 1);
        set_child(n, 0, c);
        if (resolve_conds(pc, conds, nconds, &in, &n->pred) < 0) return -1;
        *lay = in;
        break;
    }
    case LOP_PROJECT: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, PHYS_PROJECT, 1);
        set_child(n, 0, c);
        n->nexprs = op->nexprs;
        n->exprs = mem_new_array(pc->ctx, BoundExpr *, op->nexprs > 0 ? op->nexprs : 1);
        /* A column nothing reads is not computed (PostgreSQL drops unused
         * subquery outputs too: their errors do not happen); volatile
         * calls still run. What it would read may not even be scanned. */
        for (int i = 0; i < op->nexprs; i++) {
            if (slot_of(&pc->used, op->binding, i) < 0 && op->exprs[i]->kind != BE_CONST && !has_volatile(op->exprs[i])) {
                BoundExpr *c = mem_new(pc->ctx, BoundExpr);
                c->kind = BE_CONST;
                c->type = op->exprs[i]->type;
                c->location = -1;
                c->is_null = true;
                c->cval.phys = type_phys(c->type.id);
                c->cval.data = mem_zalloc(pc->ctx, om_phys_size(c->cval.phys));
                c->cval.nulls = mem_new_array(pc->ctx, uint64_t, 1);
                om_vec_set_null(&c->cval, 0, true);
                n->exprs[i] = c;
            } else if (resolve(pc, op->exprs[i], &in, &n->exprs[i]) < 0) {
                return -1;
            }
        }
        n->ncols = op->nexprs;
        n->types = types_array(pc, n->ncols);
        for (int i = 0; i < op->nexprs; i++) {
            n->types[i] = op->exprs[i]->type;
            layout_push(pc, lay, op->binding, i);
        }
        break;
    }
    case LOP_PROJECT_SET: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, PHYS_PROJECT_SET, 1);
        set_child(n, 0, c);
        n->nsrfs = op->nsrfs;
        if (resolve_list(pc, op->srfs, op->nsrfs, &in, &n->srfs) < 0) return -1;
        n->srf_only = op->srf_only;
        n->ordinality = op->ordinality;
        int base = op->srf_only ? 0 : c->ncols;
        n->ncols = base + op->ncols;
        n->types = types_array(pc, n->ncols);
        for (int i = 0; i < base; i++) {
            n->types[i] = c->types[i];
            layout_push(pc, lay, in.cols[i].binding, in.cols[i].col);
        }
        for (int i = 0; i < op->ncols; i++) {
            n->types[base + i] = op->types[i];
            layout_push(pc, lay, op->binding, i);
        }
        break;
    }
    case LOP_AGGREGATE: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, PHYS_AGG, 1);
        set_child(n, 0, c);
        n->nexprs = op->nexprs;
        if (resolve_list(pc, op->exprs, op->nexprs, &in, &n->exprs) < 0) return -1;
        n->naggs = op->naggs;
        n->aggs = mem_new_array(pc->ctx, BoundAgg, op->naggs > 0 ? op->naggs : 1);
        for (int i = 0; i < op->naggs; i++) {
            n->aggs[i] = op->aggs[i];
            if (resolve_list(pc, op->aggs[i].args, op->aggs[i].nargs, &in, &n->aggs[i].args) < 0 ||
                resolve(pc, op->aggs[i].filter, &in, &n->aggs[i].filter) < 0)
                return -1;
        }
        /* Grouping sets: every set aggregated in one pass over the input
         * (executor/exec_gsets.c); grouping() results follow the aggregates. */
        if (op->ngsets > 0) {
            n->kind = PHYS_GROUPING_SETS;
            n->ngsets = op->ngsets;
            n->gsets = op->gsets;
            n->ngroupings = op->ngroupings;
            n->groupings = op->groupings;
        }
        n->ncols = op->nexprs + op->naggs + n->ngroupings;
        n->types = types_array(pc, n->ncols);
        for (int i = 0; i < op->nexprs; i++) {
            n->types[i] = op->exprs[i]->type;
            layout_push(pc, lay, op->binding, i);
        }
        for (int i = 0; i < op->naggs; i++) {
            n->types[op->nexprs + i] = op->aggs[i].type;
            layout_push(pc, lay, op->agg_binding, i);
        }
        for (int i = 0; i < n->ngroupings; i++) {
            n->types[op->nexprs + op->naggs + i] = om_type(OM_T_INT4);
            layout_push(pc, lay, op->grouping_binding, i);
        }
        break;
    }
    case LOP_JOIN: {
        if (op->lateral) {
            if (plan_lateral(pc, op, &n, lay) < 0) return -1;
            break;
        }
        PhysNode *l, *r;
        Layout rl = {0};
        if (plan_child(pc, op, 0, &l, &in) < 0 || plan_child(pc, op, 1, &r, &rl) < 0) return -1;
        /* An inner join builds its hash table on the smaller side; the
         * sides' order does not matter above it (columns go by binding). */
        if (op->join_type == JOIN_INNER && estimate(op->children[1]) > estimate(op->children[0])) {
            PhysNode *tn = l;
            l = r;
            r = tn;
            Layout tl = in;
            in = rl;
            rl = tl;
        }
        n = pnode(pc, PHYS_NL_JOIN, 2);
        set_child(n, 0, l);
        n->children[1] = r;
        n->join_type = op->join_type;
        Layout both = {0};
        for (int i = 0; i < in.n; i++) layout_push(pc, &both, in.cols[i].binding, in.cols[i].col);
        for (int i = 0; i < rl.n; i++) layout_push(pc, &both, rl.cols[i].binding, rl.cols[i].col);
        /* Equality conjuncts with one side over each input make it a hash
         * join; the rest is its residual condition. */
        BoundExpr **rest = mem_new_array(pc->ctx, BoundExpr *, op->nconds > 0 ? op->nconds : 1);
        int nrest = 0;
        n->lkeys = mem_new_array(pc->ctx, BoundExpr *, op->nconds > 0 ? op->nconds : 1);
        n->rkeys = mem_new_array(pc->ctx, BoundExpr *, op->nconds > 0 ? op->nconds : 1);
        for (int i = 0; i < op->nconds; i++) {
            const BoundExpr *c = op->conds[i];
            int side = -1;
            if (c->kind == BE_OP && c->op == BOP_EQ && c->nargs == 2 && hashable(c->args[0]->type.id)) {
                if (uses_only(c->args[0], &in) && uses_only(c->args[1], &rl) && uses_any(c->args[0], &in) &&
                    uses_any(c->args[1], &rl))
                    side = 0;
                else if (uses_only(c->args[1], &in) && uses_only(c->args[0], &rl) && uses_any(c->args[1], &in) &&
                         uses_any(c->args[0], &rl))
                    side = 1;
            }
            if (side < 0) {
                rest[nrest++] = op->conds[i];
                continue;
            }
            if (resolve(pc, c->args[side], &in, &n->lkeys[n->nkeys]) < 0 ||
                resolve(pc, c->args[1 - side], &rl, &n->rkeys[n->nkeys]) < 0)
                return -1;
            n->nkeys++;
        }
        if (op->join_type == JOIN_FULL && n->nkeys == 0 && full_join_refused(op, &in, &rl))
            return err_set(pc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        if (n->nkeys) n->kind = PHYS_HASH_JOIN;
        if (resolve_conds(pc, n->nkeys ? rest : op->conds, n->nkeys ? nrest : op->nconds, &both, &n->pred) < 0)
            return -1;
        bool semi = op->join_type == JOIN_SEMI || op->join_type == JOIN_ANTI;
        n->ncols = semi ? l->ncols : l->ncols + r->ncols;
        n->types = types_array(pc, n->ncols);
        for (int i = 0; i < l->ncols; i++) n->types[i] = l->types[i];
        for (int i = 0; !semi && i < r->ncols; i++) n->types[l->ncols + i] = r->types[i];
        *lay = semi ? in : both;
        break;
    }
    case LOP_ORDER: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        /* Rows that come from a scan in primary-key order need no sort. */
        if (plan_order_from_scan(op)) {
            *out = c;
            *lay = in;
            return 0;
        }
        n = pnode(pc, PHYS_SORT, 1);
        set_child(n, 0, c);
        n->nkeys = op->nkeys;
        n->keys = mem_new_array(pc->ctx, BoundOrder, op->nkeys > 0 ? op->nkeys : 1);
        for (int i = 0; i < op->nkeys; i++) {
            n->keys[i] = op->keys[i];
            if (resolve(pc, op->keys[i].expr, &in, &n->keys[i].expr) < 0) return -1;
            if (n->keys[i].expr->kind != BE_COLUMN)
                return err_set(pc->err, ERRCODE_INTERNAL_ERROR, "sort key is not a column of its input");
        }
        *lay = in;
        break;
    }
    case LOP_DISTINCT: {
        /* DISTINCT ON: Unique over the sorted child (the binder sorts). */
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, PHYS_DISTINCT, 1);
        set_child(n, 0, c);
        n->nexprs = op->nexprs;
        if (resolve_list(pc, op->exprs, op->nexprs, &in, &n->exprs) < 0) return -1;
        *lay = in;
        break;
    }
    case LOP_LIMIT: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, PHYS_LIMIT, 1);
        set_child(n, 0, c);
        /* Resolved over no input: a subquery there is planned (it sees
         * no column of this level). */
        Layout none = {0};
        if (resolve(pc, op->limit, &none, &n->limit) < 0 || resolve(pc, op->offset, &none, &n->offset) < 0) return -1;
        if (op->with_ties) {
            n->with_ties = true;
            n->ntie_keys = op->ntie_keys;
            n->tie_keys = mem_new_array(pc->ctx, BoundOrder, op->ntie_keys > 0 ? op->ntie_keys : 1);
            for (int i = 0; i < op->ntie_keys; i++) {
                n->tie_keys[i] = op->tie_keys[i];
                if (resolve(pc, op->tie_keys[i].expr, &in, &n->tie_keys[i].expr) < 0) return -1;
                if (n->tie_keys[i].expr->kind != BE_COLUMN)
                    return err_set(pc->err, ERRCODE_INTERNAL_ERROR, "tie key is not a column of its input");
            }
        }
        *lay = in;
        break;
    }
    case LOP_CTE: {
        /* The query, then the definition (planned apart: its layout is
         * its own; CTE scans read it by position). */
        PhysNode *c, *d;
        Layout dl;
        if (plan_child(pc, op, 0, &c, &in) < 0 || plan_child(pc, op, 1, &d, &dl) < 0) return -1;
        n = pnode(pc, PHYS_CTE, 2);
        set_child(n, 0, c);
        n->children[1] = d;
        n->cte_id = op->cte_id;
        n->cte_name = op->cte_name;
        n->cte_writes = op->cte_writes;
        /* A writing definition collects its rows and applies them when
         * the statement's query is done (PostgreSQL's snapshot rule: no
         * query of the statement sees them). */
        for (PhysNode *w = d; op->cte_writes && w; w = w->nchildren ? w->children[0] : NULL)
            if (w->kind == PHYS_INSERT || w->kind == PHYS_UPDATE || w->kind == PHYS_DELETE) {
                w->cte_writes = true;
                break;
            }
        *lay = in;
        break;
    }
    case LOP_CTE_REF:
    case LOP_WORKTABLE:
        n = pnode(pc, op->kind == LOP_CTE_REF ? PHYS_CTE_SCAN : PHYS_WORKTABLE_SCAN, 0);
        n->ncols = op->ncols;
        n->types = op->types;
        n->cte_id = op->cte_id;
        n->cte_name = op->cte_name;
        for (int i = 0; i < op->ncols; i++) layout_push(pc, lay, op->binding, i);
        break;
    case LOP_RECURSIVE_UNION: {
        PhysNode *a, *b;
        Layout al, bl;
        if (plan_child(pc, op, 0, &a, &al) < 0 || plan_child(pc, op, 1, &b, &bl) < 0) return -1;
        n = pnode(pc, PHYS_RECURSIVE_UNION, 2);
        n->children[0] = a;
        n->children[1] = b;
        n->child = a;
        n->setop_all = op->setop_all;
        n->cte_id = op->cte_id;
        n->cte_name = op->cte_name;
        n->ncols = op->ncols;
        n->types = op->types;
        for (int i = 0; i < op->ncols; i++) layout_push(pc, lay, op->binding, i);
        break;
    }
    case LOP_SETOP: {
        /* UNION ALL: the branches one after the other (both already
         * projected to the result's types). */
        n = pnode(pc, PHYS_SETOP, op->nchildren);
        for (int i = 0; i < op->nchildren; i++) {
            PhysNode *c;
            Layout cl;
            if (plan_child(pc, op, i, &c, &cl) < 0) return -1;
            n->children[i] = c;
        }
        n->child = n->children[0];
        n->setop = op->setop;
        n->setop_all = op->setop_all;
        n->ncols = op->ncols;
        n->types = op->types;
        for (int i = 0; i < op->ncols; i++) layout_push(pc, lay, op->binding, i);
        break;
    }
    case LOP_INSERT:
    case LOP_UPDATE:
    case LOP_DELETE: {
        PhysNode *c;
        if (plan_child(pc, op, 0, &c, &in) < 0) return -1;
        n = pnode(pc, op->kind == LOP_INSERT ? PHYS_INSERT : op->kind == LOP_UPDATE ? PHYS_UPDATE : PHYS_DELETE, 1);
        set_child(n, 0, c);
        n->table = op->table;
        n->nexprs = op->nexprs;
        if (op->nexprs && resolve_list(pc, op->exprs, op->nexprs, &in, &n->exprs) < 0) return -1;
        if (op->key_column) {
            n->key_column = true;
            n->key_slot = slot_of(&in, op->binding, op->table->ncols);
            if (n->key_slot < 0) return err_set(pc->err, ERRCODE_INTERNAL_ERROR, "the target's key column is missing");
        }
        n->ncols = 0;
        if (op->returning) {
            /* RETURNING: the affected rows, as table rows. */
            n->returning = true;
            n->ncols = op->table->ncols;
            n->types = types_array(pc, n->ncols);
            for (int i = 0; i < n->ncols; i++) {
                n->types[i] = op->table->cols[i].type;
                layout_push(pc, lay, op->binding, i);
            }
        }
        break;
    }
    default:
        return err_set(pc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this query shape is not supported yet");
    }
    n->est_rows = estimate(op);
    *out = n;
    return 0;
}

int plan_stmt(MemCtx *ctx, const BoundStmt *st, Plan **out, OmError *err)
{
    PCtx pc = {.ctx = ctx, .err = err};
    Plan *p = mem_new(ctx, Plan);
    *out = p;
    Layout lay = {0};
    switch (st->kind) {
    case BS_SELECT:
        if (opt_optimize(ctx, &st->query->root, err) < 0) return -1;
        use_all(&pc, st->query->root);
        if (plan_op(&pc, st->query->root, &p->root, &lay) < 0) return -1;
        p->returns_rows = true;
        p->nvisible = st->query->ntargets;
        p->names = st->query->names;
        p->src_table = st->query->src_table;
        p->src_attnum = st->query->src_attnum;
        return 0;
    case BS_INSERT:
    case BS_UPDATE:
    case BS_DELETE: {
        /* With RETURNING the statement's query is a projection over the
         * write, and its rows go to the client. */
        if (st->query) {
            if (opt_optimize(ctx, &st->query->root, err) < 0) return -1;
            use_all(&pc, st->query->root);
            if (plan_op(&pc, st->query->root, &p->root, &lay) < 0) return -1;
            p->returns_rows = true;
            p->nvisible = st->query->ntargets;
            p->names = st->query->names;
            p->src_table = st->query->src_table;
            p->src_attnum = st->query->src_attnum;
            return 0;
        }
        LogicalOp *root = st->dml;
        if (opt_optimize(ctx, &root, err) < 0) return -1;
        use_all(&pc, root);
        return plan_op(&pc, root, &p->root, &lay);
    }
    default:
        return err_set(err, ERRCODE_INTERNAL_ERROR, "statement has no plan");
    }
}

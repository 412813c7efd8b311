/*
 * cardinality.c — row estimates: how many rows an operator produces, from
 * the statistics ANALYZE gathered (catalog/cat_stats.c) where they exist and
 * PostgreSQL's default selectivities (utils/selfuncs.h) where they do not.
 *
 * What it follows of PostgreSQL's clause selectivity (clausesel.c,
 * selfuncs.c), in small:
 *   - col = const: the value's frequency if it is a most common value, else
 *     the rest spread evenly over the other distinct values (eqsel);
 *   - col < / <= / > / >= const: the MCVs that satisfy it plus the
 *     histogram's fraction below / above, interpolated within a bucket for
 *     types with a numeric scale (convert_to_scalar: numbers, dates and
 *     timestamps on one µs axis, intervals) and half a bucket otherwise;
 *     a lower and an upper bound on one column together are a range
 *     (lo + hi − 1), not two independent conditions;
 *   - IS [NOT] NULL from the NULL fraction; NOT, AND (product), OR
 *     (s1 + s2 − s1·s2);
 *   - equi-join: (1 − nullfrac₁)(1 − nullfrac₂) / max(nd₁, nd₂), each side's
 *     distinct count no more than its estimated rows (eqjoinsel without the
 *     MCV matching);
 *   - GROUP BY: the product of the keys' distinct counts, at most the input
 *     rows (estimate_num_groups).
 * Without statistics: 0.005 for equality (1 / rows for a single-column key
 * or UNIQUE), 1/3 for inequalities, 200 distinct values. Table rows are
 * always the current exact count from storage (the binder reads it), so
 * fractions from an older ANALYZE scale with the table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../functions/like.h"
#include "opt_int.h"

#define DEFAULT_EQ_SEL 0.005
#define DEFAULT_INEQ_SEL (1.0 / 3.0)
#define DEFAULT_NUM_DISTINCT 200.0
#define DEFAULT_MATCH_SEL 0.005
#define DEFAULT_UNK_SEL 0.005

typedef struct ColInfo {
    CatColStats *cs;     /* NULL: no statistics */
    OmType type;         /* the column's type */
    double base_rows;    /* rows of its table now */
    bool unique;         /* a single-column primary key or UNIQUE */
    MemCtx *ctx;
} ColInfo;

static MemCtx *stats_ctx(const LogicalOp *get) { return get->stats_ctx; }

/* The table column behind (binding, col) in op's tree, through projections
 * of plain columns. */
static bool find_col(const LogicalOp *op, int binding, int col, ColInfo *ci)
{
    if (!op) return false;
    if (op->kind == LOP_GET && op->binding == binding) {
        const CatTable *t = op->table;
        if (!t || col < 0 || col >= t->ncols) return false;
        memset(ci, 0, sizeof *ci);
        ci->type = t->cols[col].type;
        ci->base_rows = op->est_rows > 0 ? op->est_rows : 1000;
        ci->unique = t->npk == 1 && t->pk_cols[0] == col;
        for (int u = 0; u < t->nuniq && !ci->unique; u++) ci->unique = t->uniq[u].ncols == 1 && t->uniq[u].cols[0] == col;
        if (op->stats && col < op->stats->ncols && op->stats->cols[col].present) ci->cs = &op->stats->cols[col];
        ci->ctx = stats_ctx(op);
        return true;
    }
    if (op->kind == LOP_PROJECT && op->binding == binding) {
        if (col < 0 || col >= op->nexprs) return false;
        const BoundExpr *e = op->exprs[col];
        return e->kind == BE_COLUMN && find_col(op->children[0], e->binding, e->col, ci);
    }
    for (int i = 0; i < op->nchildren; i++)
        if (find_col(op->children[i], binding, col, ci)) return true;
    return false;
}

/* A column reference, under casts that keep its values' order (the binder
 * casts the narrower side of a cross-type comparison). */
static const BoundExpr *strip(const BoundExpr *e)
{
    while (e && e->kind == BE_CAST && e->nargs == 1) e = e->args[0];
    return e;
}

static double col_ndistinct(const ColInfo *ci, double rel_rows)
{
    double nd;
    if (ci->cs && ci->cs->n_distinct > 0) nd = ci->cs->n_distinct;
    else if (ci->cs && ci->cs->n_distinct < 0) nd = -ci->cs->n_distinct * ci->base_rows;
    else if (ci->unique) nd = ci->base_rows;
    else nd = DEFAULT_NUM_DISTINCT;
    if (rel_rows > 0 && nd > rel_rows) nd = rel_rows;
    return nd < 1 ? 1 : nd;
}

/* A value on a numeric axis (PostgreSQL's convert_to_scalar), or false. */
static bool scalar_of(OmType t, const OmVector *v, int r, double *out)
{
    if (om_vec_is_null(v, r)) return false;
    switch (t.id) {
    case OM_T_BOOL: *out = ((const uint8_t *)v->data)[r]; return true;
    case OM_T_INT2: *out = ((const int16_t *)v->data)[r]; return true;
    case OM_T_INT4: *out = ((const int32_t *)v->data)[r]; return true;
    case OM_T_INT8: *out = (double)((const int64_t *)v->data)[r]; return true;
    case OM_T_FLOAT4: *out = ((const float *)v->data)[r]; return true;
    case OM_T_FLOAT8: *out = ((const double *)v->data)[r]; return true;
    case OM_T_DATE: *out = (double)((const int32_t *)v->data)[r] * 86400e6; return true;
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
    case OM_T_TIME: *out = (double)((const int64_t *)v->data)[r]; return true;
    case OM_T_INTERVAL: *out = (double)om_interval_span(((const OmInterval *)v->data)[r]); return true;
    case OM_T_NUMERIC:
        if (v->phys != OM_PHYS_STR) return false;
        {
            const OmStr *s = (const OmStr *)v->data + r;
            char buf[64];
            if (s->len == 0 || s->len >= sizeof buf) return false;
            memcpy(buf, s->ptr, s->len);
            buf[s->len] = 0;
            char *end;
            *out = strtod(buf, &end);
            return end != buf;
        }
    default: return false;
    }
}

static bool ordered_type(OmTypeId t) { return t != OM_T_JSON && t != OM_T_ARR_JSON; }

/* Compare the constant with statistics value i: the same type, or both on
 * the scalar axis. *ok false when they cannot be compared. */
static int cmp_const(const ColInfo *ci, const OmVector *vals, int i, const BoundExpr *k, bool *ok)
{
    *ok = true;
    if (k->type.id == ci->type.id && ordered_type(k->type.id)) return -type_compare(ci->type, &k->cval, 0, vals, i);
    double a, b;
    if (scalar_of(ci->type, vals, i, &a) && scalar_of(k->type, &k->cval, 0, &b)) return (a > b) - (a < b);
    *ok = false;
    return 0;
}

static double eq_sel(const ColInfo *ci, const BoundExpr *k, double rel_rows)
{
    if (k && k->is_null) return 0;
    if (!ci->cs) return ci->unique ? 1.0 / (ci->base_rows > 1 ? ci->base_rows : 1) : DEFAULT_EQ_SEL;
    CatColStats *cs = ci->cs;
    double mcv_sum = 0;
    bool have = k && cat_col_stats_values(cs, ci->type, ci->ctx);
    for (int i = 0; i < cs->nmcv; i++) {
        mcv_sum += cs->mcv_freq[i];
        bool ok;
        if (have && cmp_const(ci, &cs->mcv, i, k, &ok) == 0 && ok) return cs->mcv_freq[i];
    }
    double nd = col_ndistinct(ci, 0);
    double other = nd - cs->nmcv;
    double s = (1 - cs->null_frac - mcv_sum) / (other >= 1 ? other : 1);
    (void)rel_rows;
    if (s < 0) s = 0;
    /* A value absent from the MCVs is no more common than the least common of them. */
    if (cs->nmcv && s > cs->mcv_freq[cs->nmcv - 1]) s = cs->mcv_freq[cs->nmcv - 1];
    return s;
}

/* Fraction of the rows with col < k (lt) or col > k (!lt); le/ge count the
 * equal ones too (they matter for MCVs only). */
static double ineq_sel(const ColInfo *ci, const BoundExpr *k, bool lt, bool eq)
{
    if (!k || k->is_null) return k ? 0 : DEFAULT_INEQ_SEL;
    if (!ci->cs || !cat_col_stats_values(ci->cs, ci->type, ci->ctx)) return DEFAULT_INEQ_SEL;
    CatColStats *cs = ci->cs;
    double mcv_sum = 0, mcv_hit = 0;
    bool ok = true;
    for (int i = 0; i < cs->nmcv; i++) {
        mcv_sum += cs->mcv_freq[i];
        bool one;
        int c = cmp_const(ci, &cs->mcv, i, k, &one); /* value vs constant */
        if (!one) ok = false;
        if ((lt && (c < 0 || (eq && c == 0))) || (!lt && (c > 0 || (eq && c == 0)))) mcv_hit += cs->mcv_freq[i];
    }
    if (!ok) return DEFAULT_INEQ_SEL;
    double frac = 0.5; /* of the histogram below k */
    int nh = cs->nhist;
    if (nh >= 2) {
        int lo = 0, hi = nh - 1;
        bool one;
        if (cmp_const(ci, &cs->hist, 0, k, &one) >= 0) frac = 0;            /* k at or below the first bound */
        else if (cmp_const(ci, &cs->hist, nh - 1, k, &one) < 0) frac = 1;  /* above the last */
        else {
            while (hi - lo > 1) { /* hist[lo] < k <= hist[hi] */
                int mid = (lo + hi) / 2;
                if (cmp_const(ci, &cs->hist, mid, k, &one) < 0) lo = mid;
                else hi = mid;
            }
            double a, b, x, pos = 0.5;
            if (scalar_of(ci->type, &cs->hist, lo, &a) && scalar_of(ci->type, &cs->hist, hi, &b) &&
                scalar_of(k->type, &k->cval, 0, &x) && b > a)
                pos = (x - a) / (b - a);
            if (pos < 0) pos = 0;
            if (pos > 1) pos = 1;
            frac = ((double)lo + pos) / (double)(nh - 1);
        }
    } else if (cs->nmcv == 0) {
        return DEFAULT_INEQ_SEL;
    }
    double rest = 1 - cs->null_frac - mcv_sum;
    if (rest < 0) rest = 0;
    double s = mcv_hit + rest * (lt ? frac : 1 - frac);
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

/* col op const with col a column of rel (either side; the operator turned
 * around when the constant comes first). */
static bool restriction(const LogicalOp *rel, const BoundExpr *e, ColInfo *ci, const BoundExpr **k, BoundOp *op,
                        const BoundExpr **colp)
{
    if (e->kind != BE_OP || e->nargs != 2) return false;
    for (int s = 0; s < 2; s++) {
        const BoundExpr *c = strip(e->args[s]), *v = e->args[1 - s];
        if (c->kind != BE_COLUMN || v->kind != BE_CONST) continue;
        if (!find_col(rel, c->binding, c->col, ci)) return false;
        if (colp) *colp = c;
        /* The constant must be comparable with the column's own values:
         * the column uncast, or a cast of it PostgreSQL would order alike. */
        *k = v;
        BoundOp o = e->op;
        if (s == 1) o = o == BOP_LT ? BOP_GT : o == BOP_GT ? BOP_LT : o == BOP_LE ? BOP_GE : o == BOP_GE ? BOP_LE : o;
        *op = o;
        return true;
    }
    return false;
}

static double clause_sel(const LogicalOp *rel, const BoundExpr *e, double rel_rows);

/* col LIKE 'pattern': the pattern tried on the MCVs and on the histogram's
 * bounds as a sample of the other values (PostgreSQL's patternsel does the
 * same once the histogram has 100 entries); with fewer, a fixed guess. */
static double like_sel(const ColInfo *ci, const BoundExpr *k, bool icase)
{
    if (k->is_null) return 0;
    if (k->cval.phys != OM_PHYS_STR || !ci->cs || ci->type.id == OM_T_BYTEA ||
        !cat_col_stats_values(ci->cs, ci->type, ci->ctx) || ci->cs->mcv.phys != OM_PHYS_STR)
        return DEFAULT_MATCH_SEL * 10;
    CatColStats *cs = ci->cs;
    const OmStr *pat = (const OmStr *)k->cval.data;
    FnLikePat pc, *p = &pc;
    MemCtx *tmp = mem_ctx_create(NULL, "like-sel");
    fn_like_compile(tmp, pat->ptr, pat->len, "\\", 1, icase, &pc);
    OmError e = {0};
    double mcv_sum = 0, hit = 0;
    for (int i = 0; i < cs->nmcv; i++) {
        const OmStr *v = (const OmStr *)cs->mcv.data + i;
        mcv_sum += cs->mcv_freq[i];
        if (fn_like_match(p, v->ptr, v->len, &e) == 1) hit += cs->mcv_freq[i];
    }
    double rest = 1 - cs->null_frac - mcv_sum;
    if (rest > 0) {
        if (cs->nhist >= 10) {
            int m = 0;
            for (int i = 0; i < cs->nhist; i++) {
                const OmStr *v = (const OmStr *)cs->hist.data + i;
                m += fn_like_match(p, v->ptr, v->len, &e) == 1;
            }
            /* Never 0 or 1 from a sample of bounds (patternsel's clamp). */
            double f = (double)m / cs->nhist;
            double lo = 1.0 / (cs->nhist + 2), hi = 1 - lo;
            hit += rest * (f < lo ? lo : f > hi ? hi : f);
        } else {
            hit += rest * DEFAULT_MATCH_SEL * 10;
        }
    }
    mem_ctx_delete(tmp);
    return hit;
}

/* AND of conjuncts, pairing a lower and an upper bound of one column into
 * a range (clauselist_selectivity's addRangeClause). */
static double conj_sel(const LogicalOp *rel, BoundExpr *const *cs, int n, double rel_rows)
{
    double s = 1;
    bool *used = calloc((size_t)(n ? n : 1), 1);
    for (int i = 0; i < n; i++) {
        if (used[i]) continue;
        ColInfo a, b;
        const BoundExpr *ka, *kb, *ca, *cb;
        BoundOp oa, ob;
        if (restriction(rel, cs[i], &a, &ka, &oa, &ca) && oa >= BOP_LT && oa <= BOP_GE) {
            bool a_lower = oa == BOP_GT || oa == BOP_GE;
            for (int j = i + 1; j < n; j++) {
                if (used[j] || !restriction(rel, cs[j], &b, &kb, &ob, &cb) || ob < BOP_LT || ob > BOP_GE) continue;
                if (ca->binding != cb->binding || ca->col != cb->col) continue;
                bool b_lower = ob == BOP_GT || ob == BOP_GE;
                if (a_lower == b_lower || !a.cs) continue;
                double lo = a_lower ? ineq_sel(&a, ka, false, oa == BOP_GE) : ineq_sel(&b, kb, false, ob == BOP_GE);
                double hi = a_lower ? ineq_sel(&b, kb, true, ob == BOP_LE) : ineq_sel(&a, ka, true, oa == BOP_LE);
                double r = lo + hi - 1 + a.cs->null_frac;
                if (r <= 0) r = 1e-4; /* PostgreSQL's floor for an empty-looking range */
                s *= r;
                used[i] = used[j] = true;
                break;
            }
        }
        if (!used[i]) s *= clause_sel(rel, cs[i], rel_rows);
    }
    free(used);
    return s;
}

static double clause_sel(const LogicalOp *rel, const BoundExpr *e, double rel_rows)
{
    ColInfo ci;
    const BoundExpr *k;
    BoundOp op;
    double s;
    switch (e->kind) {
    case BE_CONST: return e->is_null ? 0 : (e->cval.phys == OM_PHYS_BOOL && ((uint8_t *)e->cval.data)[0]) ? 1 : 0;
    case BE_AND: return conj_sel(rel, e->args, e->nargs, rel_rows);
    case BE_OR:
        s = 0;
        for (int i = 0; i < e->nargs; i++) {
            double x = clause_sel(rel, e->args[i], rel_rows);
            s = s + x - s * x;
        }
        return s;
    case BE_NOT: return 1 - clause_sel(rel, e->args[0], rel_rows);
    case BE_NULLTEST: {
        const BoundExpr *c = strip(e->args[0]);
        if (c->kind == BE_COLUMN && find_col(rel, c->binding, c->col, &ci) && ci.cs)
            return e->op == BOP_ISNULL ? ci.cs->null_frac : 1 - ci.cs->null_frac;
        return e->op == BOP_ISNULL ? DEFAULT_UNK_SEL : 1 - DEFAULT_UNK_SEL;
    }
    case BE_OP:
        if (restriction(rel, e, &ci, &k, &op, NULL)) {
            switch (op) {
            case BOP_EQ:
            case BOP_IS_NOT_DISTINCT: return eq_sel(&ci, k, rel_rows);
            case BOP_NE:
            case BOP_IS_DISTINCT: {
                double nf = ci.cs ? ci.cs->null_frac : 0;
                s = 1 - eq_sel(&ci, k, rel_rows) - nf;
                return s < 0 ? 0 : s;
            }
            case BOP_LT: return ineq_sel(&ci, k, true, false);
            case BOP_LE: return ineq_sel(&ci, k, true, true);
            case BOP_GT: return ineq_sel(&ci, k, false, false);
            case BOP_GE: return ineq_sel(&ci, k, false, true);
            case BOP_LIKE:
            case BOP_ILIKE: return like_sel(&ci, k, op == BOP_ILIKE);
            case BOP_NOT_LIKE:
            case BOP_NOT_ILIKE: {
                double nf = ci.cs ? ci.cs->null_frac : 0;
                s = 1 - like_sel(&ci, k, op == BOP_NOT_ILIKE) - nf;
                return s < 0 ? 0 : s;
            }
            default: break;
            }
        }
        if (e->op == BOP_EQ && e->nargs == 2) {
            /* Two columns of one relation (or an expression): 1 / max(nd). */
            const BoundExpr *a = strip(e->args[0]), *b = strip(e->args[1]);
            ColInfo x, y;
            if (a->kind == BE_COLUMN && b->kind == BE_COLUMN && find_col(rel, a->binding, a->col, &x) &&
                find_col(rel, b->binding, b->col, &y)) {
                double na = col_ndistinct(&x, rel_rows), nb = col_ndistinct(&y, rel_rows);
                return 1.0 / (na > nb ? na : nb);
            }
            return DEFAULT_EQ_SEL;
        }
        if (e->op == BOP_NE) return 1 - DEFAULT_EQ_SEL;
        return DEFAULT_INEQ_SEL;
    case BE_ANY_ALL:
        /* x = ANY (array of n constants): n equalities. */
        return DEFAULT_INEQ_SEL;
    default: return DEFAULT_INEQ_SEL;
    }
}

double opt_conds_sel(const LogicalOp *rel, BoundExpr *const *conds, int n, double rel_rows)
{
    double s = conj_sel(rel, conds, n, rel_rows);
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

/* An equi-join condition l.a = r.b between two subtrees: PostgreSQL's
 * eqjoinsel without MCV matching. Anything else: the restriction default. */
double opt_join_cond_sel(const LogicalOp *left, double lrows, const LogicalOp *right, double rrows, const BoundExpr *c)
{
    if (c->kind == BE_OP && c->op == BOP_EQ && c->nargs == 2) {
        const BoundExpr *a = strip(c->args[0]), *b = strip(c->args[1]);
        ColInfo x, y;
        if (a->kind == BE_COLUMN && b->kind == BE_COLUMN) {
            bool ok = (find_col(left, a->binding, a->col, &x) && find_col(right, b->binding, b->col, &y)) ||
                      (find_col(left, b->binding, b->col, &x) && find_col(right, a->binding, a->col, &y));
            if (ok) {
                double nx = col_ndistinct(&x, lrows), ny = col_ndistinct(&y, rrows);
                double nfx = x.cs ? x.cs->null_frac : 0, nfy = y.cs ? y.cs->null_frac : 0;
                return (1 - nfx) * (1 - nfy) / (nx > ny ? nx : ny);
            }
        }
        return DEFAULT_EQ_SEL;
    }
    return DEFAULT_INEQ_SEL;
}

static double clamp_rows(double r) { return r < 1 ? 1 : r; }

double opt_est_rows(const LogicalOp *op)
{
    switch (op->kind) {
    case LOP_GET: return op->est_rows > 0 ? op->est_rows : 1000;
    case LOP_VALUES: return op->nrows;
    case LOP_FILTER: {
        double r = opt_est_rows(op->children[0]);
        return clamp_rows(r * opt_conds_sel(op->children[0], op->conds, op->nconds, r));
    }
    case LOP_JOIN: {
        const LogicalOp *L = op->children[0], *R = op->children[1];
        double l = opt_est_rows(L), r = opt_est_rows(R);
        double s = 1;
        for (int i = 0; i < op->nconds; i++) s *= opt_join_cond_sel(L, l, R, r, op->conds[i]);
        double inner = l * r * s;
        switch (op->join_type) {
        case JOIN_INNER: return clamp_rows(inner);
        case JOIN_LEFT: return clamp_rows(inner > l ? inner : l);
        case JOIN_RIGHT: return clamp_rows(inner > r ? inner : r);
        case JOIN_FULL: return clamp_rows(inner > l + r ? inner : l + r);
        case JOIN_SEMI: {
            double f = r * s; /* expected matches per left row, as a fraction */
            return clamp_rows(l * (f > 1 ? 1 : f));
        }
        case JOIN_ANTI: {
            double f = r * s;
            return clamp_rows(l * (1 - (f > 1 ? 1 : f)));
        }
        }
        return clamp_rows(inner);
    }
    case LOP_AGGREGATE: {
        double c = opt_est_rows(op->children[0]);
        if (op->nexprs == 0) return 1;
        double g = 1;
        bool known = true;
        for (int i = 0; i < op->nexprs; i++) {
            const BoundExpr *e = strip(op->exprs[i]);
            ColInfo ci;
            if (e->kind == BE_COLUMN && find_col(op->children[0], e->binding, e->col, &ci)) g *= col_ndistinct(&ci, c);
            else known = false;
        }
        double one = known ? (g < c ? g : c) : (c > 1000 ? c / 10 : c);
        return clamp_rows(op->ngsets > 0 ? one * op->ngsets : one);
    }
    case LOP_LIMIT: {
        double c = opt_est_rows(op->children[0]);
        if (op->limit && op->limit->kind == BE_CONST && !op->limit->is_null && op->limit->cval.phys == OM_PHYS_I64) {
            double lim = (double)((int64_t *)op->limit->cval.data)[0];
            if (lim < c) return clamp_rows(lim);
        }
        return c;
    }
    case LOP_SETOP: return opt_est_rows(op->children[0]) + opt_est_rows(op->children[1]);
    default: return op->nchildren ? opt_est_rows(op->children[0]) : 1;
    }
}

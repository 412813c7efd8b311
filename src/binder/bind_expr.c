/*
 * bind_expr.c — binding expressions: names, literals, operators, casts,
 * CASE/COALESCE/NULLIF, boolean tests and aggregate calls.
 *
 * Typing follows PostgreSQL's parse analysis for the supported types:
 *   - an integer literal is integer, one too big for it bigint, a decimal
 *     literal numeric; a quoted literal is unknown until context decides;
 *   - an operator with one unknown operand takes the other operand's type;
 *   - numeric operands meet at the wider type (smallint < integer < bigint <
 *     numeric < real < double precision; real with anything else is double);
 *   - string operands meet as text (both char(n): char(n) semantics).
 * Casts of literals are folded here, so their errors carry the literal's
 * position as PostgreSQL's do.
 */
#include <stdio.h>
#include <string.h>

#include "../executor/executor.h"
#include "../functions/functions.h"
#include "../functions/fn_agg.h"
#include "../functions/like.h"
#include "../types/datetime.h"
#include "bind_int.h"

int bind_error_at(BindCtx *bc, int location)
{
    if (location >= 0) err_position(bc->err, parse_position(bc->sql, location));
    return -1;
}

const char *bind_node_name(PgQuery__Node *n)
{
    if (n && n->node_case == PG_QUERY__NODE__NODE_STRING) return n->string->sval;
    return NULL;
}

int bind_node_location(PgQuery__Node *n)
{
    if (!n) return -1;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST: return n->a_const->location;
    case PG_QUERY__NODE__NODE_COLUMN_REF: return n->column_ref->location;
    case PG_QUERY__NODE__NODE_A_EXPR: return n->a_expr->lexpr ? bind_node_location(n->a_expr->lexpr) : n->a_expr->location;
    case PG_QUERY__NODE__NODE_TYPE_CAST: return bind_node_location(n->type_cast->arg);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: return bind_node_location(n->collate_clause->arg);
    case PG_QUERY__NODE__NODE_FUNC_CALL: return n->func_call->location;
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: return n->grouping_func->location;
    case PG_QUERY__NODE__NODE_BOOL_EXPR: return n->bool_expr->location;
    case PG_QUERY__NODE__NODE_CASE_EXPR: return n->case_expr->location;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: return n->coalesce_expr->location;
    case PG_QUERY__NODE__NODE_NULL_TEST: return bind_node_location(n->null_test->arg);
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT: return n->set_to_default->location;
    case PG_QUERY__NODE__NODE_PARAM_REF: return n->param_ref->location;
    case PG_QUERY__NODE__NODE_RES_TARGET: return n->res_target->location;
    default: return -1;
    }
}

BoundExpr *bind_make_const(MemCtx *ctx, OmType t, bool is_null) { return node_make_const(ctx, t, is_null); }

BoundExpr *bind_new_expr(BindCtx *bc, BoundExprKind k, OmType t, int loc, int nargs)
{
    BoundExpr *e = mem_new(bc->ctx, BoundExpr);
    e->kind = k;
    e->type = t;
    e->location = loc;
    e->nargs = nargs;
    if (nargs) e->args = mem_new_array(bc->ctx, BoundExpr *, nargs);
    return e;
}

bool bind_has_volatile(const BoundExpr *e)
{
    if (!e) return false;
    if (e->kind == BE_FUNC && (e->fn->flags & FN_VOLATILE)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (bind_has_volatile(e->args[i])) return true;
    return false;
}

bool bind_refs_binding(const BoundExpr *e, int binding)
{
    if (!e) return false;
    if (e->kind == BE_COLUMN && e->binding == binding) return true;
    for (int i = 0; i < e->nargs; i++)
        if (bind_refs_binding(e->args[i], binding)) return true;
    return false;
}

int bind_eval_const(BindCtx *bc, BoundExpr *e, BoundExpr **out)
{
    BoundExpr *c = bind_make_const(bc->ctx, e->type, false);
    c->location = e->location;
    bool isnull = false;
    if (exec_eval_const(bc->ctx, e, &c->cval, &isnull, bc->err) < 0) return -1;
    c->is_null = isnull;
    om_vec_set_null(&c->cval, 0, isnull);
    *out = c;
    return 0;
}

/* ---- literals ---------------------------------------------------------- */

static int bind_aconst(BindCtx *bc, PgQuery__AConst *ac, BoundExpr **out)
{
    BoundExpr *e;
    if (ac->isnull) {
        e = bind_make_const(bc->ctx, om_type(OM_T_UNKNOWN), true);
    } else {
        switch (ac->val_case) {
        case PG_QUERY__A__CONST__VAL_IVAL:
            e = bind_make_const(bc->ctx, om_type(OM_T_INT4), false);
            ((int32_t *)e->cval.data)[0] = ac->ival->ival;
            break;
        case PG_QUERY__A__CONST__VAL_FVAL: {
            /* PostgreSQL: an integer-looking literal that fits int8 is bigint,
             * anything else numeric. */
            const char *s = ac->fval->fval;
            OmType t = om_type(OM_T_NUMERIC);
            const char *p = s + (*s == '-');
            if (*p && strspn(p, "0123456789") == strlen(p)) {
                OmError tmp = {0};
                BoundExpr *try8 = bind_make_const(bc->ctx, om_type(OM_T_INT8), false);
                if (type_in(om_type(OM_T_INT8), s, strlen(s), &try8->cval, 0, bc->ctx, &tmp) == 0) {
                    /* make_const: an integer that fits int4 (only INT_MIN can
                     * reach here, through the grammar's negation) is int4. */
                    int64_t v = ((int64_t *)try8->cval.data)[0];
                    if (v >= INT32_MIN && v <= INT32_MAX) {
                        e = bind_make_const(bc->ctx, om_type(OM_T_INT4), false);
                        ((int32_t *)e->cval.data)[0] = (int32_t)v;
                    } else {
                        e = try8;
                    }
                    break;
                }
            }
            e = bind_make_const(bc->ctx, t, false);
            if (type_in(t, s, strlen(s), &e->cval, 0, bc->ctx, bc->err) < 0)
                return bind_error_at(bc, ac->location);
            break;
        }
        case PG_QUERY__A__CONST__VAL_BOOLVAL:
            e = bind_make_const(bc->ctx, om_type(OM_T_BOOL), false);
            ((uint8_t *)e->cval.data)[0] = ac->boolval->boolval ? 1 : 0;
            break;
        case PG_QUERY__A__CONST__VAL_SVAL: {
            e = bind_make_const(bc->ctx, om_type(OM_T_UNKNOWN), false);
            const char *s = ac->sval->sval;
            OmStr *st = e->cval.data;
            st->ptr = mem_strdup(bc->ctx, s);
            st->len = (uint32_t)strlen(s);
            break;
        }
        default:
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "bit string literals are not supported yet");
            return bind_error_at(bc, ac->location);
        }
    }
    e->location = ac->location;
    *out = e;
    return 0;
}

/* ---- coercion ------------------------------------------------------------ */

static const char *tname(OmType t, char *buf, size_t n)
{
    if (t.id == OM_T_UNKNOWN || t.id == OM_T_NULL) {
        snprintf(buf, n, "unknown");
        return buf;
    }
    return type_name(t, buf, n);
}

/* Type names as operator/function lookup errors print them (no typmod). */
static const char *tname_be(OmType t)
{
    return t.id == OM_T_UNKNOWN || t.id == OM_T_NULL ? "unknown" : type_name_be(t.id);
}

int bind_coerce(BindCtx *bc, BoundExpr *e, OmType t, OmCoerceCtx cc, const char *what,
                BoundExpr **out)
{
    if (e->type.id == t.id && (t.typmod < 0 || e->type.typmod == t.typmod) &&
        !(t.id == OM_T_BPCHAR && cc != OM_COERCE_IMPLICIT && e->type.typmod != t.typmod)) {
        *out = e;
        return 0;
    }
    if (e->kind == BE_CONST && e->is_null) {
        BoundExpr *c = bind_make_const(bc->ctx, t, true);
        c->location = e->location;
        *out = c;
        return 0;
    }
    if (!type_can_coerce(e->type.id, t.id, cc)) {
        char a[64], b[64];
        if (cc == OM_COERCE_ASSIGNMENT && what) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "column \"%s\" is of type %s but expression is of type %s",
                    what, tname(t, b, sizeof b), tname(e->type, a, sizeof a));
            err_hint(bc->err, "You will need to rewrite or cast the expression.");
        } else if (cc == OM_COERCE_EXPLICIT) {
            err_set(bc->err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s",
                    tname(e->type, a, sizeof a), tname(t, b, sizeof b));
        } else if (what) {
            /* coerce_to_common_type: same category, but no implicit cast
             * (bytea and uuid are both user-defined 'U'). */
            err_set(bc->err, ERRCODE_CANNOT_COERCE, "%s could not convert type %s to %s", what,
                    tname(e->type, a, sizeof a), tname(t, b, sizeof b));
        } else {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "expression types %s and %s cannot be matched",
                    tname(e->type, a, sizeof a), tname(t, b, sizeof b));
        }
        return bind_error_at(bc, e->location);
    }
    BoundExpr *c = bind_new_expr(bc, BE_CAST, t, e->location, 1);
    c->args[0] = e;
    c->cctx = cc;
    if (e->kind == BE_CONST) {
        /* Fold now: a bad literal fails at bind time, pointing at itself. */
        if (bind_eval_const(bc, c, out) < 0) {
            /* Length coercion (varchar(n), char(n)) runs at execution in
             * PostgreSQL, so its error has no position; input errors do. */
            if (!strcmp(bc->err->sqlstate, ERRCODE_STRING_DATA_RIGHT_TRUNCATION)) return -1;
            /* Only the input conversion of an unknown literal happens at
             * parse time in PostgreSQL; other casts of constants are folded
             * by the planner, without a position. */
            if (e->type.id != OM_T_UNKNOWN) return -1;
            return bind_error_at(bc, e->location);
        }
        return 0;
    }
    *out = c;
    return 0;
}

int bind_resolve_unknown(BindCtx *bc, BoundExpr *e, BoundExpr **out)
{
    if (e->type.id == OM_T_UNKNOWN || e->type.id == OM_T_NULL)
        return bind_coerce(bc, e, om_type(OM_T_TEXT), OM_COERCE_IMPLICIT, NULL, out);
    *out = e;
    return 0;
}

static int numeric_rank(OmTypeId t)
{
    switch (t) {
    case OM_T_INT2: return 1;
    case OM_T_INT4: return 2;
    case OM_T_INT8: return 3;
    case OM_T_NUMERIC: return 4;
    case OM_T_FLOAT4: return 5;
    case OM_T_FLOAT8: return 6;
    default: return 0;
    }
}

/* Common type of two known types, or false if PostgreSQL would not find one. */
static bool pair_common(OmType a, OmType b, OmType *out)
{
    if (a.id == b.id) {
        *out = a;
        if (a.typmod != b.typmod) out->typmod = -1;
        return true;
    }
    int ra = numeric_rank(a.id), rb = numeric_rank(b.id);
    if (ra && rb) {
        OmTypeId w = ra > rb ? a.id : b.id;
        /* real meets anything but real as double precision (float8 is the
         * preferred type of the numeric category). */
        if (w == OM_T_FLOAT4) w = OM_T_FLOAT8;
        *out = om_type(w);
        return true;
    }
    if (type_is_string(a.id) && type_is_string(b.id)) {
        *out = om_type(OM_T_TEXT);
        return true;
    }
    /* time meets timetz as timetz and interval as interval (its implicit
     * casts); neither meets the other date/time types. */
    if (a.id == OM_T_TIME || b.id == OM_T_TIME) {
        OmTypeId o = a.id == OM_T_TIME ? b.id : a.id;
        if (o != OM_T_TIMETZ && o != OM_T_INTERVAL) return false;
        *out = om_type(o);
        return true;
    }
    if (a.id == OM_T_TIMETZ || b.id == OM_T_TIMETZ) return false;
    /* date < timestamp < timestamptz: the implicit casts go up. */
    if (type_category(a.id) == OM_TCAT_DATETIME && type_category(b.id) == OM_TCAT_DATETIME &&
        a.id != OM_T_INTERVAL && b.id != OM_T_INTERVAL) {
        *out = om_type(a.id > b.id ? a.id : b.id);
        return true;
    }
    return false;
}

static char type_cat(OmTypeId t)
{
    switch (type_category(t)) {
    case OM_TCAT_BOOL: return 'B';
    case OM_TCAT_NUMERIC: return 'N';
    case OM_TCAT_STRING: return 'S';
    /* PostgreSQL's typcategory: interval is a timespan ('T'), the rest
     * of the date/time types are 'D'. */
    case OM_TCAT_DATETIME: return t == OM_T_INTERVAL ? 'T' : 'D';
    case OM_TCAT_ARRAY: return 'A';
    default: return 'U';
    }
}

static bool type_preferred(OmTypeId t) { return t == OM_T_FLOAT8 || t == OM_T_TEXT || t == OM_T_BOOL; }

/* PostgreSQL's select_common_type: the first known type, replaced by a
 * later one of the same category when the current one converts to it
 * implicitly but not back (and the current one is not preferred). */
int bind_common_type(BindCtx *bc, BoundExpr **es, int n, const char *what, OmType *out)
{
    OmType cur = om_type(OM_T_UNKNOWN);
    bool cur_pref = false;
    for (int i = 0; i < n; i++) {
        OmType t = es[i]->type;
        if (t.id == OM_T_UNKNOWN || t.id == OM_T_NULL) continue;
        if (cur.id == OM_T_UNKNOWN) {
            cur = t;
            cur_pref = type_preferred(t.id);
            continue;
        }
        if (t.id == cur.id) continue;
        if (type_cat(t.id) != type_cat(cur.id)) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "%s types %s and %s cannot be matched", what,
                    type_name_be(cur.id), type_name_be(t.id));
            return bind_error_at(bc, es[i]->location);
        }
        if (!cur_pref && type_can_coerce(cur.id, t.id, OM_COERCE_IMPLICIT) &&
            !type_can_coerce(t.id, cur.id, OM_COERCE_IMPLICIT)) {
            cur = t;
            cur_pref = type_preferred(t.id);
        }
    }
    if (cur.id == OM_T_UNKNOWN) cur = om_type(OM_T_TEXT);
    /* select_common_typmod: keep a typmod only if every input has it. */
    for (int i = 0; i < n; i++)
        if (es[i]->type.id != cur.id || es[i]->type.typmod != cur.typmod) cur.typmod = -1;
    *out = cur;
    return 0;
}

/* ---- operators ------------------------------------------------------------ */

static int op_not_exist(BindCtx *bc, const char *opname, BoundExpr *l, BoundExpr *r, int loc)
{
    if (l)
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "operator does not exist: %s %s %s", tname_be(l->type), opname,
                tname_be(r->type));
    else
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "operator does not exist: %s %s", opname, tname_be(r->type));
    err_hint(bc->err, "No operator matches the given name and argument types. You might need to add explicit type casts.");
    return bind_error_at(bc, loc);
}

static bool is_unknown(const BoundExpr *e)
{
    return e->type.id == OM_T_UNKNOWN || e->type.id == OM_T_NULL;
}

/* Bind `l op r` for arithmetic, comparison and concatenation. */
/* PostgreSQL compares date with timestamp[tz] and timestamp with
 * timestamptz by cross-type functions that never raise: the operand's cast
 * for the comparison saturates instead of failing (dt_cast_cmp_vec), a
 * constant's too. False when e needs no such cast. */
static bool cmp_cast(BindCtx *bc, BoundExpr *e, OmType to, BoundExpr **out)
{
    OmTypeId from = e->type.id;
    if (!dt_is_timelike(from) || !dt_is_timelike(to.id) || to.id == OM_T_DATE || from == to.id) return false;
    if (e->kind == BE_CONST) {
        BoundExpr *c = bind_make_const(bc->ctx, to, e->is_null);
        c->location = e->location;
        if (!e->is_null) dt_cast_cmp_vec(from, to.id, &e->cval, &c->cval, NULL, 1);
        *out = c;
        return true;
    }
    BoundExpr *c = bind_new_expr(bc, BE_CAST, to, e->location, 1);
    c->args[0] = e;
    c->cctx = OM_COERCE_IMPLICIT;
    c->cmp_cast = true;
    *out = c;
    return true;
}

int bind_binary(BindCtx *bc, const char *opname, BoundExpr *l, BoundExpr *r, int loc, BoundExpr **out)
{
    BoundOp op;
    bool cmp = false;
    if (!strcmp(opname, "+")) op = BOP_ADD;
    else if (!strcmp(opname, "-")) op = BOP_SUB;
    else if (!strcmp(opname, "*")) op = BOP_MUL;
    else if (!strcmp(opname, "/")) op = BOP_DIV;
    else if (!strcmp(opname, "%")) op = BOP_MOD;
    else if (!strcmp(opname, "=")) op = BOP_EQ, cmp = true;
    else if (!strcmp(opname, "<>") || !strcmp(opname, "!=")) op = BOP_NE, cmp = true;
    else if (!strcmp(opname, "<")) op = BOP_LT, cmp = true;
    else if (!strcmp(opname, "<=")) op = BOP_LE, cmp = true;
    else if (!strcmp(opname, ">")) op = BOP_GT, cmp = true;
    else if (!strcmp(opname, ">=")) op = BOP_GE, cmp = true;
    else if (!strcmp(opname, "||")) op = BOP_CONCAT;
    else if (!strcmp(opname, "~~")) op = BOP_LIKE;
    else if (!strcmp(opname, "!~~")) op = BOP_NOT_LIKE;
    else if (!strcmp(opname, "~~*")) op = BOP_ILIKE;
    else if (!strcmp(opname, "!~~*")) op = BOP_NOT_ILIKE;
    else {
        /* Operators backed by functions (bitwise, ^ ...): resolved like
         * functions, reported as operators. */
        BoundExpr *args[2] = {l, r};
        return bind_func_call(bc, opname, args, 2, loc, true, out);
    }

    /* Array concatenation: array_cat / array_append / array_prepend
     * (functions/fn_array.c). An untyped side of || is an array like the
     * other side, as PostgreSQL resolves `ARRAY[1] || '{2}'`. */
    if (op == BOP_CONCAT && (type_is_array(l->type.id) || type_is_array(r->type.id))) {
        if (is_unknown(l) && bind_coerce(bc, l, r->type, OM_COERCE_IMPLICIT, NULL, &l) < 0) return -1;
        if (is_unknown(r) && bind_coerce(bc, r, l->type, OM_COERCE_IMPLICIT, NULL, &r) < 0) return -1;
        BoundExpr *args[2] = {l, r};
        return bind_func_call(bc, opname, args, 2, loc, true, out);
    }

    /* bytea's ||, LIKE and NOT LIKE are operator functions (fn_bytea.c);
     * beside a string operand, || stays anynonarray || text. */
    if ((op == BOP_CONCAT || (op >= BOP_LIKE && op <= BOP_NOT_ILIKE)) &&
        (l->type.id == OM_T_BYTEA || r->type.id == OM_T_BYTEA) && !type_is_string(l->type.id) &&
        !type_is_string(r->type.id)) {
        BoundExpr *args[2] = {l, r};
        return bind_func_call(bc, opname, args, 2, loc, true, out);
    }

    /* jsonb's || and - are operator functions (functions/fn_json.c); json
     * has no comparison operators. */
    if ((op == BOP_CONCAT && (l->type.id == OM_T_JSONB || r->type.id == OM_T_JSONB) &&
         (l->type.id == OM_T_JSONB || is_unknown(l)) && (r->type.id == OM_T_JSONB || is_unknown(r))) ||
        (op == BOP_SUB && (l->type.id == OM_T_JSONB || r->type.id == OM_T_JSONB))) {
        BoundExpr *args[2] = {l, r};
        return bind_func_call(bc, opname, args, 2, loc, true, out);
    }
    if (cmp && (l->type.id == OM_T_JSON || r->type.id == OM_T_JSON)) return op_not_exist(bc, opname, l, r, loc);

    /* Date/time arithmetic is registered as operator functions
     * (functions/fn_datetime.c). */
    if (!cmp && op <= BOP_MOD &&
        (type_category(l->type.id) == OM_TCAT_DATETIME || type_category(r->type.id) == OM_TCAT_DATETIME)) {
        BoundExpr *args[2] = {l, r};
        return bind_func_call(bc, opname, args, 2, loc, true, out);
    }

    /* An unknown operand takes the other's type; two unknowns are text for
     * comparison, LIKE and ||, but arithmetic on two unknowns has several
     * equally good candidates in PostgreSQL (42725). For ||, an unknown
     * beside a non-string is text (anynonarray || text). */
    OmType lt = l->type, rt = r->type;
    bool arith = op <= BOP_MOD;
    if (is_unknown(l) && is_unknown(r)) {
        if (arith) {
            err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "operator is not unique: unknown %s unknown", opname);
            err_hint(bc->err, "Could not choose a best candidate operator. You might need to add explicit type casts.");
            return bind_error_at(bc, loc);
        }
        lt = rt = om_type(OM_T_TEXT);
    } else if (is_unknown(l)) {
        lt = op == BOP_CONCAT && !type_is_string(rt.id) ? om_type(OM_T_TEXT) : rt;
    } else if (is_unknown(r)) {
        rt = op == BOP_CONCAT && !type_is_string(lt.id) ? om_type(OM_T_TEXT) : lt;
    }

    OmType common;
    OmType result;
    if (op == BOP_CONCAT) {
        /* text || text, and anynonarray || text via the value's output. */
        bool ls = type_is_string(lt.id), rs = type_is_string(rt.id);
        if (!ls && !rs) return op_not_exist(bc, opname, l, r, loc);
        common = result = om_type(OM_T_TEXT);
        OmCoerceCtx cc = OM_COERCE_EXPLICIT;
        if (bind_coerce(bc, l, common, cc, NULL, &l) < 0) return -1;
        if (bind_coerce(bc, r, common, cc, NULL, &r) < 0) return -1;
    } else if (op >= BOP_LIKE && op <= BOP_NOT_ILIKE) {
        if (!type_is_string(lt.id) || !type_is_string(rt.id)) return op_not_exist(bc, opname, l, r, loc);
        common = om_type(OM_T_TEXT);
        result = om_type(OM_T_BOOL);
        /* bpchar LIKE text (bpcharlike) matches the blank-padded value:
         * the left side is not cast to text (which would strip blanks). */
        if (l->type.id != OM_T_BPCHAR && bind_coerce(bc, l, common, OM_COERCE_IMPLICIT, NULL, &l) < 0) return -1;
        if (bind_coerce(bc, r, common, OM_COERCE_IMPLICIT, NULL, &r) < 0) return -1;
    } else {
        if (cmp && lt.id == OM_T_BOOL && rt.id == OM_T_BOOL) {
            common = om_type(OM_T_BOOL);
        } else if (cmp && ((lt.id == OM_T_BPCHAR && (rt.id == OM_T_BPCHAR || rt.id == OM_T_VARCHAR)) ||
                           (rt.id == OM_T_BPCHAR && lt.id == OM_T_VARCHAR))) {
            /* char(n) with char(n) or varchar: bpchar's blank-insensitive
             * operators win (one exact match, varchar → bpchar implicit);
             * with text, text = text wins as the preferred type. */
            common = om_type(OM_T_BPCHAR);
        } else if (!pair_common(lt, rt, &common) ||
                   (!cmp && !numeric_rank(common.id))) {
            return op_not_exist(bc, opname, l, r, loc);
        } else if (!cmp && op == BOP_MOD && (common.id == OM_T_FLOAT4 || common.id == OM_T_FLOAT8)) {
            return op_not_exist(bc, opname, l, r, loc);
        }
        if (common.id == OM_T_VARCHAR) common = om_type(OM_T_TEXT);
        common.typmod = -1;
        result = cmp ? om_type(OM_T_BOOL) : common;
        if (cmp && cmp_cast(bc, l, common, &l)) {
        } else if (bind_coerce(bc, l, common, OM_COERCE_IMPLICIT, NULL, &l) < 0) {
            return -1;
        }
        if (cmp && cmp_cast(bc, r, common, &r)) {
        } else if (bind_coerce(bc, r, common, OM_COERCE_IMPLICIT, NULL, &r) < 0) {
            return -1;
        }
    }
    BoundExpr *e = bind_new_expr(bc, BE_OP, result, loc, 2);
    e->op = op;
    e->arg_type = common;
    e->args[0] = l;
    e->args[1] = r;
    *out = e;
    return 0;
}

static int bind_unary(BindCtx *bc, const char *opname, BoundExpr *a, int loc, BoundExpr **out)
{
    if (strcmp(opname, "-") && strcmp(opname, "+")) {
        BoundExpr *args[1] = {a};
        return bind_func_call(bc, opname, args, 1, loc, true, out);
    }
    if (is_unknown(a)) {
        /* PostgreSQL resolves -'1' as numeric negation of an unknown → the
         * unary operator's only candidate for a number; we take bigint-free
         * path: treat as double precision like PostgreSQL's float8um? No:
         * PostgreSQL reports ambiguity; keep it simple and honest. */
        err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "operator is not unique: %s unknown", opname);
        err_hint(bc->err, "Could not choose a best candidate operator. You might need to add explicit type casts.");
        return bind_error_at(bc, loc);
    }
    if (a->type.id == OM_T_INTERVAL || a->type.id == OM_T_TIME) { /* -time is -(time::interval) */
        BoundExpr *args[1] = {a};
        return bind_func_call(bc, opname, args, 1, loc, true, out);
    }
    if (!numeric_rank(a->type.id)) return op_not_exist(bc, opname, NULL, a, loc);
    if (!strcmp(opname, "+")) {
        *out = a;
        return 0;
    }
    if (strcmp(opname, "-")) return op_not_exist(bc, opname, NULL, a, loc);
    BoundExpr *e = bind_new_expr(bc, BE_OP, a->type, loc, 1);
    e->op = BOP_NEG;
    e->arg_type = a->type;
    e->args[0] = a;
    if (a->kind == BE_CONST) return bind_eval_const(bc, e, out) < 0 ? bind_error_at(bc, loc) : 0;
    *out = e;
    return 0;
}

static int to_bool(BindCtx *bc, BoundExpr *e, const char *ctxname, BoundExpr **out)
{
    if (e->type.id == OM_T_BOOL) {
        *out = e;
        return 0;
    }
    if (is_unknown(e)) return bind_coerce(bc, e, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, out);
    char a[64];
    err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of %s must be type boolean, not type %s", ctxname,
            type_name(e->type, a, sizeof a));
    return bind_error_at(bc, e->location);
}

static BoundExpr *make_bool_op(BindCtx *bc, BoundExprKind k, BoundExpr *a, BoundExpr *b, int loc)
{
    BoundExpr *e = bind_new_expr(bc, k, om_type(OM_T_BOOL), loc, 2);
    e->args[0] = a;
    e->args[1] = b;
    return e;
}

/* ---- column references ---------------------------------------------------- */

static int bind_column_ref(BindCtx *bc, BindScope *sc, PgQuery__ColumnRef *cr, BoundExpr **out)
{
    const char *colname = NULL;
    const char *relname = NULL;
    if (cr->n_fields == 1) {
        colname = bind_node_name(cr->fields[0]);
    } else if (cr->n_fields == 2) {
        relname = bind_node_name(cr->fields[0]);
        colname = bind_node_name(cr->fields[1]);
    } else if (cr->n_fields == 3) {
        relname = bind_node_name(cr->fields[1]);
        colname = bind_node_name(cr->fields[2]);
    }
    if (!colname) {
        if (cr->n_fields >= 1 && cr->fields[cr->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "\"*\" is not supported in this position yet");
            return bind_error_at(bc, cr->location);
        }
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "improper qualified name (too many dotted names)");
        return bind_error_at(bc, cr->location);
    }
    static BindScope empty;
    if (bind_resolve_column(bc, sc ? sc : &empty, relname, colname, cr->location, out) == 0) return 0;
    /* A FROM item's name as a value: a whole-row reference, which exists
     * only under IS [NOT] NULL and ::text so far (bind_row.c). */
    if (!relname && sc && !strcmp(bc->err->sqlstate, "42703")) {
        BindRel *row;
        PgQuery__Node nd = PG_QUERY__NODE__INIT;
        nd.node_case = PG_QUERY__NODE__NODE_COLUMN_REF;
        nd.column_ref = cr;
        int wr = bind_whole_row_ref(bc, sc, &nd, &row);
        if (wr < 0) return -1;
        if (wr) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                    "whole-row references are not supported yet except under IS [NOT] NULL and ::text");
            return bind_error_at(bc, cr->location);
        }
        return bind_resolve_column(bc, sc, relname, colname, cr->location, out);
    }
    return -1;
}

/* ---- function calls --------------------------------------------------------- */

/* PostgreSQL built-ins users reach for that OmenDB does not have yet: they
 * get 0A000 naming the function instead of 42883 ("does not exist"), which
 * would claim PostgreSQL lacks them. The types and functions issues shrink
 * this list as they implement them. */
static bool pg_builtin_function(const char *name)
{
    static const char *const names[] = {
        "abs", "age", "array_agg", "array_length", "ascii", "avg", "bit_length", "bool_and", "bool_or",
        "btrim", "cbrt", "ceil", "ceiling", "char_length", "character_length", "chr", "clock_timestamp",
        "concat", "concat_ws", "current_database", "current_schema", "current_setting", "current_user",
        "date_part", "date_trunc", "decode", "degrees", "div", "encode", "every", "exp", "extract", "floor",
        "format", "gcd", "gen_random_uuid", "generate_series", "greatest", "initcap", "json_agg",
        "json_build_object", "jsonb_agg", "jsonb_build_array", "jsonb_build_object", "jsonb_typeof", "lcm",
        "least", "left", "length", "ln", "log", "log10", "lower", "lpad", "ltrim", "make_date",
        "make_interval", "make_timestamp", "max", "md5", "min", "mod", "now", "nextval", "currval",
        "setval", "octet_length", "pg_typeof", "pi", "position", "power", "pow", "quote_ident",
        "quote_literal", "radians", "random", "regexp_match", "regexp_matches", "regexp_replace",
        "regexp_split_to_array", "regexp_split_to_table", "repeat", "replace", "reverse", "right", "round",
        "row_number", "rank", "dense_rank", "lag", "lead", "rpad", "rtrim", "setseed", "sha256", "sign",
        "split_part", "sqrt", "starts_with", "statement_timestamp", "stddev", "string_agg", "strpos",
        "substr", "substring", "sum", "timeofday", "to_char", "to_date", "to_hex", "to_json", "to_jsonb",
        "to_number", "to_timestamp", "translate", "trim", "trunc", "unnest", "upper", "variance",
        "version", "width_bucket",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(names[i], name)) return true;
    return false;
}

static int bind_sequence_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out);
static int bind_serial_sequence(BindCtx *bc, PgQuery__FuncCall *fc, BoundExpr **out);

static int bind_func(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, BoundExpr **out)
{
    const char *name = bind_node_name(fc->funcname[fc->n_funcname - 1]);
    if (fc->n_funcname == 2) {
        const char *schema = bind_node_name(fc->funcname[0]);
        if (schema && strcmp(schema, "pg_catalog")) {
            err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
            return bind_error_at(bc, fc->location);
        }
    }
    if (name && fn_agg_exists(name)) return bind_agg_call(bc, sc, fc, name, out);
    if (fc->agg_star) {
        err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "%s(*) specified, but %s is not an aggregate function",
                name, name);
        return bind_error_at(bc, fc->location);
    }
    if (name && (!strcmp(name, "nextval") || !strcmp(name, "currval") || !strcmp(name, "setval")) &&
        fc->n_args >= 1)
        return bind_sequence_call(bc, sc, fc, name, out);
    if (name && !strcmp(name, "pg_get_serial_sequence") && fc->n_args == 2)
        return bind_serial_sequence(bc, fc, out);
    int nsig = 0;
    if (name) fn_lookup(name, &nsig);
    if (name && nsig == 0 && pg_builtin_function(name)) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "function %s() is not supported yet", name);
        return bind_error_at(bc, fc->location);
    }
    if (fc->over) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "window functions are not supported yet");
        return bind_error_at(bc, fc->location);
    }
    if (fc->func_variadic && !fc->agg_distinct && !fc->n_agg_order && !fc->agg_filter)
        return bind_variadic_call(bc, sc, fc, name, out);
    if (fc->agg_distinct || fc->n_agg_order || fc->agg_filter || fc->func_variadic || fc->agg_within_group) {
        /* PostgreSQL names the first of these it finds. */
        const char *what = fc->agg_distinct ? "DISTINCT" : fc->agg_within_group ? "WITHIN GROUP"
                           : fc->n_agg_order ? "ORDER BY" : fc->agg_filter ? "FILTER" : NULL;
        if (what)
            err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "%s specified, but %s is not an aggregate function", what,
                    name ? name : "?");
        else
            err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE,
                    "DISTINCT, ORDER BY, FILTER or VARIADIC specified, but %s is not an aggregate function",
                    name ? name : "?");
        return bind_error_at(bc, fc->location);
    }
    int nargs = (int)fc->n_args;
    if (nargs > FN_MAX_ARGS * 4) {
        err_set(bc->err, ERRCODE_TOO_MANY_ARGUMENTS, "cannot pass more than 100 arguments to a function");
        return bind_error_at(bc, fc->location);
    }
    if (name && !strcmp(name, "make_interval") && nargs <= 7) {
        /* make_interval(years, months, weeks, days, hours, mins, secs), the
         * one built-in with named arguments and defaults (0) users write:
         * make_interval(days => 10). */
        static const char *const pnames[7] = {"years", "months", "weeks", "days", "hours", "mins", "secs"};
        bool named = false;
        for (int i = 0; i < nargs; i++) named |= fc->args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR;
        if (named) {
            BoundExpr *margs[7] = {0};
            for (int i = 0; i < nargs; i++) {
                PgQuery__Node *an = fc->args[i];
                int pos = i;
                if (an->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
                    pos = -1;
                    for (int k = 0; k < 7; k++)
                        if (!strcmp(pnames[k], an->named_arg_expr->name)) pos = k;
                    if (pos < 0 || margs[pos]) {
                        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "function make_interval(%s => ...) does not exist",
                                an->named_arg_expr->name);
                        return bind_error_at(bc, fc->location);
                    }
                    an = an->named_arg_expr->arg;
                }
                if (bind_expr(bc, sc, an, &margs[pos]) < 0) return -1;
            }
            for (int k = 0; k < 7; k++) {
                if (margs[k]) continue;
                if (k < 6) {
                    margs[k] = bind_make_const(bc->ctx, om_type(OM_T_INT4), false);
                    ((int32_t *)margs[k]->cval.data)[0] = 0;
                } else {
                    margs[k] = bind_make_const(bc->ctx, om_type(OM_T_FLOAT8), false);
                    ((double *)margs[k]->cval.data)[0] = 0.0;
                }
            }
            BoundExpr **args = mem_new_array(bc->ctx, BoundExpr *, 7);
            memcpy(args, margs, sizeof margs);
            if (bind_func_call(bc, name, args, 7, fc->location, false, out) == 0) return 0;
            /* PostgreSQL names the call as written: make_interval(hours => numeric) */
            if (strcmp(bc->err->sqlstate, ERRCODE_UNDEFINED_FUNCTION)) return -1;
            char sig[256];
            size_t off = (size_t)snprintf(sig, sizeof sig, "make_interval(");
            for (int i = 0; i < nargs && off < sizeof sig; i++) {
                PgQuery__Node *an = fc->args[i];
                bool na = an->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR;
                int pos = i;
                for (int k = 0; na && k < 7; k++)
                    if (!strcmp(pnames[k], an->named_arg_expr->name)) pos = k;
                OmTypeId t = margs[pos]->type.id;
                off += (size_t)snprintf(sig + off, sizeof sig - off, "%s%s%s%s", i ? ", " : "",
                                        na ? an->named_arg_expr->name : "", na ? " => " : "",
                                        t == OM_T_UNKNOWN || t == OM_T_NULL ? "unknown" : type_name_be(t));
            }
            if (off < sizeof sig) snprintf(sig + off, sizeof sig - off, ")");
            snprintf(bc->err->message, sizeof bc->err->message, "function %s does not exist", sig);
            return -1;
        }
    }
    BoundExpr **args = mem_new_array(bc->ctx, BoundExpr *, nargs > 0 ? nargs : 1);
    for (int i = 0; i < nargs; i++)
        if (bind_expr(bc, sc, fc->args[i], &args[i]) < 0) return -1;
    if (bind_func_call(bc, name ? name : "?", args, nargs, fc->location, false, out) < 0) return -1;
    if ((*out)->kind == BE_FUNC && (*out)->fn->srf) return bind_srf_ref(bc, sc, fc->location, out);
    return 0;
}

/*
 * nextval('s'), currval('s'), setval('s', v[, called]): PostgreSQL casts the
 * literal to regclass while parsing, so an unknown sequence fails here, at
 * the literal (42P01). 's'::regclass (pg_dump's spelling) is accepted too.
 */
static int bind_sequence_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out)
{
    PgQuery__Node *a0 = fc->args[0];
    if (a0->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) {
        PgQuery__TypeName *tn = a0->type_cast->type_name;
        const char *t = bind_node_name(tn->names[tn->n_names - 1]);
        if (t && (!strcmp(t, "regclass") || !strcmp(t, "text"))) a0 = a0->type_cast->arg;
    }
    if (a0->node_case != PG_QUERY__NODE__NODE_A_CONST || a0->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s() with a non-constant sequence name is not supported yet", name);
        return bind_error_at(bc, fc->location);
    }
    const char *seqname = a0->a_const->sval->sval;
    /* 'public.s' and quoted names: take the last dotted part, unquoted. */
    const char *dot = strrchr(seqname, '.');
    if (dot) seqname = dot + 1;
    char unq[256];
    size_t ul = strlen(seqname);
    if (ul >= 2 && seqname[0] == '"' && seqname[ul - 1] == '"' && ul - 2 < sizeof unq) {
        memcpy(unq, seqname + 1, ul - 2);
        unq[ul - 2] = '\0';
        seqname = unq;
    } else if (ul < sizeof unq) {
        for (size_t i = 0; i <= ul; i++) unq[i] = (char)(seqname[i] >= 'A' && seqname[i] <= 'Z' ? seqname[i] + 32 : seqname[i]);
        seqname = unq;
    }
    CatSequence *seq;
    int rc = cat_seq_lookup(bc->txn, bc->ctx, bc->db, seqname, &seq, bc->err);
    if (rc < 0) return -1;
    if (rc == 0) {
        CatTable *t;
        int trc = cat_table_lookup(bc->txn, bc->ctx, bc->db, seqname, &t, bc->err);
        if (trc < 0) return -1;
        /* PostgreSQL finds "not a sequence" at execution: no position. */
        if (trc == 1) return err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "\"%s\" is not a sequence", seqname);
        err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", seqname);
        return bind_error_at(bc, a0->a_const->location);
    }
    StorSeqDef *def = mem_new(bc->ctx, StorSeqDef);
    cat_seq_def(seq, def);
    int nargs = (int)fc->n_args;
    BoundExpr **args = mem_new_array(bc->ctx, BoundExpr *, nargs);
    args[0] = bind_make_const(bc->ctx, om_type(OM_T_TEXT), false);
    ((OmStr *)args[0]->cval.data)[0] = (OmStr){def->name, (uint32_t)strlen(def->name)};
    for (int i = 1; i < nargs; i++)
        if (bind_expr(bc, sc, fc->args[i], &args[i]) < 0) return -1;
    if (bind_func_call(bc, name, args, nargs, fc->location, false, out) < 0) return -1;
    (*out)->fn_data = def;
    return 0;
}

/* A constant string argument, or NULL. */
static const char *const_string(PgQuery__Node *n)
{
    if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) n = n->type_cast->arg;
    if (n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
        return n->a_const->sval->sval;
    return NULL;
}

/* An identifier as text: "public.T" → t, "\"T\"" → T (PostgreSQL's
 * parsing of a regclass / column name string). */
static char *text_ident(BindCtx *bc, const char *s)
{
    const char *dot = strrchr(s, '.');
    if (dot && !strchr(dot, '"')) s = dot + 1;
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') return mem_strndup(bc->ctx, s + 1, n - 2);
    char *r = mem_strdup(bc->ctx, s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    return r;
}

/* pg_get_serial_sequence('table', 'column'): the sequence a serial or
 * identity column uses, as "public.name", or NULL. Resolved here, from the
 * catalog, for constant arguments. */
static int bind_serial_sequence(BindCtx *bc, PgQuery__FuncCall *fc, BoundExpr **out)
{
    const char *ts = const_string(fc->args[0]), *cs = const_string(fc->args[1]);
    if (!ts || !cs) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "pg_get_serial_sequence() with non-constant arguments is not supported yet");
        return bind_error_at(bc, fc->location);
    }
    /* The table is parsed as a (folded) name, the column taken as written. */
    char *tname = text_ident(bc, ts), *cname = mem_strdup(bc->ctx, cs);
    CatTable *t;
    int rc = cat_table_lookup(bc->txn, bc->ctx, bc->db, tname, &t, bc->err);
    if (rc < 0) return -1;
    if (rc == 0) return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", tname);
    int col = -1;
    for (int i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].name, cname)) col = i;
    if (col < 0)
        return err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", cname, tname);
    CatSequence **owned;
    int n;
    if (cat_seq_list_owned(bc->txn, bc->ctx, bc->db, t->oid, &owned, &n, bc->err) < 0) return -1;
    BoundExpr *e = bind_make_const(bc->ctx, om_type(OM_T_TEXT), true);
    for (int k = 0; k < n; k++) {
        if (owned[k]->owner_col != col) continue;
        char *v = mem_printf(bc->ctx, "public.%s", owned[k]->name);
        e = bind_make_const(bc->ctx, om_type(OM_T_TEXT), false);
        ((OmStr *)e->cval.data)[0] = (OmStr){v, (uint32_t)strlen(v)};
    }
    e->location = fc->location;
    *out = e;
    return 0;
}

/* ---- CASE / COALESCE / NULLIF ------------------------------------------------ */

static int bind_case(BindCtx *bc, BindScope *sc, PgQuery__CaseExpr *ce, BoundExpr **out)
{
    int nw = (int)ce->n_args;
    bool has_else = ce->defresult != NULL;
    BoundExpr *arg = NULL;
    if (ce->arg && bind_expr(bc, sc, ce->arg, &arg) < 0) return -1;
    BoundExpr **conds = mem_new_array(bc->ctx, BoundExpr *, nw);
    BoundExpr **results = mem_new_array(bc->ctx, BoundExpr *, nw + 1);
    for (int i = 0; i < nw; i++) {
        PgQuery__CaseWhen *cw = ce->args[i]->case_when;
        BoundExpr *c;
        if (bind_expr(bc, sc, cw->expr, &c) < 0) return -1;
        if (arg) {
            /* CASE x WHEN v: x = v */
            if (bind_binary(bc, "=", arg, c, cw->location, &c) < 0) return -1;
        } else if (to_bool(bc, c, "CASE/WHEN", &c) < 0) {
            return -1;
        }
        conds[i] = c;
        if (bind_expr(bc, sc, cw->result, &results[i]) < 0) return -1;
    }
    int nr = nw;
    if (has_else) {
        if (bind_expr(bc, sc, ce->defresult, &results[nr]) < 0) return -1;
        nr++;
    }
    /* PostgreSQL resolves the type with the ELSE result first. */
    BoundExpr **order = mem_new_array(bc->ctx, BoundExpr *, nr);
    int k = 0;
    if (has_else) order[k++] = results[nw];
    for (int i = 0; i < nw; i++) order[k++] = results[i];
    OmType t;
    if (bind_common_type(bc, order, nr, "CASE", &t) < 0) return -1;
    BoundExpr *e = bind_new_expr(bc, BE_CASE, t, ce->location, nw * 2 + (has_else ? 1 : 0));
    e->has_else = has_else;
    for (int i = 0; i < nw; i++) {
        e->args[2 * i] = conds[i];
        if (bind_coerce(bc, results[i], t, OM_COERCE_IMPLICIT, "CASE/WHEN", &e->args[2 * i + 1]) < 0) return -1;
    }
    if (has_else && bind_coerce(bc, results[nw], t, OM_COERCE_IMPLICIT, "CASE/WHEN", &e->args[2 * nw]) < 0)
        return -1;
    *out = e;
    return 0;
}

static int bind_coalesce(BindCtx *bc, BindScope *sc, PgQuery__CoalesceExpr *ce, BoundExpr **out)
{
    int n = (int)ce->n_args;
    BoundExpr **as = mem_new_array(bc->ctx, BoundExpr *, n);
    for (int i = 0; i < n; i++)
        if (bind_expr(bc, sc, ce->args[i], &as[i]) < 0) return -1;
    OmType t;
    if (bind_common_type(bc, as, n, "COALESCE", &t) < 0) return -1;
    BoundExpr *e = bind_new_expr(bc, BE_COALESCE, t, ce->location, n);
    for (int i = 0; i < n; i++)
        if (bind_coerce(bc, as[i], t, OM_COERCE_IMPLICIT, "COALESCE", &e->args[i]) < 0) return -1;
    *out = e;
    return 0;
}

/* ---- row comparison ------------------------------------------------------------ */

/*
 * (a1, a2, ...) op (b1, b2, ...), as PostgreSQL's make_row_comparison_op:
 * = is the AND of the pairwise =, <> the OR of the pairwise <>; < <= > >=
 * compare lexicographically — the first pair that is not equal decides,
 * and NULL there makes the result NULL. Expanded as
 *   a1 < b1 OR (a1 = b1 AND (a2 < b2 OR (a2 = b2 AND a3 <= b3)))
 * which has the same three-valued result.
 */
static int bind_row_compare(BindCtx *bc, BindScope *sc, const char *opname, PgQuery__RowExpr *lr,
                            PgQuery__RowExpr *rr, int loc, BoundExpr **out)
{
    int n = (int)lr->n_args;
    if ((int)rr->n_args != n) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "unequal number of entries in row expressions");
        return bind_error_at(bc, loc);
    }
    if (n == 0) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot compare rows of zero length");
        return bind_error_at(bc, loc);
    }
    BoundExpr **l = mem_new_array(bc->ctx, BoundExpr *, n), **r = mem_new_array(bc->ctx, BoundExpr *, n);
    for (int i = 0; i < n; i++)
        if (bind_expr(bc, sc, lr->args[i], &l[i]) < 0 || bind_expr(bc, sc, rr->args[i], &r[i]) < 0) return -1;
    return bind_row_compare_exprs(bc, opname, l, r, n, loc, out);
}

int bind_row_compare_exprs(BindCtx *bc, const char *opname, BoundExpr **l, BoundExpr **r, int n, int loc,
                           BoundExpr **out)
{
    bool eq = !strcmp(opname, "="), ne = !strcmp(opname, "<>") || !strcmp(opname, "!=");
    if (eq || ne) {
        BoundExpr *e = bind_new_expr(bc, eq ? BE_AND : BE_OR, om_type(OM_T_BOOL), loc, n);
        for (int i = 0; i < n; i++)
            if (bind_binary(bc, eq ? "=" : "<>", l[i], r[i], loc, &e->args[i]) < 0) return -1;
        *out = n == 1 ? e->args[0] : e;
        return 0;
    }
    bool strict_op = !strcmp(opname, "<") || !strcmp(opname, ">");
    if (!strict_op && strcmp(opname, "<=") && strcmp(opname, ">=")) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "row comparison with operator %s is not supported", opname);
        return bind_error_at(bc, loc);
    }
    const char *lt = opname[0] == '<' ? "<" : ">";
    BoundExpr *acc;
    if (bind_binary(bc, opname, l[n - 1], r[n - 1], loc, &acc) < 0) return -1;
    for (int i = n - 2; i >= 0; i--) {
        BoundExpr *less, *same;
        if (bind_binary(bc, lt, l[i], r[i], loc, &less) < 0 || bind_binary(bc, "=", l[i], r[i], loc, &same) < 0)
            return -1;
        acc = make_bool_op(bc, BE_OR, less, make_bool_op(bc, BE_AND, same, acc, loc), loc);
    }
    *out = acc;
    return 0;
}

static bool is_row(const PgQuery__Node *n) { return n && n->node_case == PG_QUERY__NODE__NODE_ROW_EXPR; }

/* (a, b) IS [NOT] DISTINCT FROM (c, d): field by field, distinct when any
 * field is. */
static int bind_row_distinct(BindCtx *bc, BindScope *sc, bool distinct, PgQuery__RowExpr *lr, PgQuery__RowExpr *rr,
                             int loc, BoundExpr **out)
{
    int n = (int)lr->n_args;
    if ((int)rr->n_args != n) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "unequal number of entries in row expressions");
        return bind_error_at(bc, loc);
    }
    BoundExpr *acc = bind_new_expr(bc, distinct ? BE_OR : BE_AND, om_type(OM_T_BOOL), loc, n);
    for (int i = 0; i < n; i++) {
        BoundExpr *l, *r, *eq;
        if (bind_expr(bc, sc, lr->args[i], &l) < 0 || bind_expr(bc, sc, rr->args[i], &r) < 0) return -1;
        if (bind_binary(bc, "=", l, r, loc, &eq) < 0) return -1;
        eq->op = distinct ? BOP_IS_DISTINCT : BOP_IS_NOT_DISTINCT;
        acc->args[i] = eq;
    }
    *out = n == 1 ? acc->args[0] : acc;
    return 0;
}

/* ---- A_Expr ------------------------------------------------------------------ */

static int bind_aexpr(BindCtx *bc, BindScope *sc, PgQuery__AExpr *ae, BoundExpr **out)
{
    const char *opname = ae->n_name ? bind_node_name(ae->name[ae->n_name - 1]) : "";
    BoundExpr *l = NULL, *r = NULL;
    switch (ae->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
        if (ae->lexpr && ae->lexpr->node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
            ae->rexpr->node_case == PG_QUERY__NODE__NODE_ROW_EXPR)
            return bind_row_compare(bc, sc, opname, ae->lexpr->row_expr, ae->rexpr->row_expr, ae->location, out);
        if (ae->lexpr && bind_expr(bc, sc, ae->lexpr, &l) < 0) return -1;
        if (bind_expr(bc, sc, ae->rexpr, &r) < 0) return -1;
        if (!l) return bind_unary(bc, opname, r, ae->location, out);
        return bind_binary(bc, opname, l, r, ae->location, out);
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: {
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0) return -1;
        PgQuery__Node *pat = ae->rexpr;
        BoundExpr *esc = NULL;
        if (pat->node_case == PG_QUERY__NODE__NODE_FUNC_CALL &&
            !strcmp(bind_node_name(pat->func_call->funcname[pat->func_call->n_funcname - 1]), "like_escape")) {
            if (bind_expr(bc, sc, pat->func_call->args[1], &esc) < 0) return -1;
            if (bind_coerce(bc, esc, om_type(OM_T_TEXT), OM_COERCE_IMPLICIT, NULL, &esc) < 0) return -1;
            pat = pat->func_call->args[0];
        }
        if (bind_expr(bc, sc, pat, &r) < 0) return -1;
        /* like_escape(unknown, text) is the text one: the pattern is text.
         * bytea LIKE bytea ESCAPE e is a three-argument operator function. */
        if (esc && is_unknown(r) && bind_resolve_unknown(bc, r, &r) < 0) return -1;
        if (esc && (l->type.id == OM_T_BYTEA || r->type.id == OM_T_BYTEA) && !type_is_string(l->type.id) &&
            !type_is_string(r->type.id)) {
            BoundExpr *args[3] = {l, r, esc};
            return bind_func_call(bc, opname, args, 3, ae->location, true, out);
        }
        if (bind_binary(bc, opname, l, r, ae->location, out) < 0) return -1;
        if (esc) {
            BoundExpr *e = *out;
            /* PostgreSQL folds like_escape(constant, constant) at plan time:
             * a bad escape fails even when no row is read. */
            const BoundExpr *pc = e->args[1];
            if (pc->kind == BE_CONST && !pc->is_null && esc->kind == BE_CONST && !esc->is_null) {
                OmStr es = ((const OmStr *)esc->cval.data)[0];
                if (fn_like_escape_check(es.ptr, es.len, bc->err) < 0) return -1;
            }
            BoundExpr **na = mem_new_array(bc->ctx, BoundExpr *, 3);
            na[0] = e->args[0];
            na[1] = e->args[1];
            na[2] = esc;
            e->args = na;
            e->nargs = 3;
        }
        return 0;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
        if (is_row(ae->lexpr) && is_row(ae->rexpr))
            return bind_row_distinct(bc, sc, ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT,
                                     ae->lexpr->row_expr, ae->rexpr->row_expr, ae->location, out);
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0 || bind_expr(bc, sc, ae->rexpr, &r) < 0) return -1;
        BoundExpr *eq;
        if (bind_binary(bc, "=", l, r, ae->location, &eq) < 0) return -1;
        eq->op = ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT ? BOP_IS_DISTINCT : BOP_IS_NOT_DISTINCT;
        *out = eq;
        return 0;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0 || bind_expr(bc, sc, ae->rexpr, &r) < 0) return -1;
        /* The result is the first argument as it is (its own type); the
         * comparison may cast both sides to a common type. */
        BoundExpr *eq;
        if (bind_binary(bc, "=", l, r, ae->location, &eq) < 0) return -1;
        /* The result has the chosen = operator's left input type: the
         * first argument's own type where PostgreSQL has a cross-type
         * operator (integers among themselves, reals among themselves:
         * NULLIF(int2, int8) is int2), else the type it was cast to
         * (NULLIF(1, 1.0) is numeric; an unknown takes the other side's). */
        /* A real beside any number meets it through float48eq / float8eq
         * (numeric and integers go to double precision), so the real stays. */
        bool cross = (type_is_integer(l->type.id) && type_is_integer(r->type.id)) ||
                     ((l->type.id == OM_T_FLOAT4 || l->type.id == OM_T_FLOAT8) && numeric_rank(r->type.id));
        BoundExpr *v = cross ? l : eq->args[0];
        if (is_unknown(v) && bind_resolve_unknown(bc, v, &v) < 0) return -1;
        BoundExpr *e = bind_new_expr(bc, BE_NULLIF, v->type, ae->location, 2);
        e->args[0] = v;
        e->args[1] = eq;
        *out = e;
        return 0;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
        /* x IN (a, b) is x = a OR x = b; NOT IN is x <> a AND x <> b. */
        /* One n-ary node, not a chain: a 20,000-item list must not become a
         * 20,000-deep tree. */
        bool neg = strcmp(opname, "=") != 0;
        PgQuery__List *lst = ae->rexpr->list;
        if (is_row(ae->lexpr)) {
            /* (a, b) IN ((1, 2), (3, 4)): row equalities, OR'ed. */
            BoundExpr *acc = bind_new_expr(bc, neg ? BE_AND : BE_OR, om_type(OM_T_BOOL), ae->location, (int)lst->n_items);
            acc->eager = true;
            for (size_t i = 0; i < lst->n_items; i++) {
                if (!is_row(lst->items[i])) {
                    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "a row IN a list of non-rows is not supported yet");
                    return bind_error_at(bc, ae->location);
                }
                if (bind_row_compare(bc, sc, neg ? "<>" : "=", ae->lexpr->row_expr, lst->items[i]->row_expr,
                                     ae->location, &acc->args[i]) < 0)
                    return -1;
            }
            *out = lst->n_items == 1 ? acc->args[0] : acc;
            return 0;
        }
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0) return -1;
        if (lst->n_items == 1) {
            BoundExpr *item;
            if (bind_expr(bc, sc, lst->items[0], &item) < 0) return -1;
            return bind_binary(bc, neg ? "<>" : "=", l, item, ae->location, out);
        }
        BoundExpr *acc = bind_new_expr(bc, neg ? BE_AND : BE_OR, om_type(OM_T_BOOL), ae->location, (int)lst->n_items);
        /* PostgreSQL builds the list as an array and evaluates every item
         * (1 IN (1, 1/0) fails): no short-circuit here. */
        acc->eager = true;
        for (size_t i = 0; i < lst->n_items; i++) {
            BoundExpr *item;
            if (bind_expr(bc, sc, lst->items[i], &item) < 0) return -1;
            if (bind_binary(bc, neg ? "<>" : "=", l, item, ae->location, &acc->args[i]) < 0) return -1;
        }
        *out = acc;
        return 0;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
        bool neg = ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                   ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
        bool sym = ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                   ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
        PgQuery__List *lst = ae->rexpr->list;
        if (!sym && is_row(ae->lexpr) && is_row(lst->items[0]) && is_row(lst->items[1])) {
            /* Row BETWEEN: two row comparisons. */
            BoundExpr *a, *b;
            PgQuery__RowExpr *x = ae->lexpr->row_expr;
            if (bind_row_compare(bc, sc, neg ? "<" : ">=", x, lst->items[0]->row_expr, ae->location, &a) < 0 ||
                bind_row_compare(bc, sc, neg ? ">" : "<=", x, lst->items[1]->row_expr, ae->location, &b) < 0)
                return -1;
            *out = make_bool_op(bc, neg ? BE_OR : BE_AND, a, b, ae->location);
            return 0;
        }
        BoundExpr *lo, *hi;
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0 || bind_expr(bc, sc, lst->items[0], &lo) < 0 ||
            bind_expr(bc, sc, lst->items[1], &hi) < 0)
            return -1;
        BoundExpr *a, *b, *e;
        if (!neg) {
            if (bind_binary(bc, ">=", l, lo, ae->location, &a) < 0 || bind_binary(bc, "<=", l, hi, ae->location, &b) < 0)
                return -1;
            e = make_bool_op(bc, BE_AND, a, b, ae->location);
            if (sym) {
                if (bind_binary(bc, ">=", l, hi, ae->location, &a) < 0 || bind_binary(bc, "<=", l, lo, ae->location, &b) < 0)
                    return -1;
                e = make_bool_op(bc, BE_OR, e, make_bool_op(bc, BE_AND, a, b, ae->location), ae->location);
            }
        } else {
            if (bind_binary(bc, "<", l, lo, ae->location, &a) < 0 || bind_binary(bc, ">", l, hi, ae->location, &b) < 0)
                return -1;
            e = make_bool_op(bc, BE_OR, a, b, ae->location);
            if (sym) {
                if (bind_binary(bc, "<", l, hi, ae->location, &a) < 0 || bind_binary(bc, ">", l, lo, ae->location, &b) < 0)
                    return -1;
                e = make_bool_op(bc, BE_AND, e, make_bool_op(bc, BE_OR, a, b, ae->location), ae->location);
            }
        }
        *out = e;
        return 0;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
        /* x SIMILAR TO p is x ~ similar_to_escape(p) (operator ~ or !~). */
        if (bind_expr(bc, sc, ae->lexpr, &l) < 0 || bind_expr(bc, sc, ae->rexpr, &r) < 0) return -1;
        return bind_binary(bc, opname, l, r, ae->location, out);
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
        return bind_any_all(bc, sc, ae, out);
    default:
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this kind of operator is not supported yet");
        return bind_error_at(bc, ae->location);
    }
}

/* ---- entry --------------------------------------------------------------------- */

int bind_typename(BindCtx *bc, PgQuery__TypeName *tn, OmType *out)
{
    const char *name = bind_node_name(tn->names[tn->n_names - 1]);
    int32_t mods[8];
    int nmods = 0;
    for (size_t i = 0; i < tn->n_typmods && nmods < 8; i++) {
        PgQuery__Node *m = tn->typmods[i];
        if (m->node_case != PG_QUERY__NODE__NODE_A_CONST || m->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "type modifiers must be simple constants or identifiers");
            return bind_error_at(bc, tn->location);
        }
        mods[nmods++] = m->a_const->ival->ival;
    }
    if (type_lookup_mods(name ? name : "?", mods, nmods, out, bc->err) < 0) return bind_error_at(bc, tn->location);
    if (tn->n_array_bounds) {
        /* int[3][] is int[]: PostgreSQL ignores the bounds and the number of
         * dimensions. */
        int at = type_array_of(out->id);
        if (at < 0) {
            err_set(bc->err, ERRCODE_UNDEFINED_OBJECT, "could not find array type for data type %s",
                    type_name_be(out->id));
            return bind_error_at(bc, tn->location);
        }
        out->id = (OmTypeId)at;
    }
    return 0;
}


static int bind_expr_node(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out);

int bind_expr(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out)
{
    /* Binding and evaluation recurse over the expression tree: bound its
     * depth, with PostgreSQL's error, long before the thread's stack. */
    if (bc->depth >= BIND_MAX_DEPTH) {
        err_set(bc->err, ERRCODE_STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        err_hint(bc->err, "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), "
                          "after ensuring the platform's stack depth limit is adequate.");
        return -1;
    }
    bc->depth++;
    int rc = bind_expr_node(bc, sc, n, out);
    bc->depth--;
    return rc;
}

static int bind_expr_node(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out)
{
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
        return bind_aconst(bc, n->a_const, out);
    case PG_QUERY__NODE__NODE_COLUMN_REF:
        return bind_column_ref(bc, sc, n->column_ref, out);
    case PG_QUERY__NODE__NODE_A_EXPR:
        return bind_aexpr(bc, sc, n->a_expr, out);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
        PgQuery__BoolExpr *be = n->bool_expr;
        const char *nm = be->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR ? "AND"
                         : be->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? "OR" : "NOT";
        BoundExprKind k = be->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR ? BE_AND
                          : be->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? BE_OR : BE_NOT;
        BoundExpr *e = bind_new_expr(bc, k, om_type(OM_T_BOOL), be->location, (int)be->n_args);
        for (size_t i = 0; i < be->n_args; i++) {
            if (bind_expr(bc, sc, be->args[i], &e->args[i]) < 0) return -1;
            if (to_bool(bc, e->args[i], nm, &e->args[i]) < 0) return -1;
        }
        *out = e;
        return 0;
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
        PgQuery__NullTest *nt = n->null_test;
        if (nt->arg->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
            /* ROW(...) IS NULL: every field is NULL; IS NOT NULL: none is. */
            PgQuery__RowExpr *re = nt->arg->row_expr;
            BoundExpr *all = bind_new_expr(bc, BE_AND, om_type(OM_T_BOOL), nt->location, (int)re->n_args);
            for (size_t i = 0; i < re->n_args; i++) {
                BoundExpr *t = bind_new_expr(bc, BE_NULLTEST, om_type(OM_T_BOOL), nt->location, 1);
                t->op = nt->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL ? BOP_ISNULL : BOP_ISNOTNULL;
                if (bind_expr(bc, sc, re->args[i], &t->args[0]) < 0) return -1;
                all->args[i] = t;
            }
            *out = all;
            return 0;
        }
        BindRel *row;
        int wr = bind_whole_row_ref(bc, sc, nt->arg, &row);
        if (wr < 0) return -1;
        if (wr)
            return bind_row_nulltest(bc, row, nt->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL, nt->location, out);
        BoundExpr *e = bind_new_expr(bc, BE_NULLTEST, om_type(OM_T_BOOL), nt->location, 1);
        e->op = nt->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL ? BOP_ISNULL : BOP_ISNOTNULL;
        if (bind_expr(bc, sc, nt->arg, &e->args[0]) < 0) return -1;
        *out = e;
        return 0;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
        PgQuery__BooleanTest *bt = n->boolean_test;
        BoundExpr *e = bind_new_expr(bc, BE_BOOLTEST, om_type(OM_T_BOOL), bt->location, 1);
        static const BoundOp map[] = {BOP_IS_TRUE, BOP_IS_TRUE, BOP_IS_NOT_TRUE, BOP_IS_FALSE,
                                      BOP_IS_NOT_FALSE, BOP_IS_UNKNOWN, BOP_IS_NOT_UNKNOWN};
        e->op = map[bt->booltesttype <= 6 ? bt->booltesttype : 0];
        if (bind_expr(bc, sc, bt->arg, &e->args[0]) < 0) return -1;
        const char *nm = (e->op == BOP_IS_TRUE) ? "IS TRUE" : (e->op == BOP_IS_NOT_TRUE) ? "IS NOT TRUE"
                         : (e->op == BOP_IS_FALSE) ? "IS FALSE" : (e->op == BOP_IS_NOT_FALSE) ? "IS NOT FALSE"
                         : (e->op == BOP_IS_UNKNOWN) ? "IS UNKNOWN" : "IS NOT UNKNOWN";
        if (to_bool(bc, e->args[0], nm, &e->args[0]) < 0) return -1;
        *out = e;
        return 0;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
        PgQuery__TypeCast *tc = n->type_cast;
        OmType t;
        BoundExpr *a;
        if (tc->arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
            /* ARRAY[...]::t[] builds the array as t[] (PostgreSQL passes the
             * cast's type down, which is what lets ARRAY[] have a type). */
            if (bind_typename(bc, tc->type_name, &t) < 0) return -1;
            if (bind_array_expr(bc, sc, tc->arg->a_array_expr, &t, &a) < 0) return -1;
        } else {
            BindRel *row;
            int wr = bind_whole_row_ref(bc, sc, tc->arg, &row);
            if (wr < 0) return -1;
            if (bind_typename(bc, tc->type_name, &t) < 0) return -1;
            if (wr) {
                /* row::text is record_out's text; no record type yet for the rest. */
                if (t.id != OM_T_TEXT && t.id != OM_T_VARCHAR && t.id != OM_T_BPCHAR) {
                    char tb[64];
                    if (row->table && row->table_oid) {
                        /* A table's row type casts to text only (record_out). */
                        err_set(bc->err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", row->table->name,
                                type_name(t, tb, sizeof tb));
                        return bind_error_at(bc, tc->location);
                    }
                    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                            "casting a whole-row reference to %s is not supported yet", type_name(t, tb, sizeof tb));
                    return bind_error_at(bc, tc->location);
                }
                if (bind_row_text(bc, row, bind_node_location(tc->arg), &a) < 0) return -1;
                if (bind_coerce(bc, a, t, OM_COERCE_EXPLICIT, NULL, out) < 0) return -1;
                if ((*out)->location < 0) (*out)->location = tc->location;
                return 0;
            }
            if (bind_expr(bc, sc, tc->arg, &a) < 0) return -1;
        }
        /* A literal's cast reports errors at the literal (PostgreSQL points
         * at the constant, not at the ::). */
        int loc = a->kind == BE_CONST && a->location >= 0 ? a->location : tc->location;
        int saved = a->location;
        a->location = loc;
        if (bind_coerce(bc, a, t, OM_COERCE_EXPLICIT, NULL, out) < 0) return -1;
        a->location = saved;
        if ((*out)->location < 0) (*out)->location = tc->location;
        return 0;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR:
        return bind_case(bc, sc, n->case_expr, out);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
        return bind_coalesce(bc, sc, n->coalesce_expr, out);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
        return bind_func(bc, sc, n->func_call, out);
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
        PgQuery__MinMaxExpr *mm = n->min_max_expr;
        bool greatest = mm->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST;
        int na = (int)mm->n_args;
        BoundExpr **as = mem_new_array(bc->ctx, BoundExpr *, na);
        for (int i = 0; i < na; i++)
            if (bind_expr(bc, sc, mm->args[i], &as[i]) < 0) return -1;
        OmType t;
        const char *what = greatest ? "GREATEST" : "LEAST";
        if (bind_common_type(bc, as, na, what, &t) < 0) return -1;
        BoundExpr *e = bind_new_expr(bc, BE_MINMAX, t, mm->location, na);
        e->op = greatest ? BOP_GT : BOP_LT;
        e->arg_type = t;
        for (int i = 0; i < na; i++)
            if (bind_coerce(bc, as[i], t, OM_COERCE_IMPLICIT, what, &e->args[i]) < 0) return -1;
        *out = e;
        return 0;
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
        return bind_sublink(bc, sc, n->sub_link, out);
    case PG_QUERY__NODE__NODE_PARAM_REF:
        err_set(bc->err, ERRCODE_UNDEFINED_PARAMETER, "there is no parameter $%d", n->param_ref->number);
        return bind_error_at(bc, n->param_ref->location);
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "DEFAULT is not allowed in this context");
        return bind_error_at(bc, n->set_to_default->location);
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
        /* CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_TIME,
         * LOCALTIME: the functions of the same names (functions/fn_datetime.c,
         * fn_time.c). */
        PgQuery__SQLValueFunction *sv = n->sqlvalue_function;
        bool prec = sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N ||
                    sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N ||
                    sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N ||
                    sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N;
        const char *fname = sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE ? "current_date"
                            : sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP ||
                                      sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N
                                ? "current_timestamp"
                            : sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP ||
                                      sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N
                                ? "localtimestamp"
                            : sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME ||
                                      sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N
                                ? "current_time"
                            : sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME ||
                                      sv->op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N
                                ? "localtime"
                                : NULL;
        if (fname) {
            if (bind_func_call(bc, fname, NULL, 0, sv->location, false, out) < 0) return -1;
            if (!prec) return 0;
            /* CURRENT_TIMESTAMP(p): the value rounded to p digits */
            int32_t mod = sv->typmod;
            OmType t;
            OmTypeId rt = (*out)->type.id;
            if (type_lookup_mods(rt == OM_T_TIMESTAMP ? "timestamp" : rt == OM_T_TIME ? "time"
                                 : rt == OM_T_TIMETZ ? "timetz" : "timestamptz", &mod, 1, &t, bc->err) < 0)
                return bind_error_at(bc, sv->location);
            return bind_coerce(bc, *out, t, OM_COERCE_EXPLICIT, NULL, out);
        }
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                "CURRENT_TIME, LOCALTIME, CURRENT_USER and similar are not supported yet");
        return bind_error_at(bc, n->sqlvalue_function->location);
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
        return bind_array_expr(bc, sc, n->a_array_expr, NULL, out);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
        return bind_grouping_call(bc, sc, n->grouping_func, out);
    case PG_QUERY__NODE__NODE_ROW_EXPR:
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "row constructors are not supported yet");
        return bind_error_at(bc, n->row_expr->location);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
        return bind_collate(bc, sc, n->collate_clause, out);
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
        return bind_indirection(bc, sc, n->a_indirection, out);
    default:
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this kind of expression is not supported yet");
        return -1;
    }
}

/* PostgreSQL's FigureColname for the node kinds we bind. */
static const char *figure(PgQuery__Node *n, int *strength)
{
    *strength = 0;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SUB_LINK: {
        /* EXISTS is "exists"; a scalar subquery takes its column's name. */
        PgQuery__SubLink *sl = n->sub_link;
        if (sl->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK) {
            *strength = 2;
            return "exists";
        }
        if (sl->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK) {
            *strength = 2;
            return "array";
        }
        if (sl->sub_link_type != PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK || !sl->subselect ||
            sl->subselect->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
            return NULL;
        PgQuery__SelectStmt *ss = sl->subselect->select_stmt;
        if (!ss->n_target_list || ss->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return NULL;
        PgQuery__ResTarget *rt = ss->target_list[0]->res_target;
        *strength = 2;
        if (rt->name && rt->name[0]) return rt->name;
        int st2;
        const char *nm = rt->val ? figure(rt->val, &st2) : NULL;
        return nm ? nm : "?column?";
    }
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
        PgQuery__ColumnRef *cr = n->column_ref;
        const char *last = NULL;
        for (size_t i = 0; i < cr->n_fields; i++) {
            const char *s = bind_node_name(cr->fields[i]);
            if (s) last = s;
        }
        if (last) {
            *strength = 2;
            return last;
        }
        return NULL;
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL:
        *strength = 2;
        return bind_node_name(n->func_call->funcname[n->func_call->n_funcname - 1]);
    case PG_QUERY__NODE__NODE_A_EXPR:
        if (n->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
            *strength = 2;
            return "nullif";
        }
        return NULL;
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
        return figure(n->collate_clause->arg, strength);
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
        const char *s = figure(n->type_cast->arg, strength);
        if (*strength <= 1) {
            PgQuery__TypeName *tn = n->type_cast->type_name;
            *strength = 1;
            return bind_node_name(tn->names[tn->n_names - 1]);
        }
        return s;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
        static const char *const svf[] = {NULL, "current_date", "current_time", "current_time",
                                          "current_timestamp", "current_timestamp", "localtime", "localtime",
                                          "localtimestamp", "localtimestamp", "current_role", "current_user",
                                          "user", "session_user", "current_catalog", "current_schema"};
        unsigned op = (unsigned)n->sqlvalue_function->op;
        if (op < sizeof svf / sizeof svf[0] && svf[op]) {
            *strength = 2;
            return svf[op];
        }
        return NULL;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR:
        if (n->case_expr->defresult) {
            const char *s = figure(n->case_expr->defresult, strength);
            if (*strength > 1) return s;
        }
        *strength = 1;
        return "case";
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
        *strength = 2;
        return "coalesce";
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
        *strength = 2;
        return "grouping";
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
        *strength = 2;
        return "array";
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
        /* Subscripts keep the name of what they subscript. */
        return figure(n->a_indirection->arg, strength);
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
        *strength = 2;
        return n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
    default:
        return NULL;
    }
}

const char *bind_figure_colname(PgQuery__Node *n)
{
    int strength;
    const char *s = figure(n, &strength);
    return s ? s : "?column?";
}

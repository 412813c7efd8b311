/*
 * bind_seq.c — CREATE SEQUENCE / DROP SEQUENCE, and the sequences behind
 * serial and identity columns, with PostgreSQL's defaults and checks
 * (sequence.c: init_params).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind_int.h"

static int64_t type_min(OmTypeId t)
{
    return t == OM_T_INT2 ? INT16_MIN : t == OM_T_INT4 ? INT32_MIN : INT64_MIN;
}

static int64_t type_max(OmTypeId t)
{
    return t == OM_T_INT2 ? INT16_MAX : t == OM_T_INT4 ? INT32_MAX : INT64_MAX;
}

static int option_int(BindCtx *bc, PgQuery__DefElem *d, int64_t *out)
{
    PgQuery__Node *a = d->arg;
    if (a && a->node_case == PG_QUERY__NODE__NODE_INTEGER) {
        *out = a->integer->ival;
        return 0;
    }
    if (a && a->node_case == PG_QUERY__NODE__NODE_FLOAT) {
        char *end;
        long long v = strtoll(a->float_->fval, &end, 10);
        if (!*end) {
            *out = v;
            return 0;
        }
    }
    return err_set(bc->err, ERRCODE_SYNTAX_ERROR, "%s requires a numeric value", d->defname);
}

/* Fill s from CREATE SEQUENCE / identity options (PostgreSQL's init_params). */
int bind_seq_options(BindCtx *bc, PgQuery__Node **opts, size_t nopts, CatSequence *s);
int bind_seq_options(BindCtx *bc, PgQuery__Node **opts, size_t nopts, CatSequence *s)
{
    bool has_min = false, has_max = false, has_start = false;
    int64_t min = 0, max = 0, start = 0;
    s->increment = 1;
    s->cache = 1;
    if (!s->type) s->type = OM_T_INT8;
    for (size_t i = 0; i < nopts; i++) {
        PgQuery__DefElem *d = opts[i]->def_elem;
        const char *n = d->defname;
        if (!strcmp(n, "as")) {
            OmType t;
            if (bind_typename(bc, d->arg->type_name, &t) < 0) return -1;
            if (t.id != OM_T_INT2 && t.id != OM_T_INT4 && t.id != OM_T_INT8)
                return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
            s->type = t.id;
        } else if (!strcmp(n, "increment")) {
            if (option_int(bc, d, &s->increment) < 0) return -1;
        } else if (!strcmp(n, "minvalue")) {
            if (d->arg && option_int(bc, d, &min) < 0) return -1;
            has_min = d->arg != NULL;
        } else if (!strcmp(n, "maxvalue")) {
            if (d->arg && option_int(bc, d, &max) < 0) return -1;
            has_max = d->arg != NULL;
        } else if (!strcmp(n, "start")) {
            if (option_int(bc, d, &start) < 0) return -1;
            has_start = true;
        } else if (!strcmp(n, "cache")) {
            if (option_int(bc, d, &s->cache) < 0) return -1;
            if (s->cache <= 0)
                return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "CACHE (%lld) must be greater than zero",
                               (long long)s->cache);
        } else if (!strcmp(n, "cycle")) {
            s->cycle = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN ? d->arg->boolean->boolval : true;
        } else if (!strcmp(n, "owned_by")) {
            /* OWNED BY NONE is the default; OWNED BY t.c only matters for
             * DROP TABLE, handled for serial/identity. */
            PgQuery__List *l = d->arg->list;
            const char *first = l->n_items ? bind_node_name(l->items[0]) : NULL;
            if (!(l->n_items == 1 && first && !strcmp(first, "none")))
                return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "OWNED BY is not supported yet");
        } else if (!strcmp(n, "sequence_name")) {
            /* identity (SEQUENCE NAME x): the name is taken by the caller */
        } else {
            return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "sequence option %s is not supported yet", n);
        }
    }
    if (s->increment == 0) return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
    char tb[64];
    const char *tn = type_name(om_type(s->type), tb, sizeof tb);
    if (has_max && (max < type_min(s->type) || max > type_max(s->type)))
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MAXVALUE (%lld) is out of range for sequence data type %s",
                       (long long)max, tn);
    if (has_min && (min < type_min(s->type) || min > type_max(s->type)))
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MINVALUE (%lld) is out of range for sequence data type %s",
                       (long long)min, tn);
    s->max = has_max ? max : s->increment > 0 ? type_max(s->type) : -1;
    s->min = has_min ? min : s->increment > 0 ? 1 : type_min(s->type);
    if (s->min >= s->max)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MINVALUE (%lld) must be less than MAXVALUE (%lld)",
                       (long long)s->min, (long long)s->max);
    s->start = has_start ? start : s->increment > 0 ? s->min : s->max;
    if (s->start < s->min)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "START value (%lld) cannot be less than MINVALUE (%lld)",
                       (long long)s->start, (long long)s->min);
    if (s->start > s->max)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "START value (%lld) cannot be greater than MAXVALUE (%lld)",
                       (long long)s->start, (long long)s->max);
    return 0;
}

/*
 * ALTER SEQUENCE: options change only what they name; min/max/start are
 * checked again (the current value against new bounds is checked when the
 * statement runs, where the counter is). RESTART without a value restarts
 * at START.
 */
int bind_alter_sequence(BindCtx *bc, PgQuery__AlterSeqStmt *as, BoundStmt *st);
int bind_alter_sequence(BindCtx *bc, PgQuery__AlterSeqStmt *as, BoundStmt *st)
{
    PgQuery__RangeVar *rv = as->sequence;
    CatSequence *s;
    int rc = cat_seq_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &s, bc->err);
    if (rc < 0) return -1;
    if (rc == 0) {
        if (as->missing_ok) {
            st->missing = mem_new_array(bc->ctx, char *, 1);
            st->missing[st->nmissing++] = mem_strdup(bc->ctx, rv->relname);
            return 0;
        }
        return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", rv->relname);
    }
    OmTypeId old_type = s->type;
    bool min_default = s->min == (s->increment > 0 ? 1 : type_min(old_type));
    bool max_default = s->max == (s->increment > 0 ? type_max(old_type) : -1);
    for (size_t i = 0; i < as->n_options; i++) {
        PgQuery__DefElem *d = as->options[i]->def_elem;
        const char *n = d->defname;
        int64_t v;
        if (!strcmp(n, "increment")) {
            if (option_int(bc, d, &s->increment) < 0) return -1;
        } else if (!strcmp(n, "minvalue")) {
            min_default = !d->arg;
            if (d->arg && option_int(bc, d, &s->min) < 0) return -1;
        } else if (!strcmp(n, "maxvalue")) {
            max_default = !d->arg;
            if (d->arg && option_int(bc, d, &s->max) < 0) return -1;
        } else if (!strcmp(n, "start")) {
            if (option_int(bc, d, &s->start) < 0) return -1;
        } else if (!strcmp(n, "restart")) {
            st->seq_restart = true;
            st->seq_restart_value = 0;
            if (d->arg) {
                if (option_int(bc, d, &v) < 0) return -1;
                st->seq_restart_value = v;
            } else {
                st->seq_restart_value = INT64_MIN; /* = START, resolved below */
            }
        } else if (!strcmp(n, "cache")) {
            if (option_int(bc, d, &s->cache) < 0) return -1;
        } else if (!strcmp(n, "cycle")) {
            s->cycle = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN ? d->arg->boolean->boolval : true;
        } else if (!strcmp(n, "as")) {
            OmType t;
            if (bind_typename(bc, d->arg->type_name, &t) < 0) return -1;
            if (t.id != OM_T_INT2 && t.id != OM_T_INT4 && t.id != OM_T_INT8)
                return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
            s->type = t.id;
        } else {
            return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "ALTER SEQUENCE ... %s is not supported yet", n);
        }
    }
    if (s->increment == 0) return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
    if (min_default) s->min = s->increment > 0 ? 1 : type_min(s->type);
    if (max_default) s->max = s->increment > 0 ? type_max(s->type) : -1;
    char tb[64];
    const char *tn = type_name(om_type(s->type), tb, sizeof tb);
    if (s->max < type_min(s->type) || s->max > type_max(s->type))
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MAXVALUE (%lld) is out of range for sequence data type %s",
                       (long long)s->max, tn);
    if (s->min < type_min(s->type) || s->min > type_max(s->type))
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MINVALUE (%lld) is out of range for sequence data type %s",
                       (long long)s->min, tn);
    if (s->min >= s->max)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "MINVALUE (%lld) must be less than MAXVALUE (%lld)",
                       (long long)s->min, (long long)s->max);
    if (s->start < s->min)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "START value (%lld) cannot be less than MINVALUE (%lld)",
                       (long long)s->start, (long long)s->min);
    if (s->start > s->max)
        return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE, "START value (%lld) cannot be greater than MAXVALUE (%lld)",
                       (long long)s->start, (long long)s->max);
    if (st->seq_restart && st->seq_restart_value == INT64_MIN) st->seq_restart_value = s->start;
    st->seq = s;
    return 0;
}

int bind_create_sequence(BindCtx *bc, PgQuery__CreateSeqStmt *cs, BoundStmt *st);
int bind_create_sequence(BindCtx *bc, PgQuery__CreateSeqStmt *cs, BoundStmt *st)
{
    PgQuery__RangeVar *rv = cs->sequence;
    if (rv->relpersistence && rv->relpersistence[0] == 't')
        return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "CREATE TEMPORARY SEQUENCE is not supported yet");
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) {
        err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", rv->schemaname);
        return bind_error_at(bc, rv->location);
    }
    CatSequence *s = mem_new(bc->ctx, CatSequence);
    s->dbname = mem_strdup(bc->ctx, bc->db);
    s->schema = mem_strdup(bc->ctx, "public");
    s->name = mem_strdup(bc->ctx, rv->relname);
    if (bind_seq_options(bc, cs->options, cs->n_options, s) < 0) return -1;
    st->seq = s;
    st->if_exists = cs->if_not_exists;
    return 0;
}

int bind_drop_sequence(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st);
int bind_drop_sequence(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st)
{
    st->seq_drops = mem_new_array(bc->ctx, CatSequence *, ds->n_objects);
    st->missing = mem_new_array(bc->ctx, char *, ds->n_objects);
    for (size_t i = 0; i < ds->n_objects; i++) {
        PgQuery__List *names = ds->objects[i]->list;
        const char *name = bind_node_name(names->items[names->n_items - 1]);
        CatSequence *s;
        int rc = cat_seq_lookup(bc->txn, bc->ctx, bc->db, name, &s, bc->err);
        if (rc < 0) return -1;
        if (rc == 0) {
            if (!ds->missing_ok)
                return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "sequence \"%s\" does not exist", name);
            st->missing[st->nmissing++] = mem_strdup(bc->ctx, name);
            continue;
        }
        if (s->owner_table && ds->behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE) {
            /* Name the dependent column as PostgreSQL does. */
            const char *col = "?", *tab = "?";
            char **tnames;
            int nt;
            if (cat_table_list(bc->txn, bc->ctx, bc->db, &tnames, &nt, bc->err) < 0) return -1;
            for (int k = 0; k < nt; k++) {
                CatTable *t;
                if (cat_table_lookup(bc->txn, bc->ctx, bc->db, tnames[k], &t, bc->err) == 1 && t->oid == s->owner_table &&
                    s->owner_col >= 0 && s->owner_col < t->ncols) {
                    tab = t->name;
                    col = t->cols[s->owner_col].name;
                }
            }
            err_set(bc->err, ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop sequence %s because other objects depend on it", s->name);
            err_detail(bc->err, "default value for column %s of table %s depends on sequence %s", col, tab, s->name);
            err_hint(bc->err, "Use DROP ... CASCADE to drop the dependent objects too.");
            return -1;
        }
        if (s->owner_table)
            return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "DROP SEQUENCE ... CASCADE is not supported yet");
        st->seq_drops[st->nseq_drops++] = s;
    }
    return 0;
}

/* The sequence behind a serial or identity column: "<table>_<col>_seq", as
 * PostgreSQL names it (a number is appended if that name is taken). */
int bind_column_sequence(BindCtx *bc, CatTable *t, int col, PgQuery__Node **opts, size_t nopts, CatSequence **out);
int bind_column_sequence(BindCtx *bc, CatTable *t, int col, PgQuery__Node **opts, size_t nopts, CatSequence **out)
{
    CatSequence *s = mem_new(bc->ctx, CatSequence);
    s->dbname = mem_strdup(bc->ctx, bc->db);
    s->schema = mem_strdup(bc->ctx, "public");
    s->type = t->cols[col].type.id;
    if (bind_seq_options(bc, opts, nopts, s) < 0) return -1;
    const char *base = mem_printf(bc->ctx, "%s_%s_seq", t->name, t->cols[col].name);
    s->name = (char *)base;
    for (int k = 1;; k++) {
        int rc = cat_relation_exists(bc->txn, bc->ctx, bc->db, s->name, bc->err);
        if (rc < 0) return -1;
        if (rc == 0) break;
        s->name = mem_printf(bc->ctx, "%s%d", base, k);
    }
    s->owner_col = (int16_t)col;
    *out = s;
    return 0;
}

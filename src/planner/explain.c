/*
 * explain.c — EXPLAIN: the physical plan as an indented tree (text) or as
 * JSON, with each operator's estimated rows when known and, for EXPLAIN
 * ANALYZE, the counters the executor kept per operator (rows, batches,
 * time inside next()). The text is readable like PostgreSQL's but is not
 * meant to match it.
 */
#include <stdio.h>
#include <string.h>

#include "explain.h"

static const char *join_name(JoinType t)
{
    switch (t) {
    case JOIN_LEFT: return "Left";
    case JOIN_RIGHT: return "Right";
    case JOIN_FULL: return "Full";
    case JOIN_SEMI: return "Semi";
    case JOIN_ANTI: return "Anti";
    default: return "Inner";
    }
}

/* The node's title and its detail lines. */
static void describe(const PhysNode *p, OmBuf *title, OmBuf *detail)
{
    switch (p->kind) {
    case PHYS_SCAN:
        buf_printf(title, "%s on %s",
                   p->lookup ? "Key Lookup" : p->nkeyset ? "Key Set Scan" : p->range ? "Key Range Scan" : "Seq Scan",
                   p->table->name);
        buf_printf(detail, "Columns: %d of %d", p->ncols, p->table->ncols);
        if (p->nkeyset) buf_printf(detail, ", Keys: %d", p->nkeyset);
        if (p->range)
            buf_printf(detail, ", Key: %d equal%s%s%s", p->nrange_eq,
                       p->range_lo ? (p->range_lo_incl ? ", >=" : ", >") : "",
                       p->range_hi ? (p->range_hi_incl ? ", <=" : ", <") : "", "");
        break;
    case PHYS_VALUES: buf_printf(title, "Values Scan (%d rows)", p->nrows); break;
    case PHYS_FILTER: buf_append_str(title, "Filter"); break;
    case PHYS_PROJECT: buf_printf(title, "Project (%d columns)", p->nexprs); break;
    case PHYS_PROJECT_SET: buf_printf(title, "ProjectSet (%d functions)", p->nsrfs); break;
    case PHYS_AGG:
        if (p->nexprs) buf_printf(title, "HashAggregate (%d keys, %d aggregates)", p->nexprs, p->naggs);
        else buf_printf(title, "Aggregate (%d aggregates)", p->naggs);
        break;
    case PHYS_GROUPING_SETS:
        buf_printf(title, "GroupingSets Aggregate (%d sets, %d keys, %d aggregates)", p->ngsets, p->nexprs, p->naggs);
        /* Each set as the key positions it groups by: "Sets: (1, 2), (1), ()". */
        buf_append_str(detail, "Sets: ");
        for (int i = 0; i < p->ngsets; i++) {
            buf_append_str(detail, i ? ", (" : "(");
            for (int k = 0; k < p->gsets[i].n; k++) buf_printf(detail, k ? ", %d" : "%d", p->gsets[i].keys[k] + 1);
            buf_append_char(detail, ')');
        }
        break;
    case PHYS_SORT: buf_printf(title, "Sort (%d keys)", p->nkeys); break;
    case PHYS_LIMIT:
        buf_append_str(title, "Limit");
        if (p->with_ties) buf_append_str(detail, "With Ties");
        break;
    case PHYS_NL_JOIN:
        buf_printf(title, "Nested Loop %s Join", join_name(p->join_type));
        if (p->pred) buf_append_str(detail, "Join Filter: yes");
        break;
    case PHYS_LATERAL_JOIN:
        /* The right side runs once per left row with its parameters. */
        buf_printf(title, "Nested Loop %s Join (lateral)", join_name(p->join_type));
        buf_printf(detail, "Parameters: %d%s", p->nparams, p->pred ? ", Join Filter: yes" : "");
        break;
    case PHYS_HASH_JOIN:
        buf_printf(title, "Hash %s Join", join_name(p->join_type));
        buf_printf(detail, "Hash Keys: %d%s", p->nkeys, p->pred ? ", Join Filter: yes" : "");
        break;
    case PHYS_DISTINCT: buf_printf(title, "Unique (%d keys)", p->nexprs); break;
    case PHYS_SETOP: buf_append_str(title, "Append"); break;
    case PHYS_INSERT: buf_printf(title, "Insert on %s", p->table->name); break;
    case PHYS_UPDATE: buf_printf(title, "Update on %s", p->table->name); break;
    case PHYS_DELETE: buf_printf(title, "Delete on %s", p->table->name); break;
    case PHYS_CTE:
        buf_printf(title, "CTE %s", p->cte_name);
        buf_append_str(detail, p->cte_writes ? "Computed once (second input), writes applied at the end"
                                              : "Computed once (second input), read by its CTE Scans");
        break;
    case PHYS_CTE_SCAN: buf_printf(title, "CTE Scan on %s", p->cte_name); break;
    case PHYS_RECURSIVE_UNION: buf_printf(title, "Recursive Union%s", p->setop_all ? " All" : ""); break;
    case PHYS_WORKTABLE_SCAN: buf_printf(title, "WorkTable Scan on %s", p->cte_name); break;
    }
}

typedef struct Out {
    MemCtx *ctx;
    int n, cap;
    char **lines;
} Out;

static void emit(Out *o, const char *s)
{
    if (o->n == o->cap) {
        int nc = o->cap ? o->cap * 2 : 16;
        o->lines = mem_realloc(o->ctx, o->lines, sizeof(char *) * (size_t)o->cap, sizeof(char *) * (size_t)nc);
        o->cap = nc;
    }
    o->lines[o->n++] = mem_strdup(o->ctx, s);
}

static void text_node(Out *o, const PhysNode *p, const ExecNode *e, int depth)
{
    OmBuf line, title, detail;
    buf_init(&line, o->ctx, 128);
    buf_init(&title, o->ctx, 64);
    buf_init(&detail, o->ctx, 64);
    describe(p, &title, &detail);
    for (int i = 0; i < depth; i++) buf_append_str(&line, "      ");
    if (depth) buf_append_str(&line, "->  ");
    buf_append(&line, title.data, title.len);
    if (p->est_rows > 0) buf_printf(&line, "  (rows=%.0f)", p->est_rows);
    if (e)
        buf_printf(&line, "  (actual rows=%llu batches=%llu time=%.3f ms)", (unsigned long long)e->rows,
                   (unsigned long long)e->batches, (double)e->time_ns / 1e6);
    emit(o, line.data);
    if (detail.len) {
        buf_reset(&line);
        for (int i = 0; i < depth; i++) buf_append_str(&line, "      ");
        buf_append_str(&line, depth ? "      " : "  ");
        buf_append(&line, detail.data, detail.len);
        emit(o, line.data);
    }
    for (int i = 0; i < p->nchildren; i++)
        text_node(o, p->children[i], e && e->children ? e->children[i] : NULL, depth + 1);
}

static void json_str(OmBuf *b, const char *s)
{
    buf_append_char(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') buf_append_char(b, '\\');
        buf_append_char(b, *s);
    }
    buf_append_char(b, '"');
}

static void json_node(OmBuf *b, MemCtx *ctx, const PhysNode *p, const ExecNode *e, int depth)
{
    OmBuf title, detail;
    buf_init(&title, ctx, 64);
    buf_init(&detail, ctx, 64);
    describe(p, &title, &detail);
    char pad[64];
    int np = depth * 2 + 2 < (int)sizeof pad - 1 ? depth * 2 + 2 : (int)sizeof pad - 1;
    memset(pad, ' ', (size_t)np);
    pad[np] = 0;
    buf_printf(b, "%s{\n%s  \"Node Type\": ", pad, pad);
    json_str(b, title.data);
    if (detail.len) {
        buf_printf(b, ",\n%s  \"Detail\": ", pad);
        json_str(b, detail.data);
    }
    if (p->est_rows > 0) buf_printf(b, ",\n%s  \"Plan Rows\": %.0f", pad, p->est_rows);
    if (e)
        buf_printf(b, ",\n%s  \"Actual Rows\": %llu,\n%s  \"Actual Batches\": %llu,\n%s  \"Actual Total Time\": %.3f", pad,
                   (unsigned long long)e->rows, pad, (unsigned long long)e->batches, pad, (double)e->time_ns / 1e6);
    if (p->nchildren) {
        buf_printf(b, ",\n%s  \"Plans\": [\n", pad);
        for (int i = 0; i < p->nchildren; i++) {
            if (i) buf_append_str(b, ",\n");
            json_node(b, ctx, p->children[i], e && e->children ? e->children[i] : NULL, depth + 2);
        }
        buf_printf(b, "\n%s  ]", pad);
    }
    buf_printf(b, "\n%s}", pad);
}

int explain_render(MemCtx *ctx, const Plan *plan, const ExecNode *exec, bool json, double total_ms, char ***lines,
                   int *nlines)
{
    Out o = {.ctx = ctx};
    if (json) {
        OmBuf b;
        buf_init(&b, ctx, 512);
        buf_append_str(&b, "[\n  {\n    \"Plan\": \n");
        json_node(&b, ctx, plan->root, exec, 2);
        if (exec) buf_printf(&b, ",\n    \"Execution Time\": %.3f", total_ms);
        buf_append_str(&b, "\n  }\n]");
        emit(&o, b.data);
    } else {
        text_node(&o, plan->root, exec, 0);
        if (exec) {
            char t[64];
            snprintf(t, sizeof t, "Execution Time: %.3f ms", total_ms);
            emit(&o, t);
        }
    }
    *lines = o.lines;
    *nlines = o.n;
    return 0;
}

/*
 * parser.h — SQL text → PostgreSQL 15 parse trees (libpg_query's protobuf
 * form), one per statement.
 *
 * The tree is PostgreSQL's raw grammar output: names are already folded to
 * lower case unless quoted, and every node carries `location`, a 0-based BYTE
 * offset into the whole query string (-1 when unknown). parse_position turns
 * it into the 1-based CHARACTER position PostgreSQL reports.
 *
 * Memory: the tree is owned by ctx and freed when ctx is reset or deleted.
 */
#ifndef OM_PARSER_H
#define OM_PARSER_H

#include <pg_query/pg_query.pb-c.h>

#include "../common/err.h"
#include "../common/mem.h"

typedef struct ParseStmt {
    PgQuery__Node *node;
    int location; /* byte offset of the statement in the query string */
    int len;      /* its length in bytes (0 = to the end) */
} ParseStmt;

typedef struct ParseResult {
    int nstmts;
    ParseStmt *stmts;
} ParseResult;

/* Parse sql. On a syntax error returns -1 with 42601 (or the grammar's own
 * SQLSTATE) and its position. */
int parse_sql(MemCtx *ctx, const char *sql, ParseResult **out, OmError *err);

/* SQL text of one expression node (PostgreSQL's deparser), in ctx: used to
 * keep DEFAULT expressions in the catalog. -1 with err on failure. */
int parse_deparse_expr(MemCtx *ctx, PgQuery__Node *expr, char **out, OmError *err);

/* SQL text of one statement node (a view's query, stored by CREATE VIEW), in ctx. */
int parse_deparse_stmt(MemCtx *ctx, PgQuery__Node *stmt, char **out, OmError *err);

/* Parse the text of one expression (as parse_deparse_expr produced it);
 * *out points into the tree, which lives in ctx. */
int parse_expr(MemCtx *ctx, const char *expr_sql, PgQuery__Node **out, OmError *err);

/* 1-based character position for a byte offset into sql (0 if offset < 0). */
int parse_position(const char *sql, int byte_offset);

#endif

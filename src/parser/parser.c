/*
 * parser.c — the libpg_query adapter: the only file that includes pg_query.h.
 *
 * pg_query_parse_protobuf gives a serialized tree; protobuf-c unpacks it into
 * the PgQuery__* structs the binder walks. Both buffers are released by a
 * cleanup callback on the query's memory context.
 */
#include "parser.h"

#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

typedef struct ParseHold {
    PgQueryProtobufParseResult raw;
    PgQuery__ParseResult *tree;
} ParseHold;

static void parse_release(void *arg)
{
    ParseHold *h = arg;
    if (h->tree) pg_query__parse_result__free_unpacked(h->tree, NULL);
    pg_query_free_protobuf_parse_result(h->raw);
}

int parse_position(const char *sql, int byte_offset)
{
    if (byte_offset < 0) return 0;
    int chars = 0;
    for (int i = 0; i < byte_offset && sql[i]; i++)
        if (((unsigned char)sql[i] & 0xC0) != 0x80) chars++;
    return chars + 1;
}

int parse_sql(MemCtx *ctx, const char *sql, ParseResult **out, OmError *err)
{
    ParseHold *h = mem_new(ctx, ParseHold);
    h->raw = pg_query_parse_protobuf(sql);
    mem_on_reset(ctx, parse_release, h);
    if (h->raw.error) {
        PgQueryError *pe = h->raw.error;
        err_set(err, ERRCODE_SYNTAX_ERROR, "%s", pe->message);
        /* libpg_query's cursorpos is already PostgreSQL's 1-based character
         * position. */
        err_position(err, pe->cursorpos);
        return -1;
    }
    h->tree = pg_query__parse_result__unpack(NULL, h->raw.parse_tree.len,
                                             (const uint8_t *)h->raw.parse_tree.data);
    if (!h->tree) return err_set(err, ERRCODE_INTERNAL_ERROR, "could not unpack parse tree");
    ParseResult *r = mem_new(ctx, ParseResult);
    r->nstmts = (int)h->tree->n_stmts;
    r->stmts = mem_new_array(ctx, ParseStmt, r->nstmts);
    for (int i = 0; i < r->nstmts; i++) {
        r->stmts[i].node = h->tree->stmts[i]->stmt;
        r->stmts[i].location = h->tree->stmts[i]->stmt_location;
        r->stmts[i].len = h->tree->stmts[i]->stmt_len;
    }
    *out = r;
    return 0;
}

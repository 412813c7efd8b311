/*
 * wire_sink.c — the SrvSink that turns a statement's results into protocol
 * messages: RowDescription, DataRow (text format), CommandComplete,
 * EmptyQueryResponse, ErrorResponse and NoticeResponse.
 *
 * Where it sits: srv_exec_simple (server/) calls these callbacks while a
 * Query runs; rows are encoded straight into the connection's output buffer,
 * which is flushed whenever it passes WIRE_FLUSH_AT, so a large result streams
 * out in ~64 KB writes without ever being held whole.
 *
 * Interface: wire_put_row_desc, wire_put_data_row, wire_typmod (wire.h),
 * wire_sink_init (wire_int.h).
 */
#include "wire_int.h"

#include <string.h>

#include "../types/types.h"

int32_t wire_typmod(OmType t)
{
    /* PostgreSQL reports atttypmod, which for varchar(n), char(n) and
     * numeric(p,s) counts the 4-byte varlena header; types/ keeps typmods
     * without it. Types without modifiers report -1. */
    if ((t.id == OM_T_VARCHAR || t.id == OM_T_BPCHAR || t.id == OM_T_NUMERIC) && t.typmod >= 0)
        return t.typmod + 4;
    return -1;
}

void wire_put_row_desc(OmBuf *out, int ncols, const SrvColumn *cols)
{
    size_t m = wire_msg_begin(out, 'T');
    buf_append_be16(out, (uint16_t)ncols);
    for (int i = 0; i < ncols; i++) {
        const SrvColumn *c = &cols[i];
        const char *name = c->name ? c->name : "?column?";
        buf_append(out, name, strlen(name) + 1);
        buf_append_be32(out, c->table_oid);
        buf_append_be16(out, (uint16_t)c->attnum);
        buf_append_be32(out, type_oid(c->type.id));
        buf_append_be16(out, (uint16_t)type_len(c->type.id));
        buf_append_be32(out, (uint32_t)wire_typmod(c->type));
        buf_append_be16(out, 0); /* text format */
    }
    wire_msg_end(out, m);
}

void wire_put_data_row(OmBuf *out, const OmBatch *b, int row, int ncols, const SrvColumn *cols)
{
    size_t m = wire_msg_begin(out, 'D');
    buf_append_be16(out, (uint16_t)ncols);
    for (int i = 0; i < ncols; i++) {
        const OmVector *v = &b->cols[i];
        if (om_vec_is_null(v, row)) {
            buf_append_be32(out, 0xFFFFFFFFu); /* -1: NULL */
            continue;
        }
        /* Encode in place, then fill the value's length word in. */
        size_t lenpos = out->len;
        buf_append_be32(out, 0);
        type_out(cols[i].type, v, row, out);
        uint32_t vlen = (uint32_t)(out->len - lenpos - 4);
        uint8_t *p = (uint8_t *)out->data + lenpos;
        p[0] = (uint8_t)(vlen >> 24);
        p[1] = (uint8_t)(vlen >> 16);
        p[2] = (uint8_t)(vlen >> 8);
        p[3] = (uint8_t)vlen;
    }
    wire_msg_end(out, m);
}

/* ---------------------------------------------------------------- sink */

static int sink_row_desc(void *arg, int ncols, const SrvColumn *cols)
{
    WireConn *c = arg;
    wire_put_row_desc(&c->out, ncols, cols);
    return wire_io_maybe_flush(c);
}

static int sink_rows(void *arg, const OmBatch *b, int ncols, const SrvColumn *cols)
{
    WireConn *c = arg;
    int live = om_batch_live(b);
    for (int i = 0; i < live; i++) {
        wire_put_data_row(&c->out, b, om_batch_row(b, i), ncols, cols);
        if (wire_io_maybe_flush(c) < 0) return -1;
    }
    return c->broken ? -1 : 0;
}

static int sink_complete(void *arg, const char *tag)
{
    WireConn *c = arg;
    wire_put_complete(&c->out, tag);
    return wire_io_maybe_flush(c);
}

static int sink_empty(void *arg)
{
    WireConn *c = arg;
    wire_put_empty_query(&c->out);
    return wire_io_maybe_flush(c);
}

static int sink_error(void *arg, const OmError *e)
{
    WireConn *c = arg;
    /* Flushed at once, as PostgreSQL does, so the client learns of it even
     * if something goes wrong before ReadyForQuery. */
    return wire_send_error(c, e);
}

static int sink_notice(void *arg, const char *severity, const char *sqlstate, const char *msg)
{
    WireConn *c = arg;
    wire_put_notice(&c->out, severity, sqlstate, msg);
    return wire_io_maybe_flush(c);
}

static int sink_param_status(void *arg, const char *name, const char *value)
{
    WireConn *c = arg;
    wire_put_param_status(&c->out, name, value);
    return wire_io_maybe_flush(c);
}

void wire_sink_init(WireConn *c, SrvSink *sink)
{
    memset(sink, 0, sizeof *sink);
    sink->arg = c;
    sink->row_desc = sink_row_desc;
    sink->rows = sink_rows;
    sink->complete = sink_complete;
    sink->empty = sink_empty;
    sink->error = sink_error;
    sink->notice = sink_notice;
    sink->param_status = sink_param_status;
}

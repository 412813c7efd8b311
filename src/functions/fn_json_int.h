/*
 * fn_json_int.h — what fn_json.c shares with fn_json_srf.c: SQL values
 * rendered as JSON (PostgreSQL's datum_to_json / datum_to_jsonb).
 */
#ifndef OM_FN_JSON_INT_H
#define OM_FN_JSON_INT_H

#include "../types/json.h"

/* Append v[row] (not NULL) of type t as JSON text to out: numbers as JSON
 * numbers (NaN and infinities as strings), booleans, date/time values in
 * ISO 8601 with 'T', json verbatim, jsonb as its text, anything else as its
 * output text in a JSON string. *kind says which JSON kind was written
 * (JSON_OBJECT stands for json/jsonb input, JSON_ARRAY for a SQL array).
 * for_jsonb and key are accepted for PostgreSQL's distinctions and unused
 * today. Returns true. */
bool fn_json_value(OmType t, const OmVector *v, int row, bool for_jsonb, bool key, OmBuf *out, MemCtx *ctx,
                   OmError *err, int *kind);
/* v[row] (NULL allowed: JSON null) as a jsonb tree node; NULL on error. */
JsonNode *fn_jsonb_node(OmType t, const OmVector *v, int row, MemCtx *ctx, OmError *err);

#endif

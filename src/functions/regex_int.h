/*
 * regex_int.h — between the regex engine (regex.c) and its translator from
 * PostgreSQL's RE syntax to PCRE2's (regex_translate.c).
 */
#ifndef OM_REGEX_INT_H
#define OM_REGEX_INT_H

#include "../common/buf.h"
#include "regex.h"

/* Deepest nesting of groups accepted (PostgreSQL accepts a few thousand
 * levels before "regular expression is too complex"; PCRE2's compiler
 * recurses per level, so OmenDB stops earlier). */
#define RX_MAX_NEST 1000

/* Greediness of an RE (PostgreSQL's LONGER / SHORTER; 0 = none). */
enum { RX_PREF_NONE = 0, RX_PREF_LONGER = 1, RX_PREF_SHORTER = 2 };

typedef struct RxTrans {
    OmBuf out;       /* the PCRE2 pattern (UTF-8) */
    int cflags;      /* after the ***= / ***: director and embedded options */
    int ncap;        /* capturing subexpressions */
    int pref;        /* the whole RE's greediness */
    bool var;        /* alternation or a variable quantifier: matches at one start may differ in length */
    bool backref;    /* back references (PCRE2's DFA matcher cannot run them) */
    bool interrupted; /* stopped by a pending interrupt (om_intr_check gives its error) */
    const char *err; /* PostgreSQL's message after "invalid regular expression: " */
} RxTrans;

/* Translate pat[0..len) under cflags; on a syntax error returns -1 with
 * t->err set to PostgreSQL's message. Memory from ctx. */
int rx_translate(MemCtx *ctx, const char *pat, size_t len, int cflags, RxTrans *t);

#endif

/*
 * fn_tables.h — the per-file function tables the registry is built from.
 * A new function file adds its table here and in fn_registry.c's list.
 */
#ifndef OM_FN_TABLES_H
#define OM_FN_TABLES_H

#include "functions.h"

extern const FnTable fn_string_table; /* fn_string.c */
extern const FnTable fn_math_table;   /* fn_math.c */

#endif

/*
 * test_numeric.c — numeric arithmetic (src/types/numeric_arith.c,
 * numeric_trans.c) and the executor's numeric kernels (exec_numeric.c).
 *
 * The table of expected results was produced by PostgreSQL 15.18 (the same
 * expressions as SELECT statements); the other tests check properties that
 * tie the 128-bit fast path to the GMP path, the total order of texts, and
 * that a 2048-row kernel call lays its results out in one buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor/exec_int.h"
#include "types/numeric_arith.h"
#include "types/types.h"

static MemCtx *ctx;

static int setup(void **state)
{
    ctx = mem_ctx_create(NULL, "test");
    return 0;
}

static int teardown(void **state)
{
    mem_ctx_delete(ctx);
    return 0;
}

/* The canonical text of a numeric literal, as numeric_in gives it. */
static OmStr num(const char *s)
{
    OmStr out;
    OmError err = {0};
    int rc = type_numeric_in(s, strlen(s), -1, &out, ctx, &err);
    if (rc < 0) fail_msg("numeric_in(%s): %s", s, err.message);
    return out;
}

/* The result text, or "ERR <sqlstate> <message>". */
static const char *result(int rc, OmBuf *b, const OmError *err)
{
    if (rc < 0) return mem_printf(ctx, "ERR %s %s", err->sqlstate, err->message);
    return b->data;
}

static const char *bin(OmNumBinOp op, const char *a, const char *b)
{
    OmBuf buf;
    OmError err = {0};
    buf_init(&buf, ctx, 16);
    return result(type_numeric_binop(op, num(a), num(b), &buf, &err), &buf, &err);
}

static const char *un(OmNumUnOp op, const char *a)
{
    OmBuf buf;
    OmError err = {0};
    buf_init(&buf, ctx, 16);
    return result(type_numeric_unop(op, num(a), &buf, &err), &buf, &err);
}

/* ---- PostgreSQL's answers ------------------------------------------------------------- */

static const struct {
    bool binary;
    int op;
    const char *a, *b, *want;
} pg_cases[] = {
    {true, OM_NUM_ADD, "1.5", "2.25", "3.75"},
    {true, OM_NUM_SUB, "1.5", "2.25", "-0.75"},
    {true, OM_NUM_MUL, "1.5", "2.25", "3.375"},
    {true, OM_NUM_DIV, "1.5", "2.25", "0.66666666666666666667"},
    {true, OM_NUM_MOD, "1.5", "2.25", "1.50"},
    {true, OM_NUM_ADD, "-1.5", "2.25", "0.75"},
    {true, OM_NUM_SUB, "-1.5", "2.25", "-3.75"},
    {true, OM_NUM_MUL, "-1.5", "2.25", "-3.375"},
    {true, OM_NUM_DIV, "-1.5", "2.25", "-0.66666666666666666667"},
    {true, OM_NUM_MOD, "-1.5", "2.25", "-1.50"},
    {true, OM_NUM_ADD, "0.1", "0.2", "0.3"},
    {true, OM_NUM_SUB, "0.1", "0.2", "-0.1"},
    {true, OM_NUM_MUL, "0.1", "0.2", "0.02"},
    {true, OM_NUM_DIV, "0.1", "0.2", "0.50000000000000000000"},
    {true, OM_NUM_MOD, "0.1", "0.2", "0.1"},
    {true, OM_NUM_ADD, "1", "3", "4"},
    {true, OM_NUM_SUB, "1", "3", "-2"},
    {true, OM_NUM_MUL, "1", "3", "3"},
    {true, OM_NUM_DIV, "1", "3", "0.33333333333333333333"},
    {true, OM_NUM_MOD, "1", "3", "1"},
    {true, OM_NUM_ADD, "2", "3", "5"},
    {true, OM_NUM_SUB, "2", "3", "-1"},
    {true, OM_NUM_MUL, "2", "3", "6"},
    {true, OM_NUM_DIV, "2", "3", "0.66666666666666666667"},
    {true, OM_NUM_MOD, "2", "3", "2"},
    {true, OM_NUM_ADD, "-2", "3", "1"},
    {true, OM_NUM_SUB, "-2", "3", "-5"},
    {true, OM_NUM_MUL, "-2", "3", "-6"},
    {true, OM_NUM_DIV, "-2", "3", "-0.66666666666666666667"},
    {true, OM_NUM_MOD, "-2", "3", "-2"},
    {true, OM_NUM_ADD, "10", "4", "14"},
    {true, OM_NUM_SUB, "10", "4", "6"},
    {true, OM_NUM_MUL, "10", "4", "40"},
    {true, OM_NUM_DIV, "10", "4", "2.5000000000000000"},
    {true, OM_NUM_MOD, "10", "4", "2"},
    {true, OM_NUM_ADD, "1", "7000000", "7000001"},
    {true, OM_NUM_SUB, "1", "7000000", "-6999999"},
    {true, OM_NUM_MUL, "1", "7000000", "7000000"},
    {true, OM_NUM_DIV, "1", "7000000", "0.000000142857142857142857"},
    {true, OM_NUM_MOD, "1", "7000000", "1"},
    {true, OM_NUM_ADD, "123456789012345678901234567890", "987654321098765432109876543210", "1111111110111111111011111111100"},
    {true, OM_NUM_SUB, "123456789012345678901234567890", "987654321098765432109876543210", "-864197532086419753208641975320"},
    {true, OM_NUM_MUL, "123456789012345678901234567890", "987654321098765432109876543210", "121932631137021795226185032733622923332237463801111263526900"},
    {true, OM_NUM_DIV, "123456789012345678901234567890", "987654321098765432109876543210", "0.12499999886093750001"},
    {true, OM_NUM_MOD, "123456789012345678901234567890", "987654321098765432109876543210", "123456789012345678901234567890"},
    {true, OM_NUM_ADD, "99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000"},
    {true, OM_NUM_SUB, "99999999999999999999999999999999999999", "1", "99999999999999999999999999999999999998"},
    {true, OM_NUM_MUL, "99999999999999999999999999999999999999", "1", "99999999999999999999999999999999999999"},
    {true, OM_NUM_DIV, "99999999999999999999999999999999999999", "1", "99999999999999999999999999999999999999"},
    {true, OM_NUM_MOD, "99999999999999999999999999999999999999", "1", "0"},
    {true, OM_NUM_ADD, "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "0"},
    {true, OM_NUM_SUB, "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "-199999999999999999999999999999999999998"},
    {true, OM_NUM_MUL, "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "-9999999999999999999999999999999999999800000000000000000000000000000000000001"},
    {true, OM_NUM_DIV, "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "-1.00000000000000000000"},
    {true, OM_NUM_MOD, "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "0"},
    {true, OM_NUM_ADD, "170141183460469231731687303715884105727", "3", "170141183460469231731687303715884105730"},
    {true, OM_NUM_SUB, "170141183460469231731687303715884105727", "3", "170141183460469231731687303715884105724"},
    {true, OM_NUM_MUL, "170141183460469231731687303715884105727", "3", "510423550381407695195061911147652317181"},
    {true, OM_NUM_DIV, "170141183460469231731687303715884105727", "3", "56713727820156410577229101238628035242"},
    {true, OM_NUM_MOD, "170141183460469231731687303715884105727", "3", "1"},
    {true, OM_NUM_ADD, "0.000000000000000000000000000000000000000001", "3", "3.000000000000000000000000000000000000000001"},
    {true, OM_NUM_SUB, "0.000000000000000000000000000000000000000001", "3", "-2.999999999999999999999999999999999999999999"},
    {true, OM_NUM_MUL, "0.000000000000000000000000000000000000000001", "3", "0.000000000000000000000000000000000000000003"},
    {true, OM_NUM_DIV, "0.000000000000000000000000000000000000000001", "3", "0.000000000000000000000000000000000000000000333333333333333333"},
    {true, OM_NUM_MOD, "0.000000000000000000000000000000000000000001", "3", "0.000000000000000000000000000000000000000001"},
    {true, OM_NUM_ADD, "7.5", "-2", "5.5"},
    {true, OM_NUM_SUB, "7.5", "-2", "9.5"},
    {true, OM_NUM_MUL, "7.5", "-2", "-15.0"},
    {true, OM_NUM_DIV, "7.5", "-2", "-3.7500000000000000"},
    {true, OM_NUM_MOD, "7.5", "-2", "1.5"},
    {true, OM_NUM_ADD, "-7.5", "2", "-5.5"},
    {true, OM_NUM_SUB, "-7.5", "2", "-9.5"},
    {true, OM_NUM_MUL, "-7.5", "2", "-15.0"},
    {true, OM_NUM_DIV, "-7.5", "2", "-3.7500000000000000"},
    {true, OM_NUM_MOD, "-7.5", "2", "-1.5"},
    {true, OM_NUM_ADD, "0", "0.001", "0.001"},
    {true, OM_NUM_SUB, "0", "0.001", "-0.001"},
    {true, OM_NUM_MUL, "0", "0.001", "0.000"},
    {true, OM_NUM_DIV, "0", "0.001", "0.0000000000000000"},
    {true, OM_NUM_MOD, "0", "0.001", "0.000"},
    {true, OM_NUM_ADD, "0.000", "5", "5.000"},
    {true, OM_NUM_SUB, "0.000", "5", "-5.000"},
    {true, OM_NUM_MUL, "0.000", "5", "0.000"},
    {true, OM_NUM_DIV, "0.000", "5", "0.00000000000000000000"},
    {true, OM_NUM_MOD, "0.000", "5", "0.000"},
    {true, OM_NUM_ADD, "1e-20", "1e20", "100000000000000000000.00000000000000000001"},
    {true, OM_NUM_SUB, "1e-20", "1e20", "-99999999999999999999.99999999999999999999"},
    {true, OM_NUM_MUL, "1e-20", "1e20", "1.00000000000000000000"},
    {true, OM_NUM_DIV, "1e-20", "1e20", "0.000000000000000000000000000000000000000100000000000000000000"},
    {true, OM_NUM_MOD, "1e-20", "1e20", "0.00000000000000000001"},
    {true, OM_NUM_ADD, "5", "0.0001", "5.0001"},
    {true, OM_NUM_SUB, "5", "0.0001", "4.9999"},
    {true, OM_NUM_MUL, "5", "0.0001", "0.0005"},
    {true, OM_NUM_DIV, "5", "0.0001", "50000.000000000000"},
    {true, OM_NUM_MOD, "5", "0.0001", "0.0000"},
    {true, OM_NUM_ADD, "2", "0.5", "2.5"},
    {true, OM_NUM_SUB, "2", "0.5", "1.5"},
    {true, OM_NUM_MUL, "2", "0.5", "1.0"},
    {true, OM_NUM_DIV, "2", "0.5", "4.0000000000000000"},
    {true, OM_NUM_MOD, "2", "0.5", "0.0"},
    {true, OM_NUM_ADD, "NaN", "1", "NaN"},
    {true, OM_NUM_SUB, "NaN", "1", "NaN"},
    {true, OM_NUM_MUL, "NaN", "1", "NaN"},
    {true, OM_NUM_DIV, "NaN", "1", "NaN"},
    {true, OM_NUM_MOD, "NaN", "1", "NaN"},
    {true, OM_NUM_ADD, "Infinity", "-Infinity", "NaN"},
    {true, OM_NUM_SUB, "Infinity", "-Infinity", "Infinity"},
    {true, OM_NUM_MUL, "Infinity", "-Infinity", "-Infinity"},
    {true, OM_NUM_DIV, "Infinity", "-Infinity", "NaN"},
    {true, OM_NUM_MOD, "Infinity", "-Infinity", "NaN"},
    {true, OM_NUM_ADD, "Infinity", "Infinity", "Infinity"},
    {true, OM_NUM_SUB, "Infinity", "Infinity", "NaN"},
    {true, OM_NUM_MUL, "Infinity", "Infinity", "Infinity"},
    {true, OM_NUM_DIV, "Infinity", "Infinity", "NaN"},
    {true, OM_NUM_MOD, "Infinity", "Infinity", "NaN"},
    {true, OM_NUM_ADD, "-Infinity", "0", "-Infinity"},
    {true, OM_NUM_SUB, "-Infinity", "0", "-Infinity"},
    {true, OM_NUM_MUL, "-Infinity", "0", "NaN"},
    {true, OM_NUM_DIV, "-Infinity", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_MOD, "-Infinity", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_ADD, "Infinity", "-2", "Infinity"},
    {true, OM_NUM_SUB, "Infinity", "-2", "Infinity"},
    {true, OM_NUM_MUL, "Infinity", "-2", "-Infinity"},
    {true, OM_NUM_DIV, "Infinity", "-2", "-Infinity"},
    {true, OM_NUM_MOD, "Infinity", "-2", "NaN"},
    {true, OM_NUM_ADD, "5", "Infinity", "Infinity"},
    {true, OM_NUM_SUB, "5", "Infinity", "-Infinity"},
    {true, OM_NUM_MUL, "5", "Infinity", "Infinity"},
    {true, OM_NUM_DIV, "5", "Infinity", "0"},
    {true, OM_NUM_MOD, "5", "Infinity", "5"},
    {true, OM_NUM_ADD, "-5.5", "-Infinity", "-Infinity"},
    {true, OM_NUM_SUB, "-5.5", "-Infinity", "Infinity"},
    {true, OM_NUM_MUL, "-5.5", "-Infinity", "Infinity"},
    {true, OM_NUM_DIV, "-5.5", "-Infinity", "0"},
    {true, OM_NUM_MOD, "-5.5", "-Infinity", "-5.5"},
    {true, OM_NUM_ADD, "Infinity", "0", "Infinity"},
    {true, OM_NUM_SUB, "Infinity", "0", "Infinity"},
    {true, OM_NUM_MUL, "Infinity", "0", "NaN"},
    {true, OM_NUM_DIV, "Infinity", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_MOD, "Infinity", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_ADD, "1", "0", "1"},
    {true, OM_NUM_SUB, "1", "0", "1"},
    {true, OM_NUM_MUL, "1", "0", "0"},
    {true, OM_NUM_DIV, "1", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_MOD, "1", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_ADD, "0", "0", "0"},
    {true, OM_NUM_SUB, "0", "0", "0"},
    {true, OM_NUM_MUL, "0", "0", "0"},
    {true, OM_NUM_DIV, "0", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_MOD, "0", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_DIV_TRUNC, "7.5", "2", "3"},
    {true, OM_NUM_POWER, "7.5", "2", "56.2500000000000000"},
    {true, OM_NUM_LOG, "7.5", "2", "0.3440101947801938"},
    {true, OM_NUM_GCD, "7.5", "2", "0.5"},
    {true, OM_NUM_LCM, "7.5", "2", "30.0"},
    {true, OM_NUM_DIV_TRUNC, "-7.5", "2", "-3"},
    {true, OM_NUM_POWER, "-7.5", "2", "56.2500000000000000"},
    {true, OM_NUM_LOG, "-7.5", "2", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "-7.5", "2", "0.5"},
    {true, OM_NUM_LCM, "-7.5", "2", "30.0"},
    {true, OM_NUM_DIV_TRUNC, "2", "0.5", "4"},
    {true, OM_NUM_POWER, "2", "0.5", "1.4142135623730950"},
    {true, OM_NUM_LOG, "2", "0.5", "-1.0000000000000000"},
    {true, OM_NUM_GCD, "2", "0.5", "0.5"},
    {true, OM_NUM_LCM, "2", "0.5", "2.0"},
    {true, OM_NUM_DIV_TRUNC, "2", "10", "0"},
    {true, OM_NUM_POWER, "2", "10", "1024.0000000000000000"},
    {true, OM_NUM_LOG, "2", "10", "3.3219280948873623"},
    {true, OM_NUM_GCD, "2", "10", "2"},
    {true, OM_NUM_LCM, "2", "10", "10"},
    {true, OM_NUM_DIV_TRUNC, "2", "-17", "0"},
    {true, OM_NUM_POWER, "2", "-17", "0.0000076293945313"},
    {true, OM_NUM_LOG, "2", "-17", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "2", "-17", "1"},
    {true, OM_NUM_LCM, "2", "-17", "34"},
    {true, OM_NUM_DIV_TRUNC, "0.5", "17", "0"},
    {true, OM_NUM_POWER, "0.5", "17", "0.0000076293945313"},
    {true, OM_NUM_LOG, "0.5", "17", "-4.0874628412503394"},
    {true, OM_NUM_GCD, "0.5", "17", "0.5"},
    {true, OM_NUM_LCM, "0.5", "17", "17.0"},
    {true, OM_NUM_DIV_TRUNC, "100", "1.5", "66"},
    {true, OM_NUM_POWER, "100", "1.5", "1000.0000000000000"},
    {true, OM_NUM_LOG, "100", "1.5", "0.0880456295278406"},
    {true, OM_NUM_GCD, "100", "1.5", "0.5"},
    {true, OM_NUM_LCM, "100", "1.5", "300.0"},
    {true, OM_NUM_DIV_TRUNC, "1.0000001", "100000000", "0"},
    {true, OM_NUM_POWER, "1.0000001", "100000000", "22026.4547815773066365"},
    {true, OM_NUM_LOG, "1.0000001", "100000000", "184206816.64986387"},
    {true, OM_NUM_GCD, "1.0000001", "100000000", "0.0000001"},
    {true, OM_NUM_LCM, "1.0000001", "100000000", "1000000100000000.0000000"},
    {true, OM_NUM_DIV_TRUNC, "-2", "3", "0"},
    {true, OM_NUM_POWER, "-2", "3", "-8.0000000000000000"},
    {true, OM_NUM_LOG, "-2", "3", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "-2", "3", "1"},
    {true, OM_NUM_LCM, "-2", "3", "6"},
    {true, OM_NUM_DIV_TRUNC, "-8", "0.5", "-16"},
    {true, OM_NUM_POWER, "-8", "0.5", "ERR 2201F a negative number raised to a non-integer power yields a complex result"},
    {true, OM_NUM_LOG, "-8", "0.5", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "-8", "0.5", "0.5"},
    {true, OM_NUM_LCM, "-8", "0.5", "8.0"},
    {true, OM_NUM_DIV_TRUNC, "0", "-1", "0"},
    {true, OM_NUM_POWER, "0", "-1", "ERR 2201F zero raised to a negative power is undefined"},
    {true, OM_NUM_LOG, "0", "-1", "ERR 2201E cannot take logarithm of zero"},
    {true, OM_NUM_GCD, "0", "-1", "1"},
    {true, OM_NUM_LCM, "0", "-1", "0"},
    {true, OM_NUM_DIV_TRUNC, "0", "0", "ERR 22012 division by zero"},
    {true, OM_NUM_POWER, "0", "0", "1.0000000000000000"},
    {true, OM_NUM_LOG, "0", "0", "ERR 2201E cannot take logarithm of zero"},
    {true, OM_NUM_GCD, "0", "0", "0"},
    {true, OM_NUM_LCM, "0", "0", "0"},
    {true, OM_NUM_DIV_TRUNC, "10", "1000", "0"},
    {true, OM_NUM_LOG, "10", "1000", "3.0000000000000000"},
    {true, OM_NUM_GCD, "10", "1000", "10"},
    {true, OM_NUM_LCM, "10", "1000", "1000"},
    {true, OM_NUM_DIV_TRUNC, "12.5", "7.5", "1"},
    {true, OM_NUM_POWER, "12.5", "7.5", "168587394.04357613"},
    {true, OM_NUM_LOG, "12.5", "7.5", "0.7977511856164203"},
    {true, OM_NUM_GCD, "12.5", "7.5", "2.5"},
    {true, OM_NUM_LCM, "12.5", "7.5", "37.5"},
    {true, OM_NUM_DIV_TRUNC, "0", "5", "0"},
    {true, OM_NUM_POWER, "0", "5", "0.0000000000000000"},
    {true, OM_NUM_LOG, "0", "5", "ERR 2201E cannot take logarithm of zero"},
    {true, OM_NUM_GCD, "0", "5", "5"},
    {true, OM_NUM_LCM, "0", "5", "0"},
    {true, OM_NUM_DIV_TRUNC, "-12", "18", "0"},
    {true, OM_NUM_POWER, "-12", "18", "26623333280885243904.0000000000000000"},
    {true, OM_NUM_LOG, "-12", "18", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "-12", "18", "6"},
    {true, OM_NUM_LCM, "-12", "18", "36"},
    {true, OM_NUM_DIV_TRUNC, "1", "10", "0"},
    {true, OM_NUM_POWER, "1", "10", "1.0000000000000000"},
    {true, OM_NUM_LOG, "1", "10", "ERR 22012 division by zero"},
    {true, OM_NUM_GCD, "1", "10", "1"},
    {true, OM_NUM_LCM, "1", "10", "10"},
    {true, OM_NUM_DIV_TRUNC, "NaN", "0", "NaN"},
    {true, OM_NUM_POWER, "NaN", "0", "1"},
    {true, OM_NUM_LOG, "NaN", "0", "NaN"},
    {true, OM_NUM_GCD, "NaN", "0", "NaN"},
    {true, OM_NUM_LCM, "NaN", "0", "NaN"},
    {true, OM_NUM_DIV_TRUNC, "1", "NaN", "NaN"},
    {true, OM_NUM_POWER, "1", "NaN", "1"},
    {true, OM_NUM_LOG, "1", "NaN", "NaN"},
    {true, OM_NUM_GCD, "1", "NaN", "NaN"},
    {true, OM_NUM_LCM, "1", "NaN", "NaN"},
    {true, OM_NUM_DIV_TRUNC, "Infinity", "-1", "-Infinity"},
    {true, OM_NUM_POWER, "Infinity", "-1", "0"},
    {true, OM_NUM_LOG, "Infinity", "-1", "ERR 2201E cannot take logarithm of a negative number"},
    {true, OM_NUM_GCD, "Infinity", "-1", "NaN"},
    {true, OM_NUM_LCM, "Infinity", "-1", "NaN"},
    {false, OM_NUM_NEG, "2", NULL, "-2"},
    {false, OM_NUM_ABS, "2", NULL, "2"},
    {false, OM_NUM_SIGN, "2", NULL, "1"},
    {false, OM_NUM_CEIL, "2", NULL, "2"},
    {false, OM_NUM_FLOOR, "2", NULL, "2"},
    {false, OM_NUM_SQRT, "2", NULL, "1.414213562373095"},
    {false, OM_NUM_EXP, "2", NULL, "7.3890560989306502"},
    {false, OM_NUM_LN, "2", NULL, "0.6931471805599453"},
    {false, OM_NUM_LOG10, "2", NULL, "0.3010299956639812"},
    {false, OM_NUM_TRIM_SCALE, "2", NULL, "2"},
    {false, OM_NUM_NEG, "-2.50", NULL, "2.50"},
    {false, OM_NUM_ABS, "-2.50", NULL, "2.50"},
    {false, OM_NUM_SIGN, "-2.50", NULL, "-1"},
    {false, OM_NUM_CEIL, "-2.50", NULL, "-2"},
    {false, OM_NUM_FLOOR, "-2.50", NULL, "-3"},
    {false, OM_NUM_SQRT, "-2.50", NULL, "ERR 2201F cannot take square root of a negative number"},
    {false, OM_NUM_EXP, "-2.50", NULL, "0.08208499862389880"},
    {false, OM_NUM_LN, "-2.50", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_LOG10, "-2.50", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_TRIM_SCALE, "-2.50", NULL, "-2.5"},
    {false, OM_NUM_NEG, "0.000", NULL, "0.000"},
    {false, OM_NUM_ABS, "0.000", NULL, "0.000"},
    {false, OM_NUM_SIGN, "0.000", NULL, "0"},
    {false, OM_NUM_CEIL, "0.000", NULL, "0"},
    {false, OM_NUM_FLOOR, "0.000", NULL, "0"},
    {false, OM_NUM_SQRT, "0.000", NULL, "0.000000000000000"},
    {false, OM_NUM_EXP, "0.000", NULL, "1.0000000000000000"},
    {false, OM_NUM_LN, "0.000", NULL, "ERR 2201E cannot take logarithm of zero"},
    {false, OM_NUM_LOG10, "0.000", NULL, "ERR 2201E cannot take logarithm of zero"},
    {false, OM_NUM_TRIM_SCALE, "0.000", NULL, "0"},
    {false, OM_NUM_NEG, "1.5", NULL, "-1.5"},
    {false, OM_NUM_ABS, "1.5", NULL, "1.5"},
    {false, OM_NUM_SIGN, "1.5", NULL, "1"},
    {false, OM_NUM_CEIL, "1.5", NULL, "2"},
    {false, OM_NUM_FLOOR, "1.5", NULL, "1"},
    {false, OM_NUM_SQRT, "1.5", NULL, "1.224744871391589"},
    {false, OM_NUM_EXP, "1.5", NULL, "4.4816890703380648"},
    {false, OM_NUM_LN, "1.5", NULL, "0.4054651081081644"},
    {false, OM_NUM_LOG10, "1.5", NULL, "0.1760912590556812"},
    {false, OM_NUM_TRIM_SCALE, "1.5", NULL, "1.5"},
    {false, OM_NUM_NEG, "-0.5", NULL, "0.5"},
    {false, OM_NUM_ABS, "-0.5", NULL, "0.5"},
    {false, OM_NUM_SIGN, "-0.5", NULL, "-1"},
    {false, OM_NUM_CEIL, "-0.5", NULL, "0"},
    {false, OM_NUM_FLOOR, "-0.5", NULL, "-1"},
    {false, OM_NUM_SQRT, "-0.5", NULL, "ERR 2201F cannot take square root of a negative number"},
    {false, OM_NUM_EXP, "-0.5", NULL, "0.6065306597126334"},
    {false, OM_NUM_LN, "-0.5", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_LOG10, "-0.5", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_TRIM_SCALE, "-0.5", NULL, "-0.5"},
    {false, OM_NUM_NEG, "1e-30", NULL, "-0.000000000000000000000000000001"},
    {false, OM_NUM_ABS, "1e-30", NULL, "0.000000000000000000000000000001"},
    {false, OM_NUM_SIGN, "1e-30", NULL, "1"},
    {false, OM_NUM_CEIL, "1e-30", NULL, "1"},
    {false, OM_NUM_FLOOR, "1e-30", NULL, "0"},
    {false, OM_NUM_SQRT, "1e-30", NULL, "0.0000000000000010000000000000000"},
    {false, OM_NUM_EXP, "1e-30", NULL, "1.000000000000000000000000000001"},
    {false, OM_NUM_LN, "1e-30", NULL, "-69.077552789821370520539743640531"},
    {false, OM_NUM_LOG10, "1e-30", NULL, "-30.000000000000000000000000000000"},
    {false, OM_NUM_TRIM_SCALE, "1e-30", NULL, "0.000000000000000000000000000001"},
    {false, OM_NUM_NEG, "123456789012345678901234567890.12345", NULL, "-123456789012345678901234567890.12345"},
    {false, OM_NUM_ABS, "123456789012345678901234567890.12345", NULL, "123456789012345678901234567890.12345"},
    {false, OM_NUM_SIGN, "123456789012345678901234567890.12345", NULL, "1"},
    {false, OM_NUM_CEIL, "123456789012345678901234567890.12345", NULL, "123456789012345678901234567891"},
    {false, OM_NUM_FLOOR, "123456789012345678901234567890.12345", NULL, "123456789012345678901234567890"},
    {false, OM_NUM_SQRT, "123456789012345678901234567890.12345", NULL, "351364182882014.42531"},
    {false, OM_NUM_EXP, "123456789012345678901234567890.12345", NULL, "ERR 22003 value overflows numeric format"},
    {false, OM_NUM_LN, "123456789012345678901234567890.12345", NULL, "66.985688719142977"},
    {false, OM_NUM_LOG10, "123456789012345678901234567890.12345", NULL, "29.091514977212700"},
    {false, OM_NUM_TRIM_SCALE, "123456789012345678901234567890.12345", NULL, "123456789012345678901234567890.12345"},
    {false, OM_NUM_NEG, "100", NULL, "-100"},
    {false, OM_NUM_ABS, "100", NULL, "100"},
    {false, OM_NUM_SIGN, "100", NULL, "1"},
    {false, OM_NUM_CEIL, "100", NULL, "100"},
    {false, OM_NUM_FLOOR, "100", NULL, "100"},
    {false, OM_NUM_SQRT, "100", NULL, "10.000000000000000"},
    {false, OM_NUM_EXP, "100", NULL, "26881171418161354484126255515800135873611119"},
    {false, OM_NUM_LN, "100", NULL, "4.6051701859880914"},
    {false, OM_NUM_LOG10, "100", NULL, "2.0000000000000000"},
    {false, OM_NUM_TRIM_SCALE, "100", NULL, "100"},
    {false, OM_NUM_NEG, "0.001", NULL, "-0.001"},
    {false, OM_NUM_ABS, "0.001", NULL, "0.001"},
    {false, OM_NUM_SIGN, "0.001", NULL, "1"},
    {false, OM_NUM_CEIL, "0.001", NULL, "1"},
    {false, OM_NUM_FLOOR, "0.001", NULL, "0"},
    {false, OM_NUM_SQRT, "0.001", NULL, "0.03162277660168379"},
    {false, OM_NUM_EXP, "0.001", NULL, "1.0010005001667083"},
    {false, OM_NUM_LN, "0.001", NULL, "-6.9077552789821371"},
    {false, OM_NUM_LOG10, "0.001", NULL, "-3.0000000000000000"},
    {false, OM_NUM_TRIM_SCALE, "0.001", NULL, "0.001"},
    {false, OM_NUM_NEG, "NaN", NULL, "NaN"},
    {false, OM_NUM_ABS, "NaN", NULL, "NaN"},
    {false, OM_NUM_SIGN, "NaN", NULL, "NaN"},
    {false, OM_NUM_CEIL, "NaN", NULL, "NaN"},
    {false, OM_NUM_FLOOR, "NaN", NULL, "NaN"},
    {false, OM_NUM_SQRT, "NaN", NULL, "NaN"},
    {false, OM_NUM_EXP, "NaN", NULL, "NaN"},
    {false, OM_NUM_LN, "NaN", NULL, "NaN"},
    {false, OM_NUM_LOG10, "NaN", NULL, "NaN"},
    {false, OM_NUM_TRIM_SCALE, "NaN", NULL, "NaN"},
    {false, OM_NUM_NEG, "Infinity", NULL, "-Infinity"},
    {false, OM_NUM_ABS, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_SIGN, "Infinity", NULL, "1"},
    {false, OM_NUM_CEIL, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_FLOOR, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_SQRT, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_EXP, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_LN, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_LOG10, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_TRIM_SCALE, "Infinity", NULL, "Infinity"},
    {false, OM_NUM_NEG, "-Infinity", NULL, "Infinity"},
    {false, OM_NUM_ABS, "-Infinity", NULL, "Infinity"},
    {false, OM_NUM_SIGN, "-Infinity", NULL, "-1"},
    {false, OM_NUM_CEIL, "-Infinity", NULL, "-Infinity"},
    {false, OM_NUM_FLOOR, "-Infinity", NULL, "-Infinity"},
    {false, OM_NUM_SQRT, "-Infinity", NULL, "ERR 2201F cannot take square root of a negative number"},
    {false, OM_NUM_EXP, "-Infinity", NULL, "0"},
    {false, OM_NUM_LN, "-Infinity", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_LOG10, "-Infinity", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_TRIM_SCALE, "-Infinity", NULL, "-Infinity"},
    {false, OM_NUM_NEG, "6000", NULL, "-6000"},
    {false, OM_NUM_ABS, "6000", NULL, "6000"},
    {false, OM_NUM_SIGN, "6000", NULL, "1"},
    {false, OM_NUM_CEIL, "6000", NULL, "6000"},
    {false, OM_NUM_FLOOR, "6000", NULL, "6000"},
    {false, OM_NUM_SQRT, "6000", NULL, "77.459666924148338"},
    {false, OM_NUM_EXP, "6000", NULL, "ERR 22003 value overflows numeric format"},
    {false, OM_NUM_LN, "6000", NULL, "8.6995147482101921"},
    {false, OM_NUM_LOG10, "6000", NULL, "3.7781512503836436"},
    {false, OM_NUM_TRIM_SCALE, "6000", NULL, "6000"},
    {false, OM_NUM_NEG, "-6000", NULL, "6000"},
    {false, OM_NUM_ABS, "-6000", NULL, "6000"},
    {false, OM_NUM_SIGN, "-6000", NULL, "-1"},
    {false, OM_NUM_CEIL, "-6000", NULL, "-6000"},
    {false, OM_NUM_FLOOR, "-6000", NULL, "-6000"},
    {false, OM_NUM_SQRT, "-6000", NULL, "ERR 2201F cannot take square root of a negative number"},
    {false, OM_NUM_LN, "-6000", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_LOG10, "-6000", NULL, "ERR 2201E cannot take logarithm of a negative number"},
    {false, OM_NUM_TRIM_SCALE, "-6000", NULL, "-6000"},
    {false, OM_NUM_NEG, "5999", NULL, "-5999"},
    {false, OM_NUM_ABS, "5999", NULL, "5999"},
    {false, OM_NUM_SIGN, "5999", NULL, "1"},
    {false, OM_NUM_CEIL, "5999", NULL, "5999"},
    {false, OM_NUM_FLOOR, "5999", NULL, "5999"},
    {false, OM_NUM_SQRT, "5999", NULL, "77.453211682925066"},
    {false, OM_NUM_LN, "5999", NULL, "8.6993480676530931"},
    {false, OM_NUM_LOG10, "5999", NULL, "3.7780788619374550"},
    {false, OM_NUM_TRIM_SCALE, "5999", NULL, "5999"},

};

static void test_against_postgres(void **state)
{
    for (size_t i = 0; i < sizeof pg_cases / sizeof pg_cases[0]; i++) {
        const char *got = pg_cases[i].binary ? bin((OmNumBinOp)pg_cases[i].op, pg_cases[i].a, pg_cases[i].b)
                                             : un((OmNumUnOp)pg_cases[i].op, pg_cases[i].a);
        if (strcmp(got, pg_cases[i].want))
            fail_msg("case %zu (op %d, %s, %s): got %s, want %s", i, pg_cases[i].op, pg_cases[i].a,
                     pg_cases[i].b ? pg_cases[i].b : "-", got, pg_cases[i].want);
    }
}

/* ---- scales, rounding, limits --------------------------------------------------------- */

static const char *rnd(const char *a, int32_t s, bool trunc)
{
    OmBuf buf;
    OmError err = {0};
    buf_init(&buf, ctx, 16);
    return result(type_numeric_round(num(a), s, trunc, &buf, &err), &buf, &err);
}

static void test_round_trunc(void **state)
{
    assert_string_equal(rnd("2.5", 0, false), "3");
    assert_string_equal(rnd("-2.5", 0, false), "-3"); /* half away from zero */
    assert_string_equal(rnd("1234.5678", 2, false), "1234.57");
    assert_string_equal(rnd("1234.5678", -2, false), "1200");
    assert_string_equal(rnd("1234.5678", -5, false), "0");
    assert_string_equal(rnd("5555", -4, false), "10000");
    assert_string_equal(rnd("1.5", 3, false), "1.500");
    assert_string_equal(rnd("-0.4", 0, false), "0"); /* never -0 */
    assert_string_equal(rnd("-1234.5678", 1, true), "-1234.5");
    assert_string_equal(rnd("1234.5678", -2, true), "1200");
    assert_string_equal(rnd("NaN", 2, false), "NaN");
    assert_string_equal(rnd("-Infinity", 2, true), "-Infinity");
    /* the scale is clamped as PostgreSQL 15 does: at most 16383 digits */
    assert_int_equal(strlen(rnd("99.9", INT32_MAX, false)), 2 + 1 + 16383);
    assert_string_equal(rnd("1.5", INT32_MIN, false), "0");
    /* a carry past the largest representable magnitude overflows */
    char *big = mem_alloc(ctx, 131073);
    big[0] = '5';
    memset(big + 1, '0', 131071);
    big[131072] = '\0';
    assert_string_equal(rnd(big, -131072, false), "ERR 22003 value overflows numeric format");
    assert_string_equal(rnd(big, INT32_MIN, true), "0");
}

static void test_scales(void **state)
{
    int32_t s;
    assert_true(type_numeric_value_scale(num("1.500"), false, &s));
    assert_int_equal(s, 3);
    assert_true(type_numeric_value_scale(num("1.500"), true, &s));
    assert_int_equal(s, 1);
    assert_true(type_numeric_value_scale(num("100.000"), true, &s));
    assert_int_equal(s, 0);
    assert_false(type_numeric_value_scale(num("NaN"), false, &s));
    assert_false(type_numeric_value_scale(num("Infinity"), true, &s));
    assert_string_equal(un(OM_NUM_TRIM_SCALE, "1.500"), "1.5");
    assert_string_equal(un(OM_NUM_TRIM_SCALE, "0.000"), "0");
}

static void test_limits(void **state)
{
    /* products round to NUMERIC_DSCALE_MAX fractional digits */
    const char *p = bin(OM_NUM_MUL, "1e-16383", "1.5");
    assert_int_equal(strlen(p), 2 + 16383);
    assert_string_equal(p + strlen(p) - 2, "02");
    assert_string_equal(bin(OM_NUM_MUL, "1e131071", "10"), "ERR 22003 value overflows numeric format");
    p = bin(OM_NUM_MUL, "1e-10000", "1e-10000"); /* underflows to zero at that scale */
    assert_int_equal(strlen(p), 2 + 16383);
    assert_int_equal(strspn(p + 2, "0"), 16383);
    assert_string_equal(un(OM_NUM_EXP, "6000"), "ERR 22003 value overflows numeric format");
    assert_string_equal(bin(OM_NUM_POWER, "10", "131072"), "ERR 22003 value overflows numeric format");
    assert_string_equal(bin(OM_NUM_POWER, "2.5", "2147483647"), "ERR 22003 value overflows numeric format");
}

static void test_factorial_width_bucket(void **state)
{
    OmBuf buf;
    OmError err = {0};
    buf_init(&buf, ctx, 16);
    assert_int_equal(type_numeric_factorial(20, &buf, &err), 0);
    assert_string_equal(buf.data, "2432902008176640000");
    assert_int_equal(type_numeric_factorial(-1, &buf, &err), -1);
    assert_string_equal(err.message, "factorial of a negative number is undefined");
    int32_t r;
    assert_int_equal(type_numeric_width_bucket(num("5.35"), num("0.024"), num("10.06"), 5, &r, &err), 0);
    assert_int_equal(r, 3);
    assert_int_equal(type_numeric_width_bucket(num("5"), num("10"), num("0"), 4, &r, &err), 0);
    assert_int_equal(r, 3);
    assert_int_equal(type_numeric_width_bucket(num("Infinity"), num("0"), num("10"), 3, &r, &err), 0);
    assert_int_equal(r, 4);
    err_clear(&err);
    assert_int_equal(type_numeric_width_bucket(num("1"), num("3"), num("3"), 3, &r, &err), -1);
    assert_string_equal(err.sqlstate, "2201G");
}

/* ---- order ------------------------------------------------------------------------------ */

static void test_compare(void **state)
{
    const char *ordered[] = {"-Infinity", "-1e100", "-12.5", "-1", "-0.001", "0", "0.001", "0.5",
                             "1", "1.0000000000000000000000000000000000000001", "99", "123456789",
                             "1e100", "Infinity", "NaN"};
    size_t n = sizeof ordered / sizeof ordered[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = type_numeric_cmp(num(ordered[i]), num(ordered[j]));
            int want = (i > j) - (i < j);
            if (c != want) fail_msg("cmp(%s, %s) = %d, want %d", ordered[i], ordered[j], c, want);
        }
    assert_int_equal(type_numeric_cmp(num("1.0"), num("1.00")), 0);
    assert_int_equal(type_numeric_cmp(num("-0.50"), num("-0.5")), 0);
    assert_int_equal(type_numeric_cmp(num("0.000"), num("0")), 0);
}

/* ---- the 128-bit path against the GMP path --------------------------------------------- */

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd_u(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *random_num(void)
{
    char *s = mem_alloc(ctx, 128);
    int k = 0, idig = (int)rnd_u(45), fdig = (int)rnd_u(30);
    if (rnd_u(3) == 0) s[k++] = '-';
    s[k++] = (char)('1' + rnd_u(9));
    for (int i = 0; i < idig; i++) s[k++] = (char)('0' + rnd_u(10));
    if (fdig) {
        s[k++] = '.';
        for (int i = 0; i < fdig; i++) s[k++] = (char)('0' + rnd_u(10));
    }
    s[k] = '\0';
    return s;
}

/* Identities that hold exactly, over operands on both sides of the 38-digit
 * boundary: (a + b) - b = a, (a × b) / b = a at a's scale, a = div(a, b) × b
 * + a % b. */
static void test_fast_and_gmp_paths_agree(void **state)
{
    for (int it = 0; it < 3000; it++) {
        const char *a = random_num(), *b = random_num();
        const char *s = bin(OM_NUM_ADD, a, b);
        const char *back = bin(OM_NUM_SUB, s, b);
        if (type_numeric_cmp(num(back), num(a)) != 0) fail_msg("(%s + %s) - %s = %s", a, b, b, back);
        const char *p = bin(OM_NUM_MUL, a, b);
        const char *q = bin(OM_NUM_DIV, p, b);
        OmBuf r;
        OmError err = {0};
        buf_init(&r, ctx, 16);
        int32_t sc;
        assert_true(type_numeric_value_scale(num(a), false, &sc));
        assert_int_equal(type_numeric_round(num(q), sc, false, &r, &err), 0);
        if (type_numeric_cmp(num(r.data), num(a)) != 0) fail_msg("(%s * %s) / %s = %s", a, b, b, q);
        const char *d = bin(OM_NUM_DIV_TRUNC, a, b), *m = bin(OM_NUM_MOD, a, b);
        const char *re = bin(OM_NUM_ADD, bin(OM_NUM_MUL, d, b), m);
        if (type_numeric_cmp(num(re), num(a)) != 0) fail_msg("div/mod of %s, %s: %s, %s", a, b, d, m);
    }
}

/* ---- executor kernels ------------------------------------------------------------------- */

static OmVector *str_vec(void)
{
    OmVector *v = mem_new(ctx, OmVector);
    v->phys = OM_PHYS_STR;
    v->data = mem_zalloc(ctx, sizeof(OmStr) * OM_BATCH_SIZE);
    v->nulls = mem_zalloc(ctx, OM_BATCH_SIZE / 8);
    return v;
}

static void test_kernel_vector(void **state)
{
    OmVector *a = str_vec(), *b = str_vec(), *o = str_vec();
    OmStr *x = a->data, *y = b->data;
    for (int i = 0; i < OM_BATCH_SIZE; i++) {
        x[i] = num(mem_printf(ctx, "%d.%02d", i, i % 100));
        y[i] = num(mem_printf(ctx, "-%d.5", i / 3));
        if (i % 97 == 0) om_vec_set_null(b, i, true);
    }
    MemCtx *var = mem_ctx_create(ctx, "var");
    OmError err = {0};
    assert_int_equal(exec_numeric_arith(BOP_ADD, a, b, o, NULL, OM_BATCH_SIZE, var, &err), 0);
    /* one growing buffer for all the results, not an allocation per row */
    assert_true(mem_ctx_bytes(var) < 64 * 1024);
    OmStr *r = o->data;
    for (int i = 0; i < OM_BATCH_SIZE; i++) {
        if (i % 97 == 0) {
            assert_true(om_vec_is_null(o, i));
            continue;
        }
        assert_false(om_vec_is_null(o, i));
        const char *want = bin(OM_NUM_ADD, mem_printf(ctx, "%d.%02d", i, i % 100), mem_printf(ctx, "-%d.5", i / 3));
        assert_int_equal(r[i].len, strlen(want));
        assert_memory_equal(r[i].ptr, want, r[i].len);
    }
    /* a selection: only the named rows are written */
    uint16_t sel[3] = {5, 700, 2047};
    assert_int_equal(exec_numeric_neg(a, o, sel, 3, var, &err), 0);
    assert_int_equal(r[700].len, 7);
    assert_memory_equal(r[700].ptr, "-700.00", 7);
    /* errors carry PostgreSQL's SQLSTATE */
    y[3] = num("0");
    om_vec_set_null(b, 3, false);
    assert_int_equal(exec_numeric_arith(BOP_DIV, a, b, o, NULL, OM_BATCH_SIZE, var, &err), -1);
    assert_string_equal(err.sqlstate, "22012");
    assert_string_equal(err.message, "division by zero");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_against_postgres, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trunc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scales, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factorial_width_bucket, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fast_and_gmp_paths_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kernel_vector, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * numeric_stats.c — the variance family of numeric aggregates: PostgreSQL
 * 15's numeric_stddev_internal over the exact sums the aggregate kept.
 *
 *   numerator = N·sum(x²) − sum(x)²   (both products at 2 × sum(x)'s scale:
 *                                      exact, as mul_var there)
 *   variance  = numerator / (N·(N−1)) sample, / (N·N) population, at
 *               select_div_scale, rounded; stddev its sqrt_var at that scale
 * A numerator <= 0 (all values equal) gives 0. Special inputs (NaN,
 * infinities) are the caller's: they make the result NaN.
 */
#include "numeric_arith.h"
#include "numeric_big.h"

int type_numeric_variance(OmStr sumx, OmStr sumx2, int64_t n, bool sample, bool stddev, OmBuf *out, OmError *err)
{
    Nv vn, sx, sx2, t1, t2, num, den, nm1, res;
    Nv *all[] = {&vn, &sx, &sx2, &t1, &t2, &num, &den, &nm1, &res};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) ty_nv_init(all[i]);
    ty_nv_set_i(&vn, n, 0);
    ty_nv_parse(sumx, &sx);
    ty_nv_parse(sumx2, &sx2);
    long rscale = sx.dscale * 2;
    ty_nv_mul(&sx, &sx, &t1, rscale);
    ty_nv_mul(&vn, &sx2, &t2, rscale);
    ty_nv_sub(&t2, &t1, &num);
    int rc = 0;
    if (ty_nv_sign(&num) <= 0) {
        ty_nv_set_i(&res, 0, 0);
    } else {
        ty_nv_set_i(&nm1, sample ? n - 1 : n, 0);
        ty_nv_mul(&vn, &nm1, &den, 0);
        long dscale = ty_nv_div_scale(&num, &den);
        rc = ty_nv_div(&num, &den, &res, dscale, true, err);
        if (rc == 0 && stddev) {
            ty_nv_copy(&t1, &res);
            ty_nv_sqrt_scale(&t1, &res, dscale);
        }
    }
    if (rc == 0) rc = ty_nv_out(&res, out, err);
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) ty_nv_clear(all[i]);
    return rc;
}

/*
 * session_params.c — defaults and the per-thread pointer for OmSessionParams.
 */
#include "session_params.h"

static const OmSessionParams defaults = {
    .extra_float_digits = 1,
    .date_style = OM_DATESTYLE_ISO,
    .date_order = OM_DATEORDER_MDY,
    .interval_style = OM_INTERVAL_POSTGRES,
    .bytea_output_hex = true,
    .timezone = "UTC",
};

static _Thread_local const OmSessionParams *current;

const OmSessionParams *om_params_default(void) { return &defaults; }
const OmSessionParams *om_params(void) { return current ? current : &defaults; }
void om_params_use(const OmSessionParams *p) { current = p; }

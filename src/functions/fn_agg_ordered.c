#include "fn_agg.h"
const FnAggDesc fn_agg_ordered_descs[] = {{"$none", 0, 0, 0, false, 0, 0, 0, 0, 0, 0, {0}, 0, 0}};
const int fn_agg_ordered_n = 0;

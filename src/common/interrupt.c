/*
 * interrupt.c — the interrupt flag's slow paths (interrupt.h): attaching a
 * thread's flag, setting it from other threads, and turning a reason into
 * PostgreSQL's error.
 */
#include "interrupt.h"


_Thread_local OmInterrupt *om_intr_current;

void om_intr_attach(OmInterrupt *intr)
{
    om_intr_current = intr;
}

/* Which reason wins when two arrive: TERMINATE and CLIENT_GONE end the
 * session and are never replaced; a cancel replaces a timeout (which may be
 * stale and then cleared unseen, and must not take the cancel with it). */
static int rank(int why)
{
    switch (why) {
    case OM_INTR_TERMINATE:
    case OM_INTR_CLIENT_GONE: return 3;
    case OM_INTR_CANCEL: return 2;
    case OM_INTR_TIMEOUT: return 1;
    default: return 0;
    }
}

bool om_intr_set(OmInterrupt *intr, int why)
{
    int cur = atomic_load(&intr->flag);
    for (;;) {
        if (rank(why) <= rank(cur)) return false;
        if (atomic_compare_exchange_weak(&intr->flag, &cur, why)) return true;
    }
}

void om_intr_clear_statement(OmInterrupt *intr)
{
    int cur = atomic_load(&intr->flag);
    while (cur == OM_INTR_CANCEL || cur == OM_INTR_TIMEOUT) {
        if (atomic_compare_exchange_weak(&intr->flag, &cur, OM_INTR_NONE)) return;
    }
}

int om_intr_take(OmError *err, int why)
{
    OmInterrupt *i = om_intr_current;
    if (why == OM_INTR_TIMEOUT && i) {
        long long d = atomic_load(&i->deadline_us);
        if (d == 0 || om_mono_us() < d) {
            int t = OM_INTR_TIMEOUT;
            atomic_compare_exchange_strong(&i->flag, &t, OM_INTR_NONE);
            return 0;
        }
    }
    return om_intr_raise(err, why);
}

int om_intr_raise(OmError *err, int why)
{
    bool was_set = err && err->set;
    switch (why) {
    case OM_INTR_TIMEOUT:
        return err_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to statement timeout");
    case OM_INTR_TERMINATE:
        err_set(err, ERRCODE_ADMIN_SHUTDOWN, "terminating connection due to administrator command");
        break;
    case OM_INTR_CLIENT_GONE:
        err_set(err, ERRCODE_CONNECTION_FAILURE, "connection to client lost");
        break;
    default:
        return err_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to user request");
    }
    if (err && !was_set) err->severity = OM_SEV_FATAL;
    return -1;
}

int om_intr_check_wait(long long start_us, OmError *err)
{
    if (om_intr_check(err) < 0) return -1;
    OmInterrupt *i = om_intr_current;
    if (i && i->lock_timeout_ms > 0 && om_mono_us() - start_us >= (long long)i->lock_timeout_ms * 1000)
        return err_set(err, ERRCODE_LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
    return 0;
}

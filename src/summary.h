/* Plain-language summary sentences computed from the model, one per gadget. */
#ifndef IGREPORT_SUMMARY_H
#define IGREPORT_SUMMARY_H

#include "model.h"

/*
 * Returns a newly allocated sentence about gadget g, for example
 * "trace_exec: at 8192 events/s, with IG host CPU rises by 3.10 ± 0.40
 * points and host memory by 118 ± 9 MiB; the ig process uses 2.70% CPU and
 * 118 MiB; no lost events." Built only from values the model has.
 */
char *summary_gadget(const struct model *m, const struct model_gadget *g);

#endif

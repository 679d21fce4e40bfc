/* The loopback device inside libengram_chip_virtual.so, its ABI names prefixed with lb_ (the library's
 * own ec_* calls dispatch "loopback:" devices to it): see engram_chip_virtual.c. */
#define EC_LOOPBACK_PREFIX
#undef ENGRAM_BUILD   /* keep the lb_ names out of the exported symbols */
#include "engram_chip_loopback.c"

/*
 * fdlibm.h: exp, log and expm1 of fdlibm 5.3 (Sun Microsystems), ported so that the kernel's
 * fast-forward gets the bits of Java's StrictMath.exp / log / expm1 on every platform (C's libm
 * promises no particular rounding). Compile with -ffp-contract=off and without -ffast-math.
 */
#ifndef ENGRAM_FDLIBM_H
#define ENGRAM_FDLIBM_H

double ek_fd_exp(double x);
double ek_fd_log(double x);
double ek_fd_expm1(double x);

#endif

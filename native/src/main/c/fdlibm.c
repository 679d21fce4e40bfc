/*
 * fdlibm.c: e_exp.c, e_log.c and s_expm1.c of fdlibm 5.3, ported to C11 with explicit word access
 * (memcpy instead of the original's pointer casts). The arithmetic is the original's operation for
 * operation, which is also what Java's StrictMath (java.lang.FdLibm) computes, so the results agree
 * bit for bit. The flag-raising expressions (huge*huge, tiny-1.0 ...) are kept: they give the values.
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
#include "fdlibm.h"

#include <stdint.h>
#include <string.h>

static int32_t hi_word(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (int32_t) (uint32_t) (b >> 32);
}

static int32_t lo_word(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (int32_t) (uint32_t) b;
}

/* x with its high word replaced */
static double with_hi(double x, int32_t hi) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    b = (b & 0xffffffffu) | ((uint64_t) (uint32_t) hi << 32);
    memcpy(&x, &b, sizeof x);
    return x;
}

/* ------------------------------------------------------------------ e_exp.c */

static const double exp_half[2] = {0.5, -0.5};
static const double exp_huge = 1.0e+300;
static const double twom1000 = 0x1.0p-1000;
static const double o_threshold = 0x1.62e42fefa39efp9;
static const double u_threshold = -0x1.74910d52d3051p9;
static const double ln2HI[2] = {0x1.62e42feep-1, -0x1.62e42feep-1};
static const double ln2LO[2] = {0x1.a39ef35793c76p-33, -0x1.a39ef35793c76p-33};
static const double invln2 = 0x1.71547652b82fep0;
static const double P1 = 0x1.555555555553ep-3;
static const double P2 = -0x1.6c16c16bebd93p-9;
static const double P3 = 0x1.1566aaf25de2cp-14;
static const double P4 = -0x1.bbd41c5d26bf1p-20;
static const double P5 = 0x1.6376972bea4d0p-25;

double ek_fd_exp(double x) {
    double y, hi = 0.0, lo = 0.0, c, t;
    int32_t k = 0, xsb, hx;

    hx = hi_word(x);
    xsb = (hx >> 31) & 1;          /* sign bit of x */
    hx &= 0x7fffffff;              /* high word of |x| */

    /* filter out non-finite argument */
    if (hx >= 0x40862E42) {        /* |x| >= 709.78... */
        if (hx >= 0x7ff00000) {
            if (((hx & 0xfffff) | lo_word(x)) != 0) return x + x; /* NaN */
            return xsb == 0 ? x : 0.0;                             /* exp(+-inf) = {inf, 0} */
        }
        if (x > o_threshold) return exp_huge * exp_huge;          /* overflow */
        if (x < u_threshold) return twom1000 * twom1000;          /* underflow */
    }

    /* argument reduction */
    if (hx > 0x3fd62e42) {         /* |x| > 0.5 ln2 */
        if (hx < 0x3FF0A2B2) {     /* and |x| < 1.5 ln2 */
            hi = x - ln2HI[xsb];
            lo = ln2LO[xsb];
            k = 1 - xsb - xsb;
        } else {
            k = (int32_t) (invln2 * x + exp_half[xsb]);
            t = k;
            hi = x - t * ln2HI[0]; /* t*ln2HI is exact here */
            lo = t * ln2LO[0];
        }
        x = hi - lo;
    } else if (hx < 0x3e300000) {  /* |x| < 2**-28 */
        if (exp_huge + x > 1.0) return 1.0 + x;
    } else {
        k = 0;
    }

    /* x is now in primary range */
    t = x * x;
    c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
    if (k >= -1021) return with_hi(y, hi_word(y) + (int32_t) ((uint32_t) k << 20));
    y = with_hi(y, hi_word(y) + (int32_t) ((uint32_t) (k + 1000) << 20));
    return y * twom1000;
}

/* ------------------------------------------------------------------ e_log.c */

static const double ln2_hi = 0x1.62e42feep-1;
static const double ln2_lo = 0x1.a39ef35793c76p-33;
static const double two54 = 0x1.0p54;
static const double Lg1 = 0x1.5555555555593p-1;
static const double Lg2 = 0x1.999999997fa04p-2;
static const double Lg3 = 0x1.2492494229359p-2;
static const double Lg4 = 0x1.c71c51d8e78afp-3;
static const double Lg5 = 0x1.7466496cb03dep-3;
static const double Lg6 = 0x1.39a09d078c69fp-3;
static const double Lg7 = 0x1.2f112df3e5244p-3;

double ek_fd_log(double x) {
    double hfsq, f, s, z, R, w, t1, t2, dk;
    int32_t k = 0, hx, i, j, lx;
    volatile double zero = 0.0; /* log(0) = -two54/0: keep the division at run time */

    hx = hi_word(x);
    lx = lo_word(x);
    if (hx < 0x00100000) {                            /* x < 2**-1022 */
        if (((hx & 0x7fffffff) | lx) == 0) return -two54 / zero; /* log(+-0) = -inf */
        if (hx < 0) return (x - x) / zero;            /* log(-#) = NaN */
        k -= 54;
        x *= two54;                                   /* subnormal: scale up x */
        hx = hi_word(x);
    }
    if (hx >= 0x7ff00000) return x + x;
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    i = (hx + 0x95f64) & 0x100000;
    x = with_hi(x, hx | (i ^ 0x3ff00000));           /* normalize x or x/2 */
    k += (i >> 20);
    f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) {                /* |f| < 2**-20 */
        if (f == 0.0) {
            if (k == 0) return 0.0;
            dk = (double) k;
            return dk * ln2_hi + dk * ln2_lo;
        }
        R = f * f * (0.5 - 0.33333333333333333 * f);
        if (k == 0) return f - R;
        dk = (double) k;
        return dk * ln2_hi - ((R - dk * ln2_lo) - f);
    }
    s = f / (2.0 + f);
    dk = (double) k;
    z = s * s;
    i = hx - 0x6147a;
    w = z * z;
    j = 0x6b851 - hx;
    t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    i |= j;
    R = t2 + t1;
    if (i > 0) {
        hfsq = 0.5 * f * f;
        if (k == 0) return f - (hfsq - s * (hfsq + R));
        return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
    }
    if (k == 0) return f - s * (f - R);
    return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

/* ------------------------------------------------------------------ s_expm1.c */

static const double tiny = 1.0e-300;
static const double Q1 = -0x1.11111111110f4p-5;
static const double Q2 = 0x1.a01a019fe5585p-10;
static const double Q3 = -0x1.4ce199eaadbb7p-14;
static const double Q4 = 0x1.0cfca86e65239p-18;
static const double Q5 = -0x1.afdb76e09c32dp-23;

double ek_fd_expm1(double x) {
    double y, hi, lo, c = 0, t, e, hxs, hfx, r1;
    int32_t k, xsb, hx;

    hx = hi_word(x);
    xsb = hx & (int32_t) 0x80000000u;                /* sign bit of x */
    hx &= 0x7fffffff;                                 /* high word of |x| */

    /* filter out huge and non-finite argument */
    if (hx >= 0x4043687A) {                           /* |x| >= 56*ln2 */
        if (hx >= 0x40862E42) {                       /* |x| >= 709.78... */
            if (hx >= 0x7ff00000) {
                if (((hx & 0xfffff) | lo_word(x)) != 0) return x + x; /* NaN */
                return xsb == 0 ? x : -1.0;           /* exp(+-inf) = {inf, -1} */
            }
            if (x > o_threshold) return exp_huge * exp_huge; /* overflow */
        }
        if (xsb != 0) {                               /* x < -56*ln2: -1 with inexact */
            if (x + tiny < 0.0) return tiny - 1.0;
        }
    }

    /* argument reduction */
    if (hx > 0x3fd62e42) {                            /* |x| > 0.5 ln2 */
        if (hx < 0x3FF0A2B2) {                        /* and |x| < 1.5 ln2 */
            if (xsb == 0) {
                hi = x - ln2_hi;
                lo = ln2_lo;
                k = 1;
            } else {
                hi = x + ln2_hi;
                lo = -ln2_lo;
                k = -1;
            }
        } else {
            k = (int32_t) (invln2 * x + (xsb == 0 ? 0.5 : -0.5));
            t = k;
            hi = x - t * ln2_hi;                      /* t*ln2_hi is exact here */
            lo = t * ln2_lo;
        }
        x = hi - lo;
        c = (hi - x) - lo;
    } else if (hx < 0x3c900000) {                     /* |x| < 2**-54: return x */
        t = exp_huge + x;
        return x - (t - (exp_huge + x));
    } else {
        k = 0;
    }

    /* x is now in primary range */
    hfx = 0.5 * x;
    hxs = x * hfx;
    r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    t = 3.0 - r1 * hfx;
    e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0) return x - (x * e - hxs);            /* c is 0 */
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1) return 0.5 * (x - e) - 0.5;
    if (k == 1) {
        if (x < -0.25) return -2.0 * (e - (x + 0.5));
        return 1.0 + 2.0 * (x - e);
    }
    if (k <= -2 || k > 56) {                          /* suffice to return exp(x) - 1 */
        y = 1.0 - (e - x);
        y = with_hi(y, hi_word(y) + (int32_t) ((uint32_t) k << 20));
        return y - 1.0;
    }
    t = 1.0;
    if (k < 20) {
        t = with_hi(t, 0x3ff00000 - (0x200000 >> k)); /* t = 1-2^-k */
        y = t - (e - x);
        y = with_hi(y, hi_word(y) + (int32_t) ((uint32_t) k << 20));
    } else {
        t = with_hi(t, (0x3ff - k) << 20);            /* 2^-k */
        y = x - (e + t);
        y += 1.0;
        y = with_hi(y, hi_word(y) + (int32_t) ((uint32_t) k << 20));
    }
    return y;
}

package org.engram.brainscales.ppu;

import org.engram.brainscales.ppu.Instr.Binary;
import org.engram.brainscales.ppu.Instr.Op;
import org.engram.hal.model.TwoPhaseRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a {@link TwoPhaseRule} to the processors' programs (see docs/brainscales.md, "Plasticity on the
 * processors"). Constants are derived once in double with StrictMath and rounded once ({@link Fixed#of}).
 *
 * <p>Fast program, every Δf, for each synapse block (rows outer, column blocks inner):
 * <pre>
 *   c ← c − shr(mulFrac(c, Kc), Sc) + nPre·c_pre + nPost·c_post          (decay e^(−Δf/τc), nearest)
 *   regime: LTP if c ≥ θp, LTD if θd ≤ c &lt; θp, else h is left unchanged
 *   h ← h − shrStoch(mulFrac(h − hT, K), S) + shrStoch(mulFrac(Σ4 draws − 510, Kn), Sn)
 *   W ← clamp(shr(mulFrac(h + mulFrac(z, Kh0), Kw), Sw), 0, 63)         (nearest)
 * </pre>
 * The regimes integrate τh dh/dt = γp(h_ltp − h)Θp − γd·h·Θd + ξ exactly over Δf; the relaxation 0.1(h0 − h)
 * is split off to the slow program (operator splitting). Slow program, every Δs, per column block:
 * <pre>
 *   p ← p + shrStoch(mulFrac(αΘ − p, Kp), Sp)                 (Θ: synthesis flag of the previous slow step)
 *   for each row: d = h − h0; z ← clamp(z + shrStoch(mulFrac(mulFrac(zT − z, p), Kz), Sz)) with zT = z_max if
 *   d ≥ θtag, z_min if −d ≥ θtag, else z (no change); Σ ← Σ +sat |d| (0 for slots without a synapse, region DEAD);
 *   h ← h − shrStoch(mulFrac(d, Kr), Sr)
 *   Θ ← Σ ≥ θpro
 * </pre>
 */
public final class PlasticityLowering {
    /** Standard deviation of the sum of four uniform bytes (Irwin–Hall, n = 4): √(4·(256² − 1)/12). */
    public static final double SUM4_SD = Math.sqrt(4 * (65536.0 - 1) / 12);
    /** The mean of that sum, subtracted to centre it: 4 · 127.5. */
    public static final int SUM4_MEAN = 510;

    private PlasticityLowering() {}

    /**
     * @param weightScale mV per weight level (from {@code WeightQuantisation})
     * @param cost        decides which regions fit the SRAM
     */
    public static LoweredRule lower(TwoPhaseRule rule, UpdatePeriods periods, SynapseLayout layout, double weightScale,
                                    CostModel cost) {
        if (rule.ltpGated()) throw new IllegalArgumentException("the LTP gate (ltp_gate_rate > 0) is not lowered to the processors yet");
        if (!(weightScale > 0)) throw new IllegalArgumentException("weight scale must be > 0 mV per level");
        double df = periods.fast(), ds = periods.slow();
        Map<String, Integer> w = new LinkedHashMap<>();
        Map<String, Scaled> f = new LinkedHashMap<>();

        // calcium (Q4.11)
        f.put("Kc", Scaled.of("Kc", -StrictMath.expm1(-df / rule.tauC())));
        w.put("c_pre", count("c_pre", rule.cPre()));
        w.put("c_post", count("c_post", rule.cPost()));
        w.put("theta_p", Fixed.word("theta_p", rule.thetaP(), Formats.C_FRAC));
        w.put("theta_d", Fixed.word("theta_d", rule.thetaD(), Formats.C_FRAC));

        // early-phase regimes without the relaxation term (it runs on the slow period)
        double rateP = rule.gammaP() + rule.gammaD(), rateD = rule.gammaD();
        if (!(rateP > 0) || !(rateD > 0)) throw new IllegalArgumentException("gamma_d must be > 0 for the processors' regimes");
        double eP = -StrictMath.expm1(-df * rateP / rule.tauH()), eD = -StrictMath.expm1(-df * rateD / rule.tauH());
        w.put("hT_ltp", Fixed.word("hT_ltp", rule.gammaP() * rule.hLtpTarget() / rateP, Formats.H_FRAC));
        w.put("hT_ltd", 0);
        Scaled[] k = Scaled.pair("K_ltp", eP, "K_ltd", eD);
        f.put("K_ltp", k[0]);
        f.put("K_ltd", k[1]);
        double sdP = rule.sigmaPl() * StrictMath.sqrt(2 * rule.tauH() / df) * eP / rateP;
        double sdD = rule.sigmaPl() * StrictMath.sqrt(rule.tauH() / df) * eD / rateD;
        double lsb = StrictMath.scalb(1.0, Formats.H_FRAC);
        Scaled[] n = Scaled.pair("Kn_ltp", sdP * lsb / SUM4_SD, "Kn_ltd", sdD * lsb / SUM4_SD);
        f.put("Kn_ltp", n[0]);
        f.put("Kn_ltd", n[1]);

        // weight: h + h0 z in Q4.11, then levels
        f.put("Kh0", Scaled.of("Kh0", rule.h0() * StrictMath.scalb(1.0, Formats.H_FRAC - Formats.Z_FRAC)));
        f.put("Kw", Scaled.of("Kw", 1 / (weightScale * lsb)));

        // slow: protein, late phase, relaxation, tags
        if (!(rule.alpha() < 2)) throw new IllegalArgumentException("alpha must be < 2 (Q1.14)");
        w.put("alpha", Fixed.word("alpha", rule.alpha(), Formats.P_FRAC));
        f.put("Kp", Scaled.of("Kp", -StrictMath.expm1(-ds / rule.tauP())));
        // mulFrac of two Q1.14 values gives half their product in Q1.14, hence the factor 2
        f.put("Kz", Scaled.of("Kz", 2 * ds / rule.tauZ()));
        f.put("Kr", Scaled.of("Kr", -StrictMath.expm1(-ds * rule.relaxation() / rule.tauH())));
        w.put("h0", Fixed.word("h0", rule.h0(), Formats.H_FRAC));
        w.put("theta_tag", Fixed.word("theta_tag", rule.thetaTag(), Formats.H_FRAC));
        w.put("theta_pro", Fixed.word("theta_pro", rule.thetaPro(), Formats.H_FRAC));
        w.put("z_max", Fixed.word("z_max", rule.zMax(), Formats.Z_FRAC));
        w.put("z_min", Fixed.word("z_min", rule.zMin(), Formats.Z_FRAC));

        MemoryMap map = place(layout, cost);
        PpuProgram fast = fast(layout, w, f);
        PpuProgram slow = slow(layout, w, f);
        return new LoweredRule(rule, periods, layout, weightScale, map, fast, slow, w, f,
                draws(fast.body(), true), draws(slow.body(), false));
    }

    private static int count(String name, double amount) {
        int v = Fixed.word(name, amount, Formats.C_FRAC);
        if ((long) v * Formats.MAX_COUNT > Lane.H16.max()) {
            throw new IllegalArgumentException(name + " = " + amount + ": " + Formats.MAX_COUNT + " spikes per period would overflow calcium");
        }
        return v;
    }

    /** Regions into the SRAM in order of use (per-column first, then the fast loop's), the rest external. */
    static MemoryMap place(SynapseLayout layout, CostModel cost) {
        long free = cost.dataSramBytes();
        List<Region> out = new ArrayList<>();
        String[] order = {LoweredRule.POST, LoweredRule.P, LoweredRule.THETA, LoweredRule.C, LoweredRule.H, LoweredRule.PRE, LoweredRule.Z, LoweredRule.DEAD};
        for (String name : order) {
            boolean perColumn = name.equals(LoweredRule.POST) || name.equals(LoweredRule.P) || name.equals(LoweredRule.THETA);
            int vectors = perColumn ? layout.columnBlocks() : layout.blocks();
            long bytes = (long) vectors * Region.VECTOR_BYTES;
            Region.Memory where = bytes <= free ? Region.Memory.SRAM : Region.Memory.EXTERNAL;
            if (where == Region.Memory.SRAM) free -= bytes;
            out.add(new Region(name, vectors, where));
        }
        out.add(new Region(LoweredRule.W, layout.blocks(), Region.Memory.SYNAPSE_ARRAY));
        return new MemoryMap(out);
    }

    /** Draws per synapse block (fast: in the inner loop) or per row (slow: in the inner loop). */
    private static int draws(List<Instr> body, boolean fast) {
        int n = 0;
        for (Instr in : body) {
            if (in instanceof Instr.Loop l) {
                for (Instr x : l.body()) {
                    if (x instanceof Instr.Loop inner) {
                        for (Instr y : inner.body()) if (y instanceof Instr.Draw) n++;
                    }
                }
            }
        }
        return n;
    }

    /** Appends mulFrac by a scaled factor held in register kReg, then its shift (stochastic with a draw, or nearest). */
    private static void scaled(List<Instr> out, int dst, int src, int kReg, int shift, int rnd, Index column) {
        out.add(new Binary(Op.MUL_FRAC, dst, src, kReg));
        if (shift == 0) return;
        if (rnd < 0) {
            out.add(new Instr.Shr(dst, dst, shift));
        } else {
            out.add(new Instr.Draw(rnd, column));
            out.add(new Instr.ShrStochastic(dst, dst, shift, rnd));
        }
    }

    // fast-program registers
    private static final int KC = 0, CPRE = 1, CPOST = 2, THP = 3, THD = 4, HTP = 5, HTD = 6, KP = 7, KD = 8, NP = 9, ND = 10,
            OFF = 11, KH0 = 12, KW = 13, ZERO = 14, L63 = 15, CR = 16, NPRE = 17, NPOST = 18, HR = 19, ZR = 20, T = 21,
            MP = 22, MD = 23, TG = 24, K = 25, KN = 26, HN = 27, R = 28, S = 29, WR = 30, R2 = 31;

    static PpuProgram fast(SynapseLayout layout, Map<String, Integer> w, Map<String, Scaled> f) {
        List<Instr> pro = new ArrayList<>();
        pro.add(new Instr.Splat(KC, f.get("Kc").k()));
        pro.add(new Instr.Splat(CPRE, w.get("c_pre")));
        pro.add(new Instr.Splat(CPOST, w.get("c_post")));
        pro.add(new Instr.Splat(THP, w.get("theta_p")));
        pro.add(new Instr.Splat(THD, w.get("theta_d")));
        pro.add(new Instr.Splat(HTP, w.get("hT_ltp")));
        pro.add(new Instr.Splat(HTD, w.get("hT_ltd")));
        pro.add(new Instr.Splat(KP, f.get("K_ltp").k()));
        pro.add(new Instr.Splat(KD, f.get("K_ltd").k()));
        pro.add(new Instr.Splat(NP, f.get("Kn_ltp").k()));
        pro.add(new Instr.Splat(ND, f.get("Kn_ltd").k()));
        pro.add(new Instr.Splat(OFF, SUM4_MEAN));
        pro.add(new Instr.Splat(KH0, f.get("Kh0").k()));
        pro.add(new Instr.Splat(KW, f.get("Kw").k()));
        pro.add(new Instr.Splat(ZERO, 0));
        pro.add(new Instr.Splat(L63, 63));

        int cbs = layout.columnBlocks();
        Index blk = new Index(0, cbs, 1), col = new Index(0, 0, 1);
        List<Instr> b = new ArrayList<>();
        b.add(new Instr.Load(CR, LoweredRule.C, blk));
        b.add(new Instr.Load(NPRE, LoweredRule.PRE, blk));
        b.add(new Instr.Load(NPOST, LoweredRule.POST, col));
        b.add(new Instr.Load(HR, LoweredRule.H, blk));
        b.add(new Instr.Load(ZR, LoweredRule.Z, blk));
        // calcium: decay (nearest), then this period's spikes
        scaled(b, T, CR, KC, f.get("Kc").shift(), -1, col);
        b.add(new Binary(Op.SUB_SAT, CR, CR, T));
        b.add(new Binary(Op.MUL_MOD, T, NPRE, CPRE));
        b.add(new Binary(Op.ADD_SAT, CR, CR, T));
        b.add(new Binary(Op.MUL_MOD, T, NPOST, CPOST));
        b.add(new Binary(Op.ADD_SAT, CR, CR, T));
        // regime masks and constants
        b.add(new Binary(Op.CMP_GE, MP, CR, THP));
        b.add(new Binary(Op.CMP_GE, MD, CR, THD));
        b.add(new Instr.Select(TG, MP, HTP, HTD));
        b.add(new Instr.Select(K, MP, KP, KD));
        b.add(new Instr.Select(KN, MP, NP, ND));
        // exact step towards the regime's target, stochastically rounded
        b.add(new Binary(Op.SUB_SAT, T, HR, TG));
        scaled(b, T, T, K, f.get("K_ltp").shift(), R, col);
        b.add(new Binary(Op.SUB_SAT, HN, HR, T));
        // noise: centred sum of four uniform bytes, scaled to the regime's standard deviation
        b.add(new Instr.Draw(S, col));
        for (int d = 0; d < 3; d++) {
            b.add(new Instr.Draw(R2, col));
            b.add(new Binary(Op.ADD_SAT, S, S, R2));
        }
        b.add(new Binary(Op.SUB_SAT, S, S, OFF));
        scaled(b, T, S, KN, f.get("Kn_ltp").shift(), R, col);
        b.add(new Binary(Op.ADD_SAT, HN, HN, T));
        // below theta_d the early phase does not move on the fast period
        b.add(new Instr.Select(HR, MD, HN, HR));
        // weight level: h + h0 z, to levels, nearest, clamped
        scaled(b, WR, ZR, KH0, f.get("Kh0").shift(), -1, col);
        b.add(new Binary(Op.ADD_SAT, WR, HR, WR));
        scaled(b, WR, WR, KW, f.get("Kw").shift(), -1, col);
        b.add(new Binary(Op.MAX, WR, WR, ZERO));
        b.add(new Binary(Op.MIN, WR, WR, L63));
        b.add(new Instr.Store(CR, LoweredRule.C, blk));
        b.add(new Instr.Store(HR, LoweredRule.H, blk));
        b.add(new Instr.Store(WR, LoweredRule.W, blk));

        pro.add(new Instr.Loop(layout.rows(), List.of(new Instr.Loop(cbs, b))));
        return new PpuProgram("two-phase fast", pro);
    }

    // slow-program registers
    private static final int ALPHA = 0, KPR = 1, H0 = 2, TAG = 3, ZMAX = 4, ZMIN = 5, KZ = 6, KR = 7, PRO = 8, Z0 = 9,
            PV = 10, TH = 11, TGT = 12, T2 = 13, RN = 14, ACC = 15, HV = 16, ZV = 17, D = 18, ND2 = 19, TP = 20, TD = 21,
            ZT = 22, U = 23, A = 24, DV = 25;

    static PpuProgram slow(SynapseLayout layout, Map<String, Integer> w, Map<String, Scaled> f) {
        List<Instr> pro = new ArrayList<>();
        pro.add(new Instr.Splat(ALPHA, w.get("alpha")));
        pro.add(new Instr.Splat(KPR, f.get("Kp").k()));
        pro.add(new Instr.Splat(H0, w.get("h0")));
        pro.add(new Instr.Splat(TAG, w.get("theta_tag")));
        pro.add(new Instr.Splat(ZMAX, w.get("z_max")));
        pro.add(new Instr.Splat(ZMIN, w.get("z_min")));
        pro.add(new Instr.Splat(KZ, f.get("Kz").k()));
        pro.add(new Instr.Splat(KR, f.get("Kr").k()));
        pro.add(new Instr.Splat(PRO, w.get("theta_pro")));
        pro.add(new Instr.Splat(Z0, 0));

        int cbs = layout.columnBlocks();
        Index col = new Index(0, 1, 0), blk = new Index(0, 1, cbs);
        List<Instr> outer = new ArrayList<>();
        outer.add(new Instr.Load(PV, LoweredRule.P, col));
        outer.add(new Instr.Load(TH, LoweredRule.THETA, col));
        outer.add(new Instr.Select(TGT, TH, ALPHA, Z0));
        outer.add(new Binary(Op.SUB_SAT, T2, TGT, PV));
        scaled(outer, T2, T2, KPR, f.get("Kp").shift(), RN, col);
        outer.add(new Binary(Op.ADD_SAT, PV, PV, T2));
        outer.add(new Instr.Store(PV, LoweredRule.P, col));
        outer.add(new Instr.Splat(ACC, 0));

        List<Instr> row = new ArrayList<>();
        row.add(new Instr.Load(HV, LoweredRule.H, blk));
        row.add(new Instr.Load(ZV, LoweredRule.Z, blk));
        row.add(new Binary(Op.SUB_SAT, D, HV, H0));
        row.add(new Binary(Op.SUB_SAT, ND2, Z0, D));
        row.add(new Binary(Op.CMP_GE, TP, D, TAG));
        row.add(new Binary(Op.CMP_GE, TD, ND2, TAG));
        row.add(new Instr.Select(ZT, TD, ZMIN, ZV));
        row.add(new Instr.Select(ZT, TP, ZMAX, ZT));
        row.add(new Binary(Op.SUB_SAT, U, ZT, ZV));
        row.add(new Binary(Op.MUL_FRAC, U, U, PV));
        scaled(row, U, U, KZ, f.get("Kz").shift(), RN, col);
        row.add(new Binary(Op.ADD_SAT, ZV, ZV, U));
        row.add(new Binary(Op.MIN, ZV, ZV, ZMAX));
        row.add(new Binary(Op.MAX, ZV, ZV, ZMIN));
        row.add(new Binary(Op.MAX, A, D, ND2));
        // a slot without a synapse still integrates its column's postsynaptic calcium and drifts; it must
        // not count towards the neuron's protein synthesis
        row.add(new Instr.Load(DV, LoweredRule.DEAD, blk));
        row.add(new Instr.Select(A, DV, Z0, A));
        row.add(new Binary(Op.ADD_SAT, ACC, ACC, A));
        scaled(row, T2, D, KR, f.get("Kr").shift(), RN, col);
        row.add(new Binary(Op.SUB_SAT, HV, HV, T2));
        row.add(new Instr.Store(HV, LoweredRule.H, blk));
        row.add(new Instr.Store(ZV, LoweredRule.Z, blk));
        outer.add(new Instr.Loop(layout.rows(), row));

        outer.add(new Binary(Op.CMP_GE, TH, ACC, PRO));
        outer.add(new Instr.Store(TH, LoweredRule.THETA, col));
        pro.add(new Instr.Loop(cbs, outer));
        return new PpuProgram("two-phase slow", pro);
    }
}

/* C test driver for memcheck.sh: exercises the kernel, the loopback chip and the virtual chip, including every error path
 * it can reach with bad pointers and lengths, and frees everything (valgrind / LeakSanitizer check it). */
#include "engram_kernel.h"
#include "engram_chip.h"
#include "engram_chip_virtual.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define EXPECT(cond) do { if (!(cond)) { fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

static void kernel_test(void) {
    int32_t w[4];
    EXPECT(ek_philox_block(0, 0, 0, 0, 0, w, 4) == EK_OK);
    EXPECT((uint32_t) w[0] == 0x6627e8d5u);       /* Random123 known answer, key 0, counter 0 */
    EXPECT(ek_philox_block(0, 0, 0, 0, 0, NULL, 4) == EK_ERR_NULL);
    EXPECT(ek_philox_block(0, 0, 0, 0, 0, w, 3) == EK_ERR_LENGTH);

    ek_kernel *k = NULL;
    EXPECT(ek_create(-1, 500, 1, 2, 15, &k) == EK_ERR_RANGE && k == NULL);
    EXPECT(ek_create(20000, 500, 1, 2, 15, &k) == EK_OK && k != NULL);
    int32_t n = 2;
    int32_t params[EK_NEURON_FIELDS * 2];
    memset(params, 0, sizeof params);
    for (int i = 0; i < n; i++) {
        params[EK_NEURON_G_MEM * n + i] = 1 << 27;
        params[EK_NEURON_E_SYN * n + i] = (1 << 30) - (1 << 24);
        params[EK_NEURON_V_REST * n + i] = -65 << 16;
        params[EK_NEURON_V_TH * n + i] = -55 << 16;
        params[EK_NEURON_V_RESET * n + i] = -70 << 16;
        params[EK_NEURON_REF_STEPS * n + i] = 10;
        params[EK_NEURON_OU_STIMULUS * n + i] = -1;
    }
    EXPECT(ek_set_neurons(k, NULL, 20) == EK_ERR_NULL);
    EXPECT(ek_set_neurons(k, params, 19) == EK_ERR_LENGTH);
    uint8_t msg[256];
    EXPECT(ek_last_error(k, msg, sizeof msg) > 0 && strstr((char *) msg, "length 19") != NULL);
    EXPECT(ek_set_neurons(k, params, 20) == EK_OK);
    int32_t *table = calloc((1 << 14) + 1, 4);
    EXPECT(ek_set_normal_table(k, table, 100) == EK_ERR_LENGTH);
    EXPECT(ek_set_normal_table(k, table, (1 << 14) + 1) == EK_OK);
    free(table);
    int32_t start[2] = {0, 1}, post[1] = {1}, bad_post[1] = {7};
    EXPECT(ek_run(k, 10, NULL, NULL, NULL, 0, NULL) == EK_ERR_NULL);
    EXPECT(ek_add_projection(k, 0, 1, 15, -1, 20 << 16, start, 2, bad_post, 1, NULL, 0) == EK_ERR_RANGE);
    EXPECT(ek_add_projection(k, 0, 1, 15, -1, 20 << 16, start, 3, post, 1, NULL, 0) == EK_ERR_LENGTH);
    EXPECT(ek_add_projection(k, 0, 1, 15, -1, 20 << 16, start, 2, post, 1, NULL, 0) == EK_OK);
    int32_t stim_neurons[1] = {0};
    int64_t events[3] = {100, 200, 300};
    EXPECT(ek_add_stimulus(k, EK_STIM_SPIKES, EK_DELIVER_FORCE, 0, 0, 1, stim_neurons, 1, NULL, NULL, 0, events, 3) == EK_OK);
    uint8_t mask[2] = {1, 1};
    EXPECT(ek_add_spike_recording(k, 0, mask, 2, 0, INT64_MAX) == EK_OK);
    double trace[2 * 21];
    int32_t elements[2] = {0, 1};
    EXPECT(ek_add_trace(k, EK_VAR_V, 0, elements, 2, 0, 1000, 21, 0, 0, trace, 41) == EK_ERR_LENGTH);
    EXPECT(ek_add_trace(k, EK_VAR_V, 0, elements, 2, 0, 1000, 21, 0, 0, trace, 42) == EK_OK);
    int64_t written = 0;
    int32_t rec[8], neu[8];
    int64_t stp[8];
    EXPECT(ek_run(k, 100, rec, neu, stp, 8, &written) == EK_ERR_STATE);
    EXPECT(ek_prepare(k) == EK_OK);
    EXPECT(ek_run(k, 100, rec, neu, stp, 1, &written) == EK_ERR_LENGTH);
    int64_t total = 0, steps[8], from1 = 0;
    int32_t rc;
    while ((rc = ek_run(k, INT64_MAX, rec, neu, stp, 8, &written)) >= 0) {
        for (int64_t i = 0; i < written; i++) {
            if (total < 8) steps[total] = stp[i];
            total++;
            from1 += neu[i] == 1;
        }
        if (rc == EK_DONE) break;
    }
    EXPECT(rc == EK_DONE);
    /* 3 forced spikes of neuron 0, each driving neuron 1 over threshold after the 15-step delay */
    EXPECT(total - from1 == 3 && from1 >= 3);
    EXPECT(steps[0] == 100 && steps[1] > 115);
    int64_t counters[EK_COUNTERS];
    EXPECT(ek_counters(k, counters, EK_COUNTERS) == EK_OK && counters[EK_COUNTER_STEP] == 20000);
    EXPECT(counters[EK_COUNTER_STEPS_EXECUTED] < 20000);   /* quiet stretches were skipped */
    EXPECT(trace[0] == -65.0);
    double syn[3];
    EXPECT(ek_read_synapse(k, 0, 20000, syn, 3) == EK_ERR_RANGE);
    ek_destroy(k);
    ek_destroy(NULL);
}

/* Fast-forward: one plastic synapse 0 -> 1 driven by forced spikes, h raised above the tag and protein
 * thresholds, then a window of 10^6 steps with samples inside it; bad windows and constants refused. */
static void fast_forward_test(void) {
    ek_kernel *k = NULL;
    const int64_t steps = 1100000;
    EXPECT(ek_create(steps, 500, 7, 2, 5, &k) == EK_OK);
    int32_t params[EK_NEURON_FIELDS * 2];
    memset(params, 0, sizeof params);
    for (int i = 0; i < 2; i++) {
        params[EK_NEURON_G_MEM * 2 + i] = 1 << 27;
        params[EK_NEURON_E_SYN * 2 + i] = (1 << 30) - (1 << 24);
        params[EK_NEURON_V_TH * 2 + i] = 10 << 16;
        params[EK_NEURON_REF_STEPS * 2 + i] = 2;
        params[EK_NEURON_OU_STIMULUS * 2 + i] = -1;
    }
    EXPECT(ek_set_neurons(k, params, EK_NEURON_FIELDS * 2) == EK_OK);
    int32_t *table = calloc((1 << 14) + 1, 4);
    EXPECT(ek_set_normal_table(k, table, (1 << 14) + 1) == EK_OK);
    free(table);
    int64_t c[EK_RULE_FIELDS];
    memset(c, 0, sizeof c);
    c[EK_RULE_H0] = 4 << 24;
    c[EK_RULE_THETA_TAG] = (int64_t) 1 << 22;
    c[EK_RULE_THETA_PRO] = (int64_t) 1 << 22;
    c[EK_RULE_THETA_D] = c[EK_RULE_THETA_P] = 1 << 30;   /* calcium never reaches them: h only decays */
    c[EK_RULE_E_PK] = (1 << 30) - (1 << 20);
    c[EK_RULE_ALPHA] = 1 << 30;
    c[EK_RULE_Z_MIN] = -(1 << 29);
    c[EK_RULE_Z_MAX] = 1 << 30;
    c[EK_RULE_KZ46] = (int64_t) 1 << 30;
    int32_t *lo = malloc(4096 * 4), *hi = malloc(300 * 4);
    for (int i = 0; i < 4096; i++) lo[i] = (1 << 30) - i * 64;
    for (int i = 0; i < 300; i++) hi[i] = (1 << 30) >> (i < 30 ? i : 30);
    EXPECT(ek_add_rule(k, c, EK_RULE_FIELDS, 0, lo, 4096, hi, 300, lo, 4096, hi, 300) == EK_OK);
    free(lo);
    free(hi);
    int32_t rule[1] = {0}, h_init[1] = {6 << 24}, z_init[1] = {0}, pre[1] = {0}, post[1] = {1}, in_start[3] = {0, 0, 1}, in_syn[1] = {0};
    EXPECT(ek_set_plastic(k, 1, rule, h_init, z_init, pre, post, in_start, 3, in_syn, 1) == EK_OK);
    int32_t start[2] = {0, 1}, plastic_index[1] = {0};
    EXPECT(ek_add_projection(k, 0, 1, 3, 0, 0, start, 2, post, 1, plastic_index, 1) == EK_OK);
    int32_t stim_neurons[1] = {0};
    int64_t events[2] = {10, 20};
    EXPECT(ek_add_stimulus(k, EK_STIM_SPIKES, EK_DELIVER_FORCE, 0, 0, 1, stim_neurons, 1, NULL, NULL, 0, events, 2) == EK_OK);
    double late[EK_LATE_FIELDS] = {0.25, 0.25, 3600, 3600, 3600, 1, -0.5, 1};
    EXPECT(ek_set_late_phase(k, 0, late, EK_LATE_FIELDS - 1) == EK_ERR_LENGTH);
    EXPECT(ek_set_late_phase(k, 1, late, EK_LATE_FIELDS) == EK_ERR_RANGE);
    late[EK_LATE_TAU_P] = -1;
    EXPECT(ek_set_late_phase(k, 0, late, EK_LATE_FIELDS) == EK_ERR_RANGE);
    late[EK_LATE_TAU_P] = 3600;
    int64_t bad_order[4] = {100, 200, 150, 300}, bad_range[2] = {100, steps + 1}, windows[4] = {1000, 2000, 2000, 1001000};
    EXPECT(ek_set_fast_forward(k, 0.2e-3, bad_order, 4) == EK_ERR_RANGE);
    EXPECT(ek_set_fast_forward(k, 0.2e-3, bad_range, 2) == EK_ERR_RANGE);
    EXPECT(ek_set_fast_forward(k, 0.2e-3, windows, 3) == EK_ERR_LENGTH);
    EXPECT(ek_set_fast_forward(k, 0.2e-3, NULL, 2) == EK_ERR_NULL);
    EXPECT(ek_set_fast_forward(k, 0.2e-3, windows, 4) == EK_OK);
    EXPECT(ek_set_fast_forward(k, 0.2e-3, windows, 4) == EK_OK);   /* replaces the first copy */
    EXPECT(ek_prepare(k) == EK_ERR_STATE);                        /* windows need the rule's late-phase constants */
    EXPECT(ek_set_late_phase(k, 0, late, EK_LATE_FIELDS) == EK_OK);
    double z[12], p[12];
    int32_t syn[1] = {0}, neuron[1] = {1};
    EXPECT(ek_add_trace(k, EK_VAR_Z, 0, syn, 1, 0, 100000, 12, 0, 0, z, 12) == EK_OK);
    EXPECT(ek_add_trace(k, EK_VAR_P, 0, neuron, 1, 0, 100000, 12, 0, 0, p, 12) == EK_OK);
    EXPECT(ek_prepare(k) == EK_OK);
    int32_t rec[4], neu[4];
    int64_t stp[4], written = 0, counters[EK_COUNTERS];
    int32_t rc;
    while ((rc = ek_run(k, INT64_MAX, rec, neu, stp, 4, &written)) == EK_OK) {}
    EXPECT(rc == EK_DONE);
    EXPECT(ek_counters(k, counters, EK_COUNTERS) == EK_OK && counters[EK_COUNTER_STEPS_EXECUTED] < 100000);
    EXPECT(p[0] == 0 && p[5] > 0 && p[5] < 1);        /* protein synthesised inside the window */
    EXPECT(z[0] == 0 && z[5] > 0 && z[11] >= z[5]);    /* z driven towards z_max by the tag */
    ek_destroy(k);
}

static void chip_test(void) {
    ec_device *d = NULL;
    EXPECT(ec_open("nowhere:", &d) == EC_ERR_NO_DEVICE && d == NULL);
    EXPECT(ec_open(NULL, &d) == EC_ERR_NULL);
    EXPECT(ec_open("loopback:", &d) == EC_OK && d != NULL);
    ec_info info;
    memset(&info, 0, sizeof info);
    EXPECT(ec_query(d, &info) == EC_ERR_VERSION);
    info.struct_size = sizeof info;
    EXPECT(ec_query(d, &info) == EC_OK && info.abi_version == EC_ABI_VERSION && (info.capabilities & EC_CAP_LOOPBACK));
    uint32_t cfg[2] = {5, 77};
    EXPECT(ec_write_config(d, 0, cfg, 2) == EC_OK);
    EXPECT(ec_write_config(d, 99, cfg, 2) == EC_ERR_RANGE);
    uint32_t prog[3] = {10, 20, 30};
    EXPECT(ec_load_program(d, prog, 3) == EC_OK);
    int64_t times[3] = {0, 10, 98};
    int32_t targets[3] = {1, 2, 1};
    int64_t got[4], count = 0;
    int32_t src[4];
    EXPECT(ec_read_spikes(d, got, src, 4, &count) == EC_ERR_STATE);
    EXPECT(ec_run(d, times, targets, 3, 100) == EC_OK);
    EXPECT(ec_read_spikes(d, got, src, 4, &count) == EC_OK && count == 2 && got[0] == 5 && got[1] == 15 && src[1] == 2);
    int32_t samples[4];
    EXPECT(ec_read_samples(d, samples, 4, &count) == EC_OK && count == 3 && samples[0] == 10 && samples[1] == 22 && samples[2] == 31);
    uint32_t mem[2];
    EXPECT(ec_read_memory(d, 0, mem, 2) == EC_OK && mem[1] == 77);
    EXPECT(ec_read_memory(d, 4095, mem, 2) == EC_ERR_RANGE);
    EXPECT(ec_run(d, times, targets, 3, 50) == EC_ERR_RANGE);
    EXPECT(ec_close(d) == EC_OK);
    EXPECT(ec_close(NULL) == EC_ERR_NULL);
}

static uint32_t fbits(float f) {
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

/* The virtual chip: two neurons fed by one row, a route through the FPGA loopback, CADC samples, a small
 * processor program, and every checked error path. */
static void virtual_test(void) {
    ec_device *d = NULL;
    EXPECT(ec_open("virtual:", &d) == EC_OK && d != NULL);
    ec_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    EXPECT(ec_query(d, &info) == EC_OK && info.neurons == VC_NEURONS && info.tick_ns == 8 && !(info.capabilities & EC_CAP_LOOPBACK));
    uint32_t global[9] = {25, 7, 0, fbits(0.03f), fbits(0.1f), 250, fbits(-80), fbits(-40), 0};
    EXPECT(ec_write_config(d, VC_BLOCK_GLOBAL, global, 9) == EC_OK);
    EXPECT(ec_write_config(d, VC_BLOCK_GLOBAL, global, 8) == EC_ERR_LENGTH);
    global[0] = 0;
    EXPECT(ec_write_config(d, VC_BLOCK_GLOBAL, global, 9) == EC_ERR_RANGE);
    global[0] = 25;
    uint32_t neuron[13] = {1, fbits(1250), fbits(625), fbits(-65), fbits(-55), fbits(-70), 250, fbits(0.5f), fbits(0.5f), 1, 1,
                           (uint32_t) (1 * VC_LABELS + 0), 375};
    EXPECT(ec_write_config(d, VC_BLOCK_NEURON + 0, neuron, 13) == EC_OK);
    neuron[10] = 0;
    EXPECT(ec_write_config(d, VC_BLOCK_NEURON + 1, neuron, 11) == EC_OK);
    neuron[5] = fbits(-50);   /* reset above threshold */
    EXPECT(ec_write_config(d, VC_BLOCK_NEURON + 2, neuron, 11) == EC_ERR_RANGE);
    neuron[5] = fbits(-70);
    neuron[10] = 1;
    neuron[11] = 3u << VC_MODE_SHIFT;   /* no such mode */
    EXPECT(ec_write_config(d, VC_BLOCK_NEURON + 2, neuron, 13) == EC_ERR_RANGE);
    uint32_t row[1 + VC_COLUMNS];
    memset(row, 0, sizeof row);
    row[1] = 63;          /* row 0, column 0: weight 63, label 0 */
    EXPECT(ec_write_config(d, VC_BLOCK_ROW + 0, row, 1 + VC_COLUMNS) == EC_OK);
    row[2] = 64;          /* weight 64 */
    EXPECT(ec_write_config(d, VC_BLOCK_ROW + 1, row, 1 + VC_COLUMNS) == EC_ERR_RANGE);
    row[2] = 40;
    row[1] = 0;
    EXPECT(ec_write_config(d, VC_BLOCK_ROW + 1, row, 1 + VC_COLUMNS) == EC_OK);   /* row 1: column 1, weight 40 */
    EXPECT(ec_write_config(d, VC_BLOCKS, row, 1) == EC_ERR_RANGE);
    int64_t times[40];
    int32_t targets[40];
    for (int i = 0; i < 40; i++) { times[i] = 25 * i; targets[i] = 0; }
    EXPECT(ec_run(d, times, targets, 40, 5000) == EC_OK);
    int64_t t[64], count = 0;
    int32_t src[64];
    EXPECT(ec_read_spikes(d, t, src, 64, &count) == EC_OK && count > 0 && src[0] == 0);
    int64_t all = count;
    int loop_spike = 0;
    while (count > 0) {
        for (int64_t i = 0; i < count; i++) if (src[i] == 1) loop_spike = 1;
        EXPECT(ec_read_spikes(d, t, src, 64, &count) == EC_OK);
        all += count;
    }
    EXPECT(all > 1 && loop_spike);   /* neuron 0's spikes reach neuron 1 through the loopback */
    int32_t samples[64];
    EXPECT(ec_read_samples(d, samples, 64, &count) == EC_OK && count == 2 * 20 && samples[0] >= 0 && samples[0] <= 255);
    times[1] = -1;
    EXPECT(ec_run(d, times, targets, 40, 5000) == EC_ERR_RANGE);
    times[1] = 25;
    targets[0] = 3 << VC_MODE_SHIFT;   /* no such mode */
    EXPECT(ec_run(d, times, targets, 40, 5000) == EC_ERR_RANGE);
    targets[0] = 0;
    EXPECT(ec_run(d, times, NULL, 40, 5000) == EC_ERR_NULL);
    EXPECT(ec_run(d, times, targets, 40, ((int64_t) 1 << 32) + 1) == EC_ERR_RANGE);
    uint8_t msg[128];
    EXPECT(ec_last_error(d, msg, sizeof msg) > 0 && strstr((char *) msg, "2^32") != NULL);
    /* a processor program: region 0 (data, 1 vector), fast: v1 = 3; v0 = load r0[0]; v0 = v0 +sat v1; store r0[0] */
    uint32_t prog[20 + 1 + 4 + 4 + 1 + 1 + 4 + 4] = {0x45505055u, 1, 0, 1, 1, 125, 2, 1, 0, 0, 64, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    int k = 20;
    prog[k++] = 0;                                /* layout row 0 is chip row 0 */
    prog[k++] = 0; prog[k++] = 1; prog[k++] = 0; prog[k++] = 0;   /* region 0: data, 1 vector, SRAM, word 0 */
    int fast = k;
    prog[k++] = 3u << 27 | 1u << 22 | 3;          /* SPLAT v1, 3 */
    prog[k++] = 1u << 27 | 0u << 22 | 0u << 17; prog[k++] = 0; prog[k++] = 0; prog[k++] = 0;   /* LOAD v0, r0[0] */
    prog[k++] = 4u << 27 | 0u << 23 | 0u << 18 | 0u << 13 | 1u << 8;   /* ADD_SAT v0 = v0 + v1 */
    prog[k++] = 2u << 27 | 0u << 22 | 0u << 17; prog[k++] = 0; prog[k++] = 0; prog[k++] = 0;   /* STORE v0, r0[0] */
    prog[12] = (uint32_t) (k - fast);
    EXPECT(ec_load_program(d, prog, k) == EC_OK);
    EXPECT(ec_load_program(d, prog, k - 1) == EC_ERR_LENGTH);
    prog[fast] = 31u << 27;
    EXPECT(ec_load_program(d, prog, k) == EC_ERR_RANGE);
    EXPECT(ec_run(d, NULL, NULL, 0, 1000) == EC_OK);   /* 8 fast periods */
    uint32_t mem[2];
    EXPECT(ec_read_memory(d, VC_MEM_PPU, mem, 1) == EC_OK && mem[0] == (24u | 24u << 16));
    EXPECT(ec_read_memory(d, VC_MEMORY_WORDS - 1, mem, 2) == EC_ERR_RANGE);
    EXPECT(ec_write_memory(d, 0, NULL, 1) == EC_ERR_NULL);
    EXPECT(ec_close(d) == EC_OK);
}

int main(void) {
    kernel_test();
    fast_forward_test();
    chip_test();
    virtual_test();
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("engram_selftest: all checks passed\n");
    return 0;
}

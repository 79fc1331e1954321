// Latency statistics over raw samples (milliseconds). Samples are kept exactly
// (a Float64Array that grows), so percentiles are exact, not bucketed.

export class Samples {
  #data = new Float64Array(1024);
  #length = 0;

  add(value) {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  get count() {
    return this.#length;
  }

  /** count, mean, min, p50, p90, p99, p99.9, max. */
  summary() {
    return summarize(this.#data.subarray(0, this.#length));
  }
}

/** Nearest-rank percentile of an ascending array; p in [0, 100]. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : NaN,
    min: sorted.length ? sorted[0] : NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

package io.motionua.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregates Interpolative, TimeAverage and DurationGood of Part 13 computed by the test itself
 * from raw values (for a Stepped variable, TreatUncertainAsBad, no sloped extrapolation), interval
 * by interval and without shortcuts, to hold the server's answers against.
 */
final class Part13Expected {

  static final long GOOD = 0;
  static final long UNCERTAIN_DATA_SUB_NORMAL = 0x40A40000L;
  static final long BAD_NO_DATA = 0x809B0000L;
  private static final long DATA_VALUE = 0x400;
  private static final long CALCULATED = 1;
  private static final long INTERPOLATED = 2;
  private static final long PARTIAL = 4;

  /** A raw value: time in microseconds since 1970, value, whether its StatusCode is Good. */
  record Raw(double t, double v, boolean good) {}

  /** An expected result: interval start (microseconds), value (NaN for none), StatusCode. */
  record Result(double t, double v, long code) {}

  private Part13Expected() {}

  static List<Result> interpolative(List<Raw> raw, double start, double end, double interval) {
    List<Result> out = new ArrayList<>();
    double newest = newest(raw);
    for (double s = start; s < end; s += interval) {
      final double at = s;
      Raw exact = raw.stream().filter(r -> r.good() && r.t() == at).findFirst().orElse(null);
      if (exact != null) {
        out.add(new Result(s, exact.v(), GOOD | DATA_VALUE));
        continue;
      }
      Raw before = lastGoodBefore(raw, s);
      if (before == null) {
        out.add(new Result(s, Double.NaN, BAD_NO_DATA));
        continue;
      }
      boolean skipped = raw.stream().anyMatch(r -> !r.good() && r.t() > before.t() && r.t() <= at);
      long code = skipped || newest < s ? UNCERTAIN_DATA_SUB_NORMAL : GOOD;
      out.add(new Result(s, before.v(), code | DATA_VALUE | INTERPOLATED));
    }
    return out;
  }

  static List<Result> timeAverage(List<Raw> raw, double start, double end, double interval) {
    List<Result> out = new ArrayList<>();
    double newest = newest(raw);
    for (double s = start; s < end; s += interval) {
      final double at = s;
      double e = Math.min(s + interval, end);
      Raw bound = lastGoodAtOrBefore(raw, s);
      List<Raw> inside = raw.stream().filter(r -> r.t() >= at && r.t() < e).toList();
      List<Raw> goodInside = inside.stream().filter(Raw::good).toList();
      if (bound == null && goodInside.isEmpty()) {
        out.add(new Result(s, Double.NaN, BAD_NO_DATA));
        continue;
      }
      double from = bound != null ? s : goodInside.get(0).t();
      // The stepped line: each Good value holds until the next Good value.
      double area = 0;
      double value = bound != null ? bound.v() : goodInside.get(0).v();
      double since = from;
      for (Raw r : goodInside) {
        if (r.t() > since) {
          area += value * (r.t() - since);
        }
        value = r.v();
        since = Math.max(since, r.t());
      }
      area += value * (e - since);
      boolean startSkipped =
          bound != null
              && bound.t() < s
              && raw.stream().anyMatch(r -> !r.good() && r.t() > bound.t() && r.t() < at);
      boolean uncertain =
          inside.stream().anyMatch(r -> !r.good()) || startSkipped || bound == null || newest < e;
      boolean partial = bound == null || e - s < interval;
      out.add(
          new Result(
              s,
              area / (e - from),
              (uncertain ? UNCERTAIN_DATA_SUB_NORMAL : GOOD)
                  | DATA_VALUE
                  | CALCULATED
                  | (partial ? PARTIAL : 0)));
    }
    return out;
  }

  static List<Result> durationGood(List<Raw> raw, double start, double end, double interval) {
    List<Result> out = new ArrayList<>();
    double newest = newest(raw);
    for (double s = start; s < end; s += interval) {
      final double at = s;
      double e = Math.min(s + interval, end);
      if (raw.stream().noneMatch(r -> r.t() < e) || newest < s) {
        out.add(new Result(s, Double.NaN, BAD_NO_DATA));
        continue;
      }
      // Regions: from the interval's start, then from each value in it, each with its status.
      Raw last = null;
      for (Raw r : raw) {
        if (r.t() < at) {
          last = r;
        }
      }
      boolean good = last != null && last.good();
      double since = s;
      double total = 0;
      for (Raw r : raw) {
        if (r.t() >= s && r.t() < e) {
          if (good) {
            total += r.t() - since;
          }
          good = r.good();
          since = r.t();
        }
      }
      if (good) {
        total += e - since;
      }
      long partial = e - s < interval ? PARTIAL : 0;
      out.add(new Result(s, total / 1000.0, GOOD | DATA_VALUE | CALCULATED | partial));
    }
    return out;
  }

  private static double newest(List<Raw> raw) {
    return raw.stream().mapToDouble(Raw::t).max().orElse(Double.NEGATIVE_INFINITY);
  }

  private static Raw lastGoodBefore(List<Raw> raw, double t) {
    Raw last = null;
    for (Raw r : raw) {
      if (r.good() && r.t() < t) {
        last = r;
      }
    }
    return last;
  }

  private static Raw lastGoodAtOrBefore(List<Raw> raw, double t) {
    Raw last = null;
    for (Raw r : raw) {
      if (r.good() && r.t() <= t) {
        last = r;
      }
    }
    return last;
  }
}

package io.motionua.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregates Interpolative, TimeAverage and DurationGood of Part 13 computed by the test itself
 * from raw values (for a Stepped variable, TreatUncertainAsBad, no sloped extrapolation;
 * TimeAverage on a sloped line whatever Stepped says, as 5.4.3.6 has it), interval by interval and
 * without shortcuts, to hold the server's answers against.
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

  /**
   * TimeAverage (5.4.3.6): the area under the sloped line through the Good values (non-Good ones
   * omitted; after the last Good value the line is held, extrapolated), from the interval's start
   * (or its first Good value, when none is before: Partial) to its end, over that length. A bound
   * is Uncertain when non-Good values lie between the Good values either side of it, or when no
   * Good value follows it; the result is Uncertain for such a bound, a non-Good value inside, or no
   * start bound.
   */
  static List<Result> timeAverage(List<Raw> raw, double start, double end, double interval) {
    List<Raw> good = raw.stream().filter(Raw::good).toList();
    List<Result> out = new ArrayList<>();
    for (double s = start; s < end; s += interval) {
      final double at = s;
      double e = Math.min(s + interval, end);
      double firstGood = good.isEmpty() ? Double.POSITIVE_INFINITY : good.get(0).t();
      double from = Math.max(s, firstGood);
      if (from >= e) {
        out.add(new Result(s, Double.NaN, BAD_NO_DATA));
        continue;
      }
      // The trapezoids between the line's corners inside [from, e].
      List<Double> corners = new ArrayList<>();
      corners.add(from);
      good.stream().map(Raw::t).filter(t -> t > from && t < e).forEach(corners::add);
      corners.add(e);
      double area = 0;
      for (int k = 1; k < corners.size(); k++) {
        double a = corners.get(k - 1);
        double b = corners.get(k);
        area += (line(good, a) + line(good, b)) / 2 * (b - a);
      }
      boolean noStartBound = firstGood > s;
      boolean uncertain =
          raw.stream().anyMatch(r -> !r.good() && r.t() >= at && r.t() < e)
              || noStartBound
              || uncertainBound(raw, s)
              || uncertainBound(raw, e);
      boolean partial = noStartBound || e - s < interval;
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

  /** The sloped line through the Good values at t (held after the last one). */
  private static double line(List<Raw> good, double t) {
    Raw before = null;
    for (Raw r : good) {
      if (r.t() == t) {
        return r.v();
      }
      if (r.t() > t) {
        return before == null
            ? r.v()
            : before.v() + (r.v() - before.v()) * (t - before.t()) / (r.t() - before.t());
      }
      before = r;
    }
    return before.v();
  }

  /**
   * Whether the bound at t is Uncertain (3.1.8): no Good value at t, a Good one before, and either
   * none after (extrapolated) or non-Good values between the two.
   */
  private static boolean uncertainBound(List<Raw> raw, double t) {
    if (raw.stream().anyMatch(r -> r.good() && r.t() == t)) {
      return false;
    }
    Raw before = lastGoodBefore(raw, t);
    if (before == null) {
      return false;
    }
    Raw after = raw.stream().filter(r -> r.good() && r.t() > t).findFirst().orElse(null);
    if (after == null) {
      return true;
    }
    return raw.stream().anyMatch(r -> !r.good() && r.t() > before.t() && r.t() < after.t());
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

package io.motionua.nodeset;

/** Compares model versions as NodeSet2 files write them ("1.04", "1.05.02", "1.01.2"). */
final class ModelVersion {

  private ModelVersion() {}

  /** True if version a is known to be older than b ("1.02" < "1.04.0"); unknown is not older. */
  static boolean olderThan(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? leadingNumber(x[i]) : 0;
      int q = i < y.length ? leadingNumber(y[i]) : 0;
      if (p != q) {
        return p < q;
      }
    }
    return false;
  }

  private static int leadingNumber(String part) {
    int end = 0;
    while (end < part.length() && end < 9 && Character.isDigit(part.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
  }
}

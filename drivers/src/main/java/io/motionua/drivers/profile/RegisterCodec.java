package io.motionua.drivers.profile;

/**
 * Converts between a signal's registers and its value in engineering units. Registers are passed as
 * ints holding unsigned 16-bit words, in wire order.
 */
public final class RegisterCodec {

  private RegisterCodec() {}

  /**
   * Decodes a signal from {@code words[at..at+count)}. Returns a {@link Long} for unscaled integer
   * types, a {@link Double} for floats and scaled values, a {@link Boolean} for bits.
   */
  public static Object decode(SignalSpec spec, int[] words, int at) {
    DataType type = spec.type();
    if (type == DataType.BOOL) {
      return words[at] != 0;
    }
    if (type == DataType.BIT) {
      return ((words[at] >> spec.bit()) & 1) != 0;
    }
    if (type == DataType.STRING) {
      return decodeString(spec, words, at);
    }
    long bits = toBits(spec.order(), words, at, type.registers());
    if (type.isFloat()) {
      double raw =
          type == DataType.FLOAT32
              ? Float.intBitsToFloat((int) bits)
              : Double.longBitsToDouble(bits);
      return raw * spec.scale() + spec.offset();
    }
    long raw =
        switch (type) {
          case INT16 -> (short) bits;
          case INT32 -> (int) bits;
          default -> bits; // UINT16, UINT32 are already zero-extended; INT64 is the full long
        };
    return spec.isScaled() ? (Object) (raw * spec.scale() + spec.offset()) : (Object) raw;
  }

  /**
   * Encodes a value in engineering units into the signal's registers.
   *
   * @throws IllegalArgumentException when the value is not a number (or boolean for bits) or does
   *     not fit the register type; the message names the signal and the range
   */
  public static int[] encode(SignalSpec spec, Object value) {
    DataType type = spec.type();
    if (type == DataType.BOOL) {
      if (value instanceof Boolean b) {
        return new int[] {b ? 1 : 0};
      }
      if (value instanceof Number n) {
        return new int[] {n.doubleValue() != 0.0 ? 1 : 0};
      }
      throw notANumber(spec, value);
    }
    if (type == DataType.STRING) {
      return encodeString(spec, value);
    }
    if (type == DataType.BIT) {
      throw new IllegalArgumentException(
          "signal %s: a bit in a register cannot be written alone".formatted(spec.name()));
    }
    double engineering;
    if (value instanceof Number n) {
      engineering = n.doubleValue();
    } else if (value instanceof Boolean b) {
      engineering = b ? 1.0 : 0.0;
    } else {
      throw notANumber(spec, value);
    }
    double raw = (engineering - spec.offset()) / spec.scale();
    long bits;
    if (type == DataType.FLOAT32) {
      bits = Float.floatToIntBits((float) raw) & 0xFFFF_FFFFL;
    } else if (type == DataType.FLOAT64) {
      bits = Double.doubleToLongBits(raw);
    } else if (!spec.isScaled() && value instanceof Long l) {
      bits = checkRange(spec, l, value); // keeps full 64-bit precision
    } else {
      bits = checkRange(spec, Math.round(raw), value);
    }
    return fromBits(spec.order(), bits, type.registers());
  }

  private static String decodeString(SignalSpec spec, int[] words, int at) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < spec.length(); i++) {
      int word = words[at + i];
      int first = spec.order().swapsBytes() ? word & 0xFF : word >>> 8;
      int second = spec.order().swapsBytes() ? word >>> 8 : word & 0xFF;
      for (int c : new int[] {first, second}) {
        if (c == 0) {
          return text.toString();
        }
        text.append((char) c);
      }
    }
    return text.toString();
  }

  private static int[] encodeString(SignalSpec spec, Object value) {
    String text = String.valueOf(value);
    if (text.length() > 2 * spec.length() || !text.chars().allMatch(c -> c < 256)) {
      throw new IllegalArgumentException(
          "signal %s: '%s' does not fit %d registers of Latin-1 text"
              .formatted(spec.name(), text, spec.length()));
    }
    int[] words = new int[spec.length()];
    for (int i = 0; i < text.length(); i++) {
      int shift = (i % 2 == 0) != spec.order().swapsBytes() ? 8 : 0;
      words[i / 2] |= text.charAt(i) << shift;
    }
    return words;
  }

  private static long checkRange(SignalSpec spec, long raw, Object value) {
    long min;
    long max;
    switch (spec.type()) {
      case INT16 -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case UINT16 -> {
        min = 0;
        max = 0xFFFF;
      }
      case INT32 -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      case UINT32 -> {
        min = 0;
        max = 0xFFFF_FFFFL;
      }
      default -> {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
      }
    }
    if (raw < min || raw > max) {
      throw new IllegalArgumentException(
          "signal %s: value %s gives raw %d, outside %s range [%d, %d]"
              .formatted(spec.name(), value, raw, spec.type(), min, max));
    }
    return raw;
  }

  private static IllegalArgumentException notANumber(SignalSpec spec, Object value) {
    return new IllegalArgumentException(
        "signal %s: value %s (%s) is not a number"
            .formatted(
                spec.name(), value, value == null ? "null" : value.getClass().getSimpleName()));
  }

  /** Assembles the words into one big-endian bit pattern, undoing the word and byte order. */
  static long toBits(WordOrder order, int[] words, int at, int count) {
    long bits = 0;
    for (int i = 0; i < count; i++) {
      int word = words[at + (order.swapsWords() ? count - 1 - i : i)] & 0xFFFF;
      if (order.swapsBytes()) {
        word = ((word & 0xFF) << 8) | (word >>> 8);
      }
      bits = (bits << 16) | word;
    }
    return bits;
  }

  /** Splits a big-endian bit pattern into words in the given order. */
  static int[] fromBits(WordOrder order, long bits, int count) {
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      int word = (int) (bits >>> (16 * (count - 1 - i))) & 0xFFFF;
      if (order.swapsBytes()) {
        word = ((word & 0xFF) << 8) | (word >>> 8);
      }
      words[order.swapsWords() ? count - 1 - i : i] = word;
    }
    return words;
  }
}

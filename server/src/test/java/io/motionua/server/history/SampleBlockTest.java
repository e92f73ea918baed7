package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

/** A block's encoding: every sample back bit for bit, its size, and damage always detected. */
class SampleBlockTest {

  /** One sample as generated: the step from the one before, the value's bits, the status. */
  record Step(long stepMicros, long bits, long status) {}

  @Provide
  Arbitrary<List<Step>> blocks() {
    Arbitrary<Long> steps =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(10_000L)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 20)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 2_000_000)));
    Arbitrary<Long> bits =
        Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.doubles().map(Double::doubleToRawLongBits),
            Arbitraries.of(
                Double.doubleToRawLongBits(Double.NaN),
                Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                0x7ff8_0000_0000_1234L, // a NaN with a payload: kept as it is
                0L));
    Arbitrary<Long> statuses =
        Arbitraries.of(
            StatusCodes.Good,
            StatusCodes.Bad_NoCommunication,
            StatusCodes.Uncertain_LastUsableValue,
            0xFFFF_FFFFL);
    return Combinators.combine(steps, bits, statuses)
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(SampleBlock.MAX_COUNT);
  }

  private static SampleColumns columns(long first, List<Step> steps) {
    SampleColumns c = new SampleColumns(4);
    long t = first;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      t += i == 0 ? 0 : s.stepMicros();
      c.add(t, Double.longBitsToDouble(s.bits()), s.status());
    }
    return c;
  }

  private static SampleColumns roundTrip(SampleColumns c) throws Exception {
    SampleBlock.Bytes bytes = new SampleBlock.Bytes();
    SampleBlock.encode(c, bytes);
    SampleColumns back = new SampleColumns(1);
    SampleBlock.decode(bytes.data, bytes.length, c.first(), back);
    return back;
  }

  @Property(tries = 300)
  void everySampleComesBackBitForBit(
      @ForAll("blocks") List<Step> steps,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int firstSeconds)
      throws Exception {
    SampleColumns c = columns(firstSeconds * 1_000_000L, steps);
    SampleColumns back = roundTrip(c);
    assertEquals(c.size, back.size);
    assertArrayEquals(Arrays.copyOf(c.times, c.size), Arrays.copyOf(back.times, back.size));
    for (int i = 0; i < c.size; i++) {
      assertEquals(
          Double.doubleToRawLongBits(c.values[i]), Double.doubleToRawLongBits(back.values[i]));
    }
    assertArrayEquals(Arrays.copyOf(c.statuses, c.size), Arrays.copyOf(back.statuses, back.size));
  }

  @Property(tries = 300)
  void anyDamagedByteIsDetected(
      @ForAll("blocks") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 1 << 20) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    SampleColumns c = columns(1_000_000, steps);
    SampleBlock.Bytes bytes = new SampleBlock.Bytes();
    SampleBlock.encode(c, bytes);
    bytes.data[where % bytes.length] ^= (byte) flip;
    assertThrows(
        CorruptBlockException.class,
        () -> SampleBlock.decode(bytes.data, bytes.length, 1_000_000, new SampleColumns(1)));
  }

  @Test
  void aTruncatedBlockIsDetected() {
    SampleColumns c = new SampleColumns(4);
    for (int i = 0; i < 100; i++) {
      c.add(i * 10_000L, Math.sin(i), StatusCodes.Good);
    }
    SampleBlock.Bytes bytes = new SampleBlock.Bytes();
    SampleBlock.encode(c, bytes);
    for (int length = 0; length < bytes.length; length++) {
      int n = length;
      assertThrows(
          CorruptBlockException.class,
          () -> SampleBlock.decode(bytes.data, n, 0, new SampleColumns(1)));
    }
  }

  @Test
  void aSteadyMovingValueTakesAboutNineBytes() throws Exception {
    // A second of a position polled every 10 ms: 100 values on a regular clock, all Good.
    SampleColumns c = new SampleColumns(100);
    for (int i = 0; i < 100; i++) {
      c.add(i * 10_000L, 100 * Math.sin(i * 0.01), StatusCodes.Good);
    }
    SampleBlock.Bytes bytes = new SampleBlock.Bytes();
    SampleBlock.encode(c, bytes);
    assertTrue(bytes.length <= 100 * 9 + 16, bytes.length + " bytes for 100 values");
    // A value standing still: a byte for its time and a byte for its value.
    SampleColumns still = new SampleColumns(100);
    for (int i = 0; i < 100; i++) {
      still.add(i * 10_000L, 42.5, StatusCodes.Good);
    }
    SampleBlock.encode(still, bytes);
    assertTrue(bytes.length <= 2 * 100 + 16, bytes.length + " bytes for 100 equal values");
    assertEquals(42.5, roundTrip(still).values[99]);
  }
}

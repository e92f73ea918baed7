package io.motionua.drivers.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Word and byte orders against known wire sequences (bytes as sent, high byte of a word first). */
class WordOrderTest {

  @ParameterizedTest
  @CsvSource({
    "BIG_ENDIAN,    11 22 33 44",
    "WORD_SWAPPED,  33 44 11 22",
    "BYTE_SWAPPED,  22 11 44 33",
    "LITTLE_ENDIAN, 44 33 22 11"
  })
  void int32OrdersMatchTheirByteSequences(WordOrder order, String wire) {
    SignalSpec spec = spec(DataType.INT32, order);
    int[] words = words(wire);
    assertArrayEquals(words, RegisterCodec.encode(spec, 0x11223344));
    assertEquals((long) 0x11223344, RegisterCodec.decode(spec, words, 0));
  }

  @ParameterizedTest
  @CsvSource({
    "BIG_ENDIAN,    3F 80 00 00",
    "WORD_SWAPPED,  00 00 3F 80",
    "BYTE_SWAPPED,  80 3F 00 00",
    "LITTLE_ENDIAN, 00 00 80 3F"
  })
  void float32OrdersMatchTheirByteSequences(WordOrder order, String wire) {
    SignalSpec spec = spec(DataType.FLOAT32, order);
    assertArrayEquals(words(wire), RegisterCodec.encode(spec, 1.0));
    assertEquals(1.0, RegisterCodec.decode(spec, words(wire), 0));
  }

  @ParameterizedTest
  @CsvSource({
    "BIG_ENDIAN,    01 02 03 04 05 06 07 08",
    "WORD_SWAPPED,  07 08 05 06 03 04 01 02",
    "BYTE_SWAPPED,  02 01 04 03 06 05 08 07",
    "LITTLE_ENDIAN, 08 07 06 05 04 03 02 01"
  })
  void int64OrdersMatchTheirByteSequences(WordOrder order, String wire) {
    SignalSpec spec = spec(DataType.INT64, order);
    assertArrayEquals(words(wire), RegisterCodec.encode(spec, 0x0102030405060708L));
    assertEquals(0x0102030405060708L, RegisterCodec.decode(spec, words(wire), 0));
  }

  @ParameterizedTest
  @CsvSource({
    "BIG_ENDIAN,    C0 00 00 00 00 00 00 00",
    "WORD_SWAPPED,  00 00 00 00 00 00 C0 00",
    "LITTLE_ENDIAN, 00 00 00 00 00 00 00 C0"
  })
  void float64OrdersMatchTheirByteSequences(WordOrder order, String wire) {
    SignalSpec spec = spec(DataType.FLOAT64, order);
    assertArrayEquals(words(wire), RegisterCodec.encode(spec, -2.0));
    assertEquals(-2.0, RegisterCodec.decode(spec, words(wire), 0));
  }

  @ParameterizedTest
  @CsvSource({"INT64, FF FF FF FF FF FF FF FE, -2", "UINT32, FF FF FF FE, 4294967294"})
  void signednessFollowsTheType(DataType type, String wire, long value) {
    assertEquals(value, RegisterCodec.decode(spec(type, WordOrder.BIG_ENDIAN), words(wire), 0));
  }

  private static SignalSpec spec(DataType type, WordOrder order) {
    return new SignalSpec("v", RegisterTable.HOLDING_REGISTER, 0, type, 1, 0, true, order);
  }

  /** "11 22 33 44" as sent on the wire into the words {0x1122, 0x3344}. */
  private static int[] words(String wire) {
    String[] bytes = wire.trim().split("\\s+");
    int[] words = new int[bytes.length / 2];
    for (int i = 0; i < words.length; i++) {
      words[i] = (Integer.parseInt(bytes[2 * i], 16) << 8) | Integer.parseInt(bytes[2 * i + 1], 16);
    }
    return words;
  }
}

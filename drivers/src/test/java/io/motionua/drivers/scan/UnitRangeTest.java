package io.motionua.drivers.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitRangeTest {

  @Test
  void idsAndRangesMergeInOrderAndPrintBackTheSame() {
    UnitRange range = UnitRange.parse("7, 1-3,5,2");
    assertEquals(List.of(1, 2, 3, 5, 7), range.units());
    assertEquals("1-3,5,7", range.toString());
    assertEquals(range, UnitRange.parse(range.toString()));
  }

  @Test
  void allIsOneToTwoHundredFortySeven() {
    UnitRange all = UnitRange.all();
    assertEquals(247, all.units().size());
    assertEquals("1-247", all.toString());
  }

  @Test
  void broadcastReservedAndBackwardRangesAreRefusedWithTheInput() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> UnitRange.parse("0-5"));
    assertTrue(
        zero.getMessage().contains("unit id 0 in '0-5' is outside 1-247"), zero.getMessage());
    IllegalArgumentException high =
        assertThrows(IllegalArgumentException.class, () -> UnitRange.parse("1,248"));
    assertTrue(high.getMessage().contains("248"), high.getMessage());
    IllegalArgumentException backwards =
        assertThrows(IllegalArgumentException.class, () -> UnitRange.parse("9-3"));
    assertTrue(backwards.getMessage().contains("'9-3'"), backwards.getMessage());
    IllegalArgumentException word =
        assertThrows(IllegalArgumentException.class, () -> UnitRange.parse("1,x"));
    assertTrue(word.getMessage().contains("'x' in '1,x' is not a unit id"), word.getMessage());
  }
}

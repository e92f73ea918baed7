package io.motionua.server.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

  @Test
  void seqStartsAtZeroWithEachBirthAndWrapsAfter255() {
    SequenceNumbers s = new SequenceNumbers();
    assertEquals(0, s.birth());
    for (int i = 1; i <= 255; i++) {
      assertEquals(i, s.next());
    }
    assertEquals(0, s.next(), "after 255 comes 0");
    assertEquals(1, s.next());
    assertEquals(0, s.birth(), "a rebirth restarts the count");
    assertEquals(1, s.next());
  }

  @Test
  void bdSeqCountsConnectionsFromZeroAndWraps() {
    SequenceNumbers s = new SequenceNumbers();
    assertEquals(0, s.nextBdSeq());
    assertEquals(0, s.bdSeq());
    for (int i = 1; i <= 255; i++) {
      assertEquals(i, s.nextBdSeq());
    }
    assertEquals(0, s.nextBdSeq());
  }
}

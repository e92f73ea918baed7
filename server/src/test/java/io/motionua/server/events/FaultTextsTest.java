package io.motionua.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FaultTextsTest {

  @Test
  void aKnownCia402CodeGetsItsTextAndTheCodeInHex() {
    assertEquals("following error (0x8611)", FaultTexts.of(0x8611));
  }

  @Test
  void anUnknownVendorCodeFallsBackToDriveFaultWithTheCode() {
    assertEquals("drive fault 0x7501", FaultTexts.of(0x7501));
  }
}

package io.motionua.drivers.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "40001",
        "400001",
        "4x00001",
        "4x0001",
        "4X1",
        "holding-register:1",
        "Holding-Register:1",
        "holding-register[0]",
        " 40001 "
      })
  void everyNotationOfTheFirstHoldingRegisterParsesToTheSameRegister(String text) {
    assertEquals(
        new RegisterAddress(RegisterTable.HOLDING_REGISTER, 0), RegisterAddress.parse(text));
  }

  @Test
  void eachTableDigitAndNameMapsToItsTable() {
    assertEquals(RegisterTable.COIL, RegisterAddress.parse("00010").table());
    assertEquals(9, RegisterAddress.parse("00010").address());
    assertEquals(RegisterTable.DISCRETE_INPUT, RegisterAddress.parse("1x00003").table());
    assertEquals(RegisterTable.INPUT_REGISTER, RegisterAddress.parse("input-register:7").table());
    assertEquals(65535, RegisterAddress.parse("465536").address());
    assertEquals(65535, RegisterAddress.parse("coil[65535]").address());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"40001", "465536", "30017", "coil[12]", "discrete-input:9", "4x00100", "310000"})
  void everyFormPrintsBackToTheSameRegister(String text) {
    RegisterAddress address = RegisterAddress.parse(text);
    assertEquals(address, RegisterAddress.parse(address.toString()));
    assertEquals(address, RegisterAddress.parse(address.toZeroBasedString()));
    assertEquals(address, RegisterAddress.parse(address.toModiconString()));
  }

  @Test
  void printedFormsSayWhichNotationTheyAre() {
    RegisterAddress address = RegisterAddress.parse("40017");
    assertEquals("holding-register:17", address.toString());
    assertEquals("holding-register[16]", address.toZeroBasedString());
    assertEquals("400017", address.toModiconString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "40000",
        "400000",
        "465537",
        "20001",
        "4x0",
        "holding:1",
        "coil[65536]",
        "4001"
      })
  void badAddressesAreRefusedEchoingTheInputAndListingTheNotations(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegisterAddress.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("holding-register[0] (0-based)"), e.getMessage());
  }
}

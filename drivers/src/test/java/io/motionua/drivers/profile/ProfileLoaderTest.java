package io.motionua.drivers.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileLoaderTest {

  @Test
  void shippedSimulatorProfileEqualsTheBuiltInOne() throws Exception {
    DriveProfile yaml = ProfileLoader.builtIn("motionua-sim");
    DriveProfile coded = DriveProfile.simulator();
    assertEquals(coded.signals(), yaml.signals());
    assertEquals(coded.maxReadRegisters(), yaml.maxReadRegisters());
  }

  @Test
  void templatesLoadAndSayTheyWereNotTriedOnHardware() throws Exception {
    DriveProfile amp = ProfileLoader.builtIn("applied-motion-sv200");
    assertFalse(amp.verifiedOnHardware());
    assertEquals(new StartTrigger("commandOpcode", 0x66), amp.startTrigger().orElseThrow());
    DriveProfile xinje = ProfileLoader.builtIn("xinje-ds2");
    assertFalse(xinje.verifiedOnHardware());
    SignalSpec position = xinje.signal("positionActual").orElseThrow();
    assertEquals(0x0710, position.address());
    assertEquals(WordOrder.WORD_SWAPPED, position.order());
  }

  @Test
  void everyTypeAndOptionParses() throws Exception {
    DriveProfile p =
        load(
            """
            name: all
            maxReadRegisters: 10
            singleWritesWithFc06: true
            wordOrder: CDAB
            signals:
              ready: {address: "00001", type: bool, access: rw}
              limit: {address: 1x00002, type: bool}
              status: {address: 400001, type: uint16}
              fault: {address: "holding-register[0]", type: bit, bit: 3}
              serial: {address: "input-register:1", type: string, length: 4}
              energy: {address: 40002, type: int64, wordOrder: big-endian}
              speed: {address: 40006, type: float32, scale: 2.5, offset: -1, access: rw, writeOnChange: true}
            """);
    assertEquals(10, p.maxReadRegisters());
    assertTrue(p.singleWritesWithFc06());
    assertEquals(RegisterTable.COIL, p.signal("ready").orElseThrow().table());
    assertEquals(3, p.signal("fault").orElseThrow().bit());
    assertEquals(WordOrder.WORD_SWAPPED, p.signal("speed").orElseThrow().order());
    assertEquals(WordOrder.BIG_ENDIAN, p.signal("energy").orElseThrow().order());
    assertEquals(4, p.signal("serial").orElseThrow().count());
    assertEquals(Set.of("speed"), p.writeOnChange());
  }

  @Test
  void brokenYamlNamesFileLineAndColumn() {
    ProfileException e = refused("name: x\nsignals: [a,\n");
    assertTrue(e.getMessage().startsWith("test.yaml:"), e.getMessage());
    assertTrue(e.line() >= 2, e.getMessage());
  }

  @Test
  void unknownKeyNamesTheSignalAndItsLine() {
    ProfileException e =
        refused(
            """
                    name: x
                    signals:
                      statusword: {address: 40002, type: uint16}
                      speed: {address: 40003, type: int16, acces: rw}
                    """);
    assertEquals(4, e.line());
    assertTrue(e.getMessage().contains("signal speed: unknown key acces"), e.getMessage());
  }

  @Test
  void overlappingSignalsAreRefusedNamingBothAndTheLines() {
    ProfileException e =
        refused(
            """
                    name: x
                    signals:
                      position: {address: 40005, type: int32}
                      velocity: {address: 40006, type: int16}
                    """);
    assertEquals(4, e.line());
    assertTrue(
        e.getMessage().contains("signal velocity overlaps signal position (line 3)"),
        e.getMessage());
  }

  @Test
  void thirtyTwoBitValueAtTheLastRegisterIsRefused() {
    ProfileException e = refused("name: x\nsignals:\n  last: {address: 465536, type: int32}\n");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("signal last"), e.getMessage());
    assertTrue(e.getMessage().contains("does not fit below 65536"), e.getMessage());
  }

  @Test
  void badAddressEchoesItAndListsTheNotations() {
    ProfileException e = refused("name: x\nsignals:\n  a: {address: 20001, type: uint16}\n");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("signal a: register address '20001'"), e.getMessage());
    assertTrue(e.getMessage().contains("holding-register[0] (0-based)"), e.getMessage());
  }

  @Test
  void duplicateSignalIsRefused() {
    ProfileException e =
        refused(
            "name: x\nsignals:\n  a: {address: 40001, type: uint16}\n"
                + "  a: {address: 40002, type: uint16}\n");
    assertTrue(e.getMessage().contains("duplicate key a"), e.getMessage());
    assertEquals(4, e.line());
  }

  @Test
  void writableBitIsRefusedBecauseItWouldNeedReadModifyWrite() {
    ProfileException e =
        refused("name: x\nsignals:\n  b: {address: 40001, type: bit, bit: 2, access: rw}\n");
    assertTrue(e.getMessage().contains("signal b: a bit in a register cannot be written"));
  }

  private static ProfileException refused(String yaml) {
    return assertThrows(ProfileException.class, () -> load(yaml));
  }

  private static DriveProfile load(String yaml) throws ProfileException {
    return ProfileLoader.load("test.yaml", new StringReader(yaml));
  }
}

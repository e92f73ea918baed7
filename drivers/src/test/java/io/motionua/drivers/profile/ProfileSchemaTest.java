package io.motionua.drivers.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile format's schema and the motion section's checks, each problem at its place. */
class ProfileSchemaTest {

  private static final String TRIGGER_DRIVE =
      """
      name: t
      signals:
        command:        {address: 40001, type: uint16, access: rw}
        driveStatus:    {address: 40002, type: uint16}
        alarmCode:      {address: 40003, type: uint16}
        targetPosition: {address: 40005, type: int32, access: rw}
        moveVelocity:   {address: 40007, type: uint32, access: rw}
        positionActual: {address: 40009, type: int32}
      motion:
        scheme: trigger
        confirmWrites: true
        enable:  {signal: command, value: 8}
        disable: {signal: command, value: 9}
        move: {target: targetPosition, velocity: moveVelocity, trigger: {signal: command, value: 0, risingEdge: 4}}
        halt:  {signal: command, value: 2}
        reset: {signal: command, value: 3}
        status:
          enabled: {signal: driveStatus, bit: 0}
          moving:  {signal: driveStatus, bit: 2}
          alarm:   {signal: driveStatus, bit: 15, activeLow: true}
        faultCode: alarmCode
        faultTexts: {0x21: position deviation too large, 7: over-voltage}
      """;

  @Test
  void triggerSchemeIsReadWithItsWritesBitsAndFaultTexts() throws ProfileException {
    TriggerMotion m = load(TRIGGER_DRIVE).motion().orElseThrow();
    assertEquals(new SignalWrite("command", 8, -1), m.enable());
    assertEquals(16, m.move().trigger().raised());
    assertEquals(0, m.move().trigger().lowered());
    assertEquals(new StatusBit("driveStatus", 15, true), m.alarm());
    assertFalse(m.alarm().test(0x8000), "active low: bit set means no alarm");
    assertTrue(m.alarm().test(0x0000));
    assertEquals("position deviation too large", m.faultText(0x21).orElseThrow());
    assertEquals("over-voltage", m.faultText(7).orElseThrow());
    assertTrue(m.confirmWrites());
    assertEquals(null, m.inPosition());
  }

  @Test
  void everyBuiltInProfileConformsAndSaysWhetherItWasTriedOnHardware() throws ProfileException {
    for (String name : ProfileLoader.BUILT_IN) {
      DriveProfile profile = ProfileLoader.builtIn(name);
      assertEquals(name, profile.name());
      assertEquals(name.equals("motionua-sim"), profile.verifiedOnHardware(), name);
    }
    assertTrue(ProfileLoader.builtIn("applied-motion-sv200").motion().isPresent());
    assertFalse(ProfileLoader.builtIn("cia402-modbus").motion().isPresent());
  }

  @Test
  void everySchemaProblemIsReportedWithItsLineAndColumn() {
    ProfileException e =
        refused(
            """
            name: x
            colour: red
            signals:
              a: {address: 40001, type: uint16, acces: rw}
              b: {address: 40002, type: bit, bit: 16}
              c: {address: 0, type: uint16}
              d: {address: 40004, type: int24}
            """);
    List<String> messages = e.problems().stream().map(Throwable::getMessage).toList();
    String all = String.join("\n", messages);
    assertTrue(messages.get(0).startsWith("test.yaml:2:9: unknown key colour"), all);
    assertTrue(messages.get(1).startsWith("test.yaml:4:44: signal a: unknown key acces"), all);
    assertTrue(messages.get(2).startsWith("test.yaml:5:39: signal b.bit: "), all);
    assertTrue(messages.get(2).contains("15"), all);
    assertTrue(messages.get(3).startsWith("test.yaml:6:16: signal c.address: "), all);
    assertTrue(
        messages.get(messages.size() - 1).startsWith("test.yaml:7:29: signal d.type: "), all);
  }

  @Test
  void overlappingAndOutOfRangeRegistersAreAllReported() {
    ProfileException e =
        refused(
            """
            name: x
            signals:
              a: {address: 40001, type: int32}
              b: {address: 40002, type: uint16}
              c: {address: "holding-register[65535]", type: int32}
              d: {address: 40002, type: uint16}
            """);
    List<String> messages = e.problems().stream().map(Throwable::getMessage).toList();
    assertEquals(4, messages.size(), String.join("\n", messages));
    assertTrue(messages.get(0).startsWith("test.yaml:4:6: signal b overlaps signal a (line 3)"));
    assertTrue(messages.get(1).startsWith("test.yaml:5:6: signal c"), messages.get(1));
    assertTrue(messages.get(1).contains("65536"), messages.get(1));
    assertTrue(messages.get(2).startsWith("test.yaml:6:6: signal d overlaps signal a"));
    assertTrue(messages.get(3).startsWith("test.yaml:6:6: signal d overlaps signal b"));
  }

  @Test
  void motionSectionReferencesAreCheckedAgainstTheSignals() {
    String bad =
        TRIGGER_DRIVE
            .replace("enable:  {signal: command", "enable:  {signal: commnd")
            .replace("halt:  {signal: command", "halt:  {signal: driveStatus")
            .replace("moving:  {signal: driveStatus", "moving:  {signal: targetPosition");
    ProfileException e = refused(bad);
    List<String> messages = e.problems().stream().map(Throwable::getMessage).toList();
    assertEquals(3, messages.size(), String.join("\n", messages));
    assertTrue(messages.get(0).contains("enable: no signal commnd"), messages.get(0));
    assertTrue(messages.get(0).startsWith("test.yaml:12:21:"), messages.get(0));
    assertTrue(messages.get(1).contains("halt: signal driveStatus is not writable"));
    assertTrue(messages.get(2).contains("status.moving: signal targetPosition is int32"));
  }

  @Test
  void aTriggerSchemeWithoutItsRequiredCommandsIsRefusedByTheSchema() {
    ProfileException e =
        refused(TRIGGER_DRIVE.replace("  reset: {signal: command, value: 3}\n", ""));
    assertTrue(
        e.getMessage().contains("motion: ") && e.getMessage().contains("reset"), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.yaml:10:3:"), e.getMessage());
  }

  @Test
  void aBitNumberAbove15InAStatusBitIsRefused() {
    ProfileException e = refused(TRIGGER_DRIVE.replace("bit: 15", "bit: 16"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("test.yaml:20:"), e.getMessage());
    assertTrue(e.getMessage().contains("motion.status.alarm.bit"), e.getMessage());
  }

  private static ProfileException refused(String yaml) {
    return assertThrows(ProfileException.class, () -> load(yaml));
  }

  private static DriveProfile load(String yaml) throws ProfileException {
    return ProfileLoader.load("test.yaml", new StringReader(yaml));
  }
}

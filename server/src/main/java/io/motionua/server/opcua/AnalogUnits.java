package io.motionua.server.opcua;

import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/** The engineering units of the machine's analog variables (UNECE codes, OPC 10000-8). */
final class AnalogUnits {

  static final String UNECE = "http://www.opcfoundation.org/UA/units/un/cefact";
  static final EUInformation DEGREE = eu(17476, "°", "degree [unit of angle]");
  static final EUInformation DEGREE_PER_SECOND = eu(4536630, "°/s", "degree per second");
  static final EUInformation MILLIMETRE = eu(5066068, "mm", "millimetre");
  static final EUInformation MILLIMETRE_PER_SECOND = eu(4403510, "mm/s", "millimetre per second");
  static final EUInformation CELSIUS = eu(4408652, "°C", "degree Celsius");
  static final EUInformation PERCENT = eu(20529, "%", "percent");

  private AnalogUnits() {}

  private static EUInformation eu(int unitId, String display, String description) {
    return new EUInformation(
        UNECE, unitId, LocalizedText.english(display), LocalizedText.english(description));
  }
}

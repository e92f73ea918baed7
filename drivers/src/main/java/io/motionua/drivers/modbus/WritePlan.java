package io.motionua.drivers.modbus;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.ArrayList;
import java.util.List;

/** Groups encoded signal values into the write requests a device's limit allows. */
final class WritePlan {

  /** The protocol's limit on coils per FC15. */
  static final int MAX_WRITE_COILS = 1968;

  private WritePlan() {}

  /** One signal's encoded registers. */
  record Encoded(SignalSpec spec, int[] words) {}

  /**
   * A signal joins the previous request when its registers follow on directly and the limit allows;
   * otherwise it starts a new one. Requests keep the given order, so a controlword listed after a
   * motion block is written after it. A multi-register value is never split.
   */
  static List<WriteRequest> requests(List<Encoded> values, int maxRegisters) {
    List<WriteRequest> requests = new ArrayList<>();
    for (Encoded value : values) {
      WriteRequest last = requests.isEmpty() ? null : requests.get(requests.size() - 1);
      int[] words = value.words();
      int limit = value.spec().table() == RegisterTable.COIL ? MAX_WRITE_COILS : maxRegisters;
      if (last != null
          && last.table() == value.spec().table()
          && last.address() + last.words().length == value.spec().address()
          && last.words().length + words.length <= limit) {
        int[] joined = new int[last.words().length + words.length];
        System.arraycopy(last.words(), 0, joined, 0, last.words().length);
        System.arraycopy(words, 0, joined, last.words().length, words.length);
        List<String> signals = new ArrayList<>(last.signals());
        signals.add(value.spec().name());
        requests.set(
            requests.size() - 1, new WriteRequest(last.table(), last.address(), joined, signals));
      } else {
        requests.add(
            new WriteRequest(
                value.spec().table(), value.spec().address(), words, List.of(value.spec().name())));
      }
    }
    return requests;
  }
}

package io.motionua.server.group;

import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * MC_GroupHome's part on the members: each axis's own Home (CiA 402 homing method 35), sent to
 * every member at once; meanwhile the members are reserved for the group and refuse single-axis
 * commands. The group watches the homing like a move ({@link GroupMotion.Phase#HOME}).
 */
final class GroupHome {

  /** How long a GroupHome may take (method 35 does not move), before the watchdog's slack. */
  static final double SECONDS = 5;

  private GroupHome() {}

  /**
   * One member's reservation for the group: {@code beginSynchronized} or {@code beginGroupHoming}.
   */
  @FunctionalInterface
  interface Reservation {
    void reserve(AxisController member) throws UaException;
  }

  /**
   * Reserves every member; if one refuses (not standing still, powered and answering), gives back
   * those already reserved and refuses naming the group. For a group move and for GroupHome alike.
   */
  static void reserve(String group, List<AxisController> members, Reservation how)
      throws UaException {
    List<AxisController> reserved = new ArrayList<>();
    try {
      for (AxisController m : members) {
        how.reserve(m);
        reserved.add(m);
      }
    } catch (UaException e) {
      reserved.forEach(AxisController::endSynchronized);
      throw new UaException(e.getStatusCode(), "group " + group + ": " + e.getMessage());
    }
  }

  /**
   * Sends every member's Home; {@code accepted} is called on the link thread once axis i's drive
   * took it. Completes when every drive did.
   */
  static CompletableFuture<Void> start(List<AxisController> members, IntConsumer accepted) {
    List<CompletableFuture<Void>> homes = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      int axis = i;
      homes.add(members.get(i).homeForGroup().thenRun(() -> accepted.accept(axis)));
    }
    return AxisGroup.allOf(homes);
  }

  /** The axis finished homing: the drive attained it and the axis stands still. */
  static boolean homed(AxisSnapshot s) {
    return s.homed() && s.state() == AxisState.Standstill;
  }
}

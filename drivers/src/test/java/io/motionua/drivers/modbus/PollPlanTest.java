package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.profile.DataType;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollPlanTest {

  @Test
  void theSimulatorProfileIsReadInOneRequest() {
    List<ReadBlock> blocks = PollPlan.blocks(DriveProfile.simulator().signals().values(), 125);
    assertEquals(1, blocks.size());
    assertEquals(0, blocks.get(0).address());
    assertEquals(28, blocks.get(0).count());
  }

  @Test
  void tenRegisterLimitGivesTheMinimumNumberOfRequestsWithoutSplittingA32BitValue() {
    List<ReadBlock> blocks = PollPlan.blocks(DriveProfile.simulator().signals().values(), 10);
    // 28 registers in 10-register windows: 0..9 (ends on a 32-bit pair), 10..19, 20..27.
    assertEquals(3, blocks.size());
    assertEquals(List.of(0, 10, 20), blocks.stream().map(ReadBlock::address).toList());
    List<ReadBlock> nine = PollPlan.blocks(DriveProfile.simulator().signals().values(), 9);
    // 0..7 (8-9 is one value), 8..14, 16..22, 24..27: four, and 28 / 9 needs at least four.
    assertEquals(4, nine.size());
    for (ReadBlock block : nine) {
      for (SignalSpec spec : block.signals()) {
        assertEquals(true, spec.end() <= block.address() + block.count(), spec.name());
      }
    }
  }

  @Test
  void greedyPlanNeedsNoMoreRequestsThanTheMinimumForRandomSignalSets() {
    Random random = new Random(402);
    for (int round = 0; round < 500; round++) {
      List<SignalSpec> signals = new ArrayList<>();
      int address = random.nextInt(5);
      for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
        DataType type = random.nextBoolean() ? DataType.UINT16 : DataType.INT32;
        signals.add(
            new SignalSpec("s" + i, RegisterTable.HOLDING_REGISTER, address, type, 1, 0, false));
        address += type.registers() + random.nextInt(4);
      }
      int limit = 4 + random.nextInt(20);
      assertEquals(
          minimumRequests(signals, limit),
          PollPlan.blocks(signals, limit).size(),
          "round " + round + ", limit " + limit);
    }
  }

  /** The minimum by dynamic programming: each request covers a run of address-sorted signals. */
  private static int minimumRequests(List<SignalSpec> sorted, int limit) {
    int[] best = new int[sorted.size() + 1];
    for (int i = 1; i <= sorted.size(); i++) {
      best[i] = Integer.MAX_VALUE;
      for (int j = i; j >= 1; j--) {
        if (sorted.get(i - 1).end() - sorted.get(j - 1).address() > limit) {
          break;
        }
        best[i] = Math.min(best[i], best[j - 1] + 1);
      }
    }
    return best[sorted.size()];
  }

  @Test
  void tablesAreNeverMixedInOneRequest() {
    List<SignalSpec> signals =
        List.of(
            new SignalSpec("a", RegisterTable.HOLDING_REGISTER, 0, DataType.UINT16, 1, 0, false),
            new SignalSpec("b", RegisterTable.INPUT_REGISTER, 1, DataType.UINT16, 1, 0, false),
            new SignalSpec("c", RegisterTable.HOLDING_REGISTER, 2, DataType.INT32, 1, 0, false));
    List<ReadBlock> blocks = PollPlan.blocks(signals, 125);
    assertEquals(2, blocks.size());
    assertEquals(ModbusPdu.READ_INPUT_REGISTERS, blocks.get(0).functionCode());
    assertEquals(1, blocks.get(0).count());
    assertEquals(ModbusPdu.READ_HOLDING_REGISTERS, blocks.get(1).functionCode());
    assertEquals(4, blocks.get(1).count(), "holding 0..3, gap included");
  }
}

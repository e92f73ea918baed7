package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link RealtimePriority} reports agrees with the kernel: the thread's scheduling policy in
 * /proc (field 41 of its stat: 1 is SCHED_FIFO) is FIFO exactly when it said it succeeded, whether
 * or not this machine grants CAP_SYS_NICE.
 */
class RealtimePriorityTest {

  private static int policy() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(f[38]); // fields from the 3rd on: policy is the 41st
  }

  @Test
  void theThreadRunsAtFifoExactlyWhenApplyingSaidSo() throws Exception {
    CompletableFuture<int[]> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                int before = policy();
                boolean applied = RealtimePriority.applyToCurrentThread(1, "test thread");
                result.complete(new int[] {before, applied ? 1 : 0, policy()});
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            },
            "realtime-priority-test");
    t.start();
    int[] r = result.get(10, TimeUnit.SECONDS);
    t.join(5000);
    assertEquals(0, r[0], "a new thread starts as SCHED_OTHER");
    assertEquals(r[1] == 1 ? 1 : 0, r[2], "policy after applying, applied=" + (r[1] == 1));
  }
}

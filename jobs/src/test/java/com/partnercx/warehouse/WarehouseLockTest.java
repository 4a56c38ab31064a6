package com.partnercx.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writing run per warehouse, on the local file system. */
class WarehouseLockTest {
  private final Configuration hadoop = new Configuration();
  private final List<String> warnings = new ArrayList<>();

  @TempDir Path root;

  private WarehouseLock take(String runId) {
    return WarehouseLock.acquire(root.toString(), hadoop, runId, "nightly", warnings::add);
  }

  @Test
  void aSecondRunIsRefusedNamingTheHolderAndMayRunOnceItIsReleased() {
    WarehouseLock first = take("run-a");
    PcxException busy = assertThrows(PcxException.class, () -> take("run-b"));
    assertEquals(ErrorCode.STAGE_FAILED, busy.code());
    assertTrue(
        busy.getMessage().startsWith("Warehouse " + root + " is held by run run-a (pcx nightly, "),
        busy.getMessage());
    assertTrue(busy.getMessage().endsWith("/" + WarehouseLock.FILE + " first."), busy.getMessage());
    assertEquals(1, busy.getMessage().lines().count(), "one line");
    first.close();
    assertFalse(Files.exists(root.resolve(WarehouseLock.FILE)));
    try (WarehouseLock second = take("run-b")) {
      assertTrue(Files.exists(root.resolve(WarehouseLock.FILE)));
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void theLockOfADeadRunOnThisHostIsTakenOverWithAWarning() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(
        root.resolve(WarehouseLock.FILE),
        "{\"run_id\":\"run-killed\",\"command\":\"ingest\",\"host\":\""
            + InetAddress.getLocalHost().getHostName()
            + "\",\"pid\":"
            + gone.pid()
            + ",\"started_at\":\"2026-07-02T01:00:00Z\"}");
    try (WarehouseLock lock = take("run-c")) {
      assertEquals(1, warnings.size());
      assertTrue(warnings.get(0).contains("run run-killed (pcx ingest"), warnings.get(0));
      assertTrue(
          Files.readString(root.resolve(WarehouseLock.FILE)).contains("\"run_id\":\"run-c\""));
    }
  }

  @Test
  void aRunOnAnotherHostIsNeverJudgedDead() throws Exception {
    Files.writeString(
        root.resolve(WarehouseLock.FILE),
        "{\"run_id\":\"run-remote\",\"command\":\"score\",\"host\":\"worker-7.elsewhere\","
            + "\"pid\":1,\"started_at\":\"2026-07-02T01:00:00Z\"}");
    PcxException busy = assertThrows(PcxException.class, () -> take("run-d"));
    assertTrue(busy.getMessage().contains("run run-remote (pcx score, worker-7.elsewhere pid 1"));
    assertTrue(Files.readString(root.resolve(WarehouseLock.FILE)).contains("run-remote"));
  }
}

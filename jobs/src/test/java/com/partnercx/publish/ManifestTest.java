package com.partnercx.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercx.schema.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path folder;

  private List<String> files() throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(folder.resolve(ReportJob.MANIFEST).toFile());
    List<String> out = new ArrayList<>();
    manifest
        .path("files")
        .forEach(f -> out.add(f.path("file").asText() + "=" + f.path("sha256").asText()));
    return out;
  }

  private String a1;

  @Test
  void aRunForOnePartnerKeepsTheOtherPdfsInTheManifest() throws Exception {
    Period q3 = Period.parse("2026-Q3");
    for (String pdf : List.of("A.pdf", "B.pdf", "C.pdf")) {
      Files.writeString(folder.resolve(pdf), pdf);
    }
    a1 = ReportJob.sha256(folder.resolve("A.pdf"));
    List<ReportJob.ManifestEntry> all =
        List.of(
            new ReportJob.ManifestEntry("A.pdf", "A", "partner", a1, 1),
            new ReportJob.ManifestEntry("B.pdf", "B", "partner", "b1", 1),
            new ReportJob.ManifestEntry("C.pdf", "C", "partner", "c1", 1));
    ReportJob.writeManifest(folder, q3, "run-1", "h", all, Map.of(), false);
    assertEquals(List.of("A.pdf=" + a1, "B.pdf=b1", "C.pdf=c1"), files());

    Files.delete(folder.resolve("C.pdf"));
    ReportJob.writeManifest(
        folder,
        q3,
        "run-2",
        "h",
        List.of(new ReportJob.ManifestEntry("B.pdf", "B", "partner", "b2", 2)),
        Map.of(),
        true);
    assertEquals(
        List.of("A.pdf=" + a1, "B.pdf=b2"),
        files(),
        "B re-rendered, A kept, C gone from the folder");

    ReportJob.writeManifest(
        folder,
        q3,
        "run-3",
        "h",
        List.of(new ReportJob.ManifestEntry("A.pdf", "A", "partner", "a3", 1)),
        Map.of(),
        false);
    assertEquals(List.of("A.pdf=a3"), files(), "a full run lists exactly what it rendered");
  }

  /**
   * A run killed while rendering leaves no manifest.json (the previous one is set aside), and the
   * next run does not vouch for a PDF whose bytes no longer match what was listed.
   */
  @Test
  void aKilledRunLeavesNoManifestAndTheNextListsOnlyWhatMatches() throws Exception {
    Period q3 = Period.parse("2026-Q3");
    Files.writeString(folder.resolve("A.pdf"), "A");
    Files.writeString(folder.resolve("B.pdf"), "B");
    String a = ReportJob.sha256(folder.resolve("A.pdf"));
    String b = ReportJob.sha256(folder.resolve("B.pdf"));
    ReportJob.writeManifest(
        folder,
        q3,
        "run-1",
        "h",
        List.of(
            new ReportJob.ManifestEntry("A.pdf", "A", "partner", a, 1),
            new ReportJob.ManifestEntry("B.pdf", "B", "partner", b, 1)),
        Map.of(),
        false);

    ReportJob.setAsideManifest(folder);
    Files.writeString(folder.resolve("B.pdf"), "B, half rewritten by the run that was killed");
    assertEquals(false, Files.exists(folder.resolve(ReportJob.MANIFEST)));

    Files.writeString(folder.resolve("C.pdf"), "C");
    String c = ReportJob.sha256(folder.resolve("C.pdf"));
    ReportJob.setAsideManifest(folder);
    ReportJob.writeManifest(
        folder,
        q3,
        "run-3",
        "h",
        List.of(new ReportJob.ManifestEntry("C.pdf", "C", "partner", c, 1)),
        Map.of(),
        true);
    assertEquals(List.of("A.pdf=" + a, "C.pdf=" + c), files(), "B no longer matches run-1's sum");
    assertEquals(false, Files.exists(folder.resolve(ReportJob.PREVIOUS_MANIFEST)));
  }
}

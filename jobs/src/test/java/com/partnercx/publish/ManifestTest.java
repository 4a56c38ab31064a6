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

  @Test
  void aRunForOnePartnerKeepsTheOtherPdfsInTheManifest() throws Exception {
    Period q3 = Period.parse("2026-Q3");
    for (String pdf : List.of("A.pdf", "B.pdf", "C.pdf")) {
      Files.writeString(folder.resolve(pdf), pdf);
    }
    List<ReportJob.ManifestEntry> all =
        List.of(
            new ReportJob.ManifestEntry("A.pdf", "A", "partner", "a1", 1),
            new ReportJob.ManifestEntry("B.pdf", "B", "partner", "b1", 1),
            new ReportJob.ManifestEntry("C.pdf", "C", "partner", "c1", 1));
    ReportJob.writeManifest(folder, q3, "run-1", "h", all, Map.of(), false);
    assertEquals(List.of("A.pdf=a1", "B.pdf=b1", "C.pdf=c1"), files());

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
        List.of("A.pdf=a1", "B.pdf=b2"), files(), "B re-rendered, A kept, C gone from the folder");

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
}

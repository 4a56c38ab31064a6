package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import com.partnercx.errors.PcxErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads and validates a configuration folder (programs.yaml, partners.csv, feeds/*.yaml). It checks
 * everything before returning and reports every problem at once, each naming file, key and
 * expectation. Each file kind has its own reader ({@link ProgramsReader}, {@link PartnersReader},
 * {@link FeedConfigReader}); this class runs them in the order their cross-checks need and turns
 * their problems into one error.
 */
public final class ConfigLoader {
  public static final String PROGRAMS_FILE = "programs.yaml";
  public static final String PARTNERS_FILE = "partners.csv";
  public static final String FEEDS_DIR = "feeds";

  /** Loads {@code configDir}, or throws a {@code PcxException} listing every problem found. */
  public PcxConfig load(Path configDir) {
    if (!Files.isDirectory(configDir)) {
      throw PcxErrors.configFolderMissing(configDir);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    ProgramsReader.Programs programs = new ProgramsReader(problems).read(configDir);
    List<Partner> partners = new PartnersReader(problems).read(configDir, programs.declaredIds());
    Map<String, Feed> feeds =
        new FeedConfigReader(problems).read(configDir, partners, programs.valid());
    List<ReviewNote> notes =
        new ReviewNotesReader(problems)
            .read(
                configDir,
                partners.stream()
                    .map(Partner::partnerId)
                    .collect(java.util.stream.Collectors.toSet()));
    if (!problems.isEmpty()) {
      throw PcxErrors.invalidConfig(configDir, problems);
    }
    return new PcxConfig(programs.valid(), partners, feeds, hash(configDir), notes);
  }

  /**
   * SHA-256 over every configuration file's relative path and bytes, in a fixed order; the review
   * notes are left out, since no figure depends on them and they are written after scoring.
   */
  static String hash(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Path notes = dir.resolve(ReviewNotesReader.DIR);
      for (Path file :
          walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(notes)).sorted().toList()) {
        digest.update(
            dir.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.partnercx.reports;

import java.nio.file.Path;

/**
 * A PDF written to disk.
 *
 * @param file where it was written
 * @param pages its page count
 * @param sha256 SHA-256 of its bytes, for the manifest
 */
public record RenderedPdf(Path file, int pages, String sha256) {}

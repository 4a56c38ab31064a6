package com.partnercx.config;

/**
 * How a CSV feed is written.
 *
 * @param delimiter the field separator
 * @param quote the quote character
 * @param escape the character that escapes a quote inside a quoted field
 * @param header whether the first line names the columns
 * @param encoding the character set of the file
 */
public record CsvOptions(char delimiter, char quote, char escape, boolean header, String encoding) {
  public static final CsvOptions DEFAULTS = new CsvOptions(',', '"', '"', true, "UTF-8");
}

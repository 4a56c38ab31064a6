package com.partnercx.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * A titled table of up to {@value #COLUMNS} text columns, filled into the shared table subreport.
 * The first column is the label column; the others are right-aligned figures. A wide table has a
 * second text column as wide as the first (a program's name, a list of metrics), so long names wrap
 * between words instead of inside them.
 *
 * @param title the section heading
 * @param note a line under the table (what the figures mean), or empty
 * @param headers the column headers
 * @param rows the rows, each as wide as the headers
 * @param wide whether the second column is a wide text column
 */
public record TableBlock(
    String title, String note, List<String> headers, List<List<String>> rows, boolean wide) {
  public static final int COLUMNS = 7;

  /** A table whose columns after the first are figures. */
  public TableBlock(String title, String note, List<String> headers, List<List<String>> rows) {
    this(title, note, headers, rows, false);
  }

  public TableBlock {
    if (headers.isEmpty() || headers.size() > COLUMNS) {
      throw new IllegalArgumentException(
          "A table has 1 to " + COLUMNS + " columns, not " + headers.size() + ": " + title);
    }
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "Row " + row + " of table " + title + " does not match its headers " + headers);
      }
    }
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** The section as one record of the report's section data source. */
  Map<String, Object> section() {
    Map<String, Object> section = new HashMap<>();
    section.put("title", title);
    section.put("note", note.isEmpty() ? null : note);
    for (int i = 0; i < COLUMNS; i++) {
      section.put("h" + (i + 1), i < headers.size() ? headers.get(i) : "");
    }
    section.put("rows", dataSource());
    section.put("wide", wide);
    return section;
  }

  /** The rows as fields c1..c7. */
  JRDataSource dataSource() {
    List<Map<String, ?>> maps = new ArrayList<>();
    for (List<String> row : rows) {
      Map<String, Object> map = new HashMap<>();
      for (int i = 0; i < COLUMNS; i++) {
        map.put("c" + (i + 1), i < row.size() ? row.get(i) : "");
      }
      maps.add(map);
    }
    return new JRMapCollectionDataSource(maps);
  }
}

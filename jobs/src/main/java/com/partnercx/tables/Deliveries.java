package com.partnercx.tables;

import com.partnercx.config.Feed;
import com.partnercx.config.PcxConfig;
import com.partnercx.schema.Entity;
import com.partnercx.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What ops/ingest_log says of some delivery dates, read once and shared by the stages after ingest:
 * the files and rows of each feed-day. Bronze, quarantine and silver hold rows of a delivery date
 * only where the log says a file of it was ingested, so a stage can leave out the tables a night
 * did not touch without reading them.
 *
 * @param days the delivery dates
 * @param logVersion the version of ops/ingest_log read (-1: the log does not exist yet)
 * @param files per feed-day with an entry in the log
 */
public record Deliveries(
    List<LocalDate> days, long logVersion, Map<FeedDay, IngestLogTable.FeedDayFiles> files) {

  public Deliveries {
    days = List.copyOf(days);
    files = Map.copyOf(files);
  }

  /** The log of these delivery dates at its latest version, in one read. */
  public static Deliveries read(Warehouse warehouse, List<LocalDate> days) {
    Map<String, Long> versionsRead = new TreeMap<>();
    Map<FeedDay, IngestLogTable.FeedDayFiles> files =
        IngestLogTable.byFeedDay(warehouse, days, versionsRead);
    return new Deliveries(days, versionsRead.getOrDefault(Tables.INGEST_LOG, -1L), files);
  }

  /** The files of a feed-day (none when the log has no entry for it). */
  public IngestLogTable.FeedDayFiles of(FeedDay feedDay) {
    return files.getOrDefault(feedDay, new IngestLogTable.FeedDayFiles());
  }

  /** Feeds of which a file of these dates wrote rows to bronze. */
  public Set<String> feedsWithRows() {
    Set<String> feeds = new TreeSet<>();
    files.forEach(
        (feedDay, f) -> {
          if (f.bronze() > 0) {
            feeds.add(feedDay.feedId());
          }
        });
    return feeds;
  }

  /**
   * The entities whose silver table can hold rows of these dates: those of {@link #feedsWithRows}.
   */
  public Set<Entity> entitiesWithRows(PcxConfig config) {
    Set<Entity> entities = EnumSet.noneOf(Entity.class);
    for (String feedId : feedsWithRows()) {
      Feed feed = config.feeds().get(feedId);
      if (feed != null && !feed.isReference()) {
        entities.add(feed.entity());
      }
    }
    return entities;
  }

  /** Whether any file of these dates delivered a row, to bronze or to quarantine. */
  public boolean anyRows() {
    return files.values().stream().anyMatch(f -> f.bronze() > 0 || f.delivered() > f.bronze());
  }
}

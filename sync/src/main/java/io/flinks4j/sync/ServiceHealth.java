package io.flinks4j.sync;

import java.time.Duration;

/**
 * What a health check of a running {@link SyncService} sees (the Spring Boot starter's
 * HealthIndicator shows it).
 *
 * @param databaseReachable a connection answered within two seconds
 * @param engineRunning the step scheduler is started and not shutting down
 * @param lateSteps steps due more than {@link #LATE} ago that no instance has started: a backlog
 *     that grows means the instances cannot keep up (more threads or instances help); -1 when the
 *     database could not be asked
 */
public record ServiceHealth(boolean databaseReachable, boolean engineRunning, long lateSteps) {

  /** How overdue a step must be to count as late: well past the scheduler's polling interval. */
  public static final Duration LATE = Duration.ofMinutes(1);

  /** True when the service can do its work (a backlog alone does not make it unusable). */
  public boolean isUp() {
    return databaseReachable && engineRunning;
  }
}

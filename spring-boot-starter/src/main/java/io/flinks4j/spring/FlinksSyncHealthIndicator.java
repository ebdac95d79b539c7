package io.flinks4j.spring;

import io.flinks4j.sync.ServiceHealth;
import io.flinks4j.sync.SyncService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code flinksSync} in {@code /actuator/health}: down when the database is unreachable or the
 * engine stopped; the late steps (due over a minute ago, not started) show a backlog without making
 * the application unhealthy.
 */
public class FlinksSyncHealthIndicator implements HealthIndicator {

  private final SyncService service;

  public FlinksSyncHealthIndicator(SyncService service) {
    this.service = service;
  }

  @Override
  public Health health() {
    ServiceHealth health = service.health();
    return (health.isUp() ? Health.up() : Health.down())
        .withDetail("database", health.databaseReachable() ? "reachable" : "unreachable")
        .withDetail("engine", health.engineRunning() ? "running" : "stopped")
        .withDetail("lateSteps", health.lateSteps())
        .build();
  }
}

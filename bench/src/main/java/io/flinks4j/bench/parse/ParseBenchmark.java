package io.flinks4j.bench.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.bench.payload.DetailPayloads;
import io.flinks4j.client.model.AccountsDetail;
import io.flinks4j.client.model.FlinksJson;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a GetAccountsDetail body into the client model against three Jackson baselines over the
 * same bytes:
 *
 * <ul>
 *   <li>{@code jacksonTokenPass}: every token read and every value's text materialised, nothing
 *       built; the floor for any binder on Jackson's parser;
 *   <li>{@code jacksonDatabind}: databind into records shaped like ours ({@link DatabindModel}),
 *       what a team would write instead;
 *   <li>{@code jacksonReadTree}: the generic tree.
 * </ul>
 *
 * {@link ParseReport} turns the operation rates into MB/s and ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

  /** Payload sizes in bytes: ~1 MB and ~50 MB. */
  @Param({"1000000", "50000000"})
  public long size;

  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectMapper databind = DatabindModel.mapper();
  private byte[] payload;

  @Setup(Level.Trial)
  public void generate() {
    payload = payload(size);
  }

  /**
   * The body measured for a {@link #size}: the same bytes in every fork and in the report's MB/s.
   */
  static byte[] payload(long size) {
    return DetailPayloads.ofSize(size, size >= 10_000_000 ? 10 : 4, 0x5EED_F11AL);
  }

  @Benchmark
  public AccountsDetail clientModel() {
    return FlinksJson.parseAccountsDetail(payload);
  }

  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return mapper.readTree(payload);
  }

  @Benchmark
  public DatabindModel.Detail jacksonDatabind() throws IOException {
    return databind.readValue(payload, DatabindModel.Detail.class);
  }

  /** Returns the total text length so the JIT cannot drop the reads. */
  @Benchmark
  public long jacksonTokenPass() throws IOException {
    long chars = 0;
    try (JsonParser p = mapper.createParser(payload)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isScalarValue()) {
          chars += p.getText().length();
        }
      }
    }
    return chars;
  }
}

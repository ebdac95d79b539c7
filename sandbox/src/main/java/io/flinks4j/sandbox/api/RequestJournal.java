package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The most recent requests, in a fixed-size lock-free ring so recording stays cheap under load. */
public final class RequestJournal {

  private final AtomicReferenceArray<RecordedRequest> ring;
  private final AtomicLong next = new AtomicLong();

  /** A journal keeping the last {@code capacity} requests; 0 keeps none. */
  public RequestJournal(int capacity) {
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  boolean enabled() {
    return ring.length() > 0;
  }

  void record(RecordedRequest request) {
    long slot = next.getAndIncrement();
    ring.set((int) (slot % ring.length()), request);
  }

  /** The recorded requests, oldest first (at most the capacity). */
  public List<RecordedRequest> snapshot() {
    long end = next.get();
    long start = Math.max(0, end - ring.length());
    List<RecordedRequest> out = new ArrayList<>((int) (end - start));
    for (long i = start; i < end; i++) {
      RecordedRequest r = ring.get((int) (i % ring.length()));
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  public void clear() {
    for (int i = 0; i < ring.length(); i++) {
      ring.set(i, null);
    }
    next.set(0);
  }
}

package io.flinks4j.sandbox.engine;

/** Where the aggregation of a session stands when a data endpoint is called. */
public sealed interface DataState {

  /** Still processing: 202 OPERATION_PENDING. */
  record Pending() implements DataState {}

  /** First call of a slow login: 202 OPERATION_DISPATCHED, with partial data. */
  record Dispatched() implements DataState {}

  /** Data ready: 200. */
  record Ready() implements DataState {}

  /** Processing ended with an error code. */
  record Failed(FlinksCode code) implements DataState {}
}

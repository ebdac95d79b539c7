package io.flinks4j.sync.http;

import java.util.List;

/**
 * One page of a keyset-paginated listing, the shape every paged {@code /v1} route answers;
 * documented as {@code <Item>Page}.
 *
 * @param data the items of this page
 * @param nextCursor pass as {@code cursor} for the next page; null on the last
 */
public record Page<T>(
    List<T> data,
    @ApiDoc(value = "pass as cursor for the next page; null on the last", nullable = true)
        String nextCursor) {}

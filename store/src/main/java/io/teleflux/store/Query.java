package io.teleflux.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rows of a stream to read. Immutable; each {@code with…} returns a copy. Rows come in recording order
 * ({@code seq} ascending), also for {@link #latest(int)}.
 *
 * @param from the earliest timestamp, inclusive; default {@link Instant#MIN} (no bound)
 * @param until the latest timestamp, exclusive; default {@link Instant#MAX} (no bound)
 * @param tagKey the tag a row must carry (with {@code tagValue}), or {@code null} (the default) for any row
 * @param tagValue the tag's value, {@code null} exactly when {@code tagKey} is
 * @param latest only the last {@code latest} matching rows; 0 (the default) for all
 */
public record Query(Instant from, Instant until, String tagKey, String tagValue, int latest) {

    /** Every row. */
    public static final Query ALL = new Query(Instant.MIN, Instant.MAX, null, null, 0);

    /** Validates every component. */
    public Query {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if ((tagKey == null) != (tagValue == null)) {
            throw new IllegalArgumentException("tagKey and tagValue go together, were " + tagKey + " / " + tagValue);
        }
        if (latest < 0) {
            throw new IllegalArgumentException("latest must be >= 0, was " + latest);
        }
    }

    /** Rows with {@code from <= timestamp < until}. */
    public static Query between(Instant from, Instant until) {
        return ALL.withFrom(from).withUntil(until);
    }

    /** Rows tagged {@code key=value}. */
    public static Query tagged(String key, String value) {
        return ALL.withTag(key, value);
    }

    /** The last {@code n} rows. */
    public static Query latest(int n) {
        return ALL.withLatest(n);
    }

    /** A copy starting at {@code from}, inclusive. */
    public Query withFrom(Instant from) {
        return new Query(from, until, tagKey, tagValue, latest);
    }

    /** A copy ending before {@code until}. */
    public Query withUntil(Instant until) {
        return new Query(from, until, tagKey, tagValue, latest);
    }

    /** A copy keeping only rows tagged {@code key=value}. */
    public Query withTag(String key, String value) {
        return new Query(from, until, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"),
                latest);
    }

    /** A copy keeping only the last {@code n} matching rows (0 = all). */
    public Query withLatest(int n) {
        return new Query(from, until, tagKey, tagValue, n);
    }

    /** The tag filter as {@code key=value}, if any. */
    public Optional<String> tag() {
        return tagKey == null ? Optional.empty() : Optional.of(tagKey + "=" + tagValue);
    }
}

package org.jbec.bus.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Size and lifetime limits of a write (BEC's MAXLEN, LTRIM and EXPIRE arguments).
 *
 * @param maxLength   keep at most this many stream entries or list elements; 0 for no limit
 * @param approximate trim streams with {@code MAXLEN ~} (cheaper) instead of exactly
 * @param expire      set this time to live on the key; empty for none
 */
public record Limits(long maxLength, boolean approximate, Optional<Duration> expire) {

    public static final Limits NONE = new Limits(0, true, Optional.empty());

    public static Limits maxLength(long maxLength) {
        return new Limits(maxLength, true, Optional.empty());
    }

    public static Limits exactMaxLength(long maxLength) {
        return new Limits(maxLength, false, Optional.empty());
    }

    public static Limits expire(Duration expire) {
        return new Limits(0, true, Optional.of(expire));
    }

    public Limits withExpire(Duration ttl) {
        return new Limits(maxLength, approximate, Optional.of(ttl));
    }
}

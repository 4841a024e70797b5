package org.jbec.bus.api;

import java.util.Set;

/**
 * How an endpoint is used on Redis (BEC's {@code MessageOp}), with the connector methods each allows.
 */
public enum MessageOp {
    /** SET (optionally with EX) and PUBLISH the same bytes in one MULTI. */
    SET_PUBLISH(Set.of("register", "set_and_publish", "delete", "get", "keys")),
    /** PUBLISH only; nothing stored. */
    SEND(Set.of("send", "register")),
    /** A stream with one field {@code data} per entry. */
    STREAM(Set.of("xadd", "xrange", "xread", "register_stream", "keys", "get_last", "delete")),
    LIST(Set.of("llen", "lpush", "lrange", "lrem", "rpush", "ltrim", "keys", "delete", "blocking_list_pop")),
    KEY_VALUE(Set.of("set", "get", "delete", "keys")),
    SET(Set.of("remove_from_set", "get_set_members", "delete"));

    private final Set<String> methods;

    MessageOp(Set<String> methods) {
        this.methods = methods;
    }

    /** The connector methods this operation class allows (BEC's names). */
    public Set<String> methods() {
        return methods;
    }
}

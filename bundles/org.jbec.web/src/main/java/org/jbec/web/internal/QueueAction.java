package org.jbec.web.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A queue modification asked for by the page: {@code action=<action>&queue=<name>} (form encoded).
 * Only the actions the page offers are accepted; anything else is refused with a message saying why.
 */
record QueueAction(String action, String queue) {

    /** Actions the page's buttons send (BEC's names). */
    static final List<String> ACTIONS = List.of("pause", "deferred_pause", "continue", "abort", "halt");
    /** Largest request body read; a form with an action and a queue name is far smaller. */
    static final int MAX_BODY_BYTES = 1024;
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A request the page can be told about (HTTP 400 with {@link #getMessage()}). */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Parses a form body. @throws BadRequest naming what is wrong */
    static QueueAction parse(String body) throws BadRequest {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (fields.put(key, value) != null) {
                throw new BadRequest("field '" + key + "' given twice");
            }
        }
        String action = fields.get("action");
        if (action == null || action.isEmpty()) {
            throw new BadRequest("missing field 'action' (one of " + String.join(", ", ACTIONS) + ")");
        }
        if (!ACTIONS.contains(action)) {
            throw new BadRequest("unknown action '" + BusValues.clip(action.length() > 40 ? action.substring(0, 40) : action)
                    + "' (one of " + String.join(", ", ACTIONS) + ")");
        }
        String queue = fields.getOrDefault("queue", "primary");
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw new BadRequest("queue name must be 1 to 64 letters, digits or _.-");
        }
        return new QueueAction(action, queue);
    }

    private static String decode(String s) throws BadRequest {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("body is not form encoded: " + e.getMessage());
        }
    }
}

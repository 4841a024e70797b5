package org.jbec.web.internal;

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
        Map<String, String> fields = FormBody.fields(body);
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
}

package org.jbec.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

/** The page's small form-encoded request bodies, read with a hard size limit. */
final class FormBody {

    /** Far more than the page's forms; anything larger is refused unread. */
    static final int MAX_BYTES = 1024;

    private FormBody() {
    }

    /** The body, at most {@link #MAX_BYTES}, whatever Content-Length claims. */
    static String read(HttpServletRequest request) throws IOException, QueueAction.BadRequest {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new QueueAction.BadRequest("request body over " + MAX_BYTES + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new QueueAction.BadRequest("request body over " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Its fields. @throws QueueAction.BadRequest for a field given twice or bad encoding */
    static Map<String, String> fields(String body) throws QueueAction.BadRequest {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (fields.put(key, value) != null) {
                throw new QueueAction.BadRequest("field '" + key + "' given twice");
            }
        }
        return fields;
    }

    private static String decode(String s) throws QueueAction.BadRequest {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new QueueAction.BadRequest("body is not form encoded: " + e.getMessage());
        }
    }
}
